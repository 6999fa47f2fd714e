/**
 * Behaviour of the notification outbox repository (notification-outbox.ts), run on PGlite
 * (notification-outbox.test.ts) and on PostgreSQL (notification-outbox.int.test.ts). The tests run in order on one
 * store.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createNotificationOutboxRepository,
  type NewNotification,
  type NotificationOutboxRepository,
} from './notification-outbox.js';
import { workflowExecutions, workflows } from './schema.js';
import type { SqlStore } from './sql-store.js';
import { createTenancyRepositories } from './tenancy.js';

export function defineNotificationOutboxTests(getStore: () => SqlStore): void {
  let repo: NotificationOutboxRepository | undefined;
  const outbox = () => {
    repo ??= createNotificationOutboxRepository(getStore().db);
    return repo;
  };
  const rand = () => randomBytes(6).toString('hex');
  const base = Date.UTC(2001, 0, 1);

  async function workspace() {
    const tenancy = createTenancyRepositories(getStore().db);
    const user = await tenancy.users.createUser({
      email: `n${rand()}@example.com`,
      passwordHash: '$argon2id$x',
    });
    const ws = await tenancy.workspaces.createWorkspace({ name: 'notifications', ownerId: user.id });
    return { ws: ws.id, user: user.id };
  }

  const row = (ws: string, executionId: string, url: string, nextAttemptAt: number): NewNotification => ({
    id: `ntf_${rand()}`,
    workspaceId: ws,
    workflowId: 'wf_1',
    executionId,
    url,
    event: 'execution.succeeded',
    payload: { event: 'execution.succeeded', n: 1 },
    maxAttempts: 3,
    nextAttemptAt,
  });

  describe('notification outbox', () => {
    it('writes rows once, claims due ones once until the lock ends, and records the outcomes', async () => {
      const { ws } = await workspace();
      expect(await outbox().nextDue()).toBe(Number.POSITIVE_INFINITY);
      const exe = `exe_${rand()}`;
      const a = row(ws, exe, 'https://a.example/hook', base);
      const b = row(ws, exe, 'https://b.example/hook', base);
      const later = row(ws, `exe_${rand()}`, 'https://c.example/hook', base + 60_000);
      expect(await outbox().insert([a, b, later])).toBe(3);
      expect(await outbox().insert([a, { ...b, url: 'https://other.example' }])).toBe(0);
      expect(await outbox().insert([])).toBe(0);
      expect(await outbox().nextDue()).toBe(base);

      const claimed = await outbox().claim({ now: base, until: base + 1000, limit: 10 });
      expect(claimed.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
      expect(claimed.find((r) => r.id === a.id)).toEqual({
        id: a.id,
        workspace_id: ws,
        workflow_id: 'wf_1',
        execution_id: exe,
        url: 'https://a.example/hook',
        event: 'execution.succeeded',
        payload: { event: 'execution.succeeded', n: 1 },
        attempts: 1,
        max_attempts: 3,
      });
      // Held until the lock ends; the lock's end is when they are next due.
      expect(await outbox().claim({ now: base + 999, until: base + 2000, limit: 10 })).toEqual([]);
      expect(await outbox().nextDue()).toBe(base + 1000);
      const again = await outbox().claim({ now: base + 1000, until: base + 2000, limit: 1 });
      expect(again).toHaveLength(1);
      expect(again[0]?.attempts).toBe(2);

      await outbox().delivered(a.id, base + 1500);
      await outbox().failed(b.id, { lastError: 'HTTP 500', final: false, nextAttemptAt: base + 30_000 });
      await outbox().failed(later.id, { lastError: 'HTTP 404', final: true, nextAttemptAt: base + 99_999 });
      const listed = await outbox().list(ws, exe);
      expect(listed.map((d) => d.url)).toEqual(['https://a.example/hook', 'https://b.example/hook']);
      expect(listed[0]).toMatchObject({
        id: a.id,
        status: 'delivered',
        deliveredAt: base + 1500,
        maxAttempts: 3,
      });
      expect(listed[0]).not.toHaveProperty('lastError');
      expect(listed[1]).toMatchObject({
        status: 'pending',
        lastError: 'HTTP 500',
        nextAttemptAt: base + 30_000,
      });
      expect(typeof listed[1]?.createdAt).toBe('number');
      expect((await outbox().list(ws, later.executionId))[0]).toMatchObject({
        status: 'failed',
        lastError: 'HTTP 404',
        nextAttemptAt: base + 60_000,
      });
      expect(await outbox().list(`ws_${rand()}`, exe)).toEqual([]);
      // Only the pending one is left, due at its next attempt.
      expect(await outbox().nextDue()).toBe(base + 30_000);
      expect(await outbox().claim({ now: base + 29_999, until: base + 40_000, limit: 10 })).toEqual([]);
      expect(
        (await outbox().claim({ now: base + 30_000, until: base + 40_000, limit: 10 })).map((r) => r.id),
      ).toEqual([b.id]);
      await outbox().delivered(b.id, base + 30_001);
    });

    it('keeps one sealed secret per workflow, replaced on save; knows the workspace’s workflows', async () => {
      const { ws, user } = await workspace();
      const wf = `wf_${rand()}`;
      await getStore()
        .db.insert(workflows)
        .values({ id: wf, workspaceId: ws, name: 'notified', definition: {} });
      expect(await outbox().workflowExists(ws, wf)).toBe(true);
      expect(await outbox().workflowExists(ws, `wf_${rand()}`)).toBe(false);
      expect(await outbox().workflowExists((await workspace()).ws, wf)).toBe(false);

      expect(await outbox().sealedSecret(ws, wf)).toBeUndefined();
      await outbox().saveSecret({
        workspaceId: ws,
        workflowId: wf,
        sealed: 'one',
        createdBy: user,
        at: base,
      });
      expect(await outbox().sealedSecret(ws, wf)).toBe('one');
      await outbox().saveSecret({ workspaceId: ws, workflowId: wf, sealed: 'two', at: base + 1 });
      expect(await outbox().sealedSecret(ws, wf)).toBe('two');
      expect(await outbox().sealedSecret(ws, `wf_${rand()}`)).toBeUndefined();
    });

    it('finds ended top-level executions with a matching target and no row', async () => {
      const { ws } = await workspace();
      const now = Date.now();
      const ended = async (
        status: string,
        notifications: unknown,
        completedAt: number,
        extra: { parent?: string; workspace?: string | null } = {},
      ) => {
        const id = `exe_${rand()}`;
        await getStore()
          .db.insert(workflowExecutions)
          .values({
            id,
            workflowId: 'wf_1',
            workflowVersion: 1,
            workflow: notifications === undefined ? {} : { config: { notifications } },
            workspaceId: extra.workspace === undefined ? ws : extra.workspace,
            status,
            parentExecutionId: extra.parent ?? null,
            completedAt: new Date(completedAt),
          });
        return id;
      };
      const hook = [{ url: 'https://a.example/hook' }];
      const found = await ended('succeeded', hook, now - 60_000);
      const failedOnly = await ended(
        'succeeded',
        [{ url: 'https://a.example', events: ['failed'] }],
        now - 60_000,
      );
      const matching = await ended(
        'failed',
        [{ url: 'https://a.example', events: ['failed'] }],
        now - 50_000,
      );
      const none = await ended('succeeded', undefined, now - 60_000);
      const running = await ended('running', hook, now - 60_000);
      const child = await ended('succeeded', hook, now - 60_000, { parent: `exe_${rand()}` });
      const noWorkspace = await ended('succeeded', hook, now - 60_000, { workspace: null });
      const tooOld = await ended('succeeded', hook, now - 3 * 3_600_000);
      const tooNew = await ended('succeeded', hook, now - 1000);
      const written = await ended('cancelled', hook, now - 40_000);
      await outbox().insert([row(ws, written, 'https://a.example/hook', now)]);

      const ids = await outbox().endedWithoutRows({ since: now - 3_600_000, before: now - 10_000 });
      expect(ids.filter((id) => [found, matching].includes(id))).toEqual([found, matching]);
      for (const id of [failedOnly, none, running, child, noWorkspace, tooOld, tooNew, written]) {
        expect(ids).not.toContain(id);
      }
    });
  });
}
