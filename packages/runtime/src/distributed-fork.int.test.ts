/**
 * Re-run and fork in distributed mode on real PostgreSQL and Redis: the API runtime records the new execution
 * (queued, with its reused steps) and a worker runs it; the reused steps never run on any process.
 */
import type { AgentFlowEvent } from '@agentflow/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from './index.js';
import { type Deployment, openDeployment } from './test-support/distributed.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

const definition = {
  name: 'fork-distributed',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'double', type: 'transform', config: { expression: 'input.n * 2.0' } },
    { id: 'inc', type: 'transform', config: { expression: 'input + 1.0' } },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'double' },
    { id: 'c2', sourceAgentId: 'double', targetAgentId: 'inc' },
  ],
};

describe.skipIf(!databaseUrl || !redisUrl)('distributed fork (needs DATABASE_URL and REDIS_URL)', () => {
  let deployment: Deployment | undefined;
  let api: Runtime;
  let workers: Runtime[] = [];
  beforeAll(async () => {
    deployment = await openDeployment('dfork', { workers: 1, work: { concurrency: 2 } });
    ({ api, workers } = deployment);
  });
  afterAll(async () => {
    await deployment?.close();
  });

  it('a fork with an edited input and a re-run run on the worker; reused steps do not run again', async () => {
    const wf = await api.workflows.create(definition);
    const first = await api.workflows.execute(wf.id, { n: 5 });
    expect((await first.done).output).toBe(11);

    const stepsRun: string[] = [];
    const off = workers[0]!.engine.on('event', (e: AgentFlowEvent) => {
      if (e.type === 'step.completed') stepsRun.push(`${e.executionId}/${e.agentId}`);
    });
    const fork = await api.operations.fork(first.executionId, {}, { nodeId: 'inc', input: { value: 100 } });
    expect(fork.reusedSteps).toBe(2);
    const forked = await fork.done;
    expect(forked.status).toBe('succeeded');
    expect(forked.output).toBe(101);
    const rerun = await api.operations.rerun(first.executionId, {});
    expect((await rerun.done).output).toBe(11);
    off();
    expect(stepsRun.filter((s) => s.startsWith(fork.executionId)).map((s) => s.split('/')[1])).toEqual([
      'inc',
    ]);
    const detail = await api.executions.detail(fork.executionId);
    expect(detail.execution.forkedFrom).toEqual({
      executionId: first.executionId,
      nodeId: 'inc',
      input: 100,
    });
    expect(detail.execution.startedAt).toBeDefined();
    expect(detail.steps.filter((s) => s.reusedFrom !== undefined).map((s) => s.agentId)).toEqual([
      'in',
      'double',
    ]);
  });
});
