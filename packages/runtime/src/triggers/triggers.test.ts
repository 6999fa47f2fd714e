/**
 * The trigger services as the runtime composes them (over the store-sql trigger and firing repositories, on
 * PGlite): workflow-event triggers refuse a cycle, an ended source starts its target once and the firing is
 * recorded and linked to the execution; a schedule shows its next runs.
 */
import { schema } from '@agentflow/store-sql';
import { waitFor } from '@agentflow/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/permissions.js';
import { createRuntime, type Runtime } from '../runtime.js';

const WS = 'ws-triggers';
const admin: Principal = {
  kind: 'user',
  userId: 'user-triggers',
  workspaceId: WS,
  role: 'admin',
  plan: 'pro',
};

const echo = (name: string) => ({
  name,
  status: 'active' as const,
  agents: [
    { id: 'in', type: 'input' },
    { id: 'out', type: 'output' },
  ],
  connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'out' }],
});

describe('trigger services (runtime, PGlite)', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createRuntime({ inMemory: true, env: {}, triggers: { schedules: false } });
    await runtime.store.db.insert(schema.users).values([{ id: admin.userId, email: 'triggers@test' }]);
    await runtime.store.db.insert(schema.workspaces).values([{ id: WS, name: 'triggers', plan: 'pro' }]);
  });
  afterAll(() => runtime.close());

  it('a workflow event starts its target once, recorded as a firing; a cycle is refused', async () => {
    const owner = { workspaceId: WS, userId: admin.userId };
    const source = await runtime.workflows.create(echo('source'), owner);
    const target = await runtime.workflows.create(echo('target'), owner);
    const { trigger } = await runtime.triggers.create(admin, target.id, {
      kind: 'workflow_event',
      name: 'after source',
      config: { sourceWorkflowId: source.id, on: ['succeeded'] },
    });
    await expect(
      runtime.triggers.create(admin, source.id, {
        kind: 'workflow_event',
        name: 'loop',
        config: { sourceWorkflowId: target.id, on: ['succeeded'] },
      }),
    ).rejects.toMatchObject({ code: 'AF_VALIDATION' });
    expect((await runtime.triggers.list(admin, target.id)).map((t) => t.id)).toEqual([trigger.id]);

    const { executionId, done } = await runtime.workflows.execute(source.id, { n: 1 }, owner);
    await done;
    await waitFor(async () => (await runtime.triggers.firings(admin, trigger.id)).length === 1, 10_000);
    const [firing] = await runtime.triggers.firings(admin, trigger.id);
    expect(firing).toMatchObject({
      triggerId: trigger.id,
      kind: 'workflow_event',
      sourceExecutionId: executionId,
    });
    await waitFor(
      async () => (await runtime.store.getExecution(firing!.executionId))?.status === 'succeeded',
    );
    expect((await runtime.store.getExecution(firing!.executionId))?.output).toEqual({ n: 1 });
    const refs = await runtime.triggers.triggeredBy([firing!.executionId, executionId]);
    expect([...refs]).toEqual([
      [firing!.executionId, { id: trigger.id, kind: 'workflow_event', name: 'after source' }],
    ]);

    // The same end seen again (another process, the sweep) starts nothing more.
    const record = await runtime.store.getExecution(executionId);
    expect(await runtime.triggers.onExecutionCompleted(record!)).toBe(0);
    expect(await runtime.triggers.firings(admin, trigger.id)).toHaveLength(1);
  });

  it('a schedule shows its next runs; changing it, deleting it', async () => {
    const wf = await runtime.workflows.create(echo('scheduled'), { workspaceId: WS, userId: admin.userId });
    const { trigger } = await runtime.triggers.create(admin, wf.id, {
      kind: 'schedule',
      name: 'hourly',
      config: { cron: '0 * * * *', timezone: 'UTC' },
    });
    expect(trigger.nextRunAt).toBeGreaterThan(Date.now());
    const runs = await runtime.triggers.nextRuns(admin, trigger.id, 3);
    expect(runs).toHaveLength(3);
    expect(runs[1]! - runs[0]!).toBe(3_600_000);
    const renamed = await runtime.triggers.update(admin, trigger.id, { name: 'every hour', enabled: false });
    expect(renamed).toMatchObject({ name: 'every hour', enabled: false });
    await runtime.triggers.remove(admin, trigger.id);
    await expect(runtime.triggers.get(admin, trigger.id)).rejects.toMatchObject({ code: 'AF_NOT_FOUND' });
  });

  it('deleting a workflow deletes its triggers and chat conversations; its executions and another workflow’s stay', async () => {
    const owner = { workspaceId: WS, userId: admin.userId };
    const doomed = await runtime.workflows.create(echo('doomed'), owner);
    const kept = await runtime.workflows.create(echo('kept'), owner);
    const schedule = { kind: 'schedule' as const, name: 'hourly', config: { cron: '0 * * * *' } };
    const { trigger } = await runtime.triggers.create(admin, doomed.id, schedule);
    const { trigger: other } = await runtime.triggers.create(admin, kept.id, schedule);
    await runtime.store.db.execute(sql`
      insert into chat_conversations (id, workspace_id, workflow_id, title, source)
      values ('conv-doomed', ${WS}, ${doomed.id}, 'hello', 'app'), ('conv-kept', ${WS}, ${kept.id}, 'hi', 'app')`);
    const conversations = async () =>
      (
        (await runtime.store.db.execute(sql`select id from chat_conversations order by id`)) as unknown as {
          rows: { id: string }[];
        }
      ).rows.map((r) => r.id);
    expect(await conversations()).toEqual(['conv-doomed', 'conv-kept']);
    const { executionId, done } = await runtime.workflows.execute(doomed.id, { n: 1 }, owner);
    await done;

    await runtime.workflows.remove(doomed.id, owner);

    await expect(runtime.triggers.get(admin, trigger.id)).rejects.toMatchObject({ code: 'AF_NOT_FOUND' });
    expect((await runtime.triggers.get(admin, other.id)).id).toBe(other.id);
    expect(await conversations()).toEqual(['conv-kept']);
    expect((await runtime.store.getExecution(executionId))?.status).toBe('succeeded');
  });
});
