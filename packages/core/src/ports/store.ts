import type {
  ExecutionRecord,
  ExecutionStatus,
  LogLevelName,
  LogRecord,
  MessageRecord,
  StepRecord,
  Usage,
} from '@agentflow/protocol';

/**
 * Everything one step's completion changes, written in one transaction: the step, steps skipped because of it
 * (dead paths), the messages it sent, and the execution's new ready set. Nothing else is written between two
 * commits of the same execution, so a crash never leaves a half-recorded step.
 */
export interface StepCommit {
  executionId: string;
  /** Final records, in seq order: the completed step first, then skipped steps. */
  steps: StepRecord[];
  messages: MessageRecord[];
  /** Agent ids ready to run after this commit. */
  ready: string[];
  /** Human nodes waiting for a payload after this commit. */
  waiting: string[];
  /** Usage added by this commit (summed into the execution's totals). */
  usage?: Usage;
  /**
   * Log lines of the committed step (already bounded by the engine, see `LOG_LIMITS`), stored in the same
   * transaction; the execution's `logCount` grows by their number.
   */
  logs?: LogRecord[];
}

export interface ExecutionPatch {
  status?: ExecutionStatus;
  output?: unknown;
  error?: ExecutionRecord['error'];
  startedAt?: number;
  completedAt?: number;
}

export interface CreateExecutionOptions {
  /**
   * Take the execution's lease for `owner` (for `ttlMs`, in the store's clock) in the same write as the creation,
   * exactly as `acquireLease` would right after it (one write instead of two when an engine starts an execution).
   */
  lease?: { owner: string; ttlMs: number };
  /**
   * Steps (and the messages they sent) recorded with the execution in the same write, in seq order: a fork's
   * reused steps (`reusedFrom` set). The record carries the usage and `stepCount` it starts with.
   */
  seed?: { steps: StepRecord[]; messages: MessageRecord[] };
}

export interface ListExecutionsQuery {
  workflowId?: string;
  /** One status, or any of several. */
  status?: ExecutionStatus | readonly ExecutionStatus[];
  workspaceId?: string;
  parentExecutionId?: string | null;
  /** Only executions created at or after this time (ms). */
  since?: number;
  /** Only executions created before this time (ms). */
  until?: number;
  /** Max items. (Default: 50, max 500) */
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface ListLogsQuery {
  /** Only these levels. (Default: every level) */
  levels?: readonly LogLevelName[];
  /** Only lines of this node. */
  agentId?: string;
  /** Max items. (Default: 100, max 1000) */
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * The Store port: the source of truth for executions. Statuses only move forward: `updateExecution` never
 * changes a terminal status and returns false when it refused. The one way back is `reopenExecution`, for a
 * failed execution that nothing ran (a dead letter retried).
 */
export interface Store {
  /** Rejects (and changes nothing) if the id is taken. */
  createExecution(execution: ExecutionRecord, options?: CreateExecutionOptions): Promise<void>;
  getExecution(id: string): Promise<ExecutionRecord | undefined>;
  /**
   * Returns false (and changes nothing) if the execution is missing or already terminal. Moving to a terminal
   * status also releases the execution's lease.
   */
  updateExecution(id: string, patch: ExecutionPatch): Promise<boolean>;
  /** Atomic: steps, messages, ready/waiting sets, step count and usage totals, all or nothing. */
  commitStep(commit: StepCommit): Promise<void>;
  /** Committed steps in seq order. */
  listSteps(executionId: string): Promise<StepRecord[]>;
  listMessages(executionId: string): Promise<MessageRecord[]>;
  listExecutions(query?: ListExecutionsQuery): Promise<Page<ExecutionRecord>>;
  /** Appends lines outside a step commit (lines of unknown executions are dropped; `logCount` is unchanged). */
  appendLogs(logs: LogRecord[]): Promise<void>;
  /** Log lines in the order they were written, filtered, a page at a time. */
  listLogs(executionId: string, query?: ListLogsQuery): Promise<Page<LogRecord>>;
  /**
   * Take or renew the lease of an execution for `owner` for `ttlMs` (measured in the store's own clock).
   * Returns false if another owner holds an unexpired lease.
   */
  acquireLease(executionId: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLease(executionId: string, owner: string): Promise<void>;
  /** Executions in status queued/running whose lease is absent or expired: candidates for resume. */
  listOrphans(limit?: number): Promise<string[]>;
  /**
   * Takes an orphan up (recovery after its process died or its store failed under it), in one write: takes its
   * lease for `owner` only if it is still an orphan (as `listOrphans` finds them) and counts the take-up. Returns
   * how many times it was taken up since it last committed a step (1 the first time; a commit sets the count
   * back to 0), or undefined if it is no longer an orphan (another process took it, or it ended).
   */
  claimOrphan(executionId: string, owner: string, ttlMs: number): Promise<number | undefined>;
  /**
   * Puts a failed execution back in the queue: status `queued`, its error, end time, lease and take-up count
   * cleared, its committed steps kept, so that `resume` continues after them. For an execution failed while
   * nothing ran it (`Engine.abandon`: a dead letter, retried once its cause is fixed), whose committed steps all
   * stand; never for one a step failed. Returns false (and changes nothing) unless it is failed.
   */
  reopenExecution(executionId: string): Promise<boolean>;
  /** Delete terminal executions completed before `before` (ms) with their steps, messages and logs. */
  pruneExecutions(before: number): Promise<number>;
  close?(): Promise<void>;
}
