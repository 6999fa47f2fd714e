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

/**
 * Execution durations are kept as histograms of fixed log-scale bins (`analytics_execution_rollups`): bin 0
 * holds durations under 1 ms, bin k >= 1 those in [R^(k-1), R^k) ms with R = DURATION_BIN_RATIO. A bin stands
 * for R^(k-1/2) (0 for bin 0): within a factor sqrt(R) of every duration in it, so a percentile read from the
 * bins is within DURATION_ERROR (relative) of the exact one (see `binPercentile`).
 */
export const DURATION_BIN_RATIO = 1.04;
/** sqrt(DURATION_BIN_RATIO) - 1: the largest relative error of a percentile read from the bins (about 2 %). */
export const DURATION_ERROR = Math.sqrt(DURATION_BIN_RATIO) - 1;

/** The bin of a duration in ms (SQL expression over `d`, a float8 of milliseconds). */
export function durationBin(d: string): string {
  return `(CASE WHEN ${d} < 1 THEN 0 ELSE floor(ln(${d}) / ln(${DURATION_BIN_RATIO}))::int + 1 END)`;
}

/** The duration (ms) a bin stands for. */
export function binValue(bin: number): number {
  return bin <= 0 ? 0 : DURATION_BIN_RATIO ** (bin - 0.5);
}

/**
 * The `q` percentile with linear interpolation between the two durations around rank q(n - 1), as
 * percentile_cont, each read as the value of its bin (`lo`, `hi`: the bins of those two durations). Each is
 * within DURATION_ERROR of the duration it stands for, so the result is within DURATION_ERROR of the exact
 * percentile (durations under 1 ms count as 0).
 */
export function binPercentile(q: number, n: number, lo: number | null, hi: number | null): number | null {
  if (n <= 0 || lo === null || hi === null) return null;
  const h = q * (n - 1);
  const a = binValue(lo);
  return a + (h - Math.floor(h)) * (binValue(hi) - a);
}

/** Two parallel arrays (bins ascending, counts) summing the histograms `bins`/`counts` of two rows. */
export function mergeHistograms(a: string, b: string): { bins: string; counts: string } {
  const pairs = `unnest(${a}.duration_bins || ${b}.duration_bins, ${a}.duration_counts || ${b}.duration_counts)`;
  const merged = `(SELECT k, sum(n)::int AS n FROM ${pairs} AS t(k, n) GROUP BY k)`;
  return {
    bins: `(SELECT coalesce(array_agg(k ORDER BY k), '{}') FROM ${merged} m)`,
    counts: `(SELECT coalesce(array_agg(n ORDER BY k), '{}') FROM ${merged} m)`,
  };
}

/** The scope of a query on workflow_executions `e`. */
export function scope(p: Params, q: { workspaceId?: string; workflowId?: string }, alias = 'e'): string {
  let where = `${alias}.parent_execution_id IS NULL`;
  if (q.workspaceId !== undefined) where += ` AND ${alias}.workspace_id = ${p.add(q.workspaceId, 'text')}`;
  if (q.workflowId !== undefined) where += ` AND ${alias}.workflow_id = ${p.add(q.workflowId, 'text')}`;
  return where;
}
