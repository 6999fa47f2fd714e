/**
 * `agentflow admin set-plan` against PostgreSQL (DATABASE_URL) while a server runs on the same database: the
 * server is not restarted, its next execution start already counts against the new plan's limit (the gate reads
 * the plan on every start), and its request tier follows once its cached principal expires (at most 5 s).
 */
import { createRuntime, type Runtime } from '@agentflow/runtime';
import { buildServer } from '@agentflow/server';
import { waitFor } from '@agentflow/testing';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

const databaseUrl = process.env.DATABASE_URL;
const schemaName = `afadmin_${process.pid}_${Date.now()}`;

describe.skipIf(!databaseUrl)('agentflow admin set-plan on PostgreSQL (needs DATABASE_URL)', () => {
  const env = {
    DATABASE_URL: databaseUrl!,
    AGENTFLOW_DB_SCHEMA: schemaName,
    // PostgreSQL: every process needs the same configured keys (no key files).
    AGENTFLOW_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    AGENTFLOW_JWT_SECRET: Buffer.alloc(32, 9).toString('base64'),
    LOG_LEVEL: 'silent',
  };
  let runtime: Runtime;
  let app: FastifyInstance;
  let key: string;
  let workspaceId: string;

  beforeAll(async () => {
    runtime = await createRuntime({
      env,
      security: {
        executionLimits: {
          free: { limit: 1, windowMs: 3_600_000 },
          pro: { limit: 5, windowMs: 3_600_000 },
          enterprise: { limit: 50, windowMs: 3_600_000 },
        },
      },
    });
    const registered = await runtime.auth.register({
      email: 'owner@pg-admin.test',
      password: 'a long passphrase',
    });
    workspaceId = registered.workspace.id;
    const principal = await runtime.auth.authenticateToken(registered.tokens.accessToken);
    key = (await runtime.tenancy.apiKeys.create(principal, { name: 'ci' })).key;
    app = await buildServer({ runtime, logger: false });
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(`drop schema if exists "${schemaName}" cascade`);
    await db.end();
  });

  it('changes the plan of a running server without a restart', async () => {
    const headers = { authorization: `Bearer ${key}` };
    const workflowId = (
      await runtime.workflows.create(
        {
          name: 'noop',
          agents: [
            { id: 'in', type: 'input' },
            { id: 'out', type: 'output' },
          ],
          connections: [{ id: 'a', sourceAgentId: 'in', targetAgentId: 'out' }],
        },
        { workspaceId },
      )
    ).id;
    const execute = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/workflows/${workflowId}/execute`,
        headers,
        payload: { input: {} },
      });
    const tier = async () =>
      Number((await app.inject({ url: '/api/v1/workflows', headers })).headers['x-ratelimit-limit']);

    // Free: 100 requests per hour, 1 execution (this test's limit).
    expect(await tier()).toBe(100);
    const first = await execute();
    expect(first.statusCode, first.body).toBe(202);
    expect((await execute()).statusCode).toBe(429);

    const io = testIo({ cwd: process.cwd(), env });
    const code = await main(['admin', 'set-plan', workspaceId, 'pro'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);

    // The execution limit at once; the request tier once the server's cached principal expires.
    expect((await execute()).statusCode).toBe(202);
    await waitFor(async () => (await tier()) === 1_000, 10_000);

    const audit = await runtime.tenancy.audit.list(await runtime.auth.authenticateApiKey(key), {
      action: 'workspace.plan_change',
    });
    expect(audit.items[0]).toMatchObject({ actorType: 'system', details: { plan: 'pro', previous: 'free' } });
  }, 60_000);
});
