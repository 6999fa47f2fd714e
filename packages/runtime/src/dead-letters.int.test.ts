/**
 * Dead letters on real PostgreSQL and Redis (issue 13 item 14): an execution the workers cannot run (its workflow
 * uses a plugin node type the API process has and the workers lack, so every worker's resume throws) is delivered
 * AGENTFLOW_MAX_DELIVERIES times, then taken off the queue, failed with the reason (live views learn it) and listed
 * as a dead letter of its workspace; retrying it (audited) reopens it and puts it back, and a worker that has the
 * plugin finishes it.
 */
import { defineNodeType } from '@agentflow/core';
import { schema } from '@agentflow/store-sql';
import { waitFor } from '@agentflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Principal } from './auth/permissions.js';
import { createRuntime, type Runtime } from './runtime.js';
import { type Deployment, openDeployment } from './test-support/distributed.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

const WS = 'ws-dead';
const member: Principal = { kind: 'user', userId: 'user-dead', workspaceId: WS, role: 'member', plan: 'pro' };
const other: Principal = { ...member, userId: 'user-other', workspaceId: 'ws-other' };

/** A plugin node type only some processes register. */
const shout = defineNodeType({
  type: 'shout',
  configSchema: z.object({}).passthrough(),
  run: ({ input }) => String(input).toUpperCase(),
});

const workflow = {
  name: 'shouting',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'loud', type: 'shout', config: {} },
  ],
  connections: [{ id: 'c1', sourceAgentId: 'in', targetAgentId: 'loud' }],
};

describe.skipIf(!databaseUrl || !redisUrl)('dead letters (needs DATABASE_URL and REDIS_URL)', () => {
  let deployment: Deployment | undefined;
  const extra: Runtime[] = [];
  beforeAll(async () => {
    // The API process knows the plugin; no worker yet.
    deployment = await openDeployment('ddead', {
      workers: 0,
      nodeTypes: [shout],
      env: { AGENTFLOW_MAX_DELIVERIES: '3' },
    });
    await deployment.api.store.db.insert(schema.users).values([{ id: member.userId, email: 'dead@test' }]);
    await deployment.api.store.db.insert(schema.workspaces).values([
      { id: WS, name: 'dead', plan: 'pro' },
      { id: other.workspaceId, name: 'other', plan: 'pro' },
    ]);
  });
  afterAll(async () => {
    await Promise.all(extra.map((r) => r.close()));
    await deployment?.close();
  });

  it('lists an execution whose deliveries all failed, and retries it', async () => {
    const { api } = deployment!;
    // A worker without the plugin: resuming the execution throws on every delivery.
    const lacking = await createRuntime({ env: deployment!.env, role: 'worker' });
    extra.push(lacking);
    lacking.work();
    const wf = await api.workflows.create(workflow, { workspaceId: WS, userId: member.userId });
    const { executionId } = await api.workflows.execute(wf.id, 'hello', {
      workspaceId: WS,
      userId: member.userId,
    });

    await waitFor(async () => (await api.deadLetters.list(member)).length === 1, 15_000);
    const [letter] = await api.deadLetters.list(member);
    expect(letter).toMatchObject({ executionId, deliveries: 3 });
    expect(letter?.reason).toMatch(/shout/);
    await deployment!.drained();
    // Failed with the reason, not left queued forever; other workspaces see nothing; the sweep does not take it up.
    const failed = await api.store.getExecution(executionId);
    expect(failed).toMatchObject({
      status: 'failed',
      error: { code: 'AF_INTERNAL', details: { deadLetter: true, deliveries: 3 } },
    });
    expect(failed?.error?.message).toMatch(/delivered 3 times\. The last failure: .*shout/);
    expect(failed?.completedAt).toBeTypeOf('number');
    expect(await api.deadLetters.list(other)).toEqual([]);
    expect(await api.recover()).not.toContain(executionId);
    await expect(api.deadLetters.retry(other, letter!.id)).rejects.toMatchObject({ code: 'AF_NOT_FOUND' });

    // A worker with the plugin replaces the one without; the retry runs the execution to the end.
    await lacking.close();
    const able = await createRuntime({ env: deployment!.env, role: 'worker', nodeTypes: [shout] });
    extra.push(able);
    able.work();
    const retried = await api.deadLetters.retry(member, letter!.id);
    expect(retried.retriedAt).toBeDefined();
    await waitFor(async () => (await api.store.getExecution(executionId))?.status === 'succeeded', 15_000);
    const done = await api.store.getExecution(executionId);
    expect(done?.output).toBe('HELLO');
    expect(done?.error).toBeUndefined();
    expect(await api.deadLetters.list(member)).toEqual([]);
    await expect(api.deadLetters.retry(member, letter!.id)).rejects.toMatchObject({ code: 'AF_NOT_FOUND' });
    const audit = await api.tenancy.audit.list({ ...member, role: 'admin' });
    const actions = audit.items.map((a) => a.action);
    expect(actions).toContain('execution.dead_letter');
    expect(actions).toContain('execution.dead_letter_retry');
  });
});
