/**
 * The operations read models on SQL (`OperationsStore`): monitoring aggregates, cost, approvals inbox. The same
 * definitions as core's reference implementation (`createStoreOperations`), computed in the database:
 *
 * - executions: buckets under an hour read the window's executions (`idx_executions_analytics`), the buckets and
 *   the totals in one GROUP BY GROUPING SETS, exact percentiles with `percentile_cont`; buckets of an hour or more
 *   read the hourly execution rollups (one row per workflow and one for the whole workspace), whose durations are
 *   histograms: percentiles within DURATION_ERROR (about 2 %, analytics-sql.ts) of the exact ones;
 * - steps: hourly and daily (UTC) rollups (`analytics_agent_rollups`/`_daily`, `analytics_model_rollups`/`_daily`,
 *   by the hour and day of the execution's creation) of ended executions (whole days of a window read the daily
 *   rows, the hours around them the hourly ones), folded in lazily (`fold`, at most every `foldEveryMs` before a query) up to
 *   `analytics_state.folded_until` (the database's now minus `FOLD_MARGIN_MS`, so that a commit still in flight is
 *   not passed over), plus the raw steps of what the rollups do not cover: executions created in the partial
 *   hours at either end of the window, and executions not folded yet (still running, or ended after the
 *   watermark). The query reads the watermark, the rollups and the raw rows in one statement (one snapshot).
 *   Known limit: an execution whose completion is committed more than FOLD_MARGIN_MS after its `completed_at`
 *   (a clock far off between processes) is missed by both. Pruned executions stay in the rollups.
 */
import type { OperationsStore, Page } from '@agentflow/core';
import {
  type AgentStat,
  type AnalyticsQuery,
  type AnalyticsRange,
  analyticsRange,
  type CostQuery,
  type CostSummary,
  costPeriods,
  type ExecutionBucket,
  type ExecutionStats,
  type ListWaitingQuery,
  type ModelStat,
  type StepStats,
  type WaitingNode,
} from '@agentflow/protocol';
import { foldAnalytics } from './analytics-fold.js';
import { binPercentile, callSum, calls, DAY, durationBin, HOUR, Params, usageSum } from './analytics-sql.js';
import { TERMINAL_SQL } from './db.js';
import { createExecutionReads } from './execution-reads.js';
import { decodeJson } from './json.js';
import type { RawDb } from './raw.js';
import { EXECUTION_COLUMNS, type ExecutionRow, toExecution } from './records.js';

const TERMINAL = TERMINAL_SQL;

export { FOLD_MARGIN_MS } from './analytics-fold.js';

export interface OperationsRepository extends OperationsStore {
  /**
   * Folds the steps of executions ended since the last fold (up to `until`, default the database's now minus
   * FOLD_MARGIN_MS) into the hourly rollups. Runs before step queries by itself; exposed for tests and benches.
   */
  foldAnalytics(until?: number): Promise<void>;
}

export function createOperationsRepository(
  db: RawDb,
  options: { foldEveryMs?: number } = {},
): OperationsRepository {
  const foldEveryMs = options.foldEveryMs ?? 10_000;
  let lastFold = 0;
  let folding: Promise<void> | undefined;

  const foldNow = (until?: number) => foldAnalytics(db, until);

  /** Folds unless done lately; concurrent callers share one fold. */
  async function maybeFold(): Promise<void> {
    if (Date.now() - lastFold < foldEveryMs) return;
    folding ??= foldNow().finally(() => {
      lastFold = Date.now();
      folding = undefined;
    });
    await folding;
  }

  /** The scope of a query on workflow_executions `e`. */
  function scope(p: Params, q: { workspaceId?: string; workflowId?: string }, alias = 'e'): string {
    let where = `${alias}.parent_execution_id IS NULL`;
    if (q.workspaceId !== undefined) where += ` AND ${alias}.workspace_id = ${p.add(q.workspaceId, 'text')}`;
    if (q.workflowId !== undefined) where += ` AND ${alias}.workflow_id = ${p.add(q.workflowId, 'text')}`;
    return where;
  }

  /** Per bucket and in total, every execution of the window read raw (buckets under an hour). */
  function rawBuckets(query: AnalyticsQuery, range: AnalyticsRange): Promise<BucketRow[]> {
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
  async function rolledUp(query: AnalyticsQuery, range: AnalyticsRange): Promise<BucketRow[]> {
    await maybeFold();
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

  return {
    ...createExecutionReads(db),
    foldAnalytics: foldNow,

    async executionStats(query: AnalyticsQuery): Promise<ExecutionStats> {
      const range = analyticsRange(query);
      const rows =
        range.bucketMs % HOUR === 0 ? await rolledUp(query, range) : await rawBuckets(query, range);
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
    },
    async stepStats(query: AnalyticsQuery): Promise<StepStats> {
      await maybeFold();
      const range = analyticsRange(query);
      const hourFrom = Math.ceil(range.from / HOUR) * HOUR;
      const hourTo = Math.max(hourFrom, Math.floor(range.to / HOUR) * HOUR);
      // Whole UTC days inside [hourFrom, hourTo) come from the daily rows, the hours around them from the hourly.
      let dayFrom = Math.ceil(hourFrom / DAY) * DAY;
      let dayTo = Math.floor(hourTo / DAY) * DAY;
      if (dayFrom >= dayTo) dayFrom = dayTo = hourTo;
      const p = new Params();
      const from = p.ts(range.from);
      const to = p.ts(range.to);
      const hf = p.ts(hourFrom);
      const ht = p.ts(hourTo);
      const df = p.ts(dayFrom);
      const dt = p.ts(dayTo);
      const rollupScope = (alias: string, daily = false) => {
        let where = daily
          ? `${alias}.day >= ${df} AND ${alias}.day < ${dt}`
          : `((${alias}.hour >= ${hf} AND ${alias}.hour < ${df}) OR (${alias}.hour >= ${dt} AND ${alias}.hour < ${ht}))`;
        if (query.workspaceId !== undefined)
          where += ` AND ${alias}.workspace_id = ${p.add(query.workspaceId, 'text')}`;
        if (query.workflowId !== undefined)
          where += ` AND ${alias}.workflow_id = ${p.add(query.workflowId, 'text')}`;
        return where;
      };
      const rows = await db.query<StepStatRow>(
        `WITH st AS (SELECT coalesce((SELECT folded_until FROM analytics_state WHERE id = 1), '-infinity') AS w),
        rx AS MATERIALIZED (
          -- What the rollups do not hold, in four index range scans: the partial hours at either end of the
          -- window, and in between the executions still going (idx_executions_status) or ended after the
          -- watermark (idx_executions_completed).
          SELECT e.id, e.workflow_id FROM workflow_executions e
          WHERE ${scope(p, query)} AND e.created_at >= ${from} AND e.created_at < ${hf}
          UNION ALL
          SELECT e.id, e.workflow_id FROM workflow_executions e
          WHERE ${scope(p, query)} AND e.created_at >= ${ht} AND e.created_at < ${to} AND e.created_at >= ${hf}
          UNION ALL
          SELECT e.id, e.workflow_id FROM workflow_executions e
          WHERE ${scope(p, query)} AND e.status IN ('queued', 'running', 'paused')
            AND e.created_at >= ${hf} AND e.created_at < ${ht} AND e.created_at < ${to}
          UNION ALL
          SELECT e.id, e.workflow_id FROM workflow_executions e, st
          WHERE ${scope(p, query)} AND e.status IN ${TERMINAL} AND e.completed_at > st.w
            AND e.created_at >= ${hf} AND e.created_at < ${ht} AND e.created_at < ${to}
        ),
        rs AS (
          -- Per execution, its steps by primary key (OFFSET 0 keeps the planner from turning this into a hash join
          -- that reads every step).
          SELECT rx.workflow_id, s.agent_id, s.status, s.usage, s.model_calls
          FROM rx CROSS JOIN LATERAL (
            SELECT agent_id, status, usage, model_calls FROM execution_steps
            WHERE execution_id = rx.id AND reused_from IS NULL
            OFFSET 0
          ) s
        ),
        agents AS (
          SELECT workflow_id, agent_id, sum(steps)::float8 AS steps, sum(failed)::float8 AS failed,
            sum(input_tokens)::float8 AS input_tokens, sum(output_tokens)::float8 AS output_tokens,
            sum(cost_usd)::float8 AS cost_usd
          FROM (
            SELECT workflow_id, agent_id, count(*) AS steps, count(*) FILTER (WHERE status = 'failed') AS failed,
              ${usageSum('inputTokens')} AS input_tokens, ${usageSum('outputTokens')} AS output_tokens,
              ${usageSum('costUsd')} AS cost_usd
            FROM rs WHERE status IN ('succeeded', 'failed') GROUP BY 1, 2
            UNION ALL
            SELECT a.workflow_id, a.agent_id, a.steps, a.failed, a.input_tokens, a.output_tokens, a.cost_usd
            FROM analytics_agent_rollups a WHERE ${rollupScope('a')}
            UNION ALL
            SELECT a.workflow_id, a.agent_id, a.steps, a.failed, a.input_tokens, a.output_tokens, a.cost_usd
            FROM analytics_agent_daily a WHERE ${rollupScope('a', true)}
          ) u GROUP BY 1, 2
        ),
        models AS (
          SELECT workflow_id, provider, model, sum(calls)::float8 AS calls, sum(errors)::float8 AS errors,
            sum(input_tokens)::float8 AS input_tokens, sum(output_tokens)::float8 AS output_tokens,
            sum(cost_usd)::float8 AS cost_usd
          FROM (
            SELECT rs.workflow_id, c->>'provider' AS provider, c->>'model' AS model, count(*) AS calls,
              count(*) FILTER (WHERE c->>'status' = 'error') AS errors, ${callSum('inputTokens')} AS input_tokens,
              ${callSum('outputTokens')} AS output_tokens, ${callSum('costUsd')} AS cost_usd
            FROM rs, jsonb_array_elements(${calls('rs.model_calls')}) AS c GROUP BY 1, 2, 3
            UNION ALL
            SELECT m.workflow_id, m.provider, m.model, m.calls, m.errors, m.input_tokens, m.output_tokens,
              m.cost_usd
            FROM analytics_model_rollups m WHERE ${rollupScope('m')}
            UNION ALL
            SELECT m.workflow_id, m.provider, m.model, m.calls, m.errors, m.input_tokens, m.output_tokens,
              m.cost_usd
            FROM analytics_model_daily m WHERE ${rollupScope('m', true)}
          ) u GROUP BY 1, 2, 3
        )
        SELECT 'a' AS kind, workflow_id, agent_id, NULL AS provider, NULL AS model, steps AS n, failed AS bad,
          input_tokens, output_tokens, cost_usd FROM agents
        UNION ALL
        SELECT 'm', workflow_id, NULL, provider, model, calls, errors, input_tokens, output_tokens, cost_usd
        FROM models`,
        p.values,
      );
      const agents: AgentStat[] = [];
      const models: ModelStat[] = [];
      for (const r of rows) {
        const usage = { inputTokens: r.input_tokens, outputTokens: r.output_tokens, costUsd: r.cost_usd };
        if (r.kind === 'a') {
          agents.push({
            workflowId: r.workflow_id,
            agentId: r.agent_id!,
            steps: r.n,
            failed: r.bad,
            errorRate: r.n === 0 ? 0 : r.bad / r.n,
            ...usage,
          });
        } else {
          models.push({
            provider: r.provider ?? '',
            model: r.model ?? '',
            workflowId: r.workflow_id,
            calls: r.n,
            errors: r.bad,
            ...usage,
          });
        }
      }
      agents.sort(byKey((a) => `${a.workflowId}\u0000${a.agentId}`));
      models.sort(byKey((m) => `${m.provider}\u0000${m.model}\u0000${m.workflowId}`));
      return { from: range.from, to: range.to, agents, models };
    },

    async costSummary(query: CostQuery): Promise<CostSummary> {
      const now = query.now ?? Date.now();
      const { dayStart, monthStart } = costPeriods(now, query.utcOffsetMinutes);
      const p = new Params();
      const day = p.ts(dayStart);
      const month = p.ts(monthStart);
      const rows = await db.query<CostRow>(
        `SELECT e.workflow_id, coalesce(sum(e.cost_usd) FILTER (WHERE e.created_at >= ${day}), 0)::float8 AS today,
          coalesce(sum(e.cost_usd) FILTER (WHERE e.created_at >= ${month}), 0)::float8 AS month,
          (count(*) FILTER (WHERE e.created_at >= ${month}))::int AS n
        FROM workflow_executions e
        WHERE ${scope(p, query)} AND e.created_at >= least(${day}, ${month}) AND e.created_at < ${p.ts(now)}
        GROUP BY e.workflow_id`,
        p.values,
      );
      let todayUsd = 0;
      let monthUsd = 0;
      const workflows = [];
      for (const r of rows) {
        todayUsd += r.today;
        monthUsd += r.month;
        if (r.n > 0)
          workflows.push({
            workflowId: r.workflow_id,
            todayUsd: r.today,
            monthUsd: r.month,
            monthExecutions: r.n,
          });
      }
      workflows.sort((a, b) => b.monthUsd - a.monthUsd || (a.workflowId < b.workflowId ? -1 : 1));
      return { currency: 'USD', dayStart, monthStart, todayUsd, monthUsd, workflows };
    },

    async listWaiting(query: ListWaitingQuery): Promise<Page<WaitingNode>> {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      const p = new Params();
      const where = `${scope(p, query)} AND e.status NOT IN ${TERMINAL} AND e.waiting <> '[]'::jsonb`;
      let after = '';
      if (query.cursor !== undefined) {
        const at = decodeCursor(query.cursor);
        if (!at) return { items: [] };
        after = `WHERE (s.completed_at, s.step_id) > (${p.ts(at[0])}, ${p.add(at[1], 'text')})`;
      }
      const rows = await db.query<WaitingRow>(
        `WITH ex AS (SELECT ${EXECUTION_COLUMNS} FROM workflow_executions e WHERE ${where})
        SELECT ex.*, w.agent_id AS waiting_agent, s.step_id AS waiting_step,
          (extract(epoch from s.completed_at) * 1000)::float8 AS waiting_since, s.output::text AS waiting_state
        FROM ex
        CROSS JOIN LATERAL jsonb_array_elements_text(ex.waiting::jsonb) AS w(agent_id)
        JOIN LATERAL (
          SELECT step_id, completed_at, output FROM execution_steps
          WHERE execution_id = ex.id AND agent_id = w.agent_id AND status = 'waiting'
          ORDER BY seq DESC LIMIT 1
        ) s ON true
        ${after}
        ORDER BY s.completed_at, s.step_id
        LIMIT ${p.add(limit + 1, 'int')}`,
        p.values,
      );
      const items = rows.slice(0, limit).map((r): WaitingNode => {
        const execution = toExecution(r);
        const item: WaitingNode = {
          executionId: execution.id,
          workflowId: execution.workflowId,
          workflowVersion: execution.workflowVersion,
          agentId: r.waiting_agent,
          stepId: r.waiting_step,
          waitingSince: r.waiting_since,
          execution,
        };
        const state = decodeJson(r.waiting_state);
        if (state !== undefined) item.state = state;
        return item;
      });
      const page: Page<WaitingNode> = { items };
      const last = items.at(-1);
      if (rows.length > limit && last) page.nextCursor = encodeCursor(last.waitingSince, last.stepId);
      return page;
    },
  };
}

function encodeCursor(at: number, stepId: string): string {
  return Buffer.from(JSON.stringify([at, stepId]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [number, string] | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {}
  return undefined;
}

function byKey<T>(key: (x: T) => string) {
  return (a: T, b: T) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
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

interface StepStatRow {
  kind: 'a' | 'm';
  workflow_id: string;
  agent_id: string | null;
  provider: string | null;
  model: string | null;
  n: number;
  bad: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

interface CostRow {
  workflow_id: string;
  today: number;
  month: number;
  n: number;
}

interface WaitingRow extends ExecutionRow {
  waiting_agent: string;
  waiting_step: string;
  waiting_since: number;
  waiting_state: string | null;
}
