import type { ErrorInfo } from './errors.js';
import type { ExecutionStatus, ToolCallApproval, Usage } from './execution.js';

interface Base {
  executionId: string;
  /** Milliseconds since the epoch. */
  at: number;
  /** Per-execution sequence number, increasing, for resumable streams. Assigned by the engine. */
  seq: number;
}
interface StepBase extends Base {
  stepId: string;
  agentId: string;
  iteration: number;
}

/** What a node may emit through `context.emit`; the engine fills in the execution, step and sequence fields. */
export type NodeEmittable =
  | { type: 'step.token'; delta: string }
  | { type: 'step.tool_call'; toolName: string; toolCallId: string; input: unknown }
  | {
      type: 'step.tool_result';
      toolName: string;
      toolCallId: string;
      ok: boolean;
      output: unknown;
      /** Present when the call waited for a person (a rejected call has no `step.tool_call`). */
      approval?: ToolCallApproval;
    }
  | { type: 'step.model_call'; provider: string; model: string; status: 'ok' | 'error'; latencyMs: number }
  | { type: 'step.log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string };

/** The typed event union. Events feed the live stream, logs and metrics; the store is the source of truth. */
export type AgentFlowEvent =
  | (Base & { type: 'execution.started'; workflowId: string; input: unknown; parentExecutionId?: string })
  | (Base & { type: 'execution.resumed'; workflowId: string })
  | (Base & { type: 'execution.paused'; waiting: string[] })
  | (Base & {
      type: 'execution.completed';
      status: Extract<ExecutionStatus, 'succeeded' | 'failed' | 'cancelled'>;
      output?: unknown;
      error?: ErrorInfo;
      durationMs: number;
      usage: Usage;
    })
  | (StepBase & { type: 'step.started'; attempt: number; nodeType: string })
  | (StepBase & {
      type: 'step.completed';
      output: unknown;
      durationMs: number;
      usage?: Usage;
      route?: string;
    })
  | (StepBase & { type: 'step.failed'; error: ErrorInfo; willRetry: boolean })
  | (StepBase & { type: 'step.retrying'; attempt: number; delayMs: number; error: ErrorInfo })
  | (StepBase & { type: 'step.skipped' })
  | (StepBase & { type: 'step.waiting'; prompt?: string })
  | (StepBase & NodeEmittable)
  | (Base & {
      type: 'message';
      connectionId: string;
      fromAgentId: string;
      toAgentId: string;
      stepId: string;
      payload: unknown;
    });

export type AgentFlowEventType = AgentFlowEvent['type'];
