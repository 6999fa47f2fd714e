/**
 * Issue 13 item 2: `sql_query` is enabled from configuration and reached by workflows through the real server,
 * against a real PostgreSQL (DATABASE_URL; a schema made and dropped here). A workspace's `postgres` credential is
 * read-only unless it says `allowWrites`; queries take parameters; rows are capped and statements time out; a
 * write is a side effect (it waits for approval) and carries the step's idempotency key. The database host of a
 * workspace credential passes the egress policy; the operator's AGENTFLOW_SQL_URL is reached as configured.
 */
import { randomUUID } from 'node:crypto';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestRuntime,
  createTestServer,
  json,
  WS1,
  WS2,
  waitForStatus,
} from './test-support/fixtures.js';

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) console.warn('sql-tool.int.test.ts: skipped, DATABASE_URL is not set');

interface Detail {
  execution: { status: string; output?: unknown; error?: { code: string; message: string } };
}

function sqlWorkflow() {
  return {
    name: 'sql',
    agents: [
      { id: 'in', type: 'input' },
      { id: 'call', type: 'tool', config: { tool: 'sql_query' } },
      { id: 'out', type: 'output' },
    ],
    connections: [
      { id: 'in-call', sourceAgentId: 'in', targetAgentId: 'call' },
      { id: 'call-out', sourceAgentId: 'call', targetAgentId: 'out' },
    ],
  };
}

describe.skipIf(!DATABASE_URL)('sql_query through workflows on the server (PostgreSQL)', () => {
  const schema = `af_sqltool_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  let admin: pg.Client;
  let runtime: Runtime;
  let app: FastifyInstance;

  const addCredential = async (target: FastifyInstance, workspaceId: string, value: string) => {
    const res = await target.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: bearer('admin', workspaceId),
      payload: { name: 'warehouse', type: 'postgres', value },
    });
    expect(res.statusCode, res.body).toBe(201);
  };

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(
      `CREATE TABLE ${schema}.orders (id int PRIMARY KEY, item text NOT NULL, qty int NOT NULL)`,
    );
    await admin.query(`CREATE TABLE ${schema}.notes (note text, idempotency_key text)`);
    await admin.query(
      `INSERT INTO ${schema}.orders SELECT g, 'item-' || g, g * 2 FROM generate_series(1, 30) g`,
    );
    runtime = await createTestRuntime({
      env: {
        AGENTFLOW_EGRESS_ALLOW: '127.0.0.1,::1,localhost',
        AGENTFLOW_SQL_MAX_ROWS: '10',
        AGENTFLOW_SQL_TIMEOUT_MS: '300',
      },
    });
    app = await createTestServer(runtime);
    // WS1: read-only (the default); WS2: writes allowed by its credential.
    await addCredential(app, WS1, DATABASE_URL!);
    await addCredential(app, WS2, JSON.stringify({ url: DATABASE_URL, allowWrites: true }));
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
  });

  async function run(workspaceId: string, input: unknown): Promise<{ id: string; detail: Detail }> {
    const headers = bearer('member', workspaceId);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers,
      payload: sqlWorkflow(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${json<{ id: string }>(created).id}/execute`,
      headers,
      payload: { input },
    });
    expect(res.statusCode, res.body).toBe(202);
    const id = json<{ executionId: string }>(res).executionId;
    const detail = (await waitForStatus(
      app,
      id,
      ['paused', 'succeeded', 'failed'],
      bearer('viewer', workspaceId),
    )) as unknown as Detail;
    return { id, detail };
  }

  it('runs a parameterized query with the workspace credential, capped at AGENTFLOW_SQL_MAX_ROWS', async () => {
    const one = await run(WS1, {
      sql: `SELECT id, item, qty FROM ${schema}.orders WHERE id = $1`,
      params: [7],
    });
    expect(one.detail.execution.status, JSON.stringify(one.detail.execution.error)).toBe('succeeded');
    expect(one.detail.execution.output).toMatchObject({
      rows: [{ id: 7, item: 'item-7', qty: 14 }],
      rowCount: 1,
      truncated: false,
    });
    const many = await run(WS1, { sql: `SELECT id FROM ${schema}.orders ORDER BY id` });
    expect(many.detail.execution.output).toMatchObject({ rowCount: 10, truncated: true });
  });

  it('a read-only credential refuses writes; a slow statement ends at AGENTFLOW_SQL_TIMEOUT_MS', async () => {
    const write = await run(WS1, {
      sql: `UPDATE ${schema}.orders SET qty = 0 WHERE id = $1`,
      params: [1],
    });
    // A write is a side effect: it waits for a person first, then the read-only credential refuses it.
    expect(write.detail.execution.status).toBe('paused');
    const approved = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${write.id}/approve`,
      headers: bearer('member', WS1),
      payload: { agentId: 'call', payload: { approved: true } },
    });
    expect(approved.statusCode).toBe(202);
    const done = (await waitForStatus(app, write.id, ['succeeded', 'failed'])) as unknown as Detail;
    expect(done.execution.status).toBe('failed');
    expect(done.execution.error?.message).toMatch(/only read statements/);
    expect((await admin.query(`SELECT qty FROM ${schema}.orders WHERE id = 1`)).rows[0].qty).toBe(2);

    const slow = await run(WS1, { sql: 'SELECT pg_sleep(3)' });
    expect(slow.detail.execution.status).toBe('failed');
    expect(slow.detail.execution.error?.code).toBe('AF_TIMEOUT');
  });

  it('a credential that allows writes runs an approved INSERT once, with the idempotency key', async () => {
    const { id, detail } = await run(WS2, {
      sql: `INSERT INTO ${schema}.notes VALUES ($1, current_setting('agentflow.idempotency_key')) RETURNING note`,
      params: ['restock'],
    });
    expect(detail.execution.status).toBe('paused');
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${schema}.notes`)).rows[0].n).toBe(0);
    const approved = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${id}/approve`,
      headers: bearer('member', WS2),
      payload: { agentId: 'call', payload: { approved: true } },
    });
    expect(approved.statusCode).toBe(202);
    const done = (await waitForStatus(
      app,
      id,
      ['succeeded', 'failed'],
      bearer('viewer', WS2),
    )) as unknown as Detail;
    expect(done.execution.status, JSON.stringify(done.execution.error)).toBe('succeeded');
    expect(done.execution.output).toMatchObject({ rows: [{ note: 'restock' }], affectedRows: 1 });
    const { rows } = await admin.query(`SELECT note, idempotency_key FROM ${schema}.notes`);
    expect(rows).toEqual([
      { note: 'restock', idempotency_key: expect.stringMatching(new RegExp(`^${id}:call`)) },
    ]);
    // Reads do not wait, and DDL stays refused even here.
    const read = await run(WS2, { sql: `SELECT count(*)::int AS n FROM ${schema}.notes` });
    expect(read.detail.execution.output).toMatchObject({ rows: [{ n: 1 }] });
    const drop = await run(WS2, { sql: `DROP TABLE ${schema}.orders` });
    expect(drop.detail.execution.status).toBe('failed');
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${schema}.orders`)).rows[0].n).toBe(30);
  });

  it('without AGENTFLOW_EGRESS_ALLOW a loopback database in a workspace credential is refused; the operator URL is not', async () => {
    const strict = await createTestRuntime({
      env: { AGENTFLOW_SQL_URL: DATABASE_URL!, AGENTFLOW_TOOL_APPROVAL: 'none' },
    });
    const strictApp = await createTestServer(strict);
    try {
      // No workspace (a CLI run): the operator's instance-wide database, read-only.
      const local = await strict.engine.run(sqlWorkflow() as never, {
        sql: `SELECT item FROM ${schema}.orders WHERE id = $1`,
        params: [3],
      });
      expect(local.status, JSON.stringify(local)).toBe('succeeded');
      expect(local.output).toMatchObject({ rows: [{ item: 'item-3' }] });

      await addCredential(strictApp, WS1, DATABASE_URL!);
      const headers = bearer('member');
      const created = await strictApp.inject({
        method: 'POST',
        url: '/api/v1/workflows',
        headers,
        payload: sqlWorkflow(),
      });
      const res = await strictApp.inject({
        method: 'POST',
        url: `/api/v1/workflows/${json<{ id: string }>(created).id}/execute`,
        headers,
        payload: { input: { sql: 'SELECT 1' } },
      });
      const id = json<{ executionId: string }>(res).executionId;
      const detail = (await waitForStatus(strictApp, id, ['succeeded', 'failed'])) as unknown as Detail;
      expect(detail.execution.status).toBe('failed');
      expect(detail.execution.error?.message).toMatch(/egress refused/);
    } finally {
      await strictApp.close();
      await strict.close();
    }
  });
});
