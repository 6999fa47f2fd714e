/**
 * The inbox of nodes waiting for a person (`listWaiting`): for each execution of the scope that is not terminal,
 * each waiting agent's latest waiting step, oldest first, paged by an opaque (waiting since, step id) cursor.
 */
import type { Page } from '@agentflow/core';
import type { ListWaitingQuery, WaitingNode } from '@agentflow/protocol';
import { Params, scope } from './analytics-sql.js';
import { TERMINAL_SQL as TERMINAL } from './db.js';
import { decodeJson } from './json.js';
import { jsonText } from './large-values.js';
import type { RawDb } from './raw.js';
import { EXECUTION_COLUMNS, type ExecutionRow, toExecution } from './records.js';

/** `OperationsStore.listWaiting`: the nodes waiting for a person, longest waiting first, a page at a time. */
export async function listWaiting(db: RawDb, query: ListWaitingQuery): Promise<Page<WaitingNode>> {
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
      (extract(epoch from s.completed_at) * 1000)::float8 AS waiting_since, ${jsonText('s.output')} AS waiting_state
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

interface WaitingRow extends ExecutionRow {
  waiting_agent: string;
  waiting_step: string;
  waiting_since: number;
  waiting_state: string | null;
}
