/**
 * The per-workspace execution limit against a real server: every way to start an execution (REST, GraphQL
 * with aliased mutations, MCP tool calls, resume, approve, re-run, fork) counts against one counter, and a refused start
 * records nothing.
 */
import type { AddressInfo } from 'node:net';
import type { Principal, Runtime } from '@agentflow/runtime';
import { schema } from '@agentflow/store-sql';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import { createStaticAuth } from './auth-port.js';
import {
  approvalWorkflow,
  createTestRuntime,
  greetWorkflow,
  json,
  waitForStatus,
} from './test-support/fixtures.js';

/** Free-plan workspaces (100 executions per hour), one per test, each with an owner token `tok-<ws>`. */
const WORKSPACES = ['ws-mcp', 'ws-gql', 'ws-mixed', 'ws-resume', 'ws-fork'] as const;
const owner = (ws: string): Principal => ({
  kind: 'user',
  userId: `owner-${ws}`,
  workspaceId: ws,
  role: 'owner',
  plan: 'free',
});
const headers = (ws: string) => ({ authorization: `Bearer tok-${ws}` });

async function openServer(runtime: Runtime): Promise<FastifyInstance> {
  await runtime.store.db
    .insert(schema.users)
    .values(WORKSPACES.map((ws) => ({ id: owner(ws).userId, email: `${ws}@limits.test` })));
  await runtime.store.db
    .insert(schema.workspaces)
    .values(WORKSPACES.map((ws) => ({ id: ws, name: ws, plan: 'free' })));
  await runtime.store.db
    .insert(schema.workspaceMembers)
    .values(WORKSPACES.map((ws) => ({ workspaceId: ws, userId: owner(ws).userId, role: 'owner' })));
  const auth = createStaticAuth(Object.fromEntries(WORKSPACES.map((ws) => [`tok-${ws}`, owner(ws)])));
  // No request limit: only the execution limit is under test.
  const app = await buildServer({ runtime, auth, rateLimiter: false, logger: false });
  await app.ready();
  return app;
}

async function createWorkflow(app: FastifyInstance, ws: string, definition: object): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/workflows',
    headers: headers(ws),
    payload: { ...definition, status: 'active' },
  });
  expect(res.statusCode).toBe(201);
  return json<{ id: string }>(res).id;
}

async function executionCount(runtime: Runtime, ws: string): Promise<number> {
  return (await runtime.executions.list({ workspaceId: ws }, { limit: 500 })).items.length;
}

describe('execution limit per workspace (free plan: 100 per hour)', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = await openServer(runtime);
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it('counts MCP tool calls: of 110 calls the 101st and later are refused', async () => {
    await createWorkflow(app, 'ws-mcp', greetWorkflow('Greeter'));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = new URL(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/mcp`);
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(url, { requestInit: { headers: headers('ws-mcp') } }),
    );
    try {
      const { tools } = await client.listTools();
      const results: { isError: boolean; text: string }[] = [];
      for (let i = 0; i < 110; i++) {
        const result = await client.callTool({ name: tools[0]!.name, arguments: { name: `n${i}` } });
        results.push({ isError: result.isError === true, text: JSON.stringify(result.content) });
      }
      expect(results.slice(0, 100).every((r) => !r.isError && r.text.includes('Hello'))).toBe(true);
      expect(results.slice(100).every((r) => r.isError && r.text.includes('AF_RATE_LIMITED'))).toBe(true);
    } finally {
      await client.close();
    }
    expect(await executionCount(runtime, 'ws-mcp')).toBe(100);
  });

  const gql = (ws: string, query: string) =>
    app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { ...headers(ws), 'content-type': 'application/json' },
      payload: { query },
    });
  const aliased = (id: string, n: number) =>
    `mutation { ${Array.from(
      { length: n },
      (_, i) => `e${i}: executeWorkflow(id: "${id}", input: { name: "n${i}" }) { executionId }`,
    ).join('\n')} }`;

  it('counts each aliased executeWorkflow of a GraphQL request: over the budget, the request starts none', async () => {
    const id = await createWorkflow(app, 'ws-gql', greetWorkflow());
    const over = await gql('ws-gql', aliased(id, 120));
    expect(over.statusCode).toBe(429);
    expect(json<{ errors: { extensions: { code: string } }[] }>(over).errors[0]!.extensions.code).toBe(
      'AF_RATE_LIMITED',
    );
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(await executionCount(runtime, 'ws-gql')).toBe(0);
    // Within the budget every field starts one execution, and each counts: the next one is refused.
    const within = await gql('ws-gql', aliased(id, 100));
    const data = json<{ data: Record<string, { executionId: string }> }>(within).data;
    expect(new Set(Object.values(data).map((v) => v.executionId)).size).toBe(100);
    const next = await gql('ws-gql', aliased(id, 1));
    expect(json<{ errors: { extensions: { code: string } }[] }>(next).errors[0]!.extensions.code).toBe(
      'AF_RATE_LIMITED',
    );
    expect(await executionCount(runtime, 'ws-gql')).toBe(100);
  });

  it('counts aliased fields in the query cost limit', async () => {
    const page = (i: number) => `p${i}: workflows(limit: 500) { items { id name } }`;
    const one = await gql('ws-gql', `{ ${page(0)} }`);
    expect(one.statusCode).toBe(200);
    const many = await gql('ws-gql', `{ ${Array.from({ length: 20 }, (_, i) => page(i)).join(' ')} }`);
    expect(many.statusCode).toBe(400);
    expect(json<{ errors: { extensions: { code: string } }[] }>(many).errors[0]!.extensions.code).toBe(
      'AF_LIMIT_EXCEEDED',
    );
  });

  it('shares one counter between REST and GraphQL; REST answers 429 with Retry-After', async () => {
    const id = await createWorkflow(app, 'ws-mixed', greetWorkflow('Mixed'));
    for (let i = 0; i < 60; i++) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/workflows/${id}/execute`,
        headers: headers('ws-mixed'),
        payload: { input: { name: 'rest' } },
      });
      expect(res.statusCode).toBe(202);
    }
    expect((await gql('ws-mixed', aliased(id, 41))).statusCode).toBe(429);
    const rest = json<{ data: Record<string, unknown> }>(await gql('ws-mixed', aliased(id, 40))).data;
    expect(Object.values(rest).filter((v) => v !== null)).toHaveLength(40);
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${id}/execute`,
      headers: headers('ws-mixed'),
      payload: { input: { name: 'late' } },
    });
    expect(refused.statusCode).toBe(429);
    expect(json<{ error: { code: string } }>(refused).error.code).toBe('AF_RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await executionCount(runtime, 'ws-mixed')).toBe(100);
  });
});

describe('execution limit: resume and approve count too', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  beforeAll(async () => {
    runtime = await createTestRuntime({
      security: { executionLimits: { free: { limit: 3, windowMs: 3_600_000 } } },
    });
    app = await openServer(runtime);
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it('refuses an approval and a resume once the budget is spent, changing nothing', async () => {
    const ws = 'ws-resume';
    const id = await createWorkflow(app, ws, approvalWorkflow());
    const start = async () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/workflows/${id}/execute`,
        headers: headers(ws),
        payload: { input: {} },
      });
    const first = json<{ executionId: string }>(await start()).executionId;
    const second = json<{ executionId: string }>(await start()).executionId;
    await waitForStatus(app, first, ['paused'], headers(ws));
    await waitForStatus(app, second, ['paused'], headers(ws));
    const approve = (executionId: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/executions/${executionId}/approve`,
        headers: headers(ws),
        payload: { agentId: 'review', payload: { approved: true } },
      });
    // The third unit: an approval.
    expect((await approve(first)).statusCode).toBe(202);
    await waitForStatus(app, first, ['succeeded'], headers(ws));
    // Spent: the next approval and a resume are refused, and the execution stays as it was.
    const refused = await approve(second);
    expect(refused.statusCode).toBe(429);
    expect(json<{ error: { code: string } }>(refused).error.code).toBe('AF_RATE_LIMITED');
    const resume = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${second}/resume`,
      headers: headers(ws),
    });
    expect(resume.statusCode).toBe(429);
    const gql = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { ...headers(ws), 'content-type': 'application/json' },
      payload: {
        query: `mutation { approveExecution(id: "${second}", agentId: "review", payload: { approved: true }) { executionId } }`,
      },
    });
    expect(json<{ errors: { extensions: { code: string } }[] }>(gql).errors[0]!.extensions.code).toBe(
      'AF_RATE_LIMITED',
    );
    const detail = await waitForStatus(app, second, ['paused'], headers(ws));
    expect((detail as { steps: { agentId: string; status: string }[] }).steps).not.toContainEqual(
      expect.objectContaining({ agentId: 'review', status: 'completed' }),
    );
    expect(await executionCount(runtime, ws)).toBe(2);
  });
});

describe('execution limit: re-run and fork count too', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  beforeAll(async () => {
    runtime = await createTestRuntime({
      security: { executionLimits: { free: { limit: 3, windowMs: 3_600_000 } } },
    });
    app = await openServer(runtime);
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it('refuses a re-run and a fork once the budget is spent, starting nothing', async () => {
    const ws = 'ws-fork';
    const id = await createWorkflow(app, ws, greetWorkflow('Forked'));
    const started = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${id}/execute`,
      headers: headers(ws),
      payload: { input: { name: 'Ada' } },
    });
    expect(started.statusCode).toBe(202);
    const first = json<{ executionId: string }>(started).executionId;
    await waitForStatus(app, first, ['succeeded'], headers(ws));
    const rerun = () =>
      app.inject({ method: 'POST', url: `/api/v1/executions/${first}/rerun`, headers: headers(ws) });
    const fork = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/executions/${first}/fork`,
        headers: headers(ws),
        payload: { nodeId: 'bot' },
      });
    // Two aliased forks with one unit left: the operation is refused whole, before either runs.
    const aliased = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { ...headers(ws), 'content-type': 'application/json' },
      payload: {
        query: `mutation { a: forkExecution(id: "${first}", nodeId: "bot") { executionId } b: rerunExecution(id: "${first}") { executionId } c: rerunExecution(id: "${first}") { executionId } }`,
      },
    });
    expect(aliased.statusCode).toBe(429);
    expect(await executionCount(runtime, ws)).toBe(1);
    // The second and third units: a re-run and a fork.
    const second = await rerun();
    expect(second.statusCode).toBe(202);
    const third = await fork();
    expect(third.statusCode).toBe(202);
    await waitForStatus(app, json<{ executionId: string }>(second).executionId, ['succeeded'], headers(ws));
    await waitForStatus(app, json<{ executionId: string }>(third).executionId, ['succeeded'], headers(ws));
    // Spent: both are refused with 429 and start nothing, over REST and GraphQL.
    for (const refused of [await rerun(), await fork()]) {
      expect(refused.statusCode).toBe(429);
      expect(json<{ error: { code: string } }>(refused).error.code).toBe('AF_RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    const gql = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { ...headers(ws), 'content-type': 'application/json' },
      payload: { query: `mutation { forkExecution(id: "${first}", nodeId: "bot") { executionId } }` },
    });
    expect(json<{ errors: { extensions: { code: string } }[] }>(gql).errors[0]!.extensions.code).toBe(
      'AF_RATE_LIMITED',
    );
    expect(await executionCount(runtime, ws)).toBe(3);
  });
});
