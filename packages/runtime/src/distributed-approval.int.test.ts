/**
 * Approving in distributed mode on real PostgreSQL and Redis: the API runtime validates the payload and records
 * the approval, then hands the execution to the workers, one of which runs what follows the human node.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { defineNodeType } from '@agentflow/core';
import type { AgentFlowEvent } from '@agentflow/protocol';
import { createBullmqQueue } from '@agentflow/queue-bullmq';
import { waitFor } from '@agentflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Deployment, openDeployment } from './test-support/distributed.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

/** Executions whose probe step ran, once per run of it. */
const probed: string[] = [];
const probeNode = defineNodeType({
  type: 'probe',
  configSchema: z.object({}).passthrough(),
  run: ({ input, context }) => {
    probed.push(context.executionId);
    return { reviewed: input };
  },
});

const definition = {
  name: 'approval',
  agents: [
    { id: 'in', type: 'input' },
    {
      id: 'review',
      type: 'human',
      config: {
        prompt: 'Publish?',
        schema: {
          type: 'object',
          properties: { approved: { type: 'boolean' }, note: { type: 'string' } },
          required: ['approved'],
        },
      },
    },
    { id: 'probe', type: 'probe', config: {} },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'review' },
    { id: 'c2', sourceAgentId: 'review', targetAgentId: 'probe' },
  ],
};

describe.skipIf(!databaseUrl || !redisUrl)('distributed approval (needs DATABASE_URL and REDIS_URL)', () => {
  let deployment: Deployment | undefined;
  beforeAll(async () => {
    deployment = await openDeployment('dapprove', { workers: 2, nodeTypes: [probeNode] });
  });
  afterAll(async () => {
    await deployment?.close();
  });

  /** A paused execution of `definition`, run on a worker. */
  async function paused(): Promise<string> {
    const { api } = deployment!;
    const wf = await api.workflows.create(definition);
    const { executionId, done } = await api.workflows.execute(wf.id, { topic: 'cats' });
    expect(await done).toMatchObject({ status: 'paused' });
    await deployment!.drained();
    return executionId;
  }

  /** Events each engine emitted itself (not relayed): the API's, and the workers' together. */
  function watch() {
    const api: AgentFlowEvent[] = [];
    const workers: AgentFlowEvent[] = [];
    const offs = [
      deployment!.api.engine.on('event', (e) => api.push(e)),
      ...deployment!.workers.map((w) => w.engine.on('event', (e) => workers.push(e))),
    ];
    const off = () => {
      for (const stop of offs) stop();
    };
    return { api, workers, off };
  }

  it('records the approval in the API process; a worker runs the successor and the execution succeeds', async () => {
    const { api } = deployment!;
    const executionId = await paused();
    const seen = watch();

    const approved = await api.executions.submitApproval(executionId, 'review', {
      approved: true,
      note: 'ok',
    });
    // Accepted: the approval is durable before the call returns.
    const recorded = await api.executions.detail(executionId);
    expect(recorded.steps.filter((s) => s.agentId === 'review').map((s) => s.status)).toEqual([
      'waiting',
      'succeeded',
    ]);
    const result = await approved.done;
    expect(result).toMatchObject({
      status: 'succeeded',
      output: { reviewed: { approved: true, note: 'ok' } },
    });
    await deployment!.drained();
    seen.off();

    // The API process ran no step: it only committed the human step; a worker resumed and ran the probe.
    const mine = (events: AgentFlowEvent[]) => events.filter((e) => e.executionId === executionId);
    expect(mine(seen.api).map((e) => [e.type, 'agentId' in e ? e.agentId : undefined])).toEqual([
      ['message', undefined],
      ['step.completed', 'review'],
    ]);
    const onWorkers = mine(seen.workers);
    expect(onWorkers[0]?.type).toBe('execution.resumed');
    expect(
      onWorkers.filter((e) => e.type === 'step.completed').map((e) => 'agentId' in e && e.agentId),
    ).toEqual(['probe']);
    expect(onWorkers.filter((e) => e.type === 'execution.completed')).toHaveLength(1);
    expect(probed.filter((id) => id === executionId)).toHaveLength(1);

    const detail = await api.executions.detail(executionId);
    expect(detail.execution.status).toBe('succeeded');
    expect(detail.steps.map((s) => [s.agentId, s.status])).toEqual([
      ['in', 'succeeded'],
      ['review', 'waiting'],
      ['review', 'succeeded'],
      ['probe', 'succeeded'],
    ]);
    // Approving it again is refused.
    await expect(
      api.executions.submitApproval(executionId, 'review', { approved: false }),
    ).rejects.toMatchObject({ code: 'AF_NOT_RESUMABLE' });
  });

  it('refuses a bad payload synchronously, with its paths, and changes nothing', async () => {
    const { api } = deployment!;
    const executionId = await paused();
    const before = await api.executions.detail(executionId);
    const seen = watch();

    await expect(
      api.executions.submitApproval(executionId, 'review', { approved: 'yes' }),
    ).rejects.toMatchObject({
      code: 'AF_INVALID_RESUME_PAYLOAD',
      issues: [expect.objectContaining({ path: 'approved' })],
    });
    await expect(api.executions.submitApproval(executionId, 'in', {})).rejects.toMatchObject({
      code: 'AF_NOT_RESUMABLE',
    });
    await deployment!.drained();
    seen.off();

    expect(seen.api).toEqual([]);
    expect(seen.workers).toEqual([]);
    const after = await api.executions.detail(executionId);
    expect(after.execution).toEqual(before.execution);
    expect(after.steps).toEqual(before.steps);
    expect(after.messages).toEqual(before.messages);
    expect(probed).not.toContain(executionId);
    // Nobody holds it: the refused approvals gave the lease back, and a paused execution is no orphan.
    expect(await api.store.acquireLease(executionId, 'probe-owner', 1000)).toBe(true);
    await api.store.releaseLease(executionId, 'probe-owner');
  });

  it('records one of two approvals of the same node sent at once; the other is refused', async () => {
    const { api } = deployment!;
    const executionId = await paused();
    const outcomes = await Promise.allSettled([
      api.executions.submitApproval(executionId, 'review', { approved: true }),
      api.executions.submitApproval(executionId, 'review', { approved: false }),
    ]);
    const accepted = outcomes.filter((o) => o.status === 'fulfilled');
    expect(accepted).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(['AF_CONFLICT', 'AF_NOT_RESUMABLE']).toContain(refused.reason.code);
    const result = await (accepted[0] as PromiseFulfilledResult<{ done: Promise<unknown> }>).value.done;
    expect(result).toMatchObject({ status: 'succeeded' });
    await deployment!.drained();
    const steps = (await api.executions.detail(executionId)).steps;
    expect(steps.filter((s) => s.agentId === 'review' && s.status === 'succeeded')).toHaveLength(1);
    expect(probed.filter((id) => id === executionId)).toHaveLength(1);
  });

  it('a worker waits for a lease held a moment by a refused approval, rather than drop the delivery', async () => {
    // Two approvals of one node at once: the accepted one is recorded and handed to a worker while the refused
    // one still holds the lease (it reads the history under it). The worker used to ack the delivery on
    // AF_LEASE_LOST, leaving the execution queued until the sweep's next full pass (30 s). Staged here.
    const { api } = deployment!;
    const executionId = await paused();
    await api.engine.recordApproval(executionId, 'review', { approved: true });
    expect(await api.store.acquireLease(executionId, 'refused-approval', 60_000)).toBe(true);
    const { done } = await api.executions.requestResume(executionId);
    const queue = createBullmqQueue({ connection: redisUrl!, name: `executions-${deployment!.schemaName}` });
    try {
      // A worker took the delivery and found the lease held.
      await waitFor(async () => (await queue.counts!()).waiting === 0, 5000);
      await delay(300);
    } finally {
      await queue.close?.();
    }
    expect((await api.store.getExecution(executionId))?.status).toBe('queued');
    await api.store.releaseLease(executionId, 'refused-approval');
    expect(await done).toMatchObject({ status: 'succeeded' });
    expect(probed.filter((id) => id === executionId)).toHaveLength(1);
  });
});
