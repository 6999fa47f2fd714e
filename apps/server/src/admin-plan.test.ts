/**
 * Instance administration (issue 13 item 11): instance admins list every workspace and change a workspace's plan
 * through the API; nobody else may (403, 401); the change is audited; and the workspace's request rate-limit tier
 * and execution limit follow at once, without a restart, although principals (which carry the plan) are cached.
 * Real authentication (API keys), the runtime's request limiter.
 */
import type { Runtime } from '@agentflow/runtime';
import { schema } from '@agentflow/store-sql';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import { createTestRuntime, greetWorkflow, json, principal, WS1, WS2 } from './test-support/fixtures.js';

/** WS2's owner is the instance admin; WS1's owner owns a workspace and nothing more. */
const ADMIN = principal('owner', WS2);
const OWNER = principal('owner', WS1);

describe('instance admin: workspace plans', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let adminKey: string;
  let ownerKey: string;
  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    runtime = await createTestRuntime({
      env: { AGENTFLOW_INSTANCE_ADMINS: ADMIN.userId },
      // Small execution limits so that the plan's effect shows in a few runs.
      security: {
        executionLimits: {
          free: { limit: 2, windowMs: 3_600_000 },
          pro: { limit: 4, windowMs: 3_600_000 },
          enterprise: { limit: 100, windowMs: 3_600_000 },
        },
      },
    });
    await runtime.store.db.insert(schema.workspaceMembers).values([
      { workspaceId: WS2, userId: ADMIN.userId, role: 'owner' },
      { workspaceId: WS1, userId: OWNER.userId, role: 'owner' },
    ]);
    adminKey = (await runtime.tenancy.apiKeys.create(ADMIN, { name: 'admin' })).key;
    ownerKey = (await runtime.tenancy.apiKeys.create(OWNER, { name: 'owner' })).key;
    // Real authentication (the runtime's, principal cache included) and the runtime's request limiter.
    app = await buildServer({ runtime, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  const setPlan = (plan: unknown, key = adminKey, id = WS1) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/admin/workspaces/${id}/plan`,
      headers: as(key),
      payload: { plan },
    });

  it('refuses everyone but instance admins', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/admin/workspaces' });
    expect(anonymous.statusCode).toBe(401);
    const owner = await app.inject({ method: 'GET', url: '/api/v1/admin/workspaces', headers: as(ownerKey) });
    expect(owner.statusCode).toBe(403);
    expect(json<{ error: { code: string } }>(owner).error.code).toBe('AF_FORBIDDEN');
    // A workspace owner cannot raise their own plan.
    const own = await setPlan('enterprise', ownerKey);
    expect(own.statusCode).toBe(403);
    expect((await runtime.tenancy.workspaces.get(OWNER, WS1)).workspace.plan).toBe('pro');
  });

  it('lists every workspace, paged', async () => {
    const first = json<{ items: { id: string; plan: string }[]; nextCursor?: string }>(
      await app.inject({ url: '/api/v1/admin/workspaces?limit=1', headers: as(adminKey) }),
    );
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = json<{ items: { id: string; plan: string }[]; nextCursor?: string }>(
      await app.inject({
        url: `/api/v1/admin/workspaces?limit=1&cursor=${first.nextCursor}`,
        headers: as(adminKey),
      }),
    );
    expect([...first.items, ...second.items].map((w) => w.id).sort()).toEqual([WS1, WS2].sort());
    expect(second.nextCursor).toBeUndefined();
  });

  it('validates the plan and the workspace', async () => {
    const bad = await setPlan('platinum');
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { issues: { path: string }[] } }>(bad).error.issues.map((i) => i.path)).toContain(
      'plan',
    );
    const missing = await setPlan('pro', adminKey, 'no-such-workspace');
    expect(missing.statusCode).toBe(404);
  });

  it('changes the request tier and the execution limit at once, and audits the change', async () => {
    const workflowId = (await runtime.workflows.create(greetWorkflow(), { workspaceId: WS1 })).id;
    const execute = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/workflows/${workflowId}/execute`,
        headers: as(ownerKey),
        payload: { input: { name: 'Ada' } },
      });
    const tier = async () =>
      Number(
        (await app.inject({ url: '/api/v1/workflows', headers: as(ownerKey) })).headers['x-ratelimit-limit'],
      );

    // Pro: 1,000 requests per hour; 4 executions (this test's limits). The owner's principal is now cached.
    expect(await tier()).toBe(1_000);
    for (let i = 0; i < 3; i++) expect((await execute()).statusCode).toBe(202);

    // Down to free: the very next request is on the free tier, and the 4th execution is over free's 2.
    const changed = await setPlan('free');
    expect(changed.statusCode).toBe(200);
    expect(json<{ plan: string }>(changed).plan).toBe('free');
    expect(await tier()).toBe(100);
    const refused = await execute();
    expect(refused.statusCode).toBe(429);
    expect(json<{ error: { code: string } }>(refused).error.code).toBe('AF_RATE_LIMITED');

    // Up to enterprise: at once again.
    expect((await setPlan('enterprise')).statusCode).toBe(200);
    expect(await tier()).toBe(10_000);
    expect((await execute()).statusCode).toBe(202);

    // Audited in the changed workspace's log, with the admin as actor and where the request came from.
    const audit = json<{ items: { action: string; actorId?: string; details?: Record<string, unknown> }[] }>(
      await app.inject({ url: '/api/v1/audit?action=workspace.plan_change', headers: as(ownerKey) }),
    );
    expect(audit.items.map((i) => i.details?.plan)).toEqual(['enterprise', 'free']);
    expect(audit.items[1]).toMatchObject({
      actorId: expect.any(String),
      details: { plan: 'free', previous: 'pro', by: 'instance_admin', adminUserId: ADMIN.userId },
      ip: expect.any(String),
    });
  });
});
