import type { ErrorCode, Issue } from '@agentflow/protocol';
import { type Schema, Validator } from '@cfworker/json-schema';

export type JsonSchemaCheck = (value: unknown) => Issue[];

/**
 * Compiles a JSON Schema (draft 2020-12) into a checker returning every problem with its path. Interpretive
 * (no code generation), so user- and LLM-written schemas are safe to use.
 */
export function compileJsonSchema(schema: Record<string, unknown>, code: ErrorCode): JsonSchemaCheck {
  const validator = new Validator(schema as Schema, '2020-12', false);
  return (value) => {
    const result = validator.validate(value as never);
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

/** Checks that a value is a usable JSON Schema object (compiles it). Returns an error message or undefined. */
export function jsonSchemaProblem(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    return 'must be a JSON Schema object';
  try {
    new Validator(schema as Schema, '2020-12');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
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
