/**
 * Completion notifications (issue 13 item 14) through the real server and runtime (PGlite): a workflow's
 * `config.notifications` webhook on 127.0.0.1 gets a signed summary (the signature checked here with node:crypto,
 * independently of the server's code); a failing receiver is retried with exponential backoff on an injected clock,
 * under the same Idempotency-Key, until it answers or the attempts run out; private addresses not allow-listed are
 * refused by the egress guard; pending notifications survive a restart of the process.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, ROLES, type Runtime, type RuntimeOptions } from '@agentflow/runtime';
import { schema, tenancySchema } from '@agentflow/store-sql';
import { createScriptedProvider } from '@agentflow/testing';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestServer,
  greetRules,
  greetWorkflow,
  json,
  principal,
  WS1,
  WS2,
  waitForStatus,
} from './test-support/fixtures.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 answering each request with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The receiver's side: verifies `t=<ts>,v1=<hex>` against HMAC-SHA256("<ts>.<body>") under `secret`. */
function verify(header: string | undefined, body: string, secret: string): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=') as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function openRuntime(options: Partial<RuntimeOptions> = {}): Promise<Runtime> {
  const runtime = await createRuntime({
    inMemory: true,
    models: createScriptedProvider({ rules: greetRules }),
    env: { AGENTFLOW_EGRESS_ALLOW: '127.0.0.1' },
    ...options,
  });
  const hasUsers = (await runtime.store.db.select().from(schema.workspaces)).length > 0;
  if (!hasUsers) {
    await runtime.store.db
      .insert(schema.users)
      .values(
        [WS1, WS2].flatMap((ws) =>
          ROLES.map((role) => ({ id: principal(role, ws).userId, email: `${role}@${ws}.test` })),
        ),
      );
    await runtime.store.db.insert(schema.workspaces).values([
      { id: WS1, name: 'one', plan: 'pro' },
      { id: WS2, name: 'two', plan: 'pro' },
    ]);
  }
  return runtime;
}

async function until<T>(what: () => Promise<T | undefined> | T | undefined, label: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await what();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Creates the greeter with `notifications`, runs it as a member, returns the execution id once it ended. */
async function runNotified(app: FastifyInstance, notifications: unknown[], withSecret = true) {
  const headers = bearer('member');
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/workflows',
    headers,
    payload: { ...greetWorkflow(), config: { notifications } },
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id } = json<{ id: string }>(created);
  let secret: string | undefined;
  if (withSecret) {
    const rotated = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${id}/notification-secret`,
      headers,
    });
    expect(rotated.statusCode, rotated.body).toBe(201);
    secret = json<{ secret: string }>(rotated).secret;
  }
  const started = await app.inject({
    method: 'POST',
    url: `/api/v1/workflows/${id}/execute`,
    headers,
    payload: { input: { name: 'Ada' } },
  });
  expect(started.statusCode, started.body).toBe(202);
  const { executionId } = json<{ executionId: string }>(started);
  await waitForStatus(app, executionId, ['succeeded'], headers);
  return { workflowId: id, executionId, secret };
}

async function deliveries(app: FastifyInstance, executionId: string) {
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/executions/${executionId}/notifications`,
    headers: bearer('viewer'),
  });
  expect(res.statusCode, res.body).toBe(200);
  return json<{ items: { status: string; attempts: number; lastError?: string; id: string }[] }>(res).items;
}

describe('a notified workflow', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  beforeAll(async () => {
    runtime = await openRuntime({ notifications: { pollMs: 10 } });
    app = await createTestServer(runtime);
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it('posts the signed execution summary to its webhook', async () => {
    const hook = await receiver();
    try {
      const { executionId, workflowId, secret } = await runNotified(app, [{ url: `${hook.url}/done` }]);
      const [got] = await until(() => (hook.received.length > 0 ? hook.received : undefined), 'the webhook');
      expect(got?.path).toBe('/done');
      expect(verify(got?.headers['x-agentflow-signature'] as string, got!.body, secret!)).toBe(true);
      expect(verify(got?.headers['x-agentflow-signature'] as string, got!.body, 'whsec_other')).toBe(false);
      const body = JSON.parse(got!.body);
      expect(body).toMatchObject({
        event: 'execution.succeeded',
        execution: {
          id: executionId,
          workflowId,
          workflowName: 'greeter',
          status: 'succeeded',
          output: 'Hello, Ada!',
          usage: { inputTokens: expect.any(Number), costUsd: expect.any(Number) },
          durationMs: expect.any(Number),
        },
      });
      expect(got?.headers['idempotency-key']).toBe(body.id);
      expect(got?.headers['x-agentflow-event']).toBe('execution.succeeded');
      const [row] = await until(async () => {
        const rows = await deliveries(app, executionId);
        return rows[0]?.status === 'delivered' ? rows : undefined;
      }, 'delivered');
      expect(row).toMatchObject({ id: body.id, status: 'delivered', attempts: 1 });
      expect(hook.received).toHaveLength(1);
      // Another workspace sees nothing of it.
      const other = await app.inject({
        method: 'GET',
        url: `/api/v1/executions/${executionId}/notifications`,
        headers: bearer('admin', WS2),
      });
      expect(json<{ items: unknown[] }>(other).items).toEqual([]);
    } finally {
      await hook.close();
    }
  });

  it('writes a notification lost between the terminal commit and the outbox (catch-up sweep)', async () => {
    const hook = await receiver();
    try {
      const { executionId } = await runNotified(app, [{ url: hook.url }], false);
      await until(
        async () => ((await deliveries(app, executionId))[0]?.status === 'delivered' ? true : undefined),
        'the first delivery',
      );
      // As if the process had died before writing its outbox row.
      await runtime.store.db
        .delete(tenancySchema.notificationOutbox)
        .where(eq(tenancySchema.notificationOutbox.executionId, executionId));
      expect(await runtime.notifications.catchUp({ graceMs: 0 })).toBe(1);
      expect(await runtime.notifications.catchUp({ graceMs: 0 })).toBe(0);
      await until(() => (hook.received.length === 2 ? true : undefined), 'the late delivery');
      const [first, late] = hook.received;
      expect(late?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
    } finally {
      await hook.close();
    }
  });

  it('sends only the events asked for, and refuses a non-http URL at validation', async () => {
    const hook = await receiver();
    try {
      const { executionId } = await runNotified(app, [{ url: hook.url, events: ['failed'] }], false);
      expect(await deliveries(app, executionId)).toEqual([]);
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/workflows',
        headers: bearer('member'),
        payload: { ...greetWorkflow(), config: { notifications: [{ url: 'file:///etc/passwd' }] } },
      });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json().error.issues)).toContain('config.notifications[0].url');
    } finally {
      await hook.close();
    }
  });

  it('refuses a private address that is not allow-listed (egress guard)', async () => {
    const { executionId } = await runNotified(app, [{ url: 'http://10.255.255.1:9/hook' }], false);
    const [row] = await until(async () => {
      const rows = await deliveries(app, executionId);
      return rows[0] && rows[0].attempts >= 1 && rows[0].lastError ? rows : undefined;
    }, 'a refused attempt');
    expect(row?.lastError).toMatch(/egress|private|not allowed|refused/i);
  });

  it('lists no dead letters in embedded mode, where none arise, and cannot retry one', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/dead-letters', headers: bearer('viewer') });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toEqual({ items: [] });
    const retry = await app.inject({
      method: 'POST',
      url: '/api/v1/dead-letters/dl_x/retry',
      headers: bearer('member'),
    });
    expect(retry.statusCode).toBe(409);
    const viewer = await app.inject({
      method: 'POST',
      url: '/api/v1/dead-letters/dl_x/retry',
      headers: bearer('viewer'),
    });
    expect(viewer.statusCode).toBe(403);
  });

  it('needs workflow:update to rotate the secret', async () => {
    const { workflowId } = await runNotified(app, [], false);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${workflowId}/notification-secret`,
      headers: bearer('viewer'),
    });
    expect(res.statusCode).toBe(403);
    const elsewhere = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${workflowId}/notification-secret`,
      headers: bearer('admin', WS2),
    });
    expect(elsewhere.statusCode).toBe(404);
  });
});

describe('a failing receiver', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let clock = 1_800_000_000_000;
  beforeAll(async () => {
    runtime = await openRuntime({
      notifications: { deliver: false, now: () => clock, baseDelayMs: 1000, maxAttempts: 3 },
    });
    app = await createTestServer(runtime);
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it('is retried with exponential backoff under one idempotency key until it answers 2xx', async () => {
    const hook = await receiver([500, 503]);
    try {
      const { executionId, secret } = await runNotified(app, [{ url: hook.url }]);
      await until(
        async () => ((await deliveries(app, executionId)).length === 1 ? true : undefined),
        'the row',
      );
      const deliver = () => runtime.notifications.deliverDue();
      expect(await deliver()).toBe(1); // attempt 1: 500
      expect(await deliver()).toBe(0); // not due before 1 s
      clock += 999;
      expect(await deliver()).toBe(0);
      clock += 1;
      expect(await deliver()).toBe(1); // attempt 2 at +1 s: 503
      clock += 1999;
      expect(await deliver()).toBe(0); // the delay doubled
      clock += 1;
      expect(await deliver()).toBe(1); // attempt 3 at +2 s more: 200
      clock += 60_000;
      expect(await deliver()).toBe(0); // delivered: never again
      expect(hook.received.map((r) => r.headers['x-agentflow-delivery-attempt'])).toEqual(['1', '2', '3']);
      const keys = new Set(hook.received.map((r) => r.headers['idempotency-key']));
      expect(keys.size).toBe(1);
      for (const r of hook.received) {
        expect(verify(r.headers['x-agentflow-signature'] as string, r.body, secret!)).toBe(true);
      }
      const [row] = await deliveries(app, executionId);
      expect(row).toMatchObject({ status: 'delivered', attempts: 3 });
    } finally {
      await hook.close();
    }
  });

  it('gives up after the last attempt, recording the last error', async () => {
    const hook = await receiver([500, 500, 500, 500]);
    try {
      const { executionId } = await runNotified(app, [{ url: hook.url }], false);
      await until(
        async () => ((await deliveries(app, executionId)).length === 1 ? true : undefined),
        'the row',
      );
      for (let i = 0; i < 3; i++) {
        expect(await runtime.notifications.deliverDue()).toBe(1);
        clock += 10_000;
      }
      expect(await runtime.notifications.deliverDue()).toBe(0);
      expect(hook.received).toHaveLength(3);
      const [row] = await deliveries(app, executionId);
      expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 500' });
    } finally {
      await hook.close();
    }
  });

  it('does not follow a redirect: it is a failed attempt', async () => {
    const hook = await receiver();
    const mover = createServer((_req, res) => res.writeHead(307, { location: `${hook.url}/moved` }).end());
    await new Promise<void>((done) => mover.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(mover.address() as AddressInfo).port}/hook`;
      const { executionId } = await runNotified(app, [{ url }], false);
      await until(
        async () => ((await deliveries(app, executionId)).length === 1 ? true : undefined),
        'the row',
      );
      expect(await runtime.notifications.deliverDue()).toBe(1);
      const [row] = await deliveries(app, executionId);
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row?.lastError).toMatch(/redirect/);
      expect(hook.received).toHaveLength(0);
    } finally {
      await new Promise<void>((done) => mover.close(() => done()));
      await hook.close();
    }
  });
});

describe('after a restart', () => {
  it('a pending notification is delivered by the next process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'af-notify-'));
    const hook = await receiver();
    try {
      const first = await openRuntime({
        inMemory: false,
        config: { dataDir },
        notifications: { deliver: false },
      });
      const firstApp = await createTestServer(first);
      const { executionId, secret } = await runNotified(firstApp, [{ url: hook.url }]);
      await until(
        async () => ((await deliveries(firstApp, executionId)).length === 1 ? true : undefined),
        'the row',
      );
      await firstApp.close();
      await first.close();
      expect(hook.received).toHaveLength(0);

      const second = await openRuntime({
        inMemory: false,
        config: { dataDir },
        notifications: { pollMs: 10 },
      });
      try {
        const [got] = await until(
          () => (hook.received.length > 0 ? hook.received : undefined),
          'the webhook',
        );
        expect(JSON.parse(got!.body).execution.id).toBe(executionId);
        expect(verify(got?.headers['x-agentflow-signature'] as string, got!.body, secret!)).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      await hook.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
