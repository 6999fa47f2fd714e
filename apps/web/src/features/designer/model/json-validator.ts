/**
 * The form library's validator on `@cfworker/json-schema` (draft 2020-12, no code generation: the page's CSP
 * forbids eval, which Ajv needs). Field errors come from the server's validation (`extraErrors`), so form-level
 * validation only answers `isValid` (used to pick oneOf/anyOf branches).
 */
import { Validator } from '@cfworker/json-schema';
import type { RJSFSchema, ValidatorType } from '@rjsf/utils';

const cache = new WeakMap<object, Validator>();

function validatorFor(schema: RJSFSchema): Validator {
  let v = cache.get(schema);
  if (!v) {
    v = new Validator(schema as never, '2020-12', false);
    cache.set(schema, v);
  }
  return v;
}

export const jsonValidator: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: (schema, formData) => {
    try {
      return validatorFor(schema).validate(formData).valid;
    } catch {
      return false;
    }
  },
  rawValidation: (schema, formData) => {
    const result = validatorFor(schema as RJSFSchema).validate(formData);
    return { errors: result.valid ? [] : (result.errors as never[]) };
  },
};
