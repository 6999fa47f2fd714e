/**
 * Folding ended executions into the analytics rollups (see analytics.ts): the executions ended since the
 * watermark `analytics_state.folded_until`, into the hourly and daily rollups of executions, agents and models,
 * and the watermark moved, in one statement.
 */

import { callSum, calls, durationBin, mergeHistograms, Params, usageSum } from './analytics-sql.js';
import { TERMINAL_SQL as TERMINAL } from './db.js';
import type { RawDb } from './raw.js';

/** Executions that ended less than this long ago (database time) are read raw, not folded. */
export const FOLD_MARGIN_MS = 60_000;

/** Per agent: steps, failures, tokens and cost of the steps `ss`, added to `table` by `period` (hour or day). */
function agentRollup(table: string, period: 'hour' | 'day'): string {
  return `
        INSERT INTO ${table} AS r
          (workspace_id, ${period}, workflow_id, agent_id, steps, failed, input_tokens, output_tokens, cost_usd)
        SELECT ws, ${period}, workflow_id, agent_id, count(*), count(*) FILTER (WHERE status = 'failed'),
          ${usageSum('inputTokens')}, ${usageSum('outputTokens')}, ${usageSum('costUsd')}
        FROM ss WHERE status IN ('succeeded', 'failed')
        GROUP BY 1, 2, 3, 4
        ON CONFLICT (workspace_id, ${period}, workflow_id, agent_id) DO UPDATE SET
          steps = r.steps + excluded.steps, failed = r.failed + excluded.failed,
          input_tokens = r.input_tokens + excluded.input_tokens,
          output_tokens = r.output_tokens + excluded.output_tokens, cost_usd = r.cost_usd + excluded.cost_usd
      `;
}

/** Per provider and model: calls, errors, tokens and cost of the steps' model calls, added to `table`. */
function modelRollup(table: string, period: 'hour' | 'day'): string {
  return `
        INSERT INTO ${table} AS r
          (workspace_id, ${period}, workflow_id, provider, model, calls, errors, input_tokens, output_tokens, cost_usd)
        SELECT ss.ws, ss.${period}, ss.workflow_id, c->>'provider', c->>'model', count(*),
          count(*) FILTER (WHERE c->>'status' = 'error'), ${callSum('inputTokens')}, ${callSum('outputTokens')},
          ${callSum('costUsd')}
        FROM ss, jsonb_array_elements(${calls('ss.model_calls')}) AS c
        GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT (workspace_id, ${period}, workflow_id, provider, model) DO UPDATE SET
          calls = r.calls + excluded.calls, errors = r.errors + excluded.errors,
          input_tokens = r.input_tokens + excluded.input_tokens,
          output_tokens = r.output_tokens + excluded.output_tokens, cost_usd = r.cost_usd + excluded.cost_usd
      `;
}

/**
 * Folds the steps of executions ended since the last fold, up to `until` (default: the database's now minus
 * FOLD_MARGIN_MS, so that a commit still in flight is not passed over).
 */
export async function foldAnalytics(db: RawDb, until?: number): Promise<void> {
  await db.query(
    `INSERT INTO analytics_state (id, folded_until) VALUES (1, '-infinity') ON CONFLICT (id) DO NOTHING`,
    [],
  );
  const merged = mergeHistograms('r', 'excluded');
  const p = new Params();
  const untilSql = until === undefined ? `now() - interval '${FOLD_MARGIN_MS} milliseconds'` : p.ts(until);
  // `st` locks the watermark row before anything else reads it (the UPDATE below refers to it, so it is
  // materialized first: the row would be invisible to a later lock once this statement updated it).
  await db.query(
    `WITH st AS MATERIALIZED (SELECT folded_until FROM analytics_state WHERE id = 1 FOR UPDATE),
    nw AS (SELECT ${untilSql} AS until),
    xs AS (
      SELECT e.id, coalesce(e.workspace_id, '') AS ws, date_trunc('hour', e.created_at, 'UTC') AS hour,
        date_trunc('day', e.created_at, 'UTC') AS day, e.workflow_id, e.status, e.cost_usd,
        date_part('epoch', e.completed_at - e.started_at) * 1000 AS d
      FROM workflow_executions e, nw
      WHERE e.parent_execution_id IS NULL AND e.status IN ${TERMINAL}
        AND e.completed_at <= nw.until AND e.completed_at > (SELECT folded_until FROM st)
    ),
    ss AS (
      SELECT xs.ws, xs.hour, xs.day, xs.workflow_id, s.agent_id, s.status, s.usage, s.model_calls
      FROM xs JOIN execution_steps s ON s.execution_id = xs.id
      WHERE s.reused_from IS NULL
    ),
    -- Per hour and workflow, and per hour for the whole workspace (workflow_id ''): counts, cost and the
    -- durations' histogram, each added to its row.
    exc AS (
      SELECT ws, hour, coalesce(workflow_id, '') AS wf, count(*) AS total,
        count(*) FILTER (WHERE status = 'succeeded') AS succeeded, count(*) FILTER (WHERE status = 'failed') AS failed,
        count(*) FILTER (WHERE status = 'cancelled') AS cancelled, coalesce(sum(cost_usd), 0) AS cost_usd
      FROM xs GROUP BY GROUPING SETS ((ws, hour, workflow_id), (ws, hour))
    ),
    exb AS (
      SELECT ws, hour, coalesce(workflow_id, '') AS wf, k, count(*)::int AS n
      FROM (SELECT ws, hour, workflow_id, ${durationBin('d')} AS k FROM xs WHERE d IS NOT NULL) xb
      GROUP BY GROUPING SETS ((ws, hour, workflow_id, k), (ws, hour, k))
    ),
    exh AS (
      SELECT ws, hour, wf, array_agg(k ORDER BY k) AS bins, array_agg(n ORDER BY k) AS counts
      FROM exb GROUP BY 1, 2, 3
    ),
    exr AS (
      INSERT INTO analytics_execution_rollups AS r
        (workspace_id, hour, workflow_id, total, succeeded, failed, cancelled, cost_usd, duration_bins,
          duration_counts)
      SELECT c.ws, c.hour, c.wf, c.total, c.succeeded, c.failed, c.cancelled, c.cost_usd,
        coalesce(h.bins, '{}'), coalesce(h.counts, '{}')
      FROM exc c LEFT JOIN exh h ON h.ws = c.ws AND h.hour = c.hour AND h.wf = c.wf
      ON CONFLICT (workspace_id, hour, workflow_id) DO UPDATE SET
        total = r.total + excluded.total, succeeded = r.succeeded + excluded.succeeded,
        failed = r.failed + excluded.failed, cancelled = r.cancelled + excluded.cancelled,
        cost_usd = r.cost_usd + excluded.cost_usd, duration_bins = ${merged.bins},
        duration_counts = ${merged.counts}
    ),
    ag AS (${agentRollup('analytics_agent_rollups', 'hour')}),
    md AS (${modelRollup('analytics_model_rollups', 'hour')}),
    agd AS (${agentRollup('analytics_agent_daily', 'day')}),
    mdd AS (${modelRollup('analytics_model_daily', 'day')})
    UPDATE analytics_state SET folded_until = (SELECT until FROM nw)
    WHERE id = 1 AND folded_until = (SELECT folded_until FROM st) AND folded_until < (SELECT until FROM nw)`,
    p.values,
  );
}
