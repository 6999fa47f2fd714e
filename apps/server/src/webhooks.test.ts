/**
 * Webhook triggers (issue 19 item 1) through the real server and runtime (PGlite, scripted model): signatures in
 * the GitHub and Stripe styles (good, bad, replayed, outside the timestamp tolerance), a bearer token, an
 * oversized body, a wrong content type, a draft workflow and a disabled hook, the per-hook rate limit, input
 * validation by the input node's schema, and the sync mode's output. Every refusal is a 4xx with its AF_ code and
 * records no execution.
 */
import { createHmac } from 'node:crypto';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestRuntime, createTestServer, json, WS1 } from './test-support/fixtures.js';

const scope = { workspaceId: WS1 };
const clock = Date.parse('2026-03-01T12:00:00Z');

/** input {body: {name}} -> agent greets body.name -> output. */
function hookWorkflow(status: 'active' | 'draft' = 'active') {
  return {
    name: `hooked-${status}`,
    status,
    agents: [
      {
        id: 'in',
        type: 'input',
        config: {
          schema: {
            type: 'object',
            properties: {
              body: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
            },
            required: ['body'],
          },
        },
      },
      {
        id: 'bot',
        type: 'agent',
        config: { provider: 'openai', model: 'gpt-test', prompt: 'Greet {{input.body.name}}' },
      },
      { id: 'out', type: 'output' },
    ],
    connections: [
      { id: 'in-bot', sourceAgentId: 'in', targetAgentId: 'bot' },
      { id: 'bot-out', sourceAgentId: 'bot', targetAgentId: 'out' },
    ],
  };
}

describe('webhook triggers', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let workflowId: string;

  beforeAll(async () => {
    runtime = await createTestRuntime({ triggers: { schedules: false, now: () => clock } });
    app = await createTestServer(runtime);
    workflowId = (await runtime.workflows.create(hookWorkflow() as never, scope)).id;
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  async function addHook(config: Record<string, unknown> = {}, target = workflowId) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${target}/triggers`,
      headers: bearer('member'),
      payload: { kind: 'webhook', name: 'hook', config },
    });
    expect(res.statusCode).toBe(201);
    return json<{ trigger: { id: string; path: string }; secret?: string; token?: string }>(res);
  }
  const post = (path: string, payload: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: path,
      payload,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const executions = async () => (await runtime.executions.list(scope, { workflowId })).items.length;
  const github = (secret: string, body: string) =>
    `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const stripe = (secret: string, body: string, t = Math.floor(clock / 1000)) =>
    `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
  const errorOf = (res: { json(): unknown }) =>
    (res.json() as { error: { code: string; issues?: { path: string }[] } }).error;

  it('GitHub style: a good signature starts the workflow (202 + id, input {body, headers, query} without secrets)', async () => {
    const { trigger, secret } = await addHook({ auth: { hmac: 'github' } });
    expect(trigger.path).toBe(`/hooks/${trigger.id}`);
    expect(trigger.id).toMatch(/^trg_[\w-]{32}$/);
    const body = JSON.stringify({ name: 'Ada' });
    const res = await post(`${trigger.path}?source=test`, body, {
      'x-hub-signature-256': github(secret!, body),
    });
    expect(res.statusCode).toBe(202);
    const { executionId } = json<{ executionId: string }>(res);
    const detail = await runtime.executions.get(executionId, scope);
    const input = detail.input as { body: unknown; headers: Record<string, string>; query: unknown };
    expect(input.body).toEqual({ name: 'Ada' });
    expect(input.query).toEqual({ source: 'test' });
    expect(input.headers['x-hub-signature-256']).toBeUndefined();
    expect(input.headers['content-type']).toBe('application/json');
    // What triggered it is recorded.
    const firings = json<{ items: { executionId: string; status: string }[] }>(
      await app.inject({ url: `/api/v1/triggers/${trigger.id}/firings`, headers: bearer('viewer') }),
    );
    expect(firings.items).toEqual([expect.objectContaining({ executionId, status: 'started' })]);
    // The executions list and detail say what started it; an API run has no trigger.
    const { executionId: manual } = await runtime.workflows.execute(
      workflowId,
      { body: { name: 'Bo' } },
      scope,
    );
    const list = json<{ items: { id: string; trigger?: { id: string; kind: string } }[] }>(
      await app.inject({ url: `/api/v1/executions?workflowId=${workflowId}`, headers: bearer('viewer') }),
    );
    expect(list.items.find((x) => x.id === executionId)?.trigger).toEqual({
      id: trigger.id,
      kind: 'webhook',
      name: 'hook',
    });
    expect(list.items.find((x) => x.id === manual)?.trigger).toBeUndefined();
    const shown = json<{ execution: { trigger?: { kind: string } } }>(
      await app.inject({ url: `/api/v1/executions/${executionId}`, headers: bearer('viewer') }),
    );
    expect(shown.execution.trigger?.kind).toBe('webhook');
  });

  it('GitHub style: a bad or missing signature is 401 AF_WEBHOOK_SIGNATURE and records nothing', async () => {
    const { trigger, secret } = await addHook({ auth: { hmac: 'github' } });
    const before = await executions();
    const body = JSON.stringify({ name: 'Eve' });
    const forged = await post(trigger.path, body, { 'x-hub-signature-256': github(`${secret}x`, body) });
    expect(forged.statusCode).toBe(401);
    expect(errorOf(forged).code).toBe('AF_WEBHOOK_SIGNATURE');
    const tampered = await post(trigger.path, JSON.stringify({ name: 'Mallory' }), {
      'x-hub-signature-256': github(secret!, body),
    });
    expect(tampered.statusCode).toBe(401);
    const missing = await post(trigger.path, body);
    expect(missing.statusCode).toBe(401);
    expect(await executions()).toBe(before);
  });

  it('Stripe style: good once, a replay is 409 AF_WEBHOOK_REPLAY, a stale timestamp 401', async () => {
    const { trigger, secret } = await addHook({ auth: { hmac: 'stripe', toleranceSec: 300 } });
    const body = JSON.stringify({ name: 'Grace' });
    const header = stripe(secret!, body);
    const first = await post(trigger.path, body, { 'stripe-signature': header });
    expect(first.statusCode).toBe(202);
    const before = await executions();
    const replay = await post(trigger.path, body, { 'stripe-signature': header });
    expect(replay.statusCode).toBe(409);
    expect(errorOf(replay).code).toBe('AF_WEBHOOK_REPLAY');
    // Signed 301 s ago: outside the tolerance (the replay memory's window) and refused as stale.
    const stale = await post(trigger.path, body, {
      'stripe-signature': stripe(secret!, body, Math.floor(clock / 1000) - 301),
    });
    expect(stale.statusCode).toBe(401);
    expect(errorOf(stale).code).toBe('AF_WEBHOOK_SIGNATURE');
    const future = await post(trigger.path, body, {
      'stripe-signature': stripe(secret!, body, Math.floor(clock / 1000) + 301),
    });
    expect(future.statusCode).toBe(401);
    expect(await executions()).toBe(before);
  });

  it('bearer token: the right one starts, a wrong one is 401', async () => {
    const { trigger, token } = await addHook({ auth: { bearer: true } });
    expect(token).toMatch(/^afh_/);
    const body = JSON.stringify({ name: 'Lin' });
    expect((await post(trigger.path, body, { authorization: `Bearer ${token}` })).statusCode).toBe(202);
    const wrong = await post(trigger.path, body, { authorization: `Bearer ${token}0` });
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(wrong).code).toBe('AF_WEBHOOK_SIGNATURE');
  });

  it('an oversized body is 413, a wrong content type 415, an unknown hook 404', async () => {
    const { trigger } = await addHook({ maxBodyBytes: 100 });
    const before = await executions();
    const big = await post(trigger.path, JSON.stringify({ name: 'x'.repeat(200) }));
    expect(big.statusCode).toBe(413);
    expect(errorOf(big).code).toBe('AF_INPUT_TOO_LARGE');
    const form = await app.inject({
      method: 'POST',
      url: trigger.path,
      payload: 'name=Ada',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(415);
    expect(errorOf(form).issues?.[0]?.path).toBe('headers.content-type');
    const unknown = await post('/hooks/trg_nothing_here', JSON.stringify({ name: 'Ada' }));
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('AF_NOT_FOUND');
    // Over the server-wide 1 MiB: refused before the hook is even read.
    const huge = await post(trigger.path, JSON.stringify({ name: 'x'.repeat(1_100_000) }));
    expect(huge.statusCode).toBe(413);
    expect(await executions()).toBe(before);
  });

  it('a draft workflow is 409 AF_WORKFLOW_DRAFT, a disabled hook 409 AF_TRIGGER_DISABLED', async () => {
    const draftId = (await runtime.workflows.create(hookWorkflow('draft') as never, scope)).id;
    const { trigger } = await addHook({}, draftId);
    const refused = await post(trigger.path, JSON.stringify({ name: 'Ada' }));
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('AF_WORKFLOW_DRAFT');
    expect((await runtime.executions.list(scope, { workflowId: draftId })).items).toHaveLength(0);

    const active = await addHook();
    const off = await app.inject({
      method: 'PATCH',
      url: `/api/v1/triggers/${active.trigger.id}`,
      headers: bearer('member'),
      payload: { enabled: false },
    });
    expect(off.statusCode).toBe(200);
    const disabled = await post(active.trigger.path, JSON.stringify({ name: 'Ada' }));
    expect(disabled.statusCode).toBe(409);
    expect(errorOf(disabled).code).toBe('AF_TRIGGER_DISABLED');
  });

  it('rate limit per hook: past the limit is 429 AF_RATE_LIMITED with Retry-After', async () => {
    const { trigger } = await addHook({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const body = JSON.stringify({ name: 'Ada' });
    expect((await post(trigger.path, body)).statusCode).toBe(202);
    expect((await post(trigger.path, body)).statusCode).toBe(202);
    const third = await post(trigger.path, body);
    expect(third.statusCode).toBe(429);
    expect(errorOf(third).code).toBe('AF_RATE_LIMITED');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
  });

  it("the input node's schema checks the input: 400 AF_INVALID_INPUT with the path", async () => {
    const { trigger } = await addHook();
    const res = await post(trigger.path, JSON.stringify({ nom: 'Ada' }));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('AF_INVALID_INPUT');
    expect(JSON.stringify(errorOf(res).issues)).toContain('name');
  });

  it('sync mode answers with the output', async () => {
    const { trigger } = await addHook({ mode: 'sync', timeoutMs: 20_000 });
    const res = await post(trigger.path, JSON.stringify({ name: 'Ada' }));
    expect(res.statusCode).toBe(200);
    const body = json<{ executionId: string; status: string; output: unknown }>(res);
    expect(body.status).toBe('succeeded');
    expect(JSON.stringify(body.output)).toContain('Hello, Ada!');
  });

  it('lists the workflow triggers (the web app reads this) and refuses a viewer creating one', async () => {
    const list = await app.inject({
      url: `/api/v1/workflows/${workflowId}/triggers`,
      headers: bearer('viewer'),
    });
    expect(list.statusCode).toBe(200);
    const items = json<{ items: { kind: string; path?: string }[] }>(list).items;
    expect(items.length).toBeGreaterThan(3);
    expect(items.every((t) => t.kind === 'webhook' && t.path?.startsWith('/hooks/trg_'))).toBe(true);
    expect(JSON.stringify(items)).not.toContain('whsec_');
    const denied = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${workflowId}/triggers`,
      headers: bearer('viewer'),
      payload: { kind: 'webhook', name: 'no' },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('GraphQL: create (secret shown once), list, disable, delete; a viewer may list but not create', async () => {
    const gql = async (role: 'member' | 'viewer', query: string, variables: Record<string, unknown> = {}) =>
      json<{ data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] }>(
        await app.inject({
          method: 'POST',
          url: '/graphql',
          headers: bearer(role),
          payload: { query, variables },
        }),
      );
    const created = await gql(
      'member',
      `mutation($w: ID!, $i: TriggerInput!) { createTrigger(workflowId: $w, input: $i) { trigger { id kind path enabled } secret } }`,
      { w: workflowId, i: { kind: 'webhook', name: 'gql', config: { auth: { hmac: 'stripe' } } } },
    );
    const made = created.data?.createTrigger as { trigger: { id: string; path: string }; secret: string };
    expect(made.secret).toMatch(/^whsec_/);
    expect(made.trigger.path).toBe(`/hooks/${made.trigger.id}`);
    const listed = await gql('viewer', `query($w: ID!) { workflowTriggers(workflowId: $w) { id name } }`, {
      w: workflowId,
    });
    expect(listed.data?.workflowTriggers).toContainEqual({ id: made.trigger.id, name: 'gql' });
    const changed = await gql(
      'member',
      `mutation($id: ID!) { updateTrigger(id: $id, change: { enabled: false }) { enabled } }`,
      {
        id: made.trigger.id,
      },
    );
    expect(changed.data?.updateTrigger).toEqual({ enabled: false });
    const badCron = await gql(
      'member',
      `mutation($w: ID!, $i: TriggerInput!) { createTrigger(workflowId: $w, input: $i) { trigger { id } } }`,
      { w: workflowId, i: { kind: 'schedule', name: 'bad', config: { cron: 'never' } } },
    );
    expect(badCron.errors?.[0]?.extensions?.code).toBe('AF_VALIDATION');
    const denied = await gql('viewer', `mutation($id: ID!) { deleteTrigger(id: $id) }`, {
      id: made.trigger.id,
    });
    expect(denied.errors?.[0]?.extensions?.code).toBe('AF_FORBIDDEN');
    const deleted = await gql('member', `mutation($id: ID!) { deleteTrigger(id: $id) }`, {
      id: made.trigger.id,
    });
    expect(deleted.data?.deleteTrigger).toBe(true);
  });
});
