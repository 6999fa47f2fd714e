import { randomUUID } from 'node:crypto';
import {
  type ExecutionRecord,
  emptyUsage,
  type LogRecord,
  type MessageRecord,
  type StepRecord,
  type Workflow,
} from '@agentflow/protocol';

/** A small valid workflow: `in` (input) -> `out` (output). */
export function fixtureWorkflow(overrides: Partial<Workflow> = {}): Workflow {
  return {
    name: 'fixture',
    status: 'active',
    version: 1,
    agents: [
      { id: 'in', type: 'input', config: {} },
      { id: 'out', type: 'output', config: {} },
    ],
    connections: [{ id: 'c1', sourceAgentId: 'in', targetAgentId: 'out', on: 'success' }],
    config: { maxSteps: 1000, concurrency: 64 },
    ...overrides,
  };
}

/**
 * An execution record with fresh ids: a random `id` and `workflowId`, status `queued`, `createdAt` now, ready set
 * `['in']`, no steps and zero usage. Overrides replace fields.
 */
export function makeExecutionRecord(overrides: Partial<ExecutionRecord> = {}): ExecutionRecord {
  return {
    id: randomUUID(),
    workflowId: `wf-${randomUUID()}`,
    workflowVersion: 1,
    workflow: fixtureWorkflow(),
    status: 'queued',
    input: { question: 'hello' },
    createdAt: Date.now(),
    ready: ['in'],
    waiting: [],
    stepCount: 0,
    usage: emptyUsage(),
    ...overrides,
  };
}

/** A succeeded step of `agentId` (iteration 0, attempt 1) with id `${executionId}:${agentId}:0`. */
export function makeStepRecord(
  executionId: string,
  agentId: string,
  seq: number,
  overrides: Partial<StepRecord> = {},
): StepRecord {
  const now = Date.now();
  return {
    id: `${executionId}:${agentId}:${overrides.iteration ?? 0}`,
    executionId,
    agentId,
    iteration: 0,
    seq,
    status: 'succeeded',
    attempt: 1,
    input: { from: agentId },
    output: { seq },
    startedAt: now,
    completedAt: now + 1,
    ...overrides,
  };
}

/** A message along connection `connectionId` produced by step `stepId`. */
export function makeMessageRecord(
  executionId: string,
  stepId: string,
  fromAgentId: string,
  toAgentId: string,
  payload: unknown,
  connectionId = `${fromAgentId}-${toAgentId}`,
): MessageRecord {
  return { executionId, connectionId, fromAgentId, toAgentId, stepId, payload, at: Date.now() };
}

/** An info log line for an execution. */
export function makeLogRecord(
  executionId: string,
  message: string,
  overrides: Partial<LogRecord> = {},
): LogRecord {
  return { executionId, level: 'info', message, at: Date.now(), ...overrides };
}

/** Resolves after `ms` of real time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 5 ms until it holds; rejects after `timeoutMs`. (Default timeout: 5000) */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}
