/**
 * The execution detail view's reads on SQL (`OperationsStore.listStepSummaries`, `getStep`, `countMessages`,
 * `listConnectionMessages`): the summaries never read a step's data columns (input, output and tool calls are
 * TOASTed jsonb, left unread when not selected), a step is one row by its unique index, and a connection's
 * messages are picked out of the steps' message arrays in the database.
 */
import type { ExecutionReads } from '@agentflow/core';
import {
  type ConnectionMessageCount,
  connectionMessagesLimit,
  decodeOffsetCursor,
  encodeOffsetCursor,
} from '@agentflow/protocol';
import { MS } from './db.js';
import { jsonText, messagesText } from './large-values.js';
import { type RawDb, statement } from './raw.js';
import { type MessageRow, STEP_COLUMNS, type StepRow, toMessages, toStep } from './records.js';
import { stepColumnsWithout } from './step-columns.js';

/** STEP_COLUMNS with the data columns read as NULL (toStep then leaves them out). */
const SUMMARY_COLUMNS = stepColumnsWithout(['input', 'output', 'tool_calls']);

const LIST_STEP_SUMMARIES = statement(
  'list_step_summaries',
  ['text'],
  `SELECT ${SUMMARY_COLUMNS} FROM execution_steps WHERE execution_id = $1::text ORDER BY seq`,
);

const GET_STEP = statement(
  'get_step',
  ['text', 'text'],
  `SELECT ${STEP_COLUMNS} FROM execution_steps WHERE execution_id = $1::text AND step_id = $2::text`,
);

/** Messages per connection: those carried by step rows, and agent_messages rows. */
const COUNT_MESSAGES = statement(
  'count_messages',
  ['text'],
  `SELECT connection_id, count(*)::int AS count FROM (
    SELECT m ->> 'connectionId' AS connection_id
    FROM execution_steps s, jsonb_array_elements(s.messages) AS m
    WHERE s.execution_id = $1::text AND jsonb_typeof(s.messages) = 'array'
    UNION ALL
    SELECT connection_id FROM agent_messages WHERE execution_id = $1::text
  ) x GROUP BY connection_id ORDER BY connection_id`,
);

/**
 * One connection's messages in LIST_MESSAGES's order (agent_messages rows from before migration 0003, then per
 * step its carried messages and the agent_messages placed after it), $3 skipped, $4 taken. A carried message
 * comes back as a one-element `messages` array, which toMessages reads as LIST_MESSAGES's rows.
 */
const LIST_CONNECTION_MESSAGES = statement(
  'list_connection_messages',
  ['text', 'text', 'int', 'int'],
  `SELECT messages, execution_id, connection_id, from_agent_id, to_agent_id, step_id, ${jsonText('payload')} AS payload,
    ${MS('at')} AS at FROM (
    SELECT 1 AS grp, s.seq AS pos, 0 AS kind, m.n AS id, ${messagesText('jsonb_build_array(m.v)')} AS messages,
      NULL::text AS execution_id, NULL::text AS connection_id, NULL::text AS from_agent_id,
      NULL::text AS to_agent_id, NULL::text AS step_id, NULL::jsonb AS payload, NULL::timestamptz AS at
    FROM execution_steps s, jsonb_array_elements(s.messages) WITH ORDINALITY AS m(v, n)
    WHERE s.execution_id = $1::text AND jsonb_typeof(s.messages) = 'array' AND m.v ->> 'connectionId' = $2::text
    UNION ALL
    SELECT CASE WHEN after_seq IS NULL THEN 0 ELSE 1 END, coalesce(after_seq, 0), 1, id, NULL, execution_id,
      connection_id, from_agent_id, to_agent_id, step_id, payload, at
    FROM agent_messages WHERE execution_id = $1::text AND connection_id = $2::text
  ) m
  ORDER BY grp, pos, kind, id
  OFFSET $3::int LIMIT $4::int`,
);

export function createExecutionReads(db: RawDb): ExecutionReads {
  return {
    async listStepSummaries(executionId) {
      return (await db.run<StepRow>(LIST_STEP_SUMMARIES, [executionId])).map(toStep);
    },
    async getStep(executionId, stepId) {
      const [row] = await db.run<StepRow>(GET_STEP, [executionId, stepId]);
      return row ? toStep(row) : undefined;
    },
    async countMessages(executionId) {
      return db
        .run<ConnectionMessageCount & { connection_id: string }>(COUNT_MESSAGES, [executionId])
        .then((rows) => rows.map((r) => ({ connectionId: r.connection_id, count: r.count })));
    },
    async listConnectionMessages(executionId, query) {
      const offset = query.cursor === undefined ? 0 : decodeOffsetCursor(query.cursor);
      if (offset === undefined) return { items: [] };
      const limit = connectionMessagesLimit(query.limit);
      const rows = await db.run<MessageRow>(LIST_CONNECTION_MESSAGES, [
        executionId,
        query.connectionId,
        offset,
        limit + 1,
      ]);
      const items = toMessages(executionId, rows.slice(0, limit));
      return rows.length > limit ? { items, nextCursor: encodeOffsetCursor(offset + limit) } : { items };
    },
  };
}
