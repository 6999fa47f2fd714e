import type { Runtime } from '@agentflow/runtime';
import type { ScriptRule } from '@agentflow/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalWorkflow,
  bearer,
  createTestRuntime,
  createTestServer,
  json,
  WS1,
  WS2,
  waitForStatus,
} from './test-support/fixtures.js';

interface ErrorBody {
  error: { code: string; issues?: { path: string }[] };
}

/** Model calls are the side effects counted: "Greet" by the upstream node, "Shout" by the middle one. */
const calls = { greet: 0, shout: 0 };
const rules: ScriptRule[] = [
  {
    when: (r) => r.messages.some((m) => m.role === 'user' && m.content.startsWith('Greet ')),
    reply: (r) => {
      calls.greet++;
      const last = r.messages.filter((m) => m.role === 'user').at(-1);
      return { text: `Hello, ${String(last?.content).slice('Greet '.length)}`, tokens: 3 };
    },
  },
  {
    when: (r) => r.messages.some((m) => m.role === 'user' && m.content.startsWith('Shout ')),
    reply: (r) => {
      calls.shout++;
      const last = r.messages.filter((m) => m.role === 'user').at(-1);
      return { text: String(last?.content).slice('Shout '.length).toUpperCase(), tokens: 5 };
    },
  },
];

const chain = {
  name: 'chain',
  agents: [
    { id: 'in', type: 'input' },
    {
      id: 'up',
      type: 'agent',
      config: { provider: 'openai', model: 'gpt-test', prompt: 'Greet {{input.name}}' },
    },
    {
      id: 'mid',
      type: 'agent',
      config: { provider: 'openai', model: 'gpt-test', prompt: 'Shout {{input}}' },
    },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'in-up', sourceAgentId: 'in', targetAgentId: 'up' },
    { id: 'up-mid', sourceAgentId: 'up', targetAgentId: 'mid' },
    { id: 'mid-out', sourceAgentId: 'mid', targetAgentId: 'out' },
  ],
};

describe('REST: re-run, fork, approvals inbox, analytics', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let chainId: string;
  let approvalId: string;
  let first: string;
  beforeAll(async () => {
    runtime = await createTestRuntime({ rules });
    app = await createTestServer(runtime);
    const create = async (payload: object, workspace = WS1) =>
      json<{ id: string }>(
        await app.inject({
          method: 'POST',
          url: '/api/v1/workflows',
          headers: bearer('member', workspace),
          payload,
        }),
      ).id;
    chainId = await create(chain);
    approvalId = await create(approvalWorkflow());
    first = await execute(chainId, { name: 'Ada' });
    await waitForStatus(app, first, ['succeeded']);
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  async function execute(workflowId: string, input: unknown, workspace = WS1): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${workflowId}/execute`,
      headers: bearer('member', workspace),
      payload: { input },
    });
    expect(res.statusCode, res.body).toBe(202);
    return json<{ executionId: string }>(res).executionId;
  }

  const detail = async (id: string) =>
    (await waitForStatus(app, id, ['succeeded', 'failed'])) as {
      execution: { output: unknown; forkedFrom?: unknown; durationMs?: number; usage: { costUsd: number } };
      steps: { agentId: string; reusedFrom?: string }[];
    };

  it('forks at the middle node with an edited input: upstream is not run again, the result follows the edit', async () => {
    expect((await detail(first)).execution.output).toBe('HELLO, ADA');
    const before = { ...calls };
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${first}/fork`,
      headers: bearer('member'),
      payload: { nodeId: 'mid', input: 'Grace' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const body = json<{ executionId: string; forkedFrom: unknown; reusedSteps: number }>(res);
    expect(body.forkedFrom).toEqual({ executionId: first, nodeId: 'mid' });
    expect(body.reusedSteps).toBe(2);
    const fork = await detail(body.executionId);
    expect(fork.execution.output).toBe('GRACE');
    expect(calls.greet).toBe(before.greet);
    expect(calls.shout).toBe(before.shout + 1);
    expect(fork.execution.forkedFrom).toEqual({ executionId: first, nodeId: 'mid' });
    expect(
      fork.steps
        .filter((s) => s.reusedFrom !== undefined)
        .map((s) => s.agentId)
        .sort(),
    ).toEqual(['in', 'up']);
    expect(fork.execution.durationMs).toBeGreaterThanOrEqual(0);

    // Without an edit, the middle node runs again on what upstream delivered.
    const again = json<{ executionId: string }>(
      await app.inject({
        method: 'POST',
        url: `/api/v1/executions/${first}/fork`,
        headers: bearer('member'),
        payload: { nodeId: 'mid' },
      }),
    );
    expect((await detail(again.executionId)).execution.output).toBe('HELLO, ADA');
    expect(calls.greet).toBe(before.greet);
  });

  it('re-runs with the same input on the pinned version', async () => {
    const before = { ...calls };
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${first}/rerun`,
      headers: bearer('member'),
    });
    expect(res.statusCode, res.body).toBe(202);
    const { executionId, reusedSteps } = json<{ executionId: string; reusedSteps: number }>(res);
    expect(reusedSteps).toBe(0);
    const rerun = await detail(executionId);
    expect(rerun.execution.output).toBe('HELLO, ADA');
    expect(rerun.execution.forkedFrom).toEqual({ executionId: first });
    expect(calls).toEqual({ greet: before.greet + 1, shout: before.shout + 1 });
  });

  it('refuses an unknown node, a running source, another workspace and a viewer, with stable codes', async () => {
    const fork = (id: string, payload: object, headers = bearer('member')) =>
      app.inject({ method: 'POST', url: `/api/v1/executions/${id}/fork`, headers, payload });
    const unknown = await fork(first, { nodeId: 'nope' });
    expect(unknown.statusCode).toBe(400);
    expect(json<ErrorBody>(unknown).error.code).toBe('AF_VALIDATION');
    expect(json<ErrorBody>(unknown).error.issues?.[0]?.path).toBe('nodeId');

    const queued = await runtime.engine.create(
      chain,
      { name: 'x' },
      { workspaceId: WS1, workflowId: chainId },
    );
    const running = await fork(queued.executionId, { nodeId: 'mid' });
    expect(running.statusCode).toBe(409);
    expect(json<ErrorBody>(running).error.code).toBe('AF_CONFLICT');
    const rerunQueued = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${queued.executionId}/rerun`,
      headers: bearer('member'),
    });
    expect(json<ErrorBody>(rerunQueued).error.code).toBe('AF_CONFLICT');

    const other = await fork(first, { nodeId: 'mid' }, bearer('member', WS2));
    expect(other.statusCode).toBe(404);
    expect(json<ErrorBody>(other).error.code).toBe('AF_NOT_FOUND');

    const viewer = await fork(first, { nodeId: 'mid' }, bearer('viewer'));
    expect(viewer.statusCode).toBe(403);
    const bad = await fork(first, { nodeId: 'mid', extra: 1 });
    expect(bad.statusCode).toBe(400);
  });

  it('lists waiting approvals across workflows with their form; members answer, viewers only see', async () => {
    const a = await execute(approvalId, {});
    const b = await execute(approvalId, {});
    const elsewhere = json<{ id: string }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/workflows',
        headers: bearer('member', WS2),
        payload: approvalWorkflow(),
      }),
    ).id;
    const c = await execute(elsewhere, {}, WS2);
    for (const id of [a, b]) await waitForStatus(app, id, ['paused']);
    await waitForStatus(app, c, ['paused'], bearer('viewer', WS2));

    const inbox = async () =>
      json<{
        items: {
          executionId: string;
          workflowName?: string;
          agentId: string;
          kind: string;
          prompt?: string;
          schema?: unknown;
          waitingSince: number;
        }[];
      }>(await app.inject({ method: 'GET', url: '/api/v1/approvals', headers: bearer('viewer') }));
    const items = (await inbox()).items;
    expect(items.map((i) => i.executionId)).toEqual([a, b]);
    expect(items[0]).toMatchObject({
      workflowName: 'approval',
      agentId: 'review',
      kind: 'human',
      prompt: 'Approve?',
      schema: { type: 'object', required: ['approved'] },
    });
    expect(items[0]!.waitingSince).toBeLessThanOrEqual(items[1]!.waitingSince);

    const answer = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/executions/${a}/approve`,
        headers,
        payload: { agentId: 'review', payload: { approved: true } },
      });
    expect((await answer(bearer('viewer'))).statusCode).toBe(403);
    expect((await answer(bearer('member'))).statusCode).toBe(202);
    await waitForStatus(app, a, ['succeeded']);
    expect((await inbox()).items.map((i) => i.executionId)).toEqual([b]);
  });

  it('answers the dashboard queries for the workspace, and refuses a bucket too fine for the window', async () => {
    const list = json<{ items: { id: string; status: string; usage: { costUsd: number } }[] }>(
      await app.inject({ method: 'GET', url: '/api/v1/executions?limit=500', headers: bearer('viewer') }),
    ).items;
    const stats = json<{
      totals: { total: number; succeeded: number; successRate: number | null };
      buckets: { total: number }[];
    }>(
      await app.inject({
        method: 'GET',
        url: '/api/v1/analytics/executions?window=1h',
        headers: bearer('viewer'),
      }),
    );
    expect(stats.totals.total).toBe(list.length);
    expect(stats.totals.succeeded).toBe(list.filter((x) => x.status === 'succeeded').length);
    expect(stats.buckets.reduce((n, b) => n + b.total, 0)).toBe(list.length);

    const steps = json<{
      agents: { agentId: string; steps: number }[];
      models: { provider: string; calls: number }[];
    }>(
      await app.inject({
        method: 'GET',
        url: '/api/v1/analytics/steps?window=24h',
        headers: bearer('viewer'),
      }),
    );
    // Every model call ran once: reused steps of forks are not counted again.
    expect(steps.models.reduce((n, m) => n + m.calls, 0)).toBe(calls.greet + calls.shout);
    expect(steps.agents.find((x) => x.agentId === 'up')?.steps).toBe(calls.greet);

    const costs = json<{ todayUsd: number; workflows: { workflowId: string }[] }>(
      await app.inject({
        method: 'GET',
        url: '/api/v1/analytics/costs?utcOffsetMinutes=60',
        headers: bearer('viewer'),
      }),
    );
    expect(costs.todayUsd).toBeCloseTo(
      list.reduce((n, x) => n + x.usage.costUsd, 0),
      9,
    );

    const multi = json<{ items: { status: string }[] }>(
      await app.inject({
        method: 'GET',
        url: '/api/v1/executions?status=paused,queued',
        headers: bearer('viewer'),
      }),
    ).items;
    expect(multi.length).toBeGreaterThan(0);
    expect(multi.every((x) => x.status === 'paused' || x.status === 'queued')).toBe(true);

    const fine = await app.inject({
      method: 'GET',
      url: '/api/v1/analytics/executions?window=30d&bucket=1m',
      headers: bearer('viewer'),
    });
    expect(fine.statusCode).toBe(400);
    expect(json<ErrorBody>(fine).error.issues?.[0]?.path).toBe('query.bucket');
    const badWindow = await app.inject({
      method: 'GET',
      url: '/api/v1/analytics/executions?window=2y',
      headers: bearer('viewer'),
    });
    expect(badWindow.statusCode).toBe(400);
    const otherWs = json<{ totals: { total: number } }>(
      await app.inject({
        method: 'GET',
        url: '/api/v1/analytics/executions?window=1h',
        headers: bearer('viewer', WS2),
      }),
    );
    expect(otherWs.totals.total).toBe(1);
  });

  it('GraphQL: forkExecution, rerunExecution, approvals and the analytics queries, with the same rules', async () => {
    const gql = async (query: string, variables: object = {}, role: 'member' | 'viewer' = 'member') =>
      // biome-ignore lint/suspicious/noExplicitAny: GraphQL data read by path in assertions
      json<{ data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] }>(
        await app.inject({
          method: 'POST',
          url: '/graphql',
          headers: bearer(role),
          payload: { query, variables },
        }),
      );
    const before = { ...calls };
    const forked = await gql(
      'mutation($id: ID!) { forkExecution(id: $id, nodeId: "mid", input: "Lin") { executionId reusedSteps forkedFrom { executionId nodeId } } }',
      { id: first },
    );
    expect(forked.errors).toBeUndefined();
    expect(forked.data?.forkExecution).toMatchObject({
      reusedSteps: 2,
      forkedFrom: { executionId: first, nodeId: 'mid' },
    });
    const id = forked.data?.forkExecution.executionId as string;
    await detail(id);
    const read = await gql(
      'query($id: ID!) { execution(id: $id) { output durationMs forkedFrom { nodeId } steps { agentId reusedFrom } } }',
      { id },
    );
    expect(read.data?.execution.output).toBe('LIN');
    expect(read.data?.execution.forkedFrom).toEqual({ nodeId: 'mid' });
    expect(calls.greet).toBe(before.greet);

    const refused = await gql(
      'mutation($id: ID!) { rerunExecution(id: $id) { executionId } }',
      { id: first },
      'viewer',
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('AF_FORBIDDEN');
    const unknown = await gql('mutation($id: ID!) { forkExecution(id: $id, nodeId: "zz") { executionId } }', {
      id: first,
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('AF_VALIDATION');

    const views = await gql(
      `{ approvals { items { executionId kind schema } }
         analyticsExecutions(window: "1h") { totals { total successRate } buckets { start } }
         analyticsSteps(window: "24h") { models { provider calls } }
         analyticsCosts(utcOffsetMinutes: 0) { currency todayUsd }
         executions(statuses: ["succeeded"], limit: 500) { items { id status } } }`,
      {},
      'viewer',
    );
    expect(views.errors).toBeUndefined();
    expect(views.data?.analyticsExecutions.buckets.length).toBeGreaterThan(59);
    expect(views.data?.analyticsCosts.currency).toBe('USD');
    expect(views.data?.executions.items.every((x: { status: string }) => x.status === 'succeeded')).toBe(
      true,
    );
    const bad = await gql('{ analyticsExecutions(window: "2y") { from } }', {}, 'viewer');
    expect(bad.errors?.[0]?.extensions?.code).toBe('AF_VALIDATION');
  });
});
