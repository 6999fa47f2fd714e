/**
 * Behaviour of the trigger and trigger-firing repositories (triggers.ts, trigger-firings.ts), run on PGlite
 * (triggers.test.ts) and on PostgreSQL (triggers.int.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { workflowExecutions } from './schema.js';
import type { SqlStore } from './sql-store.js';
import { createTenancyRepositories } from './tenancy.js';
import { createTriggerFiringRepository, type TriggerFiringRepository } from './trigger-firings.js';
import { createTriggerRepository, type NewTrigger, type TriggerRepository } from './triggers.js';

export function defineTriggerTests(getStore: () => SqlStore): void {
  let repos: { triggers: TriggerRepository; firings: TriggerFiringRepository } | undefined;
  const store = () => {
    repos ??= {
      triggers: createTriggerRepository(getStore().db, getStore().raw),
      firings: createTriggerFiringRepository(getStore().db),
    };
    return repos;
  };
  const rand = () => randomBytes(6).toString('hex');

  async function workspace() {
    const tenancy = createTenancyRepositories(getStore().db);
    const user = await tenancy.users.createUser({
      email: `t${rand()}@example.com`,
      passwordHash: '$argon2id$x',
    });
    return (await tenancy.workspaces.createWorkspace({ name: 'triggers', ownerId: user.id })).id;
  }

  const trigger = (workspaceId: string, extra: Partial<NewTrigger> = {}): NewTrigger => ({
    id: `trg_${rand()}`,
    workspaceId,
    workflowId: 'wf_target',
    kind: 'webhook',
    name: 'hook',
    enabled: true,
    config: { mode: 'async' },
    ...extra,
  });

  async function ended(
    workspaceId: string,
    workflowId: string,
    completedAgoMs: number,
    extra: { status?: string; parentExecutionId?: string } = {},
  ) {
    const id = `exe_${rand()}`;
    await getStore()
      .db.insert(workflowExecutions)
      .values({
        id,
        workflowId,
        workflowVersion: 1,
        workflow: {},
        workspaceId,
        status: extra.status ?? 'succeeded',
        parentExecutionId: extra.parentExecutionId ?? null,
        completedAt: new Date(Date.now() - completedAgoMs),
      });
    return id;
  }

  describe('triggers', () => {
    it('creates, reads, lists, changes and removes a workspace’s triggers', async () => {
      const ws = await workspace();
      const { triggers } = store();
      const hook = await triggers.create(
        trigger(ws, { secret: 'sealed', createdBy: 'usr_1', nextRunAt: Date.UTC(2030, 0, 1) }),
      );
      expect(hook).toMatchObject({
        workspaceId: ws,
        workflowId: 'wf_target',
        kind: 'webhook',
        enabled: true,
        config: { mode: 'async' },
        secret: 'sealed',
        createdBy: 'usr_1',
        nextRunAt: Date.UTC(2030, 0, 1),
      });
      expect(hook).not.toHaveProperty('tokenHash');
      expect(typeof hook.createdAt).toBe('number');
      const second = await triggers.create(trigger(ws, { name: 'second' }));
      await triggers.create(trigger(ws, { workflowId: 'wf_other' }));

      expect(await triggers.get(hook.id)).toEqual(hook);
      expect(await triggers.find(ws, hook.id)).toEqual(hook);
      expect(await triggers.find(await workspace(), hook.id)).toBeUndefined();
      expect(await triggers.get('trg_missing')).toBeUndefined();
      expect((await triggers.list(ws, 'wf_target')).map((t) => t.id)).toEqual([hook.id, second.id]);

      const changed = await triggers.update(hook.id, {
        name: 'renamed',
        enabled: false,
        config: { mode: 'sync' },
        nextRunAt: null,
        secret: 'resealed',
        updatedAt: Date.UTC(2031, 0, 1),
      });
      expect(changed).toMatchObject({
        id: hook.id,
        name: 'renamed',
        enabled: false,
        config: { mode: 'sync' },
        secret: 'resealed',
        createdBy: 'usr_1',
        updatedAt: Date.UTC(2031, 0, 1),
      });
      expect(changed).not.toHaveProperty('nextRunAt');
      // Only what the change names is written.
      expect(await triggers.update(hook.id, { updatedAt: Date.UTC(2032, 0, 1) })).toMatchObject({
        name: 'renamed',
        secret: 'resealed',
      });
      expect(await triggers.update('trg_missing', { updatedAt: Date.now() })).toBeUndefined();

      await triggers.remove(hook.id);
      expect(await triggers.get(hook.id)).toBeUndefined();
      expect((await triggers.list(ws, 'wf_target')).map((t) => t.id)).toEqual([second.id]);
    });

    it('finds a workflow’s trigger of a kind and a chat trigger by its token hash', async () => {
      const ws = await workspace();
      const { triggers } = store();
      const hash = `h_${rand()}`;
      const chat = await triggers.create(
        trigger(ws, { kind: 'chat', enabled: false, tokenHash: hash, workflowId: 'wf_chat' }),
      );
      expect(await triggers.findIdOfKind(ws, 'wf_chat', 'chat')).toBe(chat.id);
      expect(await triggers.findIdOfKind(ws, 'wf_chat', 'webhook')).toBeUndefined();
      expect(await triggers.findIdOfKind(await workspace(), 'wf_chat', 'chat')).toBeUndefined();
      expect(await triggers.findChatByTokenHash(hash)).toMatchObject({ id: chat.id, enabled: false });
      expect(await triggers.findChatByTokenHash(`h_${rand()}`)).toBeUndefined();
      const webhookHash = `h_${rand()}`;
      await triggers.create(trigger(ws, { tokenHash: webhookHash }));
      expect(await triggers.findChatByTokenHash(webhookHash)).toBeUndefined();
    });

    it('reads the workflow-event graph and the enabled event triggers of a source', async () => {
      const ws = await workspace();
      const { triggers } = store();
      const event = (workflowId: string, sourceWorkflowId: string, enabled = true) =>
        triggers.create(
          trigger(ws, {
            kind: 'workflow_event',
            workflowId,
            sourceWorkflowId,
            enabled,
            config: { on: ['succeeded'] },
          }),
        );
      const ab = await event('wf_b', 'wf_a');
      const ac = await event('wf_c', 'wf_a', false);
      const bc = await event('wf_c', 'wf_b');
      await triggers.create(trigger(ws));
      await triggers.create(
        trigger(await workspace(), { kind: 'workflow_event', workflowId: 'wf_x', sourceWorkflowId: 'wf_a' }),
      );

      const edges = await triggers.eventEdges(ws);
      expect(edges).toHaveLength(3);
      expect(edges).toEqual(
        expect.arrayContaining([
          { id: ab.id, workflowId: 'wf_b', sourceWorkflowId: 'wf_a' },
          { id: ac.id, workflowId: 'wf_c', sourceWorkflowId: 'wf_a' },
          { id: bc.id, workflowId: 'wf_c', sourceWorkflowId: 'wf_b' },
        ]),
      );
      expect((await triggers.eventTriggersOf(ws, 'wf_a')).map((t) => t.id)).toEqual([ab.id]);
      expect(await triggers.eventTriggersOf(ws, 'wf_c')).toEqual([]);
      // The prepared lookup reads the same records as the query builder, field for field.
      const built = createTriggerRepository(getStore().db);
      for (const source of ['wf_a', 'wf_b', 'wf_c']) {
        const prepared = await triggers.eventTriggersOf(ws, source);
        expect(prepared).toEqual(await built.eventTriggersOf(ws, source));
      }
      expect((await triggers.eventTriggersOf(ws, 'wf_b'))[0]).toEqual(await triggers.get(bc.id));
    });

    it('finds the ended source executions no event trigger fired for', async () => {
      const ws = await workspace();
      const { triggers, firings } = store();
      const source = `wf_src_${rand()}`;
      const t = await triggers.create(
        trigger(ws, { kind: 'workflow_event', workflowId: 'wf_b', sourceWorkflowId: source, config: {} }),
      );
      await triggers.update(t.id, { updatedAt: Date.now() - 60_000 });
      const missed = await ended(ws, source, 30_000);
      const failed = await ended(ws, source, 30_000, { status: 'failed' });
      const fired = await ended(ws, source, 30_000);
      await firings.record({
        executionId: `exe_e_${rand()}`,
        triggerId: t.id,
        workspaceId: ws,
        workflowId: 'wf_b',
        kind: 'workflow_event',
        status: 'started',
        sourceExecutionId: fired,
      });
      const notMissed = [
        await ended(ws, source, 1000), // within the grace period
        await ended(ws, source, 20 * 60_000), // older than the look-back
        await ended(ws, source, 90_000), // before the trigger was last changed
        await ended(ws, source, 30_000, { status: 'running' }),
        await ended(ws, source, 30_000, { parentExecutionId: missed }),
        await ended(ws, `wf_other_${rand()}`, 30_000),
        await ended(await workspace(), source, 30_000),
        fired,
      ];

      const ids = await triggers.missedEventSources({ lookbackMs: 10 * 60_000, graceMs: 5000 });
      expect(ids).toEqual(expect.arrayContaining([missed, failed]));
      for (const id of notMissed) expect(ids).not.toContain(id);
      await triggers.update(t.id, { enabled: false, updatedAt: Date.now() - 60_000 });
      expect(await triggers.missedEventSources({ lookbackMs: 10 * 60_000, graceMs: 5000 })).not.toContain(
        missed,
      );
    });
  });

  describe('trigger firings', () => {
    it('records a firing once per execution and lists a trigger’s newest first', async () => {
      const ws = await workspace();
      const { triggers, firings } = store();
      const t = await triggers.create(trigger(ws, { name: 'named' }));
      const base = { triggerId: t.id, workspaceId: ws, workflowId: t.workflowId, kind: 'webhook' as const };
      const [a, b] = [`exe_${rand()}`, `exe_${rand()}`];
      await firings.record({ ...base, executionId: a, status: 'started', startedAt: Date.UTC(2030, 0, 1) });
      await firings.record({ ...base, executionId: a, status: 'refused', error: 'ignored' });
      await firings.record({ ...base, executionId: b, status: 'refused', error: 'AF_RATE_LIMITED: no' });

      const listed = await firings.list(t.id, 10);
      expect(listed.map((f) => f.executionId)).toEqual([b, a]);
      expect(listed[1]).toMatchObject({
        status: 'started',
        startedAt: Date.UTC(2030, 0, 1),
        workspaceId: ws,
      });
      expect(listed[1]).not.toHaveProperty('error');
      expect(listed[0]).toMatchObject({ status: 'refused', error: 'AF_RATE_LIMITED: no' });
      expect(listed[0]).not.toHaveProperty('startedAt');
      expect(await firings.list(t.id, 1)).toHaveLength(1);
    });

    it('tells which trigger started each execution, with its name while it exists', async () => {
      const ws = await workspace();
      const { triggers, firings } = store();
      const kept = await triggers.create(trigger(ws, { name: 'kept' }));
      const gone = await triggers.create(trigger(ws, { kind: 'chat', name: 'gone' }));
      const [a, b] = [`exe_${rand()}`, `exe_${rand()}`];
      for (const [executionId, t] of [
        [a, kept],
        [b, gone],
      ] as const) {
        await firings.record({
          executionId,
          triggerId: t.id,
          workspaceId: ws,
          workflowId: t.workflowId,
          kind: t.kind,
          status: 'started',
        });
      }
      await triggers.remove(gone.id);

      const found = await firings.triggeredBy([a, b, `exe_${rand()}`]);
      expect(found).toHaveLength(2);
      expect(found).toEqual(
        expect.arrayContaining([
          { executionId: a, triggerId: kept.id, kind: 'webhook', name: 'kept' },
          { executionId: b, triggerId: gone.id, kind: 'chat' },
        ]),
      );
      expect(await firings.triggeredBy([])).toEqual([]);
    });
  });
}
