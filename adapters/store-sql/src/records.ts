/**
 * Row <-> record mapping for executions, steps, messages and logs. SELECT lists cast jsonb to text (so `null`
 * and SQL NULL stay distinct, see json.ts) and times to float8 milliseconds (so both drivers return numbers).
 */
import type {
  ErrorInfo,
  ExecutionRecord,
  ExecutionStatus,
  LogRecord,
  MessageRecord,
  Workflow,
} from '@agentflow/protocol';
import { MS } from './db.js';
import { decodeJson, decodeParsed } from './json.js';
import { jsonText } from './large-values.js';

export const EXECUTION_COLUMNS = `id, seq::float8 AS seq, workflow_id, workflow_version, workflow::text AS workflow,
  workspace_id, parent_execution_id, status, ${jsonText('input')} AS input, ${jsonText('output')} AS output, error::text AS error,
  ready::text AS ready, waiting::text AS waiting, step_count, log_count, input_tokens::float8 AS input_tokens,
  output_tokens::float8 AS output_tokens, cost_usd, ${MS('created_at')} AS created_at,
  ${MS('started_at')} AS started_at, ${MS('completed_at')} AS completed_at, forked_from_execution_id,
  forked_from_node, forked_from_input::text AS forked_from_input`;

export interface ExecutionRow {
  id: string;
  seq: number;
  workflow_id: string;
  workflow_version: number;
  workflow: string;
  workspace_id: string | null;
  parent_execution_id: string | null;
  status: ExecutionStatus;
  input: string | null;
  output: string | null;
  error: string | null;
  ready: string;
  waiting: string;
  step_count: number;
  log_count: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  forked_from_execution_id: string | null;
  forked_from_node: string | null;
  forked_from_input: string | null;
}

export function toExecution(r: ExecutionRow): ExecutionRecord {
  const x: ExecutionRecord = {
    id: r.id,
    workflowId: r.workflow_id,
    workflowVersion: r.workflow_version,
    workflow: decodeJson(r.workflow) as Workflow,
    status: r.status,
    input: decodeJson(r.input),
    createdAt: r.created_at,
    ready: decodeJson(r.ready) as string[],
    waiting: decodeJson(r.waiting) as string[],
    stepCount: r.step_count,
    usage: { inputTokens: r.input_tokens, outputTokens: r.output_tokens, costUsd: r.cost_usd },
  };
  if (r.workspace_id !== null) x.workspaceId = r.workspace_id;
  if (r.parent_execution_id !== null) x.parentExecutionId = r.parent_execution_id;
  const output = decodeJson(r.output);
  if (output !== undefined) x.output = output;
  if (r.error !== null) x.error = decodeJson(r.error) as ErrorInfo;
  if (r.started_at !== null) x.startedAt = r.started_at;
  if (r.completed_at !== null) x.completedAt = r.completed_at;
  if (r.log_count > 0) x.logCount = r.log_count;
  if (r.forked_from_execution_id !== null) {
    const forkedFrom: NonNullable<ExecutionRecord['forkedFrom']> = {
      executionId: r.forked_from_execution_id,
    };
    if (r.forked_from_node !== null) forkedFrom.nodeId = r.forked_from_node;
    if (r.forked_from_input !== null) forkedFrom.input = decodeJson(r.forked_from_input);
    x.forkedFrom = forkedFrom;
  }
  return x;
}

export { STEP_COLUMNS, type StepRow, toStep } from './step-columns.js';

export const MESSAGE_COLUMNS = `execution_id, connection_id, from_agent_id, to_agent_id, step_id,
  ${jsonText('payload')} AS payload, ${MS('at')} AS at`;

export interface MessageRow {
  /** A step's messages (JSON array); the other columns are then null. */
  messages: string | null;
  execution_id: string;
  connection_id: string;
  from_agent_id: string;
  to_agent_id: string;
  step_id: string;
  payload: string | null;
  at: number;
}

/** Rows of LIST_MESSAGES to records: a step row carries several messages, an agent_messages row one. */
export function toMessages(executionId: string, rows: MessageRow[]): MessageRecord[] {
  const out: MessageRecord[] = [];
  for (const r of rows) {
    if (r.messages === null) {
      out.push(toMessage(r));
      continue;
    }
    for (const m of JSON.parse(r.messages) as CarriedMessage[]) {
      out.push({
        executionId,
        connectionId: m.connectionId,
        fromAgentId: m.fromAgentId,
        toAgentId: m.toAgentId,
        stepId: m.stepId,
        payload: 'payload' in m ? decodeParsed(m.payload) : undefined,
        at: m.at,
      });
    }
  }
  return out;
}

/** A message in a step row's `messages` array (written by step-commit.ts); no `payload` key = undefined. */
interface CarriedMessage {
  connectionId: string;
  fromAgentId: string;
  toAgentId: string;
  stepId: string;
  payload?: unknown;
  at: number;
}

function toMessage(r: MessageRow): MessageRecord {
  return {
    executionId: r.execution_id,
    connectionId: r.connection_id,
    fromAgentId: r.from_agent_id,
    toAgentId: r.to_agent_id,
    stepId: r.step_id,
    payload: decodeJson(r.payload),
    at: r.at,
  };
}

export const LOG_COLUMNS = `id::float8 AS id, execution_id, step_id, agent_id, attempt, level, message,
  data::text AS data, ${MS('at')} AS at`;

export interface LogRow {
  id: number;
  execution_id: string;
  step_id: string | null;
  agent_id: string | null;
  attempt: number | null;
  level: LogRecord['level'];
  message: string;
  data: string | null;
  at: number;
}

export function toLog(r: LogRow): LogRecord {
  const l: LogRecord = { executionId: r.execution_id, level: r.level, message: r.message, at: r.at };
  if (r.step_id !== null) l.stepId = r.step_id;
  if (r.agent_id !== null) l.agentId = r.agent_id;
  if (r.attempt !== null) l.attempt = r.attempt;
  if (r.data !== null) l.data = decodeJson(r.data) as Record<string, unknown>;
  return l;
}
