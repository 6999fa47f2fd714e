/**
 * Issue 17 item 4 through the server on PGlite, with the configured OpenAI provider against a fake server on
 * 127.0.0.1: a workflow's daily budget refuses the model call that could pass it (fail: the execution fails with
 * AF_BUDGET_EXCEEDED naming the limit, the provider is not called; pause: the execution pauses and continues once
 * the limit is raised), the usage is read over REST and GraphQL, and who may set what.
 *
 * Prices: gpt-4o is $2.50 / $10 per million tokens. Each call asks for at most 1,000 output tokens (its
 * reservation is about $0.0100) and the fake answers 100 input and 500 output tokens ($0.00525).
 */
import type { Runtime } from '@agentflow/runtime';
import { type FakeProviderServer, startFakeOpenAI } from '@agentflow/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestRuntime, createTestServer, json, waitForStatus } from './test-support/fixtures.js';

const COST = (100 * 2.5 + 500 * 10) / 1_000_000;

function agentWorkflow(name: string) {
  return {
    name,
    agents: [
      { id: 'in', type: 'input' },
      {
        id: 'bot',
        type: 'agent',
        config: { provider: 'openai', model: 'gpt-4o', prompt: 'Say hi.', maxTokens: 1000 },
      },
      { id: 'out', type: 'output' },
    ],
    connections: [
      { id: 'a', sourceAgentId: 'in', targetAgentId: 'bot' },
      { id: 'b', sourceAgentId: 'bot', targetAgentId: 'out' },
    ],
  };
}

let openai: FakeProviderServer;
let runtime: Runtime;
let app: FastifyInstance;
const member = bearer('member');

beforeAll(async () => {
  openai = await startFakeOpenAI();
  openai.setDefault({ text: 'hi', usage: { inputTokens: 100, outputTokens: 500 } });
  runtime = await createTestRuntime({
    configuredModels: true,
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseURL },
  });
  app = await createTestServer(runtime);
});
afterAll(async () => {
  await app?.close();
  await runtime?.close();
  await openai?.close();
});

async function createWorkflow(name: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/workflows',
    headers: member,
    payload: agentWorkflow(name),
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<{ id: string }>(res).id;
}

async function start(workflowId: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/workflows/${workflowId}/execute`,
    headers: member,
    payload: { input: {} },
  });
  expect(res.statusCode, res.body).toBe(202);
  return json<{ executionId: string }>(res).executionId;
}

interface Detail {
  execution: { status: string; error?: { code: string; message: string } };
}

describe('budgets', () => {
  it('fail: the call that could pass a daily limit is refused before it reaches the provider', async () => {
    const id = await createWorkflow('fails');
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/workflows/${id}/budget`,
      headers: member,
      payload: { dailyUsd: 0.012, onExceed: 'fail' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const before = openai.modelRequests().length;
    const first = (await waitForStatus(app, await start(id), ['succeeded', 'failed'])) as unknown as Detail;
    expect(first.execution.status).toBe('succeeded');
    const second = (await waitForStatus(app, await start(id), ['succeeded', 'failed'])) as unknown as Detail;
    expect(second.execution.status).toBe('failed');
    expect(second.execution.error?.code).toBe('AF_BUDGET_EXCEEDED');
    expect(second.execution.error?.message).toContain(`workflow ${id}'s daily budget of $0.012`);
    // Counted on /metrics by the limit it would have passed.
    const scraped = await app.inject({ method: 'GET', url: '/metrics' });
    expect(scraped.body).toMatch(/^agentflow_budget_refusals_total\{scope="workflow",period="day"\} 1$/m);
    // The structured limit (`details.limit`) stays in the store, as every error's details; the message names it.
    expect(second.execution.error?.message).toMatch(/this model call \(up to \$0\.01\d*\) would pass/);
    // One call reached the provider; the refused one was not retried and never sent.
    expect(openai.modelRequests().length - before).toBe(1);
    const usage = json<{ day: { spentUsd: number; reservedUsd: number; calls: number; limitUsd: number } }>(
      await app.inject({ method: 'GET', url: `/api/v1/workflows/${id}/budget`, headers: bearer('viewer') }),
    );
    expect(usage.day).toMatchObject({ limitUsd: 0.012, reservedUsd: 0, calls: 1 });
    expect(usage.day.spentUsd).toBeCloseTo(COST, 9);
  });

  it('pause: the execution waits, and continues once the limit is raised', async () => {
    const id = await createWorkflow('pauses');
    await app.inject({
      method: 'PUT',
      url: `/api/v1/workflows/${id}/budget`,
      headers: member,
      payload: { dailyUsd: 0.012, onExceed: 'pause' },
    });
    expect((await waitForStatus(app, await start(id), ['succeeded', 'failed'])).execution).toMatchObject({
      status: 'succeeded',
    });
    const paused = await start(id);
    await waitForStatus(app, paused, ['paused', 'failed']);
    const sent = openai.modelRequests().length;
    // Resuming without raising it pauses again at the same call.
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${paused}/resume`,
      headers: member,
    });
    expect(again.statusCode, again.body).toBe(202);
    await waitForStatus(app, paused, ['paused', 'failed']);
    expect(openai.modelRequests().length).toBe(sent);
    const raise = await app.inject({
      method: 'PUT',
      url: `/api/v1/workflows/${id}/budget`,
      headers: member,
      payload: { dailyUsd: 1 },
    });
    expect(json<{ budget: { dailyUsd: number; onExceed: string } }>(raise).budget).toMatchObject({
      dailyUsd: 1,
      onExceed: 'pause',
    });
    const resumed = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${paused}/resume`,
      headers: member,
    });
    expect(resumed.statusCode, resumed.body).toBe(202);
    const done = (await waitForStatus(app, paused, ['succeeded', 'failed'])) as unknown as Detail & {
      execution: { output: unknown };
    };
    expect(done.execution.status).toBe('succeeded');
    expect(openai.modelRequests().length).toBe(sent + 1);
  });

  it('a per-execution cap from the workspace budget applies to every workflow', async () => {
    const id = await createWorkflow('capped');
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/budgets/workspace',
      headers: bearer('admin'),
      payload: { executionUsd: 0.005 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const done = (await waitForStatus(app, await start(id), ['succeeded', 'failed'])) as unknown as Detail;
    expect(done.execution.error?.code).toBe('AF_BUDGET_EXCEEDED');
    expect(done.execution.error?.message).toContain('the per-execution cap of $0.005');
    const cleared = await app.inject({
      method: 'PUT',
      url: '/api/v1/budgets/workspace',
      headers: bearer('admin'),
      payload: { executionUsd: null },
    });
    expect(json<{ budget: unknown }>(cleared).budget).toBeNull();
  });

  it('REST and GraphQL: usage for readers, the workspace budget for admins only, bad input with its path', async () => {
    const viewerPut = await app.inject({
      method: 'PUT',
      url: '/api/v1/budgets/workspace',
      headers: bearer('viewer'),
      payload: { dailyUsd: 5 },
    });
    expect(viewerPut.statusCode).toBe(403);
    const memberPut = await app.inject({
      method: 'PUT',
      url: '/api/v1/budgets/workspace',
      headers: member,
      payload: { dailyUsd: 5 },
    });
    expect(memberPut.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/budgets/workspace',
      headers: bearer('admin'),
      payload: { dailyUsd: -1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('AF_VALIDATION');
    expect(JSON.stringify(bad.json().error)).toContain('dailyUsd');
    const gql = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: bearer('admin'),
      payload: {
        query: `mutation { setBudget(input: { monthlyUsd: 50, onExceed: "pause" }) { budget { monthlyUsd onExceed } month { limitUsd } } }`,
      },
    });
    expect(gql.json(), gql.body).toMatchObject({
      data: { setBudget: { budget: { monthlyUsd: 50, onExceed: 'pause' }, month: { limitUsd: 50 } } },
    });
    const list = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: bearer('viewer'),
      payload: { query: '{ budgets { workflowId budget { monthlyUsd } day { spentUsd calls } } }' },
    });
    const items = list.json().data.budgets as { workflowId: string | null; day: { calls: number } }[];
    expect(items[0]).toMatchObject({ workflowId: null, budget: { monthlyUsd: 50 } });
    // The workflows with a budget of their own are listed with what they spent.
    expect(items.filter((i) => i.workflowId !== null).length).toBeGreaterThanOrEqual(2);
    const rest = json<{ items: unknown[] }>(
      await app.inject({ method: 'GET', url: '/api/v1/budgets', headers: bearer('viewer') }),
    );
    expect(rest.items.length).toBe(items.length);
  });
});
