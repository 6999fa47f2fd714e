import type { Issue } from '@agentflow/protocol';
import { type OutputUnit, Validator } from '@cfworker/json-schema';
import { withRe2RegExp } from '../expr/regex.js';
import { ownCopy } from '../nodes/json-schema.js';

/** Keywords whose errors only summarise errors found deeper in the value. */
const SUMMARY_KEYWORDS = new Set([
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'contains',
  'dependentSchemas',
  'dependencies',
  'propertyNames',
  '$ref',
  '$recursiveRef',
  'allOf',
]);

/** A compiled JSON Schema check that reports every problem with a JS-style path (`items[2].name`). */
export type SchemaCheck = (value: unknown) => Issue[];

/**
 * Builds a validator for a JSON Schema (draft 2020-12 unless the schema's `$schema` names draft 4, 7 or
 * 2019-09). Interprets the schema; never generates code; patterns run on RE2. Throws if the schema cannot be
 * dereferenced.
 */
export function compileSchema(schema: Record<string, unknown>): SchemaCheck {
  const validator = new Validator(ownCopy(schema), draftOf(schema), false);
  return (value) => {
    const result = withRe2RegExp(() => validator.validate(value));
    return result.valid ? [] : toIssues(result.errors, value);
  };
}

function draftOf(schema: Record<string, unknown>): '4' | '7' | '2019-09' | '2020-12' {
  const s = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (s.includes('draft-04')) return '4';
  if (s.includes('draft-07') || s.includes('draft-06')) return '7';
  if (s.includes('2019-09')) return '2019-09';
  return '2020-12';
}

function toIssues(errors: OutputUnit[], value: unknown): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const loc = e.instanceLocation;
    if (
      SUMMARY_KEYWORDS.has(e.keyword) &&
      errors.some((o) => o !== e && o.instanceLocation.startsWith(`${loc}/`))
    ) {
      continue;
    }
    const path = pointerToPath(loc, value);
    const message = e.keyword === 'false' ? 'is not allowed' : e.error;
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ code: 'AF_VALIDATION', path, message });
  }
  return issues;
}

/** `#/items/1/na%20me` -> `items[1]["na me"]`, using the value to tell array indexes from object keys. */
export function pointerToPath(pointer: string, value: unknown): string {
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (body === '' || body === '/') return '';
  let path = '';
  let cursor: unknown = value;
  for (const raw of body.slice(1).split('/')) {
    const key = safeDecode(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cursor) && /^\d+$/.test(key)) {
      path += `[${key}]`;
      cursor = cursor[Number(key)];
    } else {
      path += /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `.${key}` : key) : `[${JSON.stringify(key)}]`;
      cursor =
        typeof cursor === 'object' && cursor !== null ? (cursor as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
