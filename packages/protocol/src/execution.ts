import type { ErrorInfo } from './errors.js';
import type { Workflow } from './workflow.js';

/** Execution statuses. Terminal ones never change again (statuses only move forward). */
export type ExecutionStatus = 'queued' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';
export const TERMINAL_STATUSES: ReadonlySet<ExecutionStatus> = new Set(['succeeded', 'failed', 'cancelled']);
export function isTerminal(status: ExecutionStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/**
 * Step statuses. `waiting` is a node paused for a payload (a human node, or a tool call waiting for approval: its
 * `output` then holds the paused state, with the exact call under `approval`); `resumed` records the payload a
 * paused node with a state was given (in `input`): the node runs again from that state. `skipped` is a node on a
 * dead path.
 */
export type StepStatus = 'succeeded' | 'failed' | 'skipped' | 'waiting' | 'resumed' | 'cancelled';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Cost in US dollars, from the model price table. */
  costUsd: number;
}

export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, costUsd: 0 };
}

export function addUsage(into: Usage, more: Partial<Usage> | undefined): Usage {
  if (!more) return into;
  into.inputTokens += more.inputTokens ?? 0;
  into.outputTokens += more.outputTokens ?? 0;
  into.costUsd += more.costUsd ?? 0;
  return into;
}

export interface AttemptRecord {
  attempt: number;
  startedAt: number;
  durationMs: number;
  error?: ErrorInfo;
}

/** One model call made during a step (provider attempts, fallbacks). */
export interface ModelCallRecord {
  provider: string;
  model: string;
  status: 'ok' | 'error';
  latencyMs: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  error?: ErrorInfo;
}

/** How a person answered a tool call that waited for approval. */
export interface ToolCallApproval {
  approved: boolean;
  reason?: string;
}

/**
 * One tool call made during a step (an agent's calls, a tool node's call), stored with the step. `args` and
 * `result` are kept with credential-like keys redacted and large values cut (`storedToolValue`, tool-calls.ts).
 * `running`: the call had no result when the step was committed (its attempt was aborted or failed meanwhile).
 */
export interface ToolCallRecord {
  toolName: string;
  toolCallId: string;
  status: 'ok' | 'error' | 'rejected' | 'running';
  /** The step attempt that made the call (1 on the first). */
  attempt: number;
  startedAt: number;
  latencyMs?: number;
  args?: unknown;
  result?: unknown;
  error?: ErrorInfo;
  /** Present when the call waited for a person. */
  approval?: ToolCallApproval;
}

export interface StepRecord {
  /**
   * `${executionId}:${agentId}:${iteration}`, which is also the step's idempotency key; records of a human node
   * waiting and of a skipped node add `:waiting` / `:skipped`, so every record's id is unique.
   */
  id: string;
  executionId: string;
  agentId: string;
  /** 0 on the first activation; incremented each time a feedback loop re-enters the node. */
  iteration: number;
  /** Commit order within the execution, assigned by the engine. */
  seq: number;
  status: StepStatus;
  /** Attempts made (1 when it succeeded first time). */
  attempt: number;
  input?: unknown;
  output?: unknown;
  error?: ErrorInfo;
  /** Route a router-like node chose. */
  route?: string;
  /** True when the node failed and its `fallback` value was used as its output. */
  fallbackUsed?: boolean;
  startedAt: number;
  completedAt: number;
  usage?: Usage;
  attempts?: AttemptRecord[];
  modelCalls?: ModelCallRecord[];
  /** The tool calls the step made, in the order they started (absent when none). */
  toolCalls?: ToolCallRecord[];
  /**
   * A step a fork took over from the execution it was forked from (that step's id): it did not run again, so
   * its side effects did not happen twice, and its usage is not added to this execution's (nor to analytics).
   */
  reusedFrom?: string;
}

export interface MessageRecord {
  executionId: string;
  connectionId: string;
  fromAgentId: string;
  toAgentId: string;
  /** Step that produced the message. */
  stepId: string;
  payload: unknown;
  at: number;
}

export interface ExecutionRecord {
  id: string;
  workflowId: string;
  workflowVersion: number;
  /** The exact definition the execution runs (executions pin their version). */
  workflow: Workflow;
  workspaceId?: string;
  parentExecutionId?: string;
  /**
   * The execution this one re-runs (no `nodeId`: same input, same pinned definition) or was forked from at node
   * `nodeId` (the steps not downstream of it reused, see `StepRecord.reusedFrom`). `parentExecutionId` is another
   * relation: the execution whose step runs this one (loop bodies, subworkflows). `input`, when present, is the
   * fork node's edited input (used on its first activation, also after a resume).
   */
  forkedFrom?: { executionId: string; nodeId?: string; input?: unknown };
  status: ExecutionStatus;
  input: unknown;
  output?: unknown;
  error?: ErrorInfo;
  createdAt: number;
  startedAt?: number;
  completedAt?: number;
  /** Agent ids ready to run after the last committed step (the persisted ready set). */
  ready: string[];
  /** Agent ids of human nodes waiting for a payload. */
  waiting: string[];
  stepCount: number;
  usage: Usage;
  /** Log lines stored with the execution's steps (absent when none): the engine keeps it under `LOG_LIMITS`. */
  logCount?: number;
}

/** Log levels, least severe first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** The levels at or above `min`. */
export function levelsFrom(min: LogLevelName): LogLevelName[] {
  return LOG_LEVELS.slice(LOG_LEVELS.indexOf(min));
}

/**
 * One line of an execution's log: what a node logged (its context's logger, `step.log` events such as a code
 * node's console output) and the engine's diagnostics (attempts failed and retried, model calls failed or fallen
 * back, tool errors). Written with the step that logged it, in the same commit.
 */
export interface LogRecord {
  executionId: string;
  stepId?: string;
  /** The node (agent id) that logged it. */
  agentId?: string;
  /** The step's attempt (1 on the first). */
  attempt?: number;
  level: LogLevelName;
  message: string;
  data?: Record<string, unknown>;
  at: number;
}
