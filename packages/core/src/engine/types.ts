import type {
  AgentFlowEvent,
  ErrorInfo,
  ExecutionStatus,
  ModelCallRecord,
  StepRecord,
  ToolApprovalPolicy,
  Usage,
  Workflow,
} from '@agentflow/protocol';
import type { ChildRunRequest, NodeContext, SecretSource } from '../nodes/define.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ModelProvider } from '../ports/model-provider.js';
import type { Store } from '../ports/store.js';
import type { ToolHost } from '../ports/tool-host.js';
import type { StepLog } from './step-log.js';

/** What `engine.run` and `engine.resume` resolve to. */
export interface RunResult {
  executionId: string;
  status: ExecutionStatus;
  output?: unknown;
  error?: ErrorInfo;
  /** Every committed step, in commit order. */
  steps: StepRecord[];
  usage: Usage;
  durationMs: number;
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
  /** The step's log lines, made by the first one. */
  logs: StepLog | undefined;
}
