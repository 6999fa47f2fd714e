/**
 * Stands in for `@rjsf/validator-ajv8`, which `@rjsf/core` imports only for its test registry: Ajv generates
 * code at run time, which the page's CSP forbids. The app's validator is `json-validator.ts`.
 */
import { jsonValidator } from './json-validator.js';

export function customizeValidator() {
  return jsonValidator;
}
export default jsonValidator;
