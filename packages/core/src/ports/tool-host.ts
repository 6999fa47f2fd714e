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
}

export type ToolResult = { ok: true; output: unknown } | { ok: false; error: ErrorInfo };

/** The ToolHost port. Tool errors are results, not throws, so an agent can react to them. */
export interface ToolHost {
  list(names?: readonly string[]): Promise<ToolSpec[]>;
  call(name: string, input: unknown, context: ToolCallContext): Promise<ToolResult>;
}
