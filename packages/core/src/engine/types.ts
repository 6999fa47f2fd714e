import type {
  AgentFlowEvent,
  ErrorInfo,
  ExecutionStatus,
  ModelCallRecord,
  StepRecord,
  StepStatus,
  ToolApprovalPolicy,
  Usage,
  ValueLimits,
  Workflow,
} from '@agentflow/protocol';
import type { ChildRunRequest, NodeContext, SecretSource } from '../nodes/define.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ModelProvider } from '../ports/model-provider.js';
import type { Store } from '../ports/store.js';
import type { ToolHost } from '../ports/tool-host.js';
import type { Tracer } from '../ports/tracer.js';
import type { StepLog } from './step-log.js';
import type { StepToolCalls } from './step-tool-calls.js';

/**
 * What `engine.run` and `engine.resume` resolve to: sized for the caller (no step inputs or outputs). The steps
 * themselves are read on demand with `engine.getSteps(executionId)` while the store keeps the execution.
 */
export interface RunResult {
  executionId: string;
  status: ExecutionStatus;
  output?: unknown;
  error?: ErrorInfo;
  /** The execution's committed steps, counted per status. */
  stepCounts: StepCounts;
  usage: Usage;
  durationMs: number;
}

/** Step records of an execution per status; `total` counts every record (skipped nodes included). */
export type StepCounts = Record<StepStatus, number> & { total: number };

/** Counts steps per status. */
export function countSteps(steps: readonly StepRecord[]): StepCounts {
  const counts: StepCounts = {
    total: steps.length,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    waiting: 0,
    resumed: 0,
    cancelled: 0,
  };
  for (const s of steps) counts[s.status]++;
  return counts;
}

/** What an execution needs from the engine that owns it. */
export interface RunHost {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly models: ModelProvider;
  readonly tools: ToolHost;
  readonly secrets: SecretSource;
  /** Identifies this engine as a lease owner. */
  readonly ownerId: string;
  /** The default tool-approval policy (the workspace's), under each workflow's own. */
  readonly toolApproval: ToolApprovalPolicy | undefined;
  readonly listening: boolean;
  /** Undefined when tracing is off (every span site checks it first). */
  readonly tracer: Tracer | undefined;
  /** What a step's output, an input or a payload may be (checked before it is committed). */
  readonly valueLimits: ValueLimits;
  emit(event: AgentFlowEvent): void;
  runChild(parent: NodeContext, request: ChildRunRequest): Promise<unknown>;
  resolveWorkflow(id: string): Promise<Workflow | undefined>;
  forget(executionId: string): void;
}

/** Accumulates what a step reports while it runs. */
export interface StepExtras {
  route: string | undefined;
  usage: Usage | undefined;
  modelCalls: ModelCallRecord[] | undefined;
  /** The step's tool calls, made by the first tool event. */
  toolCalls?: StepToolCalls | undefined;
  /** The step's log lines, made by the first one. */
  logs: StepLog | undefined;
}
