/**
 * Behaviour of the alert store (alerts.ts), run on PGlite (alerts.test.ts) and on PostgreSQL (alerts.int.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { AlertRuleInput, DEFAULT_ALERT_RULES } from '@agentflow/protocol';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type AlertStore, createAlertStore, newAlertFiringId } from './alerts.js';
import { rows } from './db.js';
import type { SqlStore } from './sql-store.js';
import { createTenancyRepositories } from './tenancy.js';

export function defineAlertStoreTests(getStore: () => SqlStore): void {
  let cached: AlertStore | undefined;
  const alerts = new Proxy({} as AlertStore, {
    get: (_t, p) => {
      cached ??= createAlertStore(getStore().db);
      return Reflect.get(cached, p);
    },
  });
  const db = () => getStore().db;

  async function workspace(): Promise<string> {
    const repos = createTenancyRepositories(db());
    const user = await repos.users.createUser({
      email: `alerts-${randomBytes(4).toString('hex')}@example.com`,
      passwordHash: '$argon2id$fake',
    });
    return (await repos.workspaces.createWorkspace({ name: 'alerts', ownerId: user.id })).id;
  }

  let n = 0;
  async function execution(
    workspaceId: string,
    status: string,
    at: { created: number; started?: number; completed?: number },
    extra: { cost?: number; parent?: string; steps?: string[] } = {},
  ): Promise<string> {
    const id = `exa_${++n}_${randomBytes(3).toString('hex')}`;
    const iso = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());
    await db().execute(sql`
      INSERT INTO workflow_executions (id, workflow_id, workflow_version, workflow, workspace_id, parent_execution_id,
        status, cost_usd, created_at, started_at, completed_at)
      VALUES (${id}, 'wf_alerts', 1, '{}'::jsonb, ${workspaceId}, ${extra.parent ?? null}, ${status},
        ${extra.cost ?? 0}, ${iso(at.created)}::timestamptz, ${iso(at.started)}::timestamptz,
        ${iso(at.completed)}::timestamptz)`);
    let seq = 0;
    for (const stepStatus of extra.steps ?? []) {
      seq++;
      await db().execute(sql`
        INSERT INTO execution_steps (execution_id, seq, step_id, agent_id, iteration, status, attempt, started_at,
          completed_at)
        VALUES (${id}, ${seq}, ${`${id}:a${seq}:0`}, ${`a${seq}`}, 0, ${stepStatus}, 1,
          ${iso(at.started ?? at.created)}::timestamptz, ${iso(at.completed ?? at.created)}::timestamptz)`);
    }
    return id;
  }

  const rule = (over: Partial<AlertRuleInput> = {}) =>
    AlertRuleInput.parse({ name: 'r', kind: 'workflow_failure_rate', threshold: 0.2, ...over });

  describe('alert rules', () => {
    it('creates the defaults on first read, once: a deleted default stays deleted', async () => {
      const ws = await workspace();
      const first = await alerts.listAlertRules(ws);
      expect(first.map((r) => r.defaultKey)).toEqual(DEFAULT_ALERT_RULES.map((d) => d.defaultKey));
      const errorRate = first.find((r) => r.kind === 'error_rate')!;
      expect(errorRate).toMatchObject({
        threshold: 0.05,
        durationMs: 300_000,
        severity: 'critical',
        enabled: true,
      });
      expect(first.find((r) => r.kind === 'queue_backlog')).toMatchObject({
        threshold: 1000,
        durationMs: 900_000,
      });
      expect(await alerts.deleteAlertRule(ws, errorRate.id)).toBe(true);
      expect(await alerts.deleteAlertRule(ws, errorRate.id)).toBe(false);
      const again = await alerts.listAlertRules(ws);
      expect(again).toHaveLength(DEFAULT_ALERT_RULES.length - 1);
      expect(await alerts.seedAlertDefaults(10_000)).toBeGreaterThanOrEqual(0);
      expect(await alerts.listAlertRules(ws)).toHaveLength(DEFAULT_ALERT_RULES.length - 1);
    });

    it('creates, updates and scopes rules to their workspace', async () => {
      const ws = await workspace();
      const other = await workspace();
      const created = await alerts.createAlertRule(
        ws,
        rule({ channels: { webhooks: ['https://example.com/h'], slack: [{ channel: '#ops' }], emails: [] } }),
      );
      expect(created.channels.slack).toEqual([{ channel: '#ops' }]);
      // The first rule comes with the defaults.
      expect(await alerts.listAlertRules(ws)).toHaveLength(DEFAULT_ALERT_RULES.length + 1);
      expect(await alerts.getAlertRule(other, created.id)).toBeUndefined();
      expect(await alerts.updateAlertRule(other, created.id, { threshold: 0.5 })).toBeUndefined();
      const changed = await alerts.updateAlertRule(ws, created.id, { threshold: 0.5, severity: 'critical' });
      expect(changed).toMatchObject({ threshold: 0.5, severity: 'critical', name: 'r' });
      expect(await alerts.deleteAlertRule(other, created.id)).toBe(false);
    });
  });

  describe('alert figures', () => {
    const now = Date.UTC(2026, 5, 10, 12, 0, 0);
    const min = 60_000;

    it('computes each kind from the executions and steps of the workspace in the window', async () => {
      const ws = await workspace();
      const other = await workspace();
      const w = 10 * min;
      // In the window: 3 ended top-level executions (1 failed), durations 1 s, 2 s, 9 s; 4 steps, 1 failed.
      await execution(
        ws,
        'succeeded',
        { created: now - 5 * min, started: now - 5 * min, completed: now - 5 * min + 1000 },
        { cost: 2, steps: ['succeeded', 'succeeded'] },
      );
      await execution(
        ws,
        'succeeded',
        { created: now - 4 * min, started: now - 4 * min, completed: now - 4 * min + 2000 },
        { cost: 3, steps: ['succeeded'] },
      );
      const failed = await execution(
        ws,
        'failed',
        { created: now - 3 * min, started: now - 3 * min, completed: now - 3 * min + 9000 },
        { cost: 1, steps: ['failed'] },
      );
      // A child (counted for steps, not for executions).
      await execution(
        ws,
        'failed',
        { created: now - 3 * min, started: now - 3 * min, completed: now - 3 * min + 100 },
        { parent: failed, steps: ['failed'] },
      );
      // Out of the window, another workspace, still running, queued.
      await execution(
        ws,
        'failed',
        { created: now - 60 * min, started: now - 60 * min, completed: now - 59 * min },
        { cost: 10 },
      );
      await execution(
        other,
        'failed',
        { created: now - 2 * min, started: now - 2 * min, completed: now - min },
        { cost: 50 },
      );
      await execution(ws, 'running', { created: now - min, started: now - min });
      await execution(ws, 'queued', { created: now - min });
      await execution(ws, 'queued', { created: now - min });
      const value = (kind: AlertRuleInput['kind']) =>
        alerts.alertValue({ workspaceId: ws, kind, windowMs: w }, now);
      expect(await value('workflow_failure_rate')).toBeCloseTo(1 / 3, 6);
      expect(await value('error_rate')).toBeCloseTo(2 / 5, 6);
      // percentile_cont over 1000, 2000, 9000 at 0.95: 2000 + 0.9 * 7000.
      expect(await value('p95_latency')).toBeCloseTo(8300, 3);
      // Today (UTC) from midnight: 2 + 3 + 1 + 10 (the hour-old one is today too).
      expect(await value('daily_cost')).toBeCloseTo(16, 6);
      expect(await value('queue_backlog')).toBe(2);
      const empty = await workspace();
      expect(
        await alerts.alertValue({ workspaceId: empty, kind: 'error_rate', windowMs: w }, now),
      ).toBeUndefined();
      expect(
        await alerts.alertValue({ workspaceId: empty, kind: 'p95_latency', windowMs: w }, now),
      ).toBeUndefined();
      expect(await alerts.alertValue({ workspaceId: empty, kind: 'queue_backlog', windowMs: w }, now)).toBe(
        0,
      );
    });
  });

  describe('claims and evaluations', () => {
    it('leases each due rule to one claimer, records only under its lease, fires once and resolves', async () => {
      const ws = await workspace();
      const created = await alerts.createAlertRule(ws, rule({ durationMs: 0 }));
      // Another workspace's defaults and this one's are due too; take only ours by claiming them all.
      const t0 = Date.now() + 3_600_000;
      const claims = await Promise.all([
        alerts.claimDueAlerts({ now: t0, leaseMs: 30_000, nextEvalMs: 30_000, limit: 1000 }),
        alerts.claimDueAlerts({ now: t0, leaseMs: 30_000, nextEvalMs: 30_000, limit: 1000 }),
      ]);
      const ours = claims.flat().filter((c) => c.rule.id === created.id);
      expect(ours).toHaveLength(1);
      const claim = ours[0]!;
      expect(claim.rule).toMatchObject({ kind: 'workflow_failure_rate', threshold: 0.2 });
      // Not due again within the lease.
      const again = await alerts.claimDueAlerts({
        now: t0 + 1000,
        leaseMs: 30_000,
        nextEvalMs: 30_000,
        limit: 1000,
      });
      expect(again.some((c) => c.rule.id === created.id)).toBe(false);
      // A stale lease records nothing.
      const base = { ruleId: created.id, now: t0, value: 0.5, pendingSince: t0, maxAttempts: 3 };
      expect(await alerts.recordAlertEvaluation({ ...base, lockedUntil: claim.lockedUntil + 1 })).toBe(false);
      const firingId = newAlertFiringId();
      const fire = {
        id: firingId,
        value: 0.5,
        notifications: [{ url: 'https://example.com/a', payload: { x: 1 } }],
      };
      expect(await alerts.recordAlertEvaluation({ ...base, lockedUntil: claim.lockedUntil, fire })).toBe(
        true,
      );
      // The lease is released: recording twice under it is refused.
      expect(await alerts.recordAlertEvaluation({ ...base, lockedUntil: claim.lockedUntil, fire })).toBe(
        false,
      );
      const rule1 = await alerts.getAlertRule(ws, created.id);
      expect(rule1?.state).toMatchObject({ firingId, firingSince: t0, pendingSince: t0, lastValue: 0.5 });
      const outbox = await rows<{ url: string; event: string; workflow_id: string; execution_id: string }>(
        db(),
        sql`SELECT url, event, workflow_id, execution_id FROM notification_outbox WHERE execution_id = ${firingId}`,
      );
      expect(outbox).toEqual([
        { url: 'https://example.com/a', event: 'alert.firing', workflow_id: '', execution_id: firingId },
      ]);

      // Due again after nextEvalMs; a firing rule asked to fire again stays one firing.
      const t1 = t0 + 30_000;
      const [c2] = (
        await alerts.claimDueAlerts({ now: t1, leaseMs: 30_000, nextEvalMs: 30_000, limit: 1000 })
      ).filter((c) => c.rule.id === created.id);
      expect(c2).toBeDefined();
      expect(c2!.rule.state.firingId).toBe(firingId);
      await alerts.recordAlertEvaluation({
        ...base,
        now: t1,
        lockedUntil: c2!.lockedUntil,
        fire: { ...fire, id: newAlertFiringId() },
      });
      expect((await alerts.listAlertFirings(ws, { active: true })).items.map((f) => f.id)).toEqual([
        firingId,
      ]);

      const t2 = t1 + 30_000;
      const [c3] = (
        await alerts.claimDueAlerts({ now: t2, leaseMs: 30_000, nextEvalMs: 30_000, limit: 1000 })
      ).filter((c) => c.rule.id === created.id);
      await alerts.recordAlertEvaluation({
        ...base,
        now: t2,
        value: 0.1,
        pendingSince: null,
        lockedUntil: c3!.lockedUntil,
        resolve: { value: 0.1, notifications: [{ url: 'slack:#ops', payload: { y: 1 } }] },
      });
      const [firing] = (await alerts.listAlertFirings(ws)).items;
      expect(firing).toMatchObject({
        id: firingId,
        value: 0.5,
        resolvedAt: t2,
        resolvedValue: 0.1,
        resolution: 'cleared',
        firedAt: t0,
      });
      expect((await alerts.getAlertRule(ws, created.id))?.state).toEqual({
        lastValue: 0.1,
        lastEvaluatedAt: t2,
      });
      const events = await rows<{ event: string }>(
        db(),
        sql`SELECT event FROM notification_outbox WHERE execution_id = ${firingId} ORDER BY event`,
      );
      expect(events.map((e) => e.event)).toEqual(['alert.firing', 'alert.resolved']);
    });

    it("pages the history newest first and closes a disabled rule's firing", async () => {
      const ws = await workspace();
      const created = await alerts.createAlertRule(ws, rule());
      let t = Date.now() + 7_200_000;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        t += 60_000;
        const [claim] = (
          await alerts.claimDueAlerts({ now: t, leaseMs: 10_000, nextEvalMs: 1000, limit: 1000 })
        ).filter((c) => c.rule.id === created.id);
        const id = newAlertFiringId();
        ids.push(id);
        await alerts.recordAlertEvaluation({
          ruleId: created.id,
          lockedUntil: claim!.lockedUntil,
          now: t,
          value: 1,
          pendingSince: t,
          maxAttempts: 1,
          fire: { id, value: 1, notifications: [] },
        });
        t += 60_000;
        const [next] = (
          await alerts.claimDueAlerts({ now: t, leaseMs: 10_000, nextEvalMs: 1000, limit: 1000 })
        ).filter((c) => c.rule.id === created.id);
        if (i < 2) {
          await alerts.recordAlertEvaluation({
            ruleId: created.id,
            lockedUntil: next!.lockedUntil,
            now: t,
            value: 0,
            pendingSince: null,
            maxAttempts: 1,
            resolve: { value: 0, notifications: [] },
          });
        } else {
          await alerts.recordAlertEvaluation({
            ruleId: created.id,
            lockedUntil: next!.lockedUntil,
            now: t,
            value: 1,
            pendingSince: t,
            maxAttempts: 1,
          });
        }
      }
      const page1 = await alerts.listAlertFirings(ws, { limit: 2 });
      expect(page1.items.map((f) => f.id)).toEqual([ids[2], ids[1]]);
      expect(page1.items[0]!.resolvedAt).toBeUndefined();
      const page2 = await alerts.listAlertFirings(ws, { limit: 2, cursor: page1.nextCursor! });
      expect(page2.items.map((f) => f.id)).toEqual([ids[0]]);
      expect(page2.nextCursor).toBeUndefined();
      expect((await alerts.listAlertFirings(ws, { cursor: 'bogus' })).items).toEqual([]);
      await alerts.updateAlertRule(ws, created.id, { enabled: false });
      expect((await alerts.listAlertFirings(ws, { active: true })).items).toEqual([]);
      expect((await alerts.listAlertFirings(ws, { limit: 1 })).items[0]).toMatchObject({
        id: ids[2],
        resolution: 'rule_disabled',
      });
      // A disabled rule is not claimed.
      const later = await alerts.claimDueAlerts({
        now: t + 3_600_000,
        leaseMs: 10_000,
        nextEvalMs: 1000,
        limit: 1000,
      });
      expect(later.some((c) => c.rule.id === created.id)).toBe(false);
    });
  });
}
