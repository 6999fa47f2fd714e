/**
 * Behaviour of the schedule claim loop's repository (schedule-firings.ts), run on PGlite (schedule-firings.test.ts)
 * and on PostgreSQL (schedule-firings.int.test.ts). The tests run in order on one store.
 */
import { randomBytes } from 'node:crypto';
import { makeExecutionRecord } from '@agentflow/testing';
import { describe, expect, it } from 'vitest';
import { createScheduleRepository, type ScheduleRepository } from './schedule-firings.js';
import type { SqlStore } from './sql-store.js';
import { createTenancyRepositories } from './tenancy.js';
import { createTriggerFiringRepository } from './trigger-firings.js';
import { createTriggerRepository } from './triggers.js';

export function defineScheduleRepositoryTests(getStore: () => SqlStore): void {
  let repo: ScheduleRepository | undefined;
  const schedules = () => {
    repo ??= createScheduleRepository(getStore().db);
    return repo;
  };
  const triggers = () => createTriggerRepository(getStore().db);
  const firings = () => createTriggerFiringRepository(getStore().db);
  const rand = () => randomBytes(6).toString('hex');
  const base = Date.UTC(2001, 0, 1);
  const MIN = 60_000;

  async function workspace() {
    const tenancy = createTenancyRepositories(getStore().db);
    const user = await tenancy.users.createUser({
      email: `s${rand()}@example.com`,
      passwordHash: '$argon2id$x',
    });
    return (await tenancy.workspaces.createWorkspace({ name: 'schedules', ownerId: user.id })).id;
  }

  async function schedule(workspaceId: string, nextRunAt: number, extra: { enabled?: boolean } = {}) {
    const id = `trg_${rand()}`;
    await triggers().create({
      id,
      workspaceId,
      workflowId: 'wf_target',
      kind: 'schedule',
      name: 'tick',
      enabled: extra.enabled ?? true,
      config: { cron: '* * * * *', overlap: 'allow', missed: 'skip', input: { a: 1 } },
      nextRunAt,
    });
    return id;
  }

  describe('schedule repository', () => {
    it('claims due schedules once: the plan’s firings written (a repeat ignored) and cursors moved', async () => {
      const ws = await workspace();
      const due = await schedule(ws, base);
      const later = await schedule(ws, base + 60 * MIN);
      const disabled = await schedule(ws, base, { enabled: false });

      expect(await schedules().anyDue(base - 1)).toBe(false);
      expect(await schedules().anyDue(base)).toBe(true);
      expect(await schedules().nextDue()).toEqual({ tick: base, pending: Number.POSITIVE_INFINITY });

      const seen: unknown[] = [];
      const firing = (executionId: string, scheduledFor: number) => ({
        executionId,
        triggerId: due,
        workspaceId: ws,
        workflowId: 'wf_target',
        scheduledFor,
      });
      const [a, b] = [`exe_${rand()}`, `exe_${rand()}`];
      const written = await schedules().claim(base, 10, (rows) => {
        seen.push(...rows);
        return { firings: [firing(a, base)], cursors: [{ id: due, next: base + MIN }] };
      });
      expect(written).toBe(1);
      expect(seen).toHaveLength(1);
      const [row] = seen as {
        id: string;
        workspace_id: string;
        config: unknown;
        next_run_at: string | Date;
      }[];
      expect(row).toMatchObject({ id: due, workspace_id: ws, workflow_id: 'wf_target' });
      expect(row?.config).toMatchObject({ cron: '* * * * *', input: { a: 1 } });
      expect(new Date(row?.next_run_at ?? 0).getTime()).toBe(base);
      expect((await triggers().get(due))?.nextRunAt).toBe(base + MIN);
      // The firing is pending and not leased: leasable now (the epoch); the next tick is the moved cursor.
      expect(await schedules().nextDue()).toEqual({ tick: base + MIN, pending: 0 });
      expect(await schedules().anyDue(base)).toBe(false);

      // The same firing again (a process that claimed the same tick) is not written twice; no next tick stops it.
      const again = await schedules().claim(base + MIN, 10, (rows) => {
        expect(rows.map((r) => r.id)).toEqual([due]);
        return {
          firings: [firing(a, base), firing(b, base + MIN)],
          cursors: rows.map((r) => ({ id: r.id, next: undefined })),
        };
      });
      expect(again).toBe(1);
      expect((await triggers().get(due))?.nextRunAt).toBeUndefined();
      expect(
        (await firings().list(due, 10)).map((f) => [f.executionId, f.status, f.scheduledFor]).sort(),
      ).toEqual(
        [
          [a, 'pending', base],
          [b, 'pending', base + MIN],
        ].sort(),
      );
      expect((await triggers().get(disabled))?.nextRunAt).toBe(base);

      // Nothing due: the plan sees no rows.
      expect(
        await schedules().claim(base + MIN, 10, (rows) => ({
          firings: [],
          cursors: rows.map((r) => ({ id: r.id, next: undefined })),
        })),
      ).toBe(0);
      await triggers().update(later, { enabled: false, updatedAt: base });
    });

    it('leases pending firings once until the lease ends, and marks, starts and releases them', async () => {
      const ws = await workspace();
      const trigger = await schedule(ws, base);
      const ids = [`exe_${rand()}`, `exe_${rand()}`, `exe_${rand()}`, `exe_${rand()}`];
      const now = base + 10 * MIN;
      await schedules().claim(now, 10, (rows) => ({
        firings: ids.map((executionId, i) => ({
          executionId,
          triggerId: trigger,
          workspaceId: ws,
          workflowId: 'wf_target',
          scheduledFor: base + i * MIN,
        })),
        cursors: rows.map((r) => ({ id: r.id, next: undefined })),
      }));

      const leased = await schedules().lease({ now, until: now + 30_000, limit: 10 });
      const mine = leased.filter((f) => f.trigger_id === trigger);
      expect(mine.map((f) => f.execution_id).sort()).toEqual([...ids].sort());
      expect(mine[0]).toMatchObject({ workspace_id: ws, workflow_id: 'wf_target' });
      expect(
        (await schedules().lease({ now, until: now + 30_000, limit: 10 })).filter(
          (f) => f.trigger_id === trigger,
        ),
      ).toEqual([]);
      expect((await schedules().nextDue()).pending).toBeGreaterThanOrEqual(now + 30_000);

      const [one, two, three, four] = ids as [string, string, string, string];
      await schedules().mark(one, 'skipped', { error: 'busy' });
      await schedules().mark(two, 'started', { startedAt: now + 5 });
      await schedules().markStarted([three], now + 7);
      await schedules().release([four]);
      const byId = new Map((await firings().list(trigger, 10)).map((f) => [f.executionId, f]));
      expect(byId.get(one)).toMatchObject({ status: 'skipped', error: 'busy' });
      expect(byId.get(one)?.startedAt).toBeUndefined();
      expect(byId.get(two)).toMatchObject({ status: 'started', startedAt: now + 5 });
      expect(byId.get(three)).toMatchObject({ status: 'started', startedAt: now + 7 });
      expect(byId.get(four)?.status).toBe('pending');
      // A mark only ends a pending firing.
      await schedules().mark(two, 'refused', { error: 'late' });
      expect((await firings().list(trigger, 10)).find((f) => f.executionId === two)?.status).toBe('started');
      // The released one is leasable again at once; the others are not pending.
      expect(
        (await schedules().lease({ now, until: now + 30_000, limit: 10 })).map((f) => f.execution_id),
      ).toEqual([four]);
      await schedules().markStarted([], now);
      await schedules().release([]);

      // The latest started firing, with its execution's status once that exists.
      expect(await schedules().latestStarted([trigger, `trg_${rand()}`])).toEqual(
        new Map([[trigger, { executionId: three }]]),
      );
      await getStore().createExecution(
        makeExecutionRecord({ id: three, status: 'running', workspaceId: ws }),
      );
      expect(await schedules().latestStarted([trigger])).toEqual(
        new Map([[trigger, { executionId: three, status: 'running' }]]),
      );
      expect(await schedules().latestStarted([])).toEqual(new Map());
      const configs = await schedules().configs([trigger, `trg_${rand()}`]);
      expect([...configs.keys()]).toEqual([trigger]);
      expect(configs.get(trigger)).toMatchObject({ cron: '* * * * *', overlap: 'allow' });
      await schedules().mark(four, 'refused', { error: 'x' });
    });
  });
}
