/**
 * The figures built-in alert rules compare with their threshold (see `ALERT_KINDS` in the protocol), each one
 * indexed query over the workspace's executions and steps (alerts.ts).
 */
import type { AlertRule } from '@agentflow/protocol';
import { sql } from 'drizzle-orm';
import { type Db, rows } from './db.js';

type Num = number | string | null;
const iso = (t: number) => new Date(t).toISOString();

/** The rule's figure at `now`; undefined when the window holds nothing to measure. */
export async function alertValue(
  db: Db,
  rule: Pick<AlertRule, 'workspaceId' | 'kind' | 'windowMs'>,
  now: number,
): Promise<number | undefined> {
  const to = iso(now);
  const from = iso(now - rule.windowMs);
  // Executions are found through idx_executions_analytics (workspace, created_at): one that ended in the
  // window was created at most a day before it (longer ones are not counted).
  const since = iso(now - rule.windowMs - 86_400_000);
  const ended = sql`e.workspace_id = ${rule.workspaceId} AND e.created_at >= ${since}::timestamptz
      AND e.completed_at > ${from}::timestamptz AND e.completed_at <= ${to}::timestamptz`;
  let value: Num | undefined;
  switch (rule.kind) {
    case 'workflow_failure_rate': {
      [{ value } = { value: null }] = await rows<{ value: Num }>(
        db,
        sql`SELECT (count(*) FILTER (WHERE e.status = 'failed'))::float8 / nullif(count(*), 0) AS value
            FROM workflow_executions e
            WHERE ${ended} AND e.parent_execution_id IS NULL AND e.status IN ('succeeded', 'failed', 'cancelled')`,
      );
      break;
    }
    case 'p95_latency': {
      [{ value } = { value: null }] = await rows<{ value: Num }>(
        db,
        sql`SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY e.duration_ms)::float8 AS value
            FROM workflow_executions e
            WHERE ${ended} AND e.parent_execution_id IS NULL AND e.duration_ms IS NOT NULL`,
      );
      break;
    }
    case 'error_rate': {
      [{ value } = { value: null }] = await rows<{ value: Num }>(
        db,
        sql`SELECT (count(*) FILTER (WHERE s.status = 'failed'))::float8 / nullif(count(*), 0) AS value
            FROM workflow_executions e JOIN execution_steps s ON s.execution_id = e.id
            WHERE ${ended} AND s.status IN ('succeeded', 'failed') AND s.reused_from IS NULL`,
      );
      break;
    }
    case 'daily_cost': {
      const day = new Date(now);
      const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
      [{ value } = { value: null }] = await rows<{ value: Num }>(
        db,
        sql`SELECT coalesce(sum(e.cost_usd), 0)::float8 AS value FROM workflow_executions e
            WHERE e.workspace_id = ${rule.workspaceId} AND e.parent_execution_id IS NULL
              AND e.created_at >= ${iso(start)}::timestamptz AND e.created_at <= ${to}::timestamptz`,
      );
      break;
    }
    case 'queue_backlog': {
      [{ value } = { value: null }] = await rows<{ value: Num }>(
        db,
        sql`SELECT count(*)::float8 AS value FROM workflow_executions e
            WHERE e.workspace_id = ${rule.workspaceId} AND e.status = 'queued'`,
      );
      break;
    }
  }
  return value === null || value === undefined ? undefined : Number(value);
}
