/**
 * Unknown keys in a request are refused, not silently dropped: clients learn of a misspelt field or query
 * parameter at once. Every REST route's body and query-string objects are made strict when their validators are
 * compiled (objects declared loose, with a catchall, stay as declared), and a route without a query-string schema
 * takes no query parameters at all. Each unknown key is reported with its own path and `AF_VALIDATION`.
 */
import { z } from 'zod';

/** The schema with its top-level object strict (looking through `.optional()`). */
export function strictRequestSchema(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional) return strictRequestSchema(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodObject) {
    const catchall = schema.def.catchall;
    return catchall === undefined ? schema.strict() : schema;
  }
  return schema;
}

/** The query string of routes that declare none: no parameters. */
export const NO_QUERY = z.object({}).strict();

interface Problem {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  keys?: readonly string[];
}

/** One problem per unknown key, at its own path (Zod reports them together, at the object's path). */
export function expandUnknownKeys(problems: readonly Problem[]): Problem[] {
  return problems.flatMap((p) =>
    p.code === 'unrecognized_keys' && Array.isArray(p.keys)
      ? p.keys.map((key) => ({ path: [...p.path, key], message: 'unknown field' }))
      : [p],
  );
}
