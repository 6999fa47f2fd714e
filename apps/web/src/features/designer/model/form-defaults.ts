import { deepEquals, getDefaultFormState, type RJSFSchema } from '@rjsf/utils';
import { jsonValidator } from './json-validator.js';

/**
 * Whether a config form's data is only the node's config with its schema's defaults filled in. The form fills them
 * into what it shows when it opens and reports that as a change; it is not an edit (the workflow would read as
 * unsaved after merely selecting a node). The engine applies the same defaults when it runs, and the first real
 * edit stores them with it.
 */
export function onlyDefaultsFilled(
  data: Record<string, unknown>,
  schema: Record<string, unknown>,
  config: Record<string, unknown>,
): boolean {
  return deepEquals(data, getDefaultFormState(jsonValidator, schema as RJSFSchema, config));
}
