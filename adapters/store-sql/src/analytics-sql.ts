/** SQL building blocks of the operations read models (analytics.ts) and their rollups (analytics-fold.ts). */
import type { Param } from './raw.js';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** SQL parameters with their casts. */
export class Params {
  readonly values: Param[] = [];
  add(value: Param, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
  ts(ms: number): string {
    return `to_timestamp(${this.add(ms, 'float8')} / 1000)`;
  }
}

/** Sum of a usage field of steps `usage` (jsonb), as float8. */
export function usageSum(field: string): string {
  return `coalesce(sum((usage ->> '${field}')::float8), 0)::float8`;
}

export function callSum(field: string): string {
  return `coalesce(sum((c ->> '${field}')::float8), 0)::float8`;
}

/** A steps' model calls as an array (an enveloped value, see json.ts, counts as none). */
export function calls(column: string): string {
  return `CASE WHEN jsonb_typeof(${column}) = 'array' THEN ${column} ELSE '[]'::jsonb END`;
}
