import { describe, expect, it } from 'vitest';
import { bearer, greetWorkflow, json, useTestServer, WS2, waitForStatus } from './test-support/fixtures.js';

interface Full {
  execution: { id: string; status: string };
  steps: { id: string; agentId: string; input?: unknown; output?: unknown }[];
  messages: { connectionId: string; payload: unknown }[];
  logs: unknown[];
}

describe('execution detail reads: overview, one step, one connection (REST and GraphQL)', () => {
  let id = '';
  const t = useTestServer(async ({ app }) => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer('member'),
      payload: greetWorkflow(),
    });
    const wf = json<{ id: string }>(created).id;
    const started = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${wf}/execute`,
      headers: bearer('member'),
      payload: { input: { name: 'Ada' } },
    });
    id = json<{ executionId: string }>(started).executionId;
    await waitForStatus(t.app, id, ['succeeded']);
  });
  const get = (url: string, headers = bearer('viewer')) => t.app.inject({ method: 'GET', url, headers });
  const full = async () => json<Full>(await get(`/api/v1/executions/${id}`));

  it('the overview has every step without its data, and the message count of each connection', async () => {
    const all = await full();
    const res = await get(`/api/v1/executions/${id}/overview`);
    expect(res.statusCode, res.body).toBe(200);
    const body = json<{
      execution: { id: string; durationMs?: number };
      steps: Record<string, unknown>[];
      messageCounts: { connectionId: string; count: number }[];
      logs: unknown[];
    }>(res);
    expect(body.logs).toEqual(all.logs);
    expect(body.execution).toMatchObject({ id, status: 'succeeded' });
    expect(body.execution.durationMs).toBeTypeOf('number');
    expect(body.steps.map((s) => s.id)).toEqual(all.steps.map((s) => s.id));
    for (const s of body.steps) {
      expect(s).not.toHaveProperty('input');
      expect(s).not.toHaveProperty('output');
    }
    const bot = body.steps.find((s) => s.agentId === 'bot');
    expect(bot?.modelCalls).toHaveLength(1);
    const counts = Object.fromEntries(body.messageCounts.map((c) => [c.connectionId, c.count]));
    const expected: Record<string, number> = {};
    for (const m of all.messages) expected[m.connectionId] = (expected[m.connectionId] ?? 0) + 1;
    expect(counts).toEqual(expected);
    expect(counts['bot-out']).toBe(1);
  });

  it('reads one step in full, and a connection its messages a page at a time', async () => {
    const all = await full();
    const bot = all.steps.find((s) => s.agentId === 'bot')!;
    const step = await get(`/api/v1/executions/${id}/steps/${encodeURIComponent(bot.id)}`);
    expect(step.statusCode, step.body).toBe(200);
    expect(json(step)).toEqual(bot);
    expect(json<{ output: unknown }>(step).output).toBeDefined();

    const page = await get(`/api/v1/executions/${id}/messages?connectionId=bot-out&limit=1`);
    expect(page.statusCode, page.body).toBe(200);
    expect(json(page)).toEqual({ items: all.messages.filter((m) => m.connectionId === 'bot-out') });
    const none = await get(`/api/v1/executions/${id}/messages?connectionId=nowhere`);
    expect(json(none)).toEqual({ items: [] });
  });

  it('refuses what it cannot read: unknown step, another workspace, bad query (stable codes, no 500)', async () => {
    const unknown = await get(`/api/v1/executions/${id}/steps/${id}:nope:0`);
    expect(unknown.statusCode).toBe(404);
    expect(json<{ error: { code: string } }>(unknown).error.code).toBe('AF_NOT_FOUND');
    for (const url of [
      `/api/v1/executions/${id}/overview`,
      `/api/v1/executions/${id}/steps/${id}:in:0`,
      `/api/v1/executions/${id}/messages?connectionId=bot-out`,
    ]) {
      const other = await get(url, bearer('viewer', WS2));
      expect(other.statusCode, url).toBe(404);
    }
    const noConnection = await get(`/api/v1/executions/${id}/messages`);
    expect(noConnection.statusCode).toBe(400);
    expect(json<{ error: { code: string; issues: { path: string }[] } }>(noConnection).error).toMatchObject({
      code: 'AF_VALIDATION',
      issues: [{ path: 'query.connectionId' }],
    });
    const tooMany = await get(`/api/v1/executions/${id}/messages?connectionId=bot-out&limit=501`);
    expect(tooMany.statusCode).toBe(400);
    const badCursor = await get(`/api/v1/executions/${id}/messages?connectionId=bot-out&cursor=zzz`);
    expect(json(badCursor)).toEqual({ items: [] });
  });

  it('GraphQL reads step data only when asked, and one step by id', async () => {
    const all = await full();
    const gql = async (query: string) =>
      // biome-ignore lint/suspicious/noExplicitAny: GraphQL data read by path in assertions
      json<{ data?: Record<string, any>; errors?: unknown[] }>(
        await t.app.inject({
          method: 'POST',
          url: '/graphql',
          headers: bearer('viewer'),
          payload: { query, variables: { id } },
        }),
      );
    const light = await gql('query($id: ID!) { execution(id: $id) { steps { id agentId } } }');
    expect(light.errors).toBeUndefined();
    expect(light.data?.execution.steps.map((s: { id: string }) => s.id)).toEqual(all.steps.map((s) => s.id));
    const heavy = await gql(
      'query($id: ID!) { execution(id: $id) { steps { id ...data } } } fragment data on Step { output }',
    );
    expect(heavy.errors).toBeUndefined();
    expect(heavy.data?.execution.steps.map((s: { output: unknown }) => s.output ?? null)).toEqual(
      all.steps.map((s) => s.output ?? null),
    );
    const bot = all.steps.find((s) => s.agentId === 'bot')!;
    const one = await gql(
      `query($id: ID!) { execution(id: $id) { step(id: "${bot.id}") { id input output } nope: step(id: "x") { id } } }`,
    );
    expect(one.errors).toBeUndefined();
    expect(one.data?.execution.step).toEqual({ id: bot.id, input: bot.input, output: bot.output });
    expect(one.data?.execution.nope).toBeNull();
  });
});
