/**
 * Execution statistics of the operations read models (`executionStats`): per bucket and in total, counts by
 * status, cost and duration percentiles. Buckets under an hour read the window's executions raw with exact
 * `percentile_cont`; buckets of whole hours read the hourly execution rollups plus the executions they do not
 * hold, with percentiles from duration histograms (within DURATION_ERROR, analytics-sql.ts).
 */
import {
  type AnalyticsQuery,
  type AnalyticsRange,
  analyticsRange,
  type ExecutionBucket,
  type ExecutionStats,
} from '@agentflow/protocol';
import { binPercentile, durationBin, HOUR, Params, scope } from './analytics-sql.js';
import { TERMINAL_SQL as TERMINAL } from './db.js';
import type { RawDb } from './raw.js';

/** `OperationsStore.executionStats`: raw buckets under an hour, the hourly rollups for buckets of whole hours. */
export async function executionStats(
  db: RawDb,
  fold: () => Promise<void>,
  query: AnalyticsQuery,
): Promise<ExecutionStats> {
  const range = analyticsRange(query);
  const rows =
    range.bucketMs % HOUR === 0 ? await rolledUp(db, fold, query, range) : await rawBuckets(db, query, range);
  const n = Math.ceil((range.to - range.from) / range.bucketMs);
  const buckets: ExecutionBucket[] = Array.from({ length: n }, (_, i) => ({
    start: range.from + i * range.bucketMs,
    ...emptyBucket(),
  }));
  let totals = emptyBucket();
  for (const r of rows) {
    const b = toBucket(r);
    if (r.b === null) totals = b;
    else if (buckets[r.b]) Object.assign(buckets[r.b]!, b);
  }
  const finished = totals.succeeded + totals.failed + totals.cancelled;
  return {
    from: range.from,
    to: range.to,
    bucketMs: range.bucketMs,
    buckets,
    totals: { ...totals, successRate: finished === 0 ? null : totals.succeeded / finished },
  };
}

/** Per bucket and in total, every execution of the window read raw (buckets under an hour). */
function rawBuckets(db: RawDb, query: AnalyticsQuery, range: AnalyticsRange): Promise<BucketRow[]> {
  const p = new Params();
  const from = p.add(range.from, 'float8');
  const bucket = p.add(range.bucketMs, 'float8');
  return db.query<BucketRow>(
    `WITH x AS (
      SELECT floor((date_part('epoch', e.created_at) * 1000 - ${from}) / ${bucket})::int AS b,
        e.status, e.cost_usd,
        CASE WHEN e.status IN ${TERMINAL} THEN date_part('epoch', e.completed_at - e.started_at) * 1000 END AS d
      FROM workflow_executions e
      WHERE ${scope(p, query)} AND e.created_at >= to_timestamp(${from} / 1000)
        AND e.created_at < ${p.ts(range.to)}
    )
    SELECT b, count(*)::int AS total, (count(*) FILTER (WHERE status = 'succeeded'))::int AS succeeded,
      (count(*) FILTER (WHERE status = 'failed'))::int AS failed,
      (count(*) FILTER (WHERE status = 'cancelled'))::int AS cancelled,
      (count(*) FILTER (WHERE status NOT IN ${TERMINAL}))::int AS active,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY d) AS p95, coalesce(sum(cost_usd), 0)::float8 AS cost
    FROM x GROUP BY GROUPING SETS ((b), ())`,
    p.values,
  );
}

/**
 * Buckets of whole hours: the hourly execution rollups for the hours they cover, the executions they do not
 * hold read raw (the partial hours at either end, those still going or ended after the watermark), one
 * statement. Percentiles are read from duration histograms (the rollups' bins, and the raw durations' bins):
 * within DURATION_ERROR (about 2 %) of the exact ones, whatever the number of executions (analytics-sql.ts).
 */
async function rolledUp(
  db: RawDb,
  fold: () => Promise<void>,
  query: AnalyticsQuery,
  range: AnalyticsRange,
): Promise<BucketRow[]> {
  await fold();
  const hourFrom = Math.ceil(range.from / HOUR) * HOUR;
  const hourTo = Math.max(hourFrom, Math.floor(range.to / HOUR) * HOUR);
  const p = new Params();
  const fromMs = p.add(range.from, 'float8');
  const bucket = p.add(range.bucketMs, 'float8');
  const from = p.ts(range.from);
  const to = p.ts(range.to);
  const hf = p.ts(hourFrom);
  const ht = p.ts(hourTo);
  let rollupWhere = `r.hour >= ${hf} AND r.hour < ${ht}`;
  if (query.workspaceId !== undefined)
    rollupWhere += ` AND r.workspace_id = ${p.add(query.workspaceId, 'text')}`;
  // One workflow's rows, or the whole workspace's ('' rows, which hold every workflow's executions).
  rollupWhere += ` AND r.workflow_id = ${p.add(query.workflowId ?? '', 'text')}`;
  const cols = `e.created_at, e.status, e.cost_usd,
        CASE WHEN e.status IN ${TERMINAL} THEN date_part('epoch', e.completed_at - e.started_at) * 1000 END AS d`;
  return db.query<BucketRow>(
    `WITH st AS (SELECT coalesce((SELECT folded_until FROM analytics_state WHERE id = 1), '-infinity') AS w),
    rx AS (
      SELECT ${cols} FROM workflow_executions e
      WHERE ${scope(p, query)} AND e.created_at >= ${from} AND e.created_at < ${hf}
      UNION ALL
      SELECT ${cols} FROM workflow_executions e
      WHERE ${scope(p, query)} AND e.created_at >= ${ht} AND e.created_at < ${to} AND e.created_at >= ${hf}
      UNION ALL
      SELECT ${cols} FROM workflow_executions e
      WHERE ${scope(p, query)} AND e.status IN ('queued', 'running', 'paused')
        AND e.created_at >= ${hf} AND e.created_at < ${ht} AND e.created_at < ${to}
      UNION ALL
      SELECT ${cols} FROM workflow_executions e, st
      WHERE ${scope(p, query)} AND e.status IN ${TERMINAL} AND e.completed_at > st.w
        AND e.created_at >= ${hf} AND e.created_at < ${ht} AND e.created_at < ${to}
    ),
    units AS (
      SELECT floor((date_part('epoch', created_at) * 1000 - ${fromMs}) / ${bucket})::int AS b, 1 AS total,
        (status = 'succeeded')::int AS succeeded, (status = 'failed')::int AS failed,
        (status = 'cancelled')::int AS cancelled, (status NOT IN ${TERMINAL})::int AS active, cost_usd,
        CASE WHEN d IS NULL THEN '{}'::int[] ELSE ARRAY[${durationBin('d')}] END AS bins,
        CASE WHEN d IS NULL THEN '{}'::int[] ELSE ARRAY[1] END AS counts
      FROM rx
      UNION ALL
      SELECT floor((date_part('epoch', r.hour) * 1000 - ${fromMs}) / ${bucket})::int, r.total, r.succeeded,
        r.failed, r.cancelled, 0, r.cost_usd, r.duration_bins, r.duration_counts
      FROM analytics_execution_rollups r, st
      WHERE ${rollupWhere}
    ),
    counts AS (
      SELECT b, coalesce(sum(total), 0)::int AS total, coalesce(sum(succeeded), 0)::int AS succeeded,
        coalesce(sum(failed), 0)::int AS failed, coalesce(sum(cancelled), 0)::int AS cancelled,
        coalesce(sum(active), 0)::int AS active, coalesce(sum(cost_usd), 0)::float8 AS cost
      FROM units GROUP BY GROUPING SETS ((b), ())
    ),
    hist AS (
      SELECT b, k, sum(n)::float8 AS n FROM units, unnest(bins, counts) AS h(k, n)
      GROUP BY GROUPING SETS ((b, k), (k))
    ),
    cum AS (
      SELECT b, k, sum(n) OVER (PARTITION BY b ORDER BY k) AS c, sum(n) OVER (PARTITION BY b) AS t FROM hist
    ),
    -- Per bucket, the bins of the durations around ranks 0.5(t - 1) and 0.95(t - 1) (0-based).
    pcts AS (
      SELECT b, max(t) AS t,
        min(k) FILTER (WHERE c > floor(0.5 * (t - 1))) AS p50lo, min(k) FILTER (WHERE c > ceil(0.5 * (t - 1))) AS p50hi,
        min(k) FILTER (WHERE c > floor(0.95 * (t - 1))) AS p95lo,
        min(k) FILTER (WHERE c > ceil(0.95 * (t - 1))) AS p95hi
      FROM cum GROUP BY b
    )
    SELECT c.b, c.total, c.succeeded, c.failed, c.cancelled, c.active, c.cost, p.t AS ended, p.p50lo, p.p50hi,
      p.p95lo, p.p95hi
    FROM counts c LEFT JOIN pcts p ON p.b IS NOT DISTINCT FROM c.b`,
    p.values,
  );
}

interface BucketRow {
  b: number | null;
  total: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  active: number;
  /** Exact percentiles (raw buckets). */
  p50?: number | null;
  p95?: number | null;
  cost: number;
  /** Histogram percentiles (rolled-up buckets): the ended executions, and the bins around each rank. */
  ended?: number | null;
  p50lo?: number | null;
  p50hi?: number | null;
  p95lo?: number | null;
  p95hi?: number | null;
}

function emptyBucket(): Omit<ExecutionBucket, 'start'> {
  return {
    total: 0,
    succeeded: 0,
    failed: 0,
    cancelled: 0,
    active: 0,
    p50DurationMs: null,
    p95DurationMs: null,
    costUsd: 0,
  };
}

function toBucket(r: BucketRow): Omit<ExecutionBucket, 'start'> {
  const fromBins = r.ended !== undefined;
  const ended = Number(r.ended ?? 0);
  const exact = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return {
    total: r.total,
    succeeded: r.succeeded,
    failed: r.failed,
    cancelled: r.cancelled,
    active: r.active,
    p50DurationMs: fromBins ? binPercentile(0.5, ended, r.p50lo ?? null, r.p50hi ?? null) : exact(r.p50),
    p95DurationMs: fromBins ? binPercentile(0.95, ended, r.p95lo ?? null, r.p95hi ?? null) : exact(r.p95),
    costUsd: Number(r.cost),
  };
}
