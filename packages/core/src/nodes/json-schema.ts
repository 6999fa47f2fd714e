import type { ErrorCode, Issue } from '@agentflow/protocol';
import { type Schema, Validator } from '@cfworker/json-schema';
import { re2Problem, withRe2RegExp } from '../expr/regex.js';
import type { CompileHelpers } from './define.js';

export type JsonSchemaCheck = (value: unknown) => Issue[];

/**
 * A copy of a schema for @cfworker/json-schema, which marks the objects it dereferences (`__absolute_uri__`):
 * the definition a schema comes from is never changed (and may be frozen, see `deepFreeze`).
 */
export function ownCopy(schema: object): Schema {
  return structuredClone(schema) as Schema;
}

/**
 * Compiles a JSON Schema (draft 2020-12) into a checker returning every problem with its path. Interpretive
 * (no code generation), so user- and LLM-written schemas are safe to use; `pattern`, `patternProperties` and
 * `format: "regex"` run on RE2 (linear time), never on the backtracking RegExp.
 */
export function compileJsonSchema(schema: Record<string, unknown>, code: ErrorCode): JsonSchemaCheck {
  const validator = new Validator(ownCopy(schema), '2020-12', false);
  return (value) => {
    const result = withRe2RegExp(() => validator.validate(value as never));
    if (result.valid) return [];
    const issues: Issue[] = [];
    const seen = new Set<string>();
    for (const e of result.errors) {
      // Keep the most specific messages: skip the summary lines cfworker adds for each enclosing keyword.
      if (
        e.keyword === 'properties' ||
        e.keyword === 'items' ||
        e.keyword === 'allOf' ||
        e.keyword === '$ref'
      )
        continue;
      const path = pointerToPath(e.instanceLocation);
      const key = `${path}\u0000${e.error}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push({ code, path, message: e.error });
    }
    if (issues.length === 0) issues.push({ code, path: '', message: 'value does not match the schema' });
    return issues;
  };
}

/**
 * Checks that a value is a usable JSON Schema: a structural check of the common keywords (types, sub-schemas,
 * `required`, patterns, numeric limits), then a probe that makes unresolvable `$ref`s surface now rather than at
 * run time. Returns a message for the first problem, or undefined.
 */
export function jsonSchemaProblem(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    return 'must be a JSON Schema object';
  const structural = checkSchema(schema, '', 0);
  if (structural) return structural;
  try {
    const validator = new Validator(ownCopy(schema), '2020-12');
    withRe2RegExp(() => {
      for (const probe of [null, {}, [], '', 0, true, { a: '' }, ['']]) validator.validate(probe as never);
    });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const SUBSCHEMA = [
  'additionalProperties',
  'items',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const COUNTS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'];

function checkSchema(schema: unknown, at: string, depth: number): string | undefined {
  if (typeof schema === 'boolean') return undefined;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    return `${at || 'schema'}: must be a schema object or boolean`;
  if (depth > 32) return `${at}: nested too deeply`;
  const s = schema as Record<string, unknown>;
  const where = (k: string) => (at ? `${at}.${k}` : k);
  if ('type' in s) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    for (const t of types)
      if (typeof t !== 'string' || !TYPES.has(t))
        return `${where('type')}: unknown type ${JSON.stringify(t)}`;
  }
  if ('required' in s && (!Array.isArray(s.required) || s.required.some((r) => typeof r !== 'string'))) {
    return `${where('required')}: must be a list of property names`;
  }
  if ('enum' in s && !Array.isArray(s.enum)) return `${where('enum')}: must be a list`;
  if ('$ref' in s && typeof s.$ref !== 'string') return `${where('$ref')}: must be a string`;
  if ('pattern' in s) {
    const problem = regexProblem(s.pattern);
    if (problem) return `${where('pattern')}: ${problem}`;
  }
  for (const k of COUNTS) {
    if (k in s && !(Number.isInteger(s[k]) && (s[k] as number) >= 0))
      return `${where(k)}: must be a non-negative integer`;
  }
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']) {
    if (k in s && typeof s[k] !== 'number') return `${where(k)}: must be a number`;
  }
  for (const k of SUBSCHEMA) {
    if (!(k in s)) continue;
    const v = s[k];
    const list = k === 'items' && Array.isArray(v) ? v : [v];
    for (const sub of list) {
      const problem = checkSchema(sub, where(k), depth + 1);
      if (problem) return problem;
    }
  }
  for (const k of SCHEMA_MAPS) {
    if (!(k in s)) continue;
    const v = s[k];
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return `${where(k)}: must be an object of schemas`;
    for (const [name, sub] of Object.entries(v)) {
      if (k === 'patternProperties') {
        const problem = regexProblem(name);
        if (problem) return `${where(k)}: ${problem}`;
      }
      const problem = checkSchema(sub, `${where(k)}.${name}`, depth + 1);
      if (problem) return problem;
    }
  }
  for (const k of SCHEMA_LISTS) {
    if (!(k in s)) continue;
    const v = s[k];
    if (!Array.isArray(v)) return `${where(k)}: must be a list of schemas`;
    for (let i = 0; i < v.length; i++) {
      const problem = checkSchema(v[i], `${where(k)}[${i}]`, depth + 1);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Patterns are evaluated by RE2: backreferences and lookaround are refused here, at validation. */
function regexProblem(pattern: unknown): string | undefined {
  return re2Problem(pattern);
}

function pointerToPath(pointer: string): string {
  const parts = pointer.replace(/^#\/?/, '').split('/').filter(Boolean);
  let out = '';
  for (const raw of parts) {
    const p = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(p)) out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out;
}

/**
 * For a node config's optional `schema` field: reports an unusable schema at `schema` and returns its checker
 * (issues coded `code`), or undefined when there is no schema.
 */
export function compileSchemaOption(
  schema: Record<string, unknown> | undefined,
  h: CompileHelpers,
  code: ErrorCode,
): JsonSchemaCheck | undefined {
  if (!schema) return undefined;
  const problem = jsonSchemaProblem(schema);
  if (problem) {
    h.issue('schema', problem);
    return undefined;
  }
  return compileJsonSchema(schema, code);
}
