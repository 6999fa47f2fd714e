/**
 * Audit coverage (issue 13 item 12): workflow create/update/restore/delete, template publish/install, refused
 * attempts (403 with the actor, 401 anonymous; throttled per source with a count of what was left out), and the
 * client's IP and User-Agent on every record, all visible through GET /api/v1/audit.
 */
import type { Runtime } from '@agentflow/runtime';
import { createTenancyRepositories } from '@agentflow/store-sql/tenancy';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import {
  auth,
  bearer,
  createTestRuntime,
  greetWorkflow,
  json,
  principal,
  WS1,
} from './test-support/fixtures.js';

interface AuditItem {
  action: string;
  actorId?: string;
  actorType?: string;
  workspaceId?: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  ip?: string;
  userAgent?: string;
}

const UA = 'audit-test/1.0 (+https://example.test)';

describe('audit coverage', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let clock = 1_000_000;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = await buildServer({
      runtime,
      auth,
      rateLimiter: false,
      logger: false,
      refusalAudit: { perSourcePerMinute: 3, now: () => clock },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  const send = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: unknown,
    remoteAddress = '192.0.2.7',
  ) =>
    app.inject({
      method,
      url,
      headers: { ...headers, 'user-agent': UA },
      remoteAddress,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  async function auditLog(query = ''): Promise<AuditItem[]> {
    const res = await app.inject({ url: `/api/v1/audit?limit=500${query}`, headers: bearer('admin') });
    expect(res.statusCode, res.body).toBe(200);
    return json<{ items: AuditItem[] }>(res).items;
  }

  it('records workflow create, update, restore and delete with the actor, IP and User-Agent', async () => {
    const member = bearer('member');
    const created = await send('POST', '/api/v1/workflows', member, greetWorkflow('audited'));
    expect(created.statusCode, created.body).toBe(201);
    const id = json<{ id: string }>(created).id;
    expect(
      (await send('PUT', `/api/v1/workflows/${id}`, member, greetWorkflow('audited v2'))).statusCode,
    ).toBe(200);
    expect((await send('POST', `/api/v1/workflows/${id}/versions/1/restore`, member)).statusCode).toBe(200);
    expect((await send('DELETE', `/api/v1/workflows/${id}`, member)).statusCode).toBe(204);

    const items = (await auditLog('&targetType=workflow')).filter((i) => i.targetId === id);
    expect(items.map((i) => i.action).reverse()).toEqual([
      'workflow.create',
      'workflow.update',
      'workflow.restore',
      'workflow.delete',
    ]);
    for (const item of items) {
      expect(item).toMatchObject({
        actorId: principal('member').userId,
        workspaceId: WS1,
        ip: '192.0.2.7',
        userAgent: UA,
      });
    }
    expect(items.find((i) => i.action === 'workflow.restore')?.details).toMatchObject({
      restoredVersion: 1,
      version: 3,
    });
  });

  it('records template publish and install', async () => {
    const published = await send('POST', '/api/v1/templates', bearer('admin'), {
      name: 'local',
      configSchema: { type: 'object' },
      defaultConfig: {
        workflow: {
          name: 'local',
          agents: [
            { id: 'in', type: 'input' },
            { id: 'out', type: 'output' },
          ],
          connections: [{ id: 'a', sourceAgentId: 'in', targetAgentId: 'out' }],
        },
      },
    });
    expect(published.statusCode, published.body).toBe(201);
    const id = json<{ id: string }>(published).id;
    const installed = await send('POST', `/api/v1/templates/${id}/instantiate`, bearer('member'), {});
    expect(installed.statusCode, installed.body).toBe(201);
    const items = (await auditLog('&targetType=template')).filter((i) => i.targetId === id);
    expect(items.map((i) => i.action).reverse()).toEqual(['template.publish', 'template.install']);
    expect(items[0]).toMatchObject({ userAgent: UA, ip: '192.0.2.7' });
  });

  it('records refused attempts (403 with the actor, 401 anonymous), throttled per source with a count', async () => {
    // A viewer trying to delete a workflow: 403, in the workspace's log with the viewer as actor.
    const refused = await send(
      'DELETE',
      '/api/v1/workflows/some-id',
      bearer('viewer'),
      undefined,
      '198.51.100.1',
    );
    expect(refused.statusCode).toBe(403);
    const denied = (await auditLog('&action=access.denied')).find(
      (i) => i.details?.route === '/api/v1/workflows/:id',
    );
    expect(denied).toMatchObject({
      actorId: principal('viewer').userId,
      workspaceId: WS1,
      targetType: 'route',
      targetId: 'DELETE /api/v1/workflows/:id',
      ip: '198.51.100.1',
      userAgent: UA,
      details: { status: 403, code: 'AF_FORBIDDEN', method: 'DELETE', permission: 'workflow:delete' },
    });

    // A GraphQL field refused inside an authorized operation: recorded with the field.
    const gql = await send(
      'POST',
      '/graphql',
      bearer('viewer'),
      {
        query: 'mutation { deleteWorkflow(id: "some-id") }',
      },
      '198.51.100.2',
    );
    expect(json<{ errors?: { extensions?: { code?: string } }[] }>(gql).errors?.[0]?.extensions?.code).toBe(
      'AF_FORBIDDEN',
    );
    expect((await auditLog('&action=access.denied')).find((i) => i.ip === '198.51.100.2')).toMatchObject({
      actorId: principal('viewer').userId,
      targetType: 'graphql_field',
      targetId: 'Mutation.deleteWorkflow',
      details: { status: 403, code: 'AF_FORBIDDEN', route: '/graphql', field: 'Mutation.deleteWorkflow' },
    });

    // An anonymous flood from one source: 3 recorded this minute (this server's limit), the rest counted.
    const before = await runtime.tenancy.audit.list(principal('admin'), { action: 'access.denied' });
    for (let i = 0; i < 20; i++) {
      const res = await send('GET', '/api/v1/workflows', {}, undefined, '203.0.113.9');
      expect(res.statusCode).toBe(401);
    }
    const anonymous = await createTenancyRepositories(runtime.store.db).audit.listAudit({
      action: 'access.denied',
      limit: 500,
    });
    const fromFlood = anonymous.items.filter((i) => i.ip === '203.0.113.9');
    expect(fromFlood).toHaveLength(3);
    expect(fromFlood[0]).toMatchObject({
      actorType: 'anonymous',
      details: { status: 401, code: 'AF_UNAUTHENTICATED', route: '/api/v1/workflows' },
    });
    // The workspace's log did not grow with anonymous refusals (they belong to no workspace).
    const after = await runtime.tenancy.audit.list(principal('admin'), { action: 'access.denied' });
    expect(after.items.length).toBe(before.items.length);

    // A minute later, the first record from that source says how many were left out.
    clock += 60_000;
    expect((await send('GET', '/api/v1/workflows', {}, undefined, '203.0.113.9')).statusCode).toBe(401);
    const next = await createTenancyRepositories(runtime.store.db).audit.listAudit({
      action: 'access.denied',
      limit: 1,
    });
    expect(next.items[0]).toMatchObject({ ip: '203.0.113.9', details: { suppressed: 17 } });

    // Every refusal is counted in the metrics.
    const metrics = await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(metrics.body).toMatch(/agentflow_requests_refused_total\{status="401",audited="false"\} 17/);
  });
});
