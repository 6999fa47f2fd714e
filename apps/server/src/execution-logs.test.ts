import { LOG_LIMITS } from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import type { ScriptRule } from '@agentflow/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestRuntime,
  createTestServer,
  json,
  WS2,
  waitForStatus,
} from './test-support/fixtures.js';

interface Line {
  executionId: string;
  stepId?: string;
  agentId?: string;
  attempt?: number;
  level: string;
  message: string;
  data?: Record<string, unknown>;
  at: number;
}
interface LogPage {
  items: Line[];
  nextCursor?: string;
}

/** `flaky` fails its first call (a retryable 503), then answers; `down` always fails; `backup` answers. */
const rules: ScriptRule[] = [
  {
    when: { model: 'flaky' },
    times: 1,
    reply: { error: { code: 'AF_PROVIDER_ERROR', message: 'upstream 503', retryable: true } },
  },
  { when: { model: 'flaky' }, reply: 'recovered' },
  { when: { model: 'down' }, reply: { error: { code: 'AF_PROVIDER_ERROR', message: 'no capacity' } } },
  { when: { model: 'backup' }, reply: 'from backup' },
];

/** input -> code (console output) -> bot (flaky provider, retried) -> fb (falls back) -> out. */
function loggingWorkflow() {
  const chain = ['in', 'code', 'bot', 'fb', 'out'];
  return {
    name: 'logging',
    agents: [
      { id: 'in', type: 'input' },
      {
        id: 'code',
        type: 'code',
        config: {
          code: 'console.log("items", input.n); console.warn("careful"); console.error("bad row 7"); input',
        },
      },
      {
        id: 'bot',
        type: 'agent',
        config: { provider: 'openai', model: 'flaky', prompt: 'hi' },
        retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 },
      },
      {
        id: 'fb',
        type: 'agent',
        config: {
          provider: 'openai',
          model: 'down',
          prompt: 'hi',
          fallback: [{ provider: 'openai', model: 'backup' }],
        },
      },
      { id: 'out', type: 'output' },
    ],
    connections: chain
      .slice(1)
      .map((id, k) => ({ id: `c${k}`, sourceAgentId: chain[k]!, targetAgentId: id })),
  };
}

/** input -> a code node printing 10,000 lines. */
function floodWorkflow() {
  return {
    name: 'flood',
    agents: [
      { id: 'in', type: 'input' },
      {
        id: 'flood',
        type: 'code',
        config: { code: 'for (let i = 0; i < 10000; i++) console.log("line " + i); 1' },
      },
    ],
    connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'flood' }],
  };
}

describe('execution logs over REST and GraphQL', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let executionId: string;
  let floodId: string;
  beforeAll(async () => {
    runtime = await createTestRuntime({ rules });
    app = await createTestServer(runtime);
    const run = async (workflow: object, input: unknown) => {
      const created = json<{ id: string }>(
        await app.inject({
          method: 'POST',
          url: '/api/v1/workflows',
          headers: bearer('member'),
          payload: workflow,
        }),
      );
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/workflows/${created.id}/execute`,
        headers: bearer('member'),
        payload: { input },
      });
      expect(res.statusCode).toBe(202);
      const id = json<{ executionId: string }>(res).executionId;
      await waitForStatus(app, id, ['succeeded']);
      return id;
    };
    executionId = await run(loggingWorkflow(), { n: 3 });
    floodId = await run(floodWorkflow(), {});
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  const logs = async (id: string, query = '', headers = bearer('viewer')) => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/executions/${id}/logs?${query}`, headers });
    return { status: res.statusCode, body: res.json() as LogPage };
  };

  it("records the code node's console output, the provider's failures, the retry and the fallback", async () => {
    const { status, body } = await logs(executionId, 'limit=1000');
    expect(status).toBe(200);
    const lines = body.items.map((l) => [l.agentId, l.attempt, l.level, l.message.replace(/\d+ ms/, 'N ms')]);
    expect(lines).toEqual([
      ['code', 1, 'info', 'items 3'],
      ['code', 1, 'warn', 'careful'],
      ['code', 1, 'error', 'bad row 7'],
      ['bot', 1, 'warn', 'model call to openai/flaky failed (AF_PROVIDER_ERROR: upstream 503)'],
      ['bot', 1, 'warn', 'attempt 1 of 2 failed (AF_PROVIDER_ERROR: upstream 503); retrying in N ms'],
      ['bot', 2, 'info', 'model call to openai/flaky succeeded after a failed attempt'],
      ['fb', 1, 'warn', 'model call to openai/down failed (AF_PROVIDER_ERROR: no capacity)'],
      ['fb', 1, 'info', 'fell back to openai/backup after openai/down failed'],
    ]);
    for (const l of body.items) {
      expect(l.executionId).toBe(executionId);
      expect(l.stepId).toBe(`${executionId}:${l.agentId}:0`);
      expect(typeof l.at).toBe('number');
    }
    expect(body.nextCursor).toBeUndefined();
    // The execution's detail carries them too.
    const detail = json<{ logs: Line[] }>(
      await app.inject({
        method: 'GET',
        url: `/api/v1/executions/${executionId}`,
        headers: bearer('viewer'),
      }),
    );
    expect(detail.logs.map((l) => l.message)).toEqual(body.items.map((l) => l.message));
  });

  it('filters by minimum level, by a set of levels and by agent, and pages with a cursor', async () => {
    const messages = async (query: string) =>
      (await logs(executionId, query)).body.items.map((l) => l.message);
    expect(await messages('level=error')).toEqual(['bad row 7']);
    expect((await messages('level=warn')).length).toBe(5);
    expect(await messages('levels=info,error&agentId=code')).toEqual(['items 3', 'bad row 7']);
    expect(await messages('agentId=fb&level=info')).toHaveLength(2);
    expect(await messages('agentId=nobody')).toEqual([]);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { body } = await logs(
        executionId,
        `limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((l) => l.message));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(await messages('limit=100'));
  });

  it('refuses bad filters with 400 and the field, and hides other workspaces', async () => {
    for (const query of ['level=loud', 'levels=warn,loud', 'limit=0', 'limit=5000']) {
      const res = await logs(executionId, query);
      expect(res.status).toBe(400);
      const body = res.body as unknown as { error: { code: string; issues?: { path: string }[] } };
      expect(body.error.code).toBe('AF_VALIDATION');
      expect(body.error.issues?.[0]?.path).toMatch(/^query\.(level|levels|limit)$/);
    }
    expect((await logs(executionId, '', bearer('viewer', WS2))).status).toBe(404);
    expect((await logs(executionId, '', {})).status).toBe(401);
  });

  it('keeps a code node flooding 10,000 lines within its bound, with a line saying how many were dropped', async () => {
    const { body } = await logs(floodId, 'limit=1000');
    expect(body.items.length).toBeLessThanOrEqual(LOG_LIMITS.stepLines + 1);
    expect(body.items[0]).toMatchObject({ agentId: 'flood', level: 'info', message: 'line 0' });
    const last = body.items.at(-1)!;
    expect(last.level).toBe('warn');
    const dropped = Number(/^(\d+) (more )?log lines (were )?dropped/.exec(last.message)?.[1]);
    expect(dropped + body.items.length - 1).toBe(10_000);
    expect((await runtime.executions.get(floodId, {})).logCount).toBe(body.items.length);
  });

  it('serves the same lines through GraphQL, with the same filters and cursor', async () => {
    const query = `query($id: ID!, $level: LogLevel, $levels: [LogLevel!], $agentId: ID, $limit: Int, $cursor: String) {
      execution(id: $id) {
        logs(level: $level, levels: $levels, agentId: $agentId, limit: $limit, cursor: $cursor) {
          items { stepId agentId attempt level message at }
          nextCursor
        }
      }
    }`;
    const gql = async (variables: Record<string, unknown>) => {
      const res = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: bearer('viewer'),
        payload: { query, variables: { id: executionId, ...variables } },
      });
      const body = res.json() as { data?: { execution: { logs: LogPage } | null }; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return body.data!.execution!.logs;
    };
    const all = await gql({});
    expect(all.items).toHaveLength(8);
    expect(all.items[3]).toMatchObject({
      stepId: `${executionId}:bot:0`,
      agentId: 'bot',
      attempt: 1,
      level: 'warn',
      message: 'model call to openai/flaky failed (AF_PROVIDER_ERROR: upstream 503)',
    });
    expect((await gql({ level: 'error' })).items.map((l) => l.message)).toEqual(['bad row 7']);
    expect((await gql({ levels: ['info'], agentId: 'bot' })).items.map((l) => l.attempt)).toEqual([2]);
    const first = await gql({ limit: 5 });
    expect(first.items).toHaveLength(5);
    const rest = await gql({ limit: 5, cursor: first.nextCursor });
    expect(rest.nextCursor).toBeNull();
    expect([...first.items, ...rest.items]).toEqual(all.items);
  });
});
