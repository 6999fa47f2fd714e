/**
 * A process without a queue takes up its own executions that a store failure interrupted (the recovery sweep of runtime.ts `recover`):
 * before, such an execution showed `running` until the next start. One interrupted every time is failed after
 * AGENTFLOW_MAX_DELIVERIES recoveries without a committed step instead of re-running its step forever.
 */
import type { StepCommit } from '@agentflow/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from './index.js';

const workflow = {
  name: 'two steps',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'shout', type: 'transform', config: { expression: 'input.text + "!"' } },
  ],
  connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'shout' }],
};

const env = { AGENTFLOW_LEASE_TTL_MS: '200', AGENTFLOW_MAX_DELIVERIES: '2' };

/** Makes the store's commits fail while `failing()` says so (as a lost database connection would). */
function breakCommits(runtime: Runtime, failing: (commit: StepCommit) => boolean): void {
  const store = runtime.store;
  const commit = store.commitStep.bind(store);
  store.commitStep = async (c) => {
    if (failing(c)) throw new Error('connection lost');
    return commit(c);
  };
}

async function statusOf(runtime: Runtime, id: string, until: string[], timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = await runtime.store.getExecution(id);
    if (record && until.includes(record.status)) return record;
    if (Date.now() > deadline) return record;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('recovery of interrupted executions while the process runs', () => {
  let runtime: Runtime | undefined;
  afterEach(() => runtime?.close());

  it('takes up an execution its store failed under, which then finishes', async () => {
    runtime = await createRuntime({ inMemory: true, env });
    await runtime.recover();
    let failures = 1;
    breakCommits(runtime, () => failures-- > 0);
    const { executionId, done } = await runtime.engine.start(workflow, { text: 'hi' });
    await expect(done).rejects.toThrow(/connection lost/);
    expect((await runtime.store.getExecution(executionId))?.status).toBe('running');
    const record = await statusOf(runtime, executionId, ['succeeded', 'failed']);
    expect(record).toMatchObject({ status: 'succeeded', output: 'hi!' });
  });

  it('fails one interrupted every time after AGENTFLOW_MAX_DELIVERIES recoveries', async () => {
    runtime = await createRuntime({ inMemory: true, env });
    await runtime.recover();
    let attempts = 0;
    breakCommits(runtime, () => {
      attempts++;
      return true;
    });
    const ended: string[] = [];
    runtime.engine.on('event', (event) => {
      if (event.type === 'execution.completed') ended.push(`${event.executionId} ${event.status}`);
    });
    const { executionId, done } = await runtime.engine.start(workflow, { text: 'hi' });
    await expect(done).rejects.toThrow(/connection lost/);
    const record = await statusOf(runtime, executionId, ['failed', 'succeeded']);
    expect(record).toMatchObject({ status: 'failed', error: { code: 'AF_INTERNAL' } });
    // Its end is an event like any other (the runtime's notifications and workflow-event triggers listen).
    expect(ended).toEqual([`${executionId} failed`]);
    expect(record?.error?.message).toContain('interrupted 3 times');
    // The first run and two recoveries: three tries of the first commit, no more.
    expect(attempts).toBe(3);
  });

  it('is not started by a recover that only lists orphans', async () => {
    runtime = await createRuntime({ inMemory: true, env });
    await runtime.recover({ resume: false });
    breakCommits(runtime, () => true);
    const { executionId, done } = await runtime.engine.start(workflow, { text: 'hi' });
    await expect(done).rejects.toThrow(/connection lost/);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await runtime.store.getExecution(executionId))?.status).toBe('running');
  });
});
