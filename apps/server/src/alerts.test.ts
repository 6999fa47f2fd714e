/**
 * Built-in alerts (issue 17 item 3) through the real server: rules over REST and GraphQL (members read, admins
 * manage, audited, validation errors with paths), and the evaluator on a controllable clock against the store's
 * own execution records: the duration must hold at every evaluation, a rule fires once and resolves, and its
 * notifications reach a webhook receiver (retried after a 500), a Slack Web API stand-in and an SMTP server
 * (smtp-server) on 127.0.0.1 through the outbox and the built-in tools.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertFiring, AlertRule } from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestRuntime, createTestServer, json, WS1, WS2 } from './test-support/fixtures.js';

const MIN = 60_000;

describe('built-in alerts', () => {
  let clock = Date.now();
  const mails: { to: string[]; raw: string }[] = [];
  const slackCalls: { authorization?: string; body: Record<string, unknown> }[] = [];
  const hookCalls: { body: Record<string, unknown>; headers: Record<string, unknown> }[] = [];
  let hookStatuses: number[] = [];
  let smtp: SMTPServer;
  let http: Server;
  let base: string;
  let runtime: Runtime;
  let app: FastifyInstance;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString(),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    // A webhook receiver (answers the next status of `hookStatuses`, then 200) and Slack's chat.postMessage.
    http = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => {
        raw += chunk;
      });
      req.on('end', () => {
        const body = JSON.parse(raw || '{}') as Record<string, unknown>;
        res.setHeader('content-type', 'application/json');
        if (req.url === '/slack/api/chat.postMessage') {
          slackCalls.push({
            ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
            body,
          });
          return void res.end(JSON.stringify({ ok: true, channel: body.channel, ts: '1700000000.000100' }));
        }
        hookCalls.push({ body, headers: req.headers });
        res.statusCode = hookStatuses.shift() ?? 200;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

    runtime = await createTestRuntime({
      env: { AGENTFLOW_EGRESS_ALLOW: '127.0.0.1' },
      alerts: { evaluate: false, now: () => clock },
      notifications: { deliver: false, now: () => clock, baseDelayMs: 1000 },
    });
    app = await createTestServer(runtime);
    for (const payload of [
      {
        name: 'smtp',
        type: 'smtp',
        value: JSON.stringify({ url: `smtp://127.0.0.1:${smtpPort}`, from: 'Alerts <alerts@ws1.test>' }),
      },
      { name: 'slack', type: 'slack', value: 'xoxb-alerts', baseURLs: [`${base}/slack/api`] },
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/credentials',
        headers: bearer('admin'),
        payload,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await new Promise((resolve) => http?.close(resolve));
  });

  const rules = async (role: 'viewer' | 'member' | 'admin' = 'member', ws = WS1) => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/alerts/rules', headers: bearer(role, ws) });
    expect(res.statusCode, res.body).toBe(200);
    return json<{ items: AlertRule[] }>(res).items;
  };
  const gql = async (role: 'member' | 'admin', query: string, variables?: Record<string, unknown>) => {
    const res = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { ...bearer(role), 'content-type': 'application/json' },
      payload: { query, ...(variables ? { variables } : {}) },
    });
    return res.json() as {
      data?: Record<string, unknown>;
      errors?: { extensions?: { code?: string; issues?: { path: string }[] } }[];
    };
  };

  describe('rules over REST and GraphQL', () => {
    it('a workspace starts with the seed defaults, which members read and cannot change', async () => {
      const items = await rules('viewer', WS2);
      expect(items.map((r) => [r.kind, r.threshold, r.durationMs, r.severity])).toEqual([
        ['error_rate', 0.05, 300_000, 'critical'],
        ['p95_latency', 5000, 600_000, 'warning'],
        ['daily_cost', 100, 0, 'warning'],
        ['workflow_failure_rate', 0.2, 0, 'warning'],
        ['queue_backlog', 1000, 900_000, 'warning'],
      ]);
      const create = await app.inject({
        method: 'POST',
        url: '/api/v1/alerts/rules',
        headers: bearer('member', WS2),
        payload: { name: 'x', kind: 'daily_cost', threshold: 1 },
      });
      expect(create.statusCode).toBe(403);
      const patch = await app.inject({
        method: 'PATCH',
        url: `/api/v1/alerts/rules/${items[0]!.id}`,
        headers: bearer('member', WS2),
        payload: { enabled: false },
      });
      expect(patch.statusCode).toBe(403);
      // Another workspace's rule is not found.
      const other = await app.inject({
        method: 'PATCH',
        url: `/api/v1/alerts/rules/${items[0]!.id}`,
        headers: bearer('admin', WS1),
        payload: { enabled: false },
      });
      expect(other.statusCode).toBe(404);
    });

    it('refuses bad rules with the path of each bad field', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/alerts/rules',
        headers: bearer('admin'),
        payload: {
          name: 'bad',
          kind: 'cpu',
          threshold: -1,
          durationMs: 1.5,
          channels: { webhooks: ['ftp://example.com/x'], emails: ['not-an-address'], slack: [{}] },
        },
      });
      expect(res.statusCode, res.body).toBe(400);
      const error = json<{ error: { code: string; issues: { path: string }[] } }>(res).error;
      expect(error.code).toBe('AF_VALIDATION');
      const paths = error.issues.map((i) => i.path);
      for (const path of [
        'kind',
        'threshold',
        'durationMs',
        'channels.webhooks[0]',
        'channels.emails[0]',
        'channels.slack[0].channel',
      ]) {
        expect(
          paths.some((p) => p.endsWith(path)),
          `${path} in ${paths.join(', ')}`,
        ).toBe(true);
      }
      const unknown = await app.inject({
        method: 'PATCH',
        url: '/api/v1/alerts/rules/alr_nope',
        headers: bearer('admin'),
        payload: { threshold: 'high' },
      });
      expect(unknown.statusCode).toBe(400);
      const graph = await gql('admin', 'mutation($i: JSON!) { createAlertRule(input: $i) { id } }', {
        i: { name: 'g', kind: 'daily_cost', threshold: 'lots' },
      });
      expect(graph.errors?.[0]?.extensions?.code).toBe('AF_VALIDATION');
      expect(graph.errors?.[0]?.extensions?.issues?.map((i) => i.path)).toEqual(['threshold']);
    });

    it('admins create, change and delete rules (audited), over REST and GraphQL', async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/alerts/rules',
        headers: bearer('admin'),
        payload: { name: 'Spend', kind: 'daily_cost', threshold: 20, severity: 'critical' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const rule = json<AlertRule>(created);
      expect(rule).toMatchObject({ name: 'Spend', durationMs: 0, windowMs: 300_000, enabled: true });
      expect(rule.channels).toEqual({ webhooks: [], slack: [], emails: [] });
      const changed = await app.inject({
        method: 'PATCH',
        url: `/api/v1/alerts/rules/${rule.id}`,
        headers: bearer('admin'),
        payload: { threshold: 25, channels: { emails: ['ops@ws1.test'] } },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(json<AlertRule>(changed)).toMatchObject({
        threshold: 25,
        channels: { emails: ['ops@ws1.test'] },
      });
      const listed = await gql('member', '{ alertRules { id name threshold channels { emails } } }');
      expect(listed.data?.alertRules).toContainEqual({
        id: rule.id,
        name: 'Spend',
        threshold: 25,
        channels: { emails: ['ops@ws1.test'] },
      });
      const forbidden = await gql('member', 'mutation($id: ID!) { deleteAlertRule(id: $id) }', {
        id: rule.id,
      });
      expect(forbidden.errors?.[0]?.extensions?.code).toBe('AF_FORBIDDEN');
      const updated = await gql(
        'admin',
        'mutation($id: ID!, $c: JSON!) { updateAlertRule(id: $id, change: $c) { severity } }',
        {
          id: rule.id,
          c: { severity: 'info' },
        },
      );
      expect(updated.data?.updateAlertRule).toEqual({ severity: 'info' });
      const deleted = await app.inject({
        method: 'DELETE',
        url: `/api/v1/alerts/rules/${rule.id}`,
        headers: bearer('admin'),
      });
      expect(deleted.statusCode).toBe(204);
      const audit = await app.inject({
        method: 'GET',
        url: '/api/v1/audit?limit=50',
        headers: bearer('admin'),
      });
      const actions = json<{ items: { action: string; targetId?: string; target?: { id: string } }[] }>(
        audit,
      ).items.map((a) => a.action);
      expect(actions).toEqual(
        expect.arrayContaining(['alert_rule.create', 'alert_rule.update', 'alert_rule.delete']),
      );
    });
  });

  describe('evaluation and notifications', () => {
    let n = 0;
    /** `count` top-level executions of WS1 that ended one minute before the clock. */
    async function ended(status: 'succeeded' | 'failed', count: number) {
      for (let i = 0; i < count; i++) {
        const at = clock - MIN;
        await runtime.store.db.execute(sql`
          INSERT INTO workflow_executions (id, workflow_id, workflow_version, workflow, workspace_id, status,
            created_at, started_at, completed_at)
          VALUES (${`exe_alert_${++n}_${randomBytes(3).toString('hex')}`}, 'wf_alerts', 1, '{}'::jsonb, ${WS1},
            ${status}, ${new Date(at - 1000).toISOString()}::timestamptz, ${new Date(at - 1000).toISOString()}::timestamptz,
            ${new Date(at).toISOString()}::timestamptz)`);
      }
    }
    const evaluate = () => runtime.alerts.evaluator.runOnce();
    const ruleById = async (id: string) => (await rules()).find((r) => r.id === id)!;
    const outbox = async (firingId: string) =>
      (
        (await runtime.store.db.execute(sql`
          SELECT url, event, status, attempts FROM notification_outbox WHERE execution_id = ${firingId} ORDER BY event, url`)) as unknown as {
          rows: { url: string; event: string; status: string; attempts: number }[];
        }
      ).rows;

    it('fires once after the condition held for the whole duration, notifies every channel (retried), and resolves', async () => {
      // The default failure-rate rule (no duration) would fire too: turned off to watch one rule.
      const defaults = await rules('admin');
      const builtin = defaults.find((r) => r.defaultKey === 'workflow_failure_rate')!;
      await app.inject({
        method: 'PATCH',
        url: `/api/v1/alerts/rules/${builtin.id}`,
        headers: bearer('admin'),
        payload: { enabled: false },
      });
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/alerts/rules',
        headers: bearer('admin'),
        payload: {
          name: 'Failures',
          kind: 'workflow_failure_rate',
          threshold: 0.2,
          windowMs: 60 * MIN,
          durationMs: 5 * MIN,
          severity: 'critical',
          channels: { webhooks: [`${base}/hook`], slack: [{ channel: '#ops' }], emails: ['oncall@ws1.test'] },
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const rule = json<AlertRule>(created);

      await ended('failed', 2);
      await ended('succeeded', 2);
      const t0 = clock;
      await evaluate();
      expect((await ruleById(rule.id)).state).toMatchObject({ pendingSince: t0, lastValue: 0.5 });
      expect((await ruleById(rule.id)).state.firingId).toBeUndefined();

      // Held 3 minutes, then false once: the pending time starts again.
      clock = t0 + 3 * MIN;
      await evaluate();
      expect((await ruleById(rule.id)).state.firingId).toBeUndefined();
      clock = t0 + 3.5 * MIN;
      await ended('succeeded', 12); // 2 / 16 failed
      await evaluate();
      expect((await ruleById(rule.id)).state.pendingSince).toBeUndefined();
      clock = t0 + 4 * MIN;
      await ended('failed', 12); // 14 / 28
      await evaluate();
      expect((await ruleById(rule.id)).state.pendingSince).toBe(t0 + 4 * MIN);
      // 6 minutes after t0 but only 2 since it became true again: not yet.
      clock = t0 + 6 * MIN;
      await evaluate();
      expect((await ruleById(rule.id)).state.firingId).toBeUndefined();
      clock = t0 + 9 * MIN;
      await evaluate();
      const firingId = (await ruleById(rule.id)).state.firingId!;
      expect(firingId).toBeDefined();
      // Still true: no second firing, no second notification.
      clock = t0 + 9.5 * MIN;
      await evaluate();
      expect((await ruleById(rule.id)).state.firingId).toBe(firingId);
      const firings = await app.inject({
        method: 'GET',
        url: '/api/v1/alerts/firings?active=true',
        headers: bearer('viewer'),
      });
      const active = json<{ items: AlertFiring[] }>(firings).items;
      expect(active).toHaveLength(1);
      expect(active[0]).toMatchObject({
        id: firingId,
        ruleId: rule.id,
        severity: 'critical',
        value: 0.5,
        pendingSince: t0 + 4 * MIN,
        firedAt: t0 + 9 * MIN,
      });
      expect((await outbox(firingId)).map((r) => r.url)).toEqual([
        `${base}/hook`,
        'mailto:oncall@ws1.test',
        'slack:#ops',
      ]);

      // Delivery: the webhook answers 500 once and is retried after the backoff; Slack and mail go at once.
      hookStatuses = [500];
      expect(await runtime.notifications.deliverDue()).toBe(3);
      expect(hookCalls).toHaveLength(1);
      expect(slackCalls).toHaveLength(1);
      expect(slackCalls[0]!.authorization).toBe('Bearer xoxb-alerts');
      expect(slackCalls[0]!.body.channel).toBe('#ops');
      expect(String(slackCalls[0]!.body.text)).toContain(
        '[CRITICAL] Failures: workflow failure rate 50.0 % > 20.0 %',
      );
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual(['oncall@ws1.test']);
      expect(mails[0]!.raw).toContain('Subject: [CRITICAL] Failures');
      expect((await outbox(firingId)).find((r) => r.url.startsWith('http'))).toMatchObject({
        status: 'pending',
        attempts: 1,
      });
      expect(await runtime.notifications.deliverDue()).toBe(0); // not due before the backoff
      clock += 1500;
      expect(await runtime.notifications.deliverDue()).toBe(1);
      expect(hookCalls).toHaveLength(2);
      expect(hookCalls[1]!.headers['idempotency-key']).toBe(hookCalls[0]!.headers['idempotency-key']);
      expect(hookCalls[1]!.body).toMatchObject({
        event: 'alert.firing',
        alert: { id: firingId, ruleName: 'Failures', value: 0.5 },
      });
      expect((await outbox(firingId)).every((r) => r.status === 'delivered')).toBe(true);

      // The rate falls back: resolved once, notified once per channel.
      clock = t0 + 11 * MIN;
      await ended('succeeded', 100);
      await evaluate();
      clock += 1000;
      await evaluate();
      expect((await ruleById(rule.id)).state.firingId).toBeUndefined();
      expect(await runtime.notifications.deliverDue()).toBe(3);
      expect(hookCalls.at(-1)!.body).toMatchObject({
        event: 'alert.resolved',
        alert: { id: firingId, resolution: 'cleared' },
      });
      expect(String(slackCalls.at(-1)!.body.text)).toContain('[RESOLVED] Failures');
      expect(mails).toHaveLength(2);
      const history = json<{ items: AlertFiring[] }>(
        await app.inject({ method: 'GET', url: '/api/v1/alerts/firings', headers: bearer('member') }),
      ).items.filter((f) => f.ruleId === rule.id);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ id: firingId, resolvedAt: t0 + 11 * MIN, resolution: 'cleared' });
      expect(history[0]!.resolvedValue).toBeCloseTo(14 / 128, 6);
      const graph = await gql(
        'member',
        '{ alertFirings(active: false, limit: 5) { items { id resolution } } }',
      );
      expect((graph.data!.alertFirings as { items: { id: string }[] }).items.map((f) => f.id)).toContain(
        firingId,
      );
    });
  });
});
