/**
 * Built-in alerts with several processes on one PostgreSQL database (the shared-PostgreSQL `all` role): every
 * runtime evaluates at the same instants of one controllable clock, and each firing and each resolution still
 * happens once, with one outbox row per channel.
 */
import { randomBytes } from 'node:crypto';
import { schema } from '@agentflow/store-sql';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/permissions.js';
import { createRuntime, type Runtime } from '../runtime.js';

const databaseUrl = process.env.DATABASE_URL;
const WS = 'ws-alerts-int';
const admin: Principal = {
  kind: 'user',
  userId: 'user-alerts-int',
  workspaceId: WS,
  role: 'admin',
  plan: 'pro',
};

describe.skipIf(!databaseUrl)('alerts evaluated by several processes (needs DATABASE_URL)', () => {
  const schemaName = `alertsint_${process.pid}_${Date.now()}`;
  let clock = Date.now();
  const runtimes: Runtime[] = [];

  beforeAll(async () => {
    const env = {
      DATABASE_URL: databaseUrl,
      AGENTFLOW_DB_SCHEMA: schemaName,
      AGENTFLOW_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      AGENTFLOW_JWT_SECRET: randomBytes(32).toString('base64'),
    };
    for (let i = 0; i < 3; i++) {
      runtimes.push(
        await createRuntime({
          env,
          alerts: { evaluate: false, now: () => clock },
          notifications: { deliver: false },
          triggers: { schedules: false },
        }),
      );
    }
    const db = runtimes[0]!.store.db;
    await db.insert(schema.users).values([{ id: admin.userId, email: 'alerts-int@test' }]);
    await db.insert(schema.workspaces).values([{ id: WS, name: 'alerts', plan: 'pro' }]);
  });
  afterAll(async () => {
    await runtimes[0]?.store.db.execute(sql.raw(`drop schema if exists "${schemaName}" cascade`));
    for (const r of runtimes) await r.close();
  });

  async function ended(status: 'succeeded' | 'failed', count: number) {
    for (let i = 0; i < count; i++) {
      const at = new Date(clock - 60_000).toISOString();
      await runtimes[0]!.store.db.execute(sql`
        INSERT INTO workflow_executions (id, workflow_id, workflow_version, workflow, workspace_id, status,
          created_at, started_at, completed_at)
        VALUES (${`exa_${randomBytes(6).toString('hex')}`}, 'wf', 1, '{}'::jsonb, ${WS}, ${status},
          ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz)`);
    }
  }
  const evaluateEverywhere = () => Promise.all(runtimes.map((r) => r.alerts.evaluator.runOnce()));

  it('fires once and resolves once although three processes evaluate at the same time', async () => {
    const rule = await runtimes[1]!.alerts.createRule(admin, {
      name: 'Failures',
      kind: 'workflow_failure_rate',
      threshold: 0.2,
      windowMs: 3_600_000,
      durationMs: 60_000,
      channels: { webhooks: ['https://alerts.example.com/hook'], emails: ['ops@example.com'] },
    });
    await ended('failed', 3);
    for (let step = 0; step < 6; step++) {
      await evaluateEverywhere();
      clock += 30_000;
    }
    await ended('succeeded', 100);
    for (let step = 0; step < 4; step++) {
      await evaluateEverywhere();
      clock += 30_000;
    }
    const firings = (await runtimes[2]!.alerts.listFirings(admin)).items.filter((f) => f.ruleId === rule.id);
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({ value: 1, resolution: 'cleared' });
    expect(firings[0]!.firedAt - firings[0]!.pendingSince).toBeGreaterThanOrEqual(60_000);
    const outbox = (
      (await runtimes[0]!.store.db.execute(sql`
        SELECT event, url FROM notification_outbox WHERE execution_id = ${firings[0]!.id} ORDER BY event, url`)) as unknown as {
        rows: { event: string; url: string }[];
      }
    ).rows;
    expect(outbox).toEqual([
      { event: 'alert.firing', url: 'https://alerts.example.com/hook' },
      { event: 'alert.firing', url: 'mailto:ops@example.com' },
      { event: 'alert.resolved', url: 'https://alerts.example.com/hook' },
      { event: 'alert.resolved', url: 'mailto:ops@example.com' },
    ]);
  });
});
