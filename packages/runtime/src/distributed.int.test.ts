/**
 * Distributed mode end to end on real PostgreSQL and Redis: an API runtime records executions and enqueues them,
 * two worker runtimes run them, and the API side sees every execution's events through the relay.
 */
import type { AgentFlowEvent } from '@agentflow/protocol';
import { createBullmqQueue } from '@agentflow/queue-bullmq';
import { waitFor } from '@agentflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from './index.js';
import { type Deployment, openDeployment } from './test-support/distributed.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

const definition = {
  name: 'distributed',
  agents: [
    { id: 'in', type: 'input', config: { schema: { type: 'object', required: ['n'] } } },
    { id: 'double', type: 'transform', config: { expression: 'input.n * 2.0' } },
    { id: 'inc', type: 'transform', config: { expression: 'input + 1.0' } },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'double' },
    { id: 'c2', sourceAgentId: 'double', targetAgentId: 'inc' },
  ],
};

describe.skipIf(!databaseUrl || !redisUrl)('distributed mode (needs DATABASE_URL and REDIS_URL)', () => {
  let deployment: Deployment | undefined;
  let api: Runtime;
  let workers: Runtime[] = [];
  beforeAll(async () => {
    deployment = await openDeployment('dist', { workers: 2, work: { concurrency: 5 } });
    ({ api, workers } = deployment);
  });
  afterAll(async () => {
    await deployment?.close();
  });

  it('runs 50 executions on the workers, each exactly once, with their events at the API', async () => {
    const events: AgentFlowEvent[] = [];
    const ranBy = new Map<string, number>();
    const offApi = api.onEvent((e) => events.push(e));
    const offWorkers = workers.map((w, i) =>
      w.engine.on('event', (e) => {
        if (e.type === 'execution.started') ranBy.set(e.executionId, i);
      }),
    );
    const wf = await api.workflows.create(definition);
    const started = await Promise.all(
      Array.from({ length: 50 }, (_, n) => api.workflows.execute(wf.id, { n })),
    );
    const results = await Promise.all(started.map((s) => s.done));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill('succeeded'));
    expect(results.map((r) => r.output)).toEqual(Array.from({ length: 50 }, (_, n) => n * 2 + 1));
    const ids = started.map((s) => s.executionId);
    await waitFor(() => events.filter((e) => e.type === 'execution.completed').length === 50, 10_000);
    offApi();
    for (const off of offWorkers) off();

    // The API ran nothing itself; the workers ran every execution.
    expect(ranBy.size).toBe(50);
    for (const id of ids) {
      const mine = events.filter((e) => e.executionId === id);
      const count = (type: string, agentId?: string) =>
        mine.filter(
          (e) => e.type === type && (agentId === undefined || ('agentId' in e && e.agentId === agentId)),
        ).length;
      expect(count('execution.started')).toBe(1);
      expect(count('execution.resumed')).toBe(0);
      expect(count('execution.completed')).toBe(1);
      for (const agent of ['in', 'double', 'inc']) expect(count('step.completed', agent)).toBe(1);
      const detail = await api.executions.detail(id);
      expect(detail.execution.status).toBe('succeeded');
      expect(detail.steps.map((s) => [s.agentId, s.attempt])).toEqual([
        ['in', 1],
        ['double', 1],
        ['inc', 1],
      ]);
    }
  });

  it('acks a redelivered id whose execution already ended, without running it again', async () => {
    const wf = await api.workflows.create(definition);
    const { executionId, done } = await api.workflows.execute(wf.id, { n: 1 });
    const first = await done;
    expect(first.error).toBeUndefined();
    expect(first).toMatchObject({ status: 'succeeded', output: 3 });
    const runs: string[] = [];
    const offs = workers.map((w) => w.engine.on('event', (e) => runs.push(e.type)));
    // Deliver the id again, as an at-least-once queue may, and wait until a worker took and acked it.
    const queue = createBullmqQueue({ connection: redisUrl!, name: `executions-${deployment!.schemaName}` });
    try {
      await queue.enqueue(executionId);
    } finally {
      await queue.close?.();
    }
    await deployment!.drained();
    for (const off of offs) off();
    expect(runs).toEqual([]);
    expect((await api.store.getExecution(executionId))?.status).toBe('succeeded');
  });

  it('pauses on a worker; a requested resume of a paused execution runs nothing; an approval continues it', async () => {
    const wf = await api.workflows.create({
      name: 'approval',
      agents: [
        { id: 'in', type: 'input' },
        { id: 'ok', type: 'human', config: { prompt: 'Go?' } },
        { id: 'after', type: 'transform', config: { expression: '"approved"' } },
      ],
      connections: [
        { id: 'c1', sourceAgentId: 'in', targetAgentId: 'ok' },
        { id: 'c2', sourceAgentId: 'ok', targetAgentId: 'after' },
      ],
    });
    const { executionId, done } = await api.workflows.execute(wf.id, {});
    expect(await done).toMatchObject({ status: 'paused' });
    const runs: string[] = [];
    const offs = workers.map((w) => w.engine.on('event', (e) => runs.push(e.type)));
    // Enqueued, acked by a worker without running (it waits for a person); `done` learns it from the store.
    const resumed = await api.executions.requestResume(executionId);
    expect(await resumed.done).toMatchObject({ status: 'paused' });
    await deployment!.drained();
    for (const off of offs) off();
    expect(runs).toEqual([]);
    const approved = await api.executions.submitApproval(executionId, 'ok', { go: true });
    expect(await approved.done).toMatchObject({ status: 'succeeded', output: 'approved' });
  });

  it('refuses the api and worker roles without Redis, with a clear message', async () => {
    await expect(createRuntime({ env: { DATABASE_URL: databaseUrl }, role: 'worker' })).rejects.toThrow(
      /worker role needs DATABASE_URL .* and REDIS_URL/,
    );
  });
});
