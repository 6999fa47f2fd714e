/**
 * Cancelling in distributed mode on real PostgreSQL and Redis: the API runtime records the cancellation and tells
 * the workers; the worker running the execution aborts its step in flight, and a queued execution never starts.
 */
import { defineNodeType } from '@agentflow/core';
import type { AgentFlowEvent } from '@agentflow/protocol';
import { waitFor } from '@agentflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Deployment, openDeployment } from './test-support/distributed.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

interface Deferred {
  promise: Promise<unknown>;
  resolve: (value?: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: (value?: unknown) => void;
  const promise = new Promise<unknown>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Per execution: when its `hold` step started, and the reason its abort signal fired with. */
const holds = new Map<string, { started: Deferred; aborted: Deferred }>();
function holdOf(executionId: string): { started: Deferred; aborted: Deferred } {
  let hold = holds.get(executionId);
  if (!hold) {
    hold = { started: deferred(), aborted: deferred() };
    holds.set(executionId, hold);
  }
  return hold;
}

/** A step that waits until its execution is cancelled (as a long model call or tool call would run on). */
const holdNode = defineNodeType({
  type: 'hold',
  configSchema: z.object({}).passthrough(),
  run: ({ context }) => {
    const hold = holdOf(context.executionId);
    hold.started.resolve();
    return new Promise((_, reject) => {
      context.signal.addEventListener(
        'abort',
        () => {
          hold.aborted.resolve(context.signal.reason);
          reject(context.signal.reason);
        },
        { once: true },
      );
    });
  },
});

const holding = {
  name: 'holding',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'hold', type: 'hold', config: {} },
    { id: 'after', type: 'transform', config: { expression: '"never"' } },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'hold' },
    { id: 'c2', sourceAgentId: 'hold', targetAgentId: 'after' },
  ],
};

describe.skipIf(!databaseUrl || !redisUrl)('distributed cancel (needs DATABASE_URL and REDIS_URL)', () => {
  let deployment: Deployment | undefined;
  beforeAll(async () => {
    deployment = await openDeployment('dcancel', { workers: 2, nodeTypes: [holdNode] });
  });
  afterAll(async () => {
    await deployment?.close();
  });

  it('aborts the step in flight on the worker that runs the execution, which ends cancelled once', async () => {
    const { api, workers } = deployment!;
    const events: AgentFlowEvent[] = [];
    const offApi = api.onEvent((e) => events.push(e));
    const wf = await api.workflows.create(holding);
    const { executionId, done } = await api.workflows.execute(wf.id, {});
    const hold = holdOf(executionId);
    await hold.started.promise;

    expect(await api.executions.cancel(executionId)).toBe(true);
    // The step observes its abort (without the command it would wait until its worker closes).
    const reason = await hold.aborted.promise;
    expect(reason).toMatchObject({ code: 'AF_CANCELLED' });
    expect(await done).toMatchObject({ status: 'cancelled', error: { code: 'AF_CANCELLED' } });
    await waitFor(
      () => events.some((e) => e.type === 'execution.completed' && e.executionId === executionId),
      5000,
    );
    await deployment!.drained();
    offApi();

    const mine = events.filter((e) => e.executionId === executionId);
    const completed = mine.filter((e) => e.type === 'execution.completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ status: 'cancelled', error: { code: 'AF_CANCELLED' } });
    expect(mine.filter((e) => e.type === 'execution.started')).toHaveLength(1);
    expect(mine.some((e) => e.type === 'step.completed' && e.agentId === 'hold')).toBe(false);
    const detail = await api.executions.detail(executionId);
    expect(detail.execution).toMatchObject({ status: 'cancelled', error: { code: 'AF_CANCELLED' } });
    expect(detail.steps.map((s) => s.agentId)).toEqual(['in']);
    // The worker holds nothing any more: nothing left to re-enqueue.
    expect(await workers[0]!.store.listOrphans()).not.toContain(executionId);
  });

  it('never runs an execution cancelled while it waited in the queue', async () => {
    const { api } = deployment!;
    // A worker that is not taking work yet: the execution stays queued.
    const idle = await deployment!.addWorker(false);
    const ran: AgentFlowEvent[] = [];
    const offs = [...deployment!.workers].map((w) => w.engine.on('event', (e) => ran.push(e)));
    // Stop the running workers taking it (they would start it at once).
    for (const worker of deployment!.workers) if (worker !== idle) await worker.close();
    const wf = await api.workflows.create(holding);
    const { executionId, done } = await api.workflows.execute(wf.id, {});
    expect((await api.store.getExecution(executionId))?.status).toBe('queued');

    expect(await api.executions.cancel(executionId)).toBe(true);
    expect(await done).toMatchObject({ status: 'cancelled', error: { code: 'AF_CANCELLED' } });
    idle.work();
    await deployment!.drained();
    for (const off of offs) off();

    expect(ran.filter((e) => e.executionId === executionId)).toEqual([]);
    expect(holds.has(executionId)).toBe(false);
    const detail = await api.executions.detail(executionId);
    expect(detail.execution.status).toBe('cancelled');
    expect(detail.execution.startedAt).toBeUndefined();
    expect(detail.steps).toEqual([]);
  });
});
