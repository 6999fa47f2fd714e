import type { ErrorInfo } from '@agentflow/protocol';
import type { Logger } from './logger.js';
import type { ToolSpec } from './model-provider.js';

export interface ToolCallContext {
  signal: AbortSignal;
  /** Stable across retries and resumes of the same step; side-effecting tools pass it on. */
  idempotencyKey: string;
  logger: Logger;
  executionId: string;
  /** The workflow the execution runs (artifacts are stored per workflow and execution). */
  workflowId?: string;
  workspaceId?: string;
  /** The model's id of this call, when an agent makes it (traces record it as `gen_ai.tool.call.id`). */
  toolCallId?: string;
}

export type ToolResult = { ok: true; output: unknown } | { ok: false; error: ErrorInfo };

/** The ToolHost port. Tool errors are results, not throws, so an agent can react to them. */
export interface ToolHost {
  list(names?: readonly string[]): Promise<ToolSpec[]>;
  call(name: string, input: unknown, context: ToolCallContext): Promise<ToolResult>;
  /**
   * Whether this call of the tool changes something outside AgentFlow (an HTTP POST, a file write, an email), for
   * the tool-approval policy. Unknown tools: false (their call fails anyway). (Default when a host leaves it out:
   * the tool's `ToolSpec.sideEffect`)
   */
  sideEffect?(name: string, input: unknown): Promise<boolean>;
}
