/**
 * Tenants do not cut each other off (issue 10, item 4b), through a real server and runtime whose model provider is
 * the operator's configured Groq endpoint (a fake OpenAI-compatible server on 127.0.0.1): workspace A's calls fail
 * with its own bad key (401s) and then with server errors (503s) many times over, while workspace B, with its own
 * credential for the same provider, base URL and model, keeps getting answers. The circuit breaker is keyed by
 * provider, base URL, model and key, and fed only by provider-side failures, so neither A's 401s nor A's 503s
 * open it for B (a breaker shared per provider and base URL opens after 5 failures in a row and refuses B).
 */
import type { Runtime } from '@agentflow/runtime';
import { type FakeProviderServer, startFakeOpenAI } from '@agentflow/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestRuntime,
  createTestServer,
  json,
  WS1,
  WS2,
  waitForStatus,
} from './test-support/fixtures.js';

const KEY_A = 'sk-tenant-a-bad-1111';
const KEY_B = 'sk-tenant-b-good-2222';

let fake: FakeProviderServer;
let runtime: Runtime;
let app: FastifyInstance;
/** What the fake answers workspace A's key: 401 first, 503 later. B's key always gets an answer. */
let answerA = 401;

const workflow = {
  name: 'ask',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'bot', type: 'agent', config: { provider: 'groq', model: 'llama', prompt: 'hello' } },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'a', sourceAgentId: 'in', targetAgentId: 'bot' },
    { id: 'b', sourceAgentId: 'bot', targetAgentId: 'out' },
  ],
};

const workflowIds: Record<string, string> = {};

async function start(workspace: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/workflows/${workflowIds[workspace]}/execute`,
    headers: bearer('member', workspace),
    payload: { input: {} },
  });
  expect(res.statusCode, res.body).toBe(202);
  return json<{ executionId: string }>(res).executionId;
}

async function run(workspace: string) {
  const executionId = await start(workspace);
  const done = await waitForStatus(
    app,
    executionId,
    ['succeeded', 'failed'],
    bearer('member', workspace),
    20_000,
  );
  return done as { execution: { status: string; output?: unknown; error?: { message: string } } };
}

const requestsWith = (key: string) =>
  fake.modelRequests().filter((r) => r.headers.authorization === `Bearer ${key}`).length;

beforeAll(async () => {
  fake = await startFakeOpenAI();
});

/** A fresh runtime and server (breakers start closed, with empty windows), each workspace with its key. */
beforeEach(async () => {
  fake.reset();
  fake.setDefault((request) =>
    request.headers.authorization === `Bearer ${KEY_A}`
      ? { kind: 'error', status: answerA }
      : { text: 'fine' },
  );
  runtime = await createTestRuntime({ env: { GROQ_BASE_URL: fake.baseURL }, configuredModels: true });
  app = await createTestServer(runtime);
  for (const [workspace, value] of [
    [WS1, KEY_A],
    [WS2, KEY_B],
  ] as const) {
    const credential = await app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: bearer('owner', workspace),
      payload: { name: 'groq', type: 'groq', value },
    });
    expect(credential.statusCode, credential.body).toBe(201);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer('member', workspace),
      payload: { ...workflow, status: 'active' },
    });
    expect(created.statusCode, created.body).toBe(201);
    workflowIds[workspace] = json<{ id: string }>(created).id;
  }
});

afterEach(async () => {
  await app?.close();
  await runtime?.close();
});

afterAll(async () => {
  await fake?.close();
});

describe('one provider, two tenants', () => {
  it("A's 503s open A's circuit only: B's calls to the same provider, base URL and model still go out", async () => {
    answerA = 503;
    const seenA = requestsWith(KEY_A);
    const seenB = requestsWith(KEY_B);
    // Two of A's runs, retrying: 5 failures in a row with no success in the window (which opens a circuit), with
    // no call of B in between: a circuit shared by the tenants would now refuse B.
    const aRuns = [start(WS1), start(WS1)];
    const deadline = Date.now() + 20_000;
    while (requestsWith(KEY_A) - seenA < 5) {
      if (Date.now() > deadline) throw new Error(`only ${requestsWith(KEY_A) - seenA} of A's calls`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(requestsWith(KEY_B)).toBe(seenB);
    for (let i = 0; i < 3; i++) {
      const b = await run(WS2);
      expect(b.execution.status, JSON.stringify(b.execution.error)).toBe('succeeded');
      expect(b.execution.output).toBe('fine');
    }
    expect(requestsWith(KEY_B)).toBe(seenB + 3);
    await Promise.all(aRuns);
  });
  it("A's own bad key (401s, every call reaching the provider) never stops B", async () => {
    answerA = 401;
    for (let i = 0; i < 8; i++) {
      const a = await run(WS1);
      expect(a.execution.status).toBe('failed');
    }
    // Not retried (a 401 says nothing about the provider) and never refused by an open circuit.
    expect(requestsWith(KEY_A)).toBe(8);
    for (let i = 0; i < 3; i++) {
      const b = await run(WS2);
      expect(b.execution.status, JSON.stringify(b.execution.error)).toBe('succeeded');
    }
    expect(requestsWith(KEY_B)).toBe(3);
    // A's key still reaches the provider: its 401s opened no circuit for A either.
    expect((await run(WS1)).execution.error?.message).not.toMatch(/circuit/);
    expect(requestsWith(KEY_A)).toBe(9);
  });
});
