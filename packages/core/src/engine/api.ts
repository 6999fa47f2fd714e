import type {
  AgentFlowEvent,
  ErrorInfo,
  ExecutionRecord,
  Issue,
  Limits,
  StepRecord,
  ToolApprovalPolicy,
  ValueLimits,
  Workflow,
} from '@agentflow/protocol';
import type { MemoryRetention } from '../memory/memory-store.js';
import type { AnyNodeType, SecretSource } from '../nodes/define.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ModelProvider } from '../ports/model-provider.js';
import type { Store } from '../ports/store.js';
import type { ToolHost } from '../ports/tool-host.js';
import type { Tracer, TraceSpan } from '../ports/tracer.js';
import type { ForkOptions } from './fork.js';
import type { RunResult } from './types.js';

/* The engine's public API: what `createEngine` takes and returns. */

export interface EngineOptions {
  /** Node types added to (or replacing) the built-ins. */
  nodeTypes?: AnyNodeType[];
  /** (Default: an in-memory store keeping finished executions within `retention`) */
  store?: Store;
  /**
   * How many finished executions the default in-memory store keeps, and for how long (ignored with `store`).
   * Queued, running and paused executions are always kept. (Default: the last 1000, for 5 minutes after they
   * finished, whichever drops first; `Infinity` keeps everything)
   */
  retention?: MemoryRetention;
  models?: ModelProvider;
  tools?: ToolHost;
  clock?: Clock;
  logger?: Logger;
  /** Secrets nodes may read by name. */
  secrets?: SecretSource | Record<string, string>;
  limits?: Partial<Limits>;
  /**
   * Limits on what an execution stores: each step's output, the input, payloads given to waiting nodes (see
   * `ValueLimits`). (Default: `VALUE_LIMITS`, 16 MiB of JSON nested at most 64 levels)
   */
  valueLimits?: Partial<ValueLimits>;
  /** Looks up stored workflows by id, for subworkflow nodes. */
  workflows?: (id: string) => Promise<Workflow | undefined>;
  /** How long an execution's lease lasts without a heartbeat. (Default: 30000) */
  leaseTtlMs?: number;
  /** Lease owner id of this engine. (Default: a random id) */
  ownerId?: string;
  /**
   * How many times `recoverOrphans` takes an execution up again since it last committed a step; interrupted
   * once more (its step keeps killing the process, or its commit keeps failing), it is failed (`AF_INTERNAL`)
   * instead of run again. Counted in the store, so restarts do not reset it. (Default: 5)
   */
  maxRecoveries?: number;
  /**
   * Which tool calls of agent and tool nodes wait for a person (the workspace default; a workflow's
   * `config.toolApproval` and a node's `requiresApproval` override it). (Default: `{ mode: 'side-effects' }`)
   */
  toolApproval?: ToolApprovalPolicy;
  /**
   * Spans of executions, steps, attempts, model and tool calls (OpenTelemetry in the runtime). (Default: none,
   * tracing off)
   */
  tracer?: Tracer;
}

export interface RecoverOptions {
  /** Only orphans in these statuses. (Default: queued and running) */
  statuses?: readonly ('queued' | 'running')[];
  /** Runs each resume (e.g. inside the execution's workspace). (Default: runs it as is) */
  within?: <T>(executionId: string, run: () => Promise<T>) => Promise<T>;
}

export interface RunOptions {
  executionId?: string;
  workspaceId?: string;
  /** Id recorded on the execution. (Default: the workflow's id or name) */
  workflowId?: string;
  /** Aborting it cancels the execution. */
  signal?: AbortSignal;
  parentExecutionId?: string;
  /** Recorded on the execution: what it re-runs (see `Engine.fork`). */
  forkedFrom?: { executionId: string };
  /**
   * The trace the execution's span continues: a W3C `traceparent` (from another process) or a span of this one
   * (a child execution's parent step). (Default: the tracer's current context)
   */
  traceParent?: string | TraceSpan;
}

export interface ResumeOptions {
  /** Payloads for waiting nodes (human nodes, tool approvals), by agent id. */
  approvals?: Record<string, unknown>;
  /**
   * The W3C `traceparent` of whoever asked for the run (the API process that queued it). A queued execution that
   * starts now continues that trace; one that had already run starts a new trace linked to it.
   */
  traceparent?: string;
}

export type ValidationResult = { ok: true; workflow: Workflow } | { ok: false; issues: Issue[] };
export type EventListener = (event: AgentFlowEvent) => void;

export interface Engine {
  readonly store: Store;
  /** Validates a definition; every problem is returned with its path. Never throws. */
  validate(workflow: unknown): ValidationResult;
  /**
   * Runs a workflow to completion (or pause) and resolves with its result: status, output, error, usage and step
   * counts (`getSteps` reads the steps themselves).
   */
  run(workflow: unknown, input?: unknown, options?: RunOptions): Promise<RunResult>;
  /** Starts a workflow and returns once its execution is recorded; `done` resolves when it ends. */
  start(
    workflow: unknown,
    input?: unknown,
    options?: RunOptions,
  ): Promise<{ executionId: string; done: Promise<RunResult> }>;
  /** The execution's record as stored (undefined if unknown, or dropped from the in-memory store's retention). */
  getExecution(executionId: string): Promise<ExecutionRecord | undefined>;
  /** The execution's committed steps with their inputs and outputs, in commit order ([] if unknown). */
  getSteps(executionId: string): Promise<StepRecord[]>;
  /**
   * Validates a workflow and its input and records a `queued` execution without running it or taking its lease
   * (distributed mode: a worker takes it up with `resume`, which starts it). Returns once it is recorded.
   */
  create(
    workflow: unknown,
    input?: unknown,
    options?: Omit<RunOptions, 'signal'>,
  ): Promise<{ executionId: string }>;
  /**
   * Continues an interrupted or paused execution from the store; completed steps never re-run. A queued execution
   * that never started (`create`) starts, emitting `execution.started`.
   */
  resume(executionId: string, options?: ResumeOptions): Promise<RunResult>;
  /**
   * Re-runs an ended or paused execution (no `nodeId`: same input, same pinned definition), or forks it at a node:
   * a new execution that reuses the committed steps of every node not downstream of `nodeId` (recorded with
   * `reusedFrom`, not run again: their side effects do not happen twice, their usage is not counted again) and
   * runs from that node on, with `input` as its input if given. The new execution records `forkedFrom`.
   * Refused: a source queued or running (AF_CONFLICT), an unknown node or one the source never reached
   * (AF_VALIDATION at `nodeId`). With `queued`, it is recorded queued without a lease for a worker's `resume`.
   */
  fork(
    executionId: string,
    options?: ForkOptions & { queued?: boolean; signal?: AbortSignal },
  ): Promise<{ executionId: string; done: Promise<RunResult> | undefined; reusedSteps: number }>;
  /** Gives a waiting human node its payload (validated) and continues the execution. */
  approve(executionId: string, agentId: string, payload: unknown): Promise<RunResult>;
  /**
   * Gives a waiting human node its payload (validated first: a bad one is refused with every issue's path and
   * nothing written) and records it (the node's step, committed as a run given the payload commits it) without
   * running anything after it: resolves with the execution `queued`, its successors in the ready set and no
   * lease, for `resume` (a worker's, in distributed mode) to continue. Two approvals of one node are never both
   * recorded: the second is refused (AF_CONFLICT while the first holds the execution, then AF_NOT_RESUMABLE).
   * An execution this engine runs just takes the payload, as with `approve`.
   */
  recordApproval(executionId: string, agentId: string, payload: unknown): Promise<void>;
  /** Cancels an execution; returns false if it had already ended. */
  cancel(executionId: string, reason?: string): Promise<boolean>;
  /**
   * Takes up executions whose lease expired (their process died, or their store failed under them) and resumes
   * them, each claimed in the store first so that one process takes it (see `EngineOptions.maxRecoveries`).
   * Returns the ids resumed.
   */
  recoverOrphans(options?: RecoverOptions): Promise<string[]>;
  /**
   * Fails an execution that cannot be run and that no process runs (queued, or running with an expired lease),
   * with `error`: claimed first as an orphan, so that no process takes it up meanwhile. Listeners learn it as any
   * end (`execution.completed`). For a dead letter (distributed mode: its deliveries all failed), which
   * `Store.reopenExecution` puts back in the queue once its cause is fixed. Returns false, changing nothing, if it
   * ended, is paused, runs (here or in another process), is a child execution, or is unknown.
   */
  abandon(executionId: string, error: ErrorInfo): Promise<boolean>;
  on(type: 'event', listener: EventListener): () => void;
  off(type: 'event', listener: EventListener): void;
  registerNodeType(definition: AnyNodeType): void;
  nodeTypes(): AnyNodeType[];
  /** Stops heartbeats and cancels running executions of this engine. */
  close(): Promise<void>;
}
