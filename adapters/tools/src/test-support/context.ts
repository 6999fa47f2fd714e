import { randomUUID } from 'node:crypto';
import { silentLogger, type ToolCallContext } from '@agentflow/core';

/** A tool call context with a fresh execution id and idempotency key. */
export function toolContext(overrides: Partial<ToolCallContext> = {}): ToolCallContext {
  const executionId = overrides.executionId ?? randomUUID();
  return {
    signal: new AbortController().signal,
    idempotencyKey: `${executionId}:agent:0`,
    logger: silentLogger,
    executionId,
    workspaceId: 'ws-test',
    ...overrides,
  };
}
