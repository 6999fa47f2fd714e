/**
 * A worker's dead-lettering (dispatch-worker.ts) on the in-memory store and a real engine: a delivery past
 * AGENTFLOW_MAX_DELIVERIES fails the execution and records a dead letter only when no process holds it; one still
 * leased is given back to the queue (the handler throws), and one that ended is just acked. The whole path on
 * PostgreSQL and Redis is in dead-letters.int.test.ts.
 */
import { createEngine, createMemoryStore, defineNodeType, type Engine, type Store } from '@agentflow/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from './config.js';
import type { DeadLetterService } from './dead-letters.js';
import { createDeliveryRunner } from './dispatch-worker.js';

const workflow = {
  name: 'held',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'hold', type: 'hold', config: {} },
  ],
  connections: [{ id: 'c1', sourceAgentId: 'in', targetAgentId: 'hold' }],
};

function setup() {
  let release: () => void = () => undefined;
  let entered: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (entered = resolve));
  const hold = defineNodeType({
    type: 'hold',
    configSchema: z.object({}),
    run: ({ input }) =>
      new Promise((resolve) => {
        release = () => resolve(input);
        entered();
      }),
  });
  const store: Store = createMemoryStore();
  const recorded: { executionId: string; deliveries: number; reason: string }[] = [];
  const deadLetters = {
    record: async (input: { executionId: string; deliveries: number; reason: string }) => {
      recorded.push(input);
    },
  } as unknown as DeadLetterService;
  const config = loadConfig({}, { maxDeliveries: 3, leaseTtlMs: 60_000 });
  const worker = (engine: Engine) => createDeliveryRunner({ config, store, engine, deadLetters });
  return { store, hold, recorded, worker, started, release: () => release() };
}

describe('dead-lettering a delivery past maxDeliveries', () => {
  it('fails an execution no process holds, with the reason, and records its dead letter', async () => {
    const { store, hold, recorded, worker } = setup();
    const api = createEngine({ store, nodeTypes: [hold] });
    const { executionId } = await api.create(workflow, 'x');
    const runner = worker(createEngine({ store, nodeTypes: [hold] }));
    await runner.handle({ executionId, token: 't', deliveries: 4 });
    expect(await store.getExecution(executionId)).toMatchObject({
      status: 'failed',
      error: { code: 'AF_INTERNAL', details: { deadLetter: true, deliveries: 4 } },
    });
    expect(recorded).toEqual([expect.objectContaining({ executionId, deliveries: 4 })]);
    runner.close();
  });

  it('gives back a delivery whose execution a process still holds, and acks one that ended', async () => {
    const { store, hold, recorded, worker, started, release } = setup();
    const running = createEngine({ store, nodeTypes: [hold], leaseTtlMs: 60_000 });
    const { executionId, done } = await running.start(workflow, 'x');
    await started;
    const runner = worker(createEngine({ store, nodeTypes: [hold] }));
    await expect(runner.handle({ executionId, token: 't', deliveries: 4 })).rejects.toMatchObject({
      code: 'AF_CONFLICT',
    });
    expect((await store.getExecution(executionId))?.status).toBe('running');
    release();
    await expect(done).resolves.toMatchObject({ status: 'succeeded' });
    await runner.handle({ executionId, token: 't', deliveries: 5 });
    expect((await store.getExecution(executionId))?.status).toBe('succeeded');
    expect(recorded).toEqual([]);
    runner.close();
  });

  it('acks a child execution (its parent runs or fails it), changing nothing', async () => {
    const { store, hold, recorded, worker } = setup();
    const api = createEngine({ store, nodeTypes: [hold] });
    const { executionId: parent } = await api.create(workflow, 'x');
    const record = (await store.getExecution(parent))!;
    await store.createExecution({ ...record, id: `${parent}/child`, parentExecutionId: parent });
    const runner = worker(createEngine({ store, nodeTypes: [hold] }));
    await runner.handle({ executionId: `${parent}/child`, token: 't', deliveries: 4 });
    expect((await store.getExecution(`${parent}/child`))?.status).toBe('queued');
    expect(recorded).toEqual([]);
    runner.close();
  });
});
