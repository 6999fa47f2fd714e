/**
 * Step statistics of the operations read models (`stepStats`): calls, errors, tokens and cost per agent and per
 * model of each workflow, from the daily and hourly step rollups of ended executions plus the raw steps the
 * rollups do not cover (see analytics.ts for the watermark).
 */
import {
  type AgentStat,
  type AnalyticsQuery,
  analyticsRange,
  type ModelStat,
  type StepStats,
} from '@agentflow/protocol';
import { callSum, calls, DAY, HOUR, Params, scope, usageSum } from './analytics-sql.js';
import { TERMINAL_SQL as TERMINAL } from './db.js';
import type { RawDb } from './raw.js';

/**
 * `OperationsStore.stepStats`: per agent and per model, the daily rollups for whole UTC days, the hourly ones for
 * the hours around them, and the raw steps of what neither covers, in one statement.
 */
export async function stepStats(
  db: RawDb,
  fold: () => Promise<void>,
  query: AnalyticsQuery,
): Promise<StepStats> {
  await fold();
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
}

function byKey<T>(key: (x: T) => string) {
  return (a: T, b: T) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
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
