/**
 * Issue 13 item 13, through the real server and runtime with configured providers and fake servers on 127.0.0.1:
 * an agent's frequencyPenalty/presencePenalty reach OpenAI and Gemini in their wire formats and are refused at
 * validation for a provider that does not take them; an agent that names no provider and model runs on the
 * workspace's default model (GET for members, PUT for admins, audited), else on the instance's.
 */
import type { Runtime } from '@agentflow/runtime';
import { type FakeProviderServer, startFakeGemini, startFakeOpenAI } from '@agentflow/testing';
import type { FastifyInstance } from 'fastify';
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

// biome-ignore lint/suspicious/noExplicitAny: wire bodies are inspected loosely
type Body = Record<string, any>;

function agentWorkflow(config: Record<string, unknown>) {
  return {
    name: 'writer',
    agents: [
      { id: 'in', type: 'input' },
      { id: 'bot', type: 'agent', config: { prompt: 'Write something new.', ...config } },
      { id: 'out', type: 'output' },
    ],
    connections: [
      { id: 'a', sourceAgentId: 'in', targetAgentId: 'bot' },
      { id: 'b', sourceAgentId: 'bot', targetAgentId: 'out' },
    ],
  };
}

let openai: FakeProviderServer;
let gemini: FakeProviderServer;
let runtime: Runtime;
let app: FastifyInstance;

beforeAll(async () => {
  [openai, gemini] = await Promise.all([startFakeOpenAI(), startFakeGemini()]);
  openai.setDefault({ text: 'from openai' });
  gemini.setDefault({ text: 'from gemini' });
  runtime = await createTestRuntime({
    configuredModels: true,
    env: {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openai.baseURL,
      GEMINI_API_KEY: 'gm-test',
      GEMINI_BASE_URL: gemini.baseURL,
      // The instance's default: a Gemini model that takes penalties.
      AGENTFLOW_DEFAULT_MODEL: 'gemini-2.0-flash',
    },
  });
  app = await createTestServer(runtime);
});
afterAll(async () => {
  await app?.close();
  await runtime?.close();
  await Promise.all([openai?.close(), gemini?.close()]);
});

/** Creates and runs a workflow in `workspace` as a member; the finished execution's body. */
async function run(config: Record<string, unknown>, workspace = WS1) {
  const headers = bearer('member', workspace);
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/workflows',
    headers,
    payload: agentWorkflow(config),
  });
  expect(created.statusCode, created.body).toBe(201);
  const started = await app.inject({
    method: 'POST',
    url: `/api/v1/workflows/${json<{ id: string }>(created).id}/execute`,
    headers,
    payload: { input: {} },
  });
  expect(started.statusCode, started.body).toBe(202);
  const { executionId } = json<{ executionId: string }>(started);
  return (await waitForStatus(app, executionId, ['succeeded', 'failed'], headers)) as {
    execution: { status: string; output: unknown; error?: { code: string; message: string } };
  };
}

const lastBody = (server: FakeProviderServer): Body => server.modelRequests().at(-1)?.body as Body;

describe('frequencyPenalty and presencePenalty', () => {
  it('reach OpenAI as frequency_penalty / presence_penalty', async () => {
    const done = await run({
      provider: 'openai',
      model: 'gpt-4o-mini',
      frequencyPenalty: 1.5,
      presencePenalty: -0.5,
    });
    expect(done.execution.status).toBe('succeeded');
    expect(lastBody(openai)).toMatchObject({ frequency_penalty: 1.5, presence_penalty: -0.5 });
  });

  it('reach Gemini as generationConfig.frequencyPenalty / presencePenalty', async () => {
    const done = await run({
      provider: 'gemini',
      model: 'gemini-2.0-flash',
      frequencyPenalty: -2,
      presencePenalty: 2,
    });
    expect(done.execution.status).toBe('succeeded');
    expect(lastBody(gemini).generationConfig).toMatchObject({ frequencyPenalty: -2, presencePenalty: 2 });
  });

  it('are refused at validation for a provider that does not take them, and outside -2..2', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/workflows/validate',
      headers: bearer('member'),
      payload: {
        name: 'w',
        agents: [
          { id: 'in', type: 'input' },
          {
            id: 'a',
            type: 'agent',
            config: { provider: 'anthropic', model: 'claude-haiku-4-5', frequencyPenalty: 1 },
          },
          {
            id: 'b',
            type: 'agent',
            config: { provider: 'openai', model: 'gpt-4o-mini', presencePenalty: 2.5 },
          },
        ],
        connections: [
          { id: 'c1', sourceAgentId: 'in', targetAgentId: 'a' },
          { id: 'c2', sourceAgentId: 'in', targetAgentId: 'b' },
        ],
      },
    });
    const body = res.json() as { valid?: boolean; issues?: { code: string; path: string }[] };
    const issues =
      body.issues ?? (res.json() as { error: { issues: { code: string; path: string }[] } }).error.issues;
    expect(issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual([
      'AF_INVALID_CONFIG agents[2].config.presencePenalty',
      'AF_UNSUPPORTED_SETTING agents[1].config.frequencyPenalty',
    ]);
    const create = await app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer('member'),
      payload: agentWorkflow({ provider: 'anthropic', model: 'claude-haiku-4-5', presencePenalty: 1 }),
    });
    expect(create.statusCode).toBe(400);
    expect(create.json().error.issues).toEqual([
      expect.objectContaining({ code: 'AF_UNSUPPORTED_SETTING', path: 'agents[1].config.presencePenalty' }),
    ]);
  });
});

describe('the default model', () => {
  it('is the instance default until the workspace sets one; members read it, admins change it', async () => {
    const read = await app.inject({
      method: 'GET',
      url: '/api/v1/workspace/settings',
      headers: bearer('viewer'),
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({
      defaultModel: null,
      effectiveDefaultModel: { provider: 'gemini', model: 'gemini-2.0-flash' },
    });
    const before = gemini.modelRequests().length;
    const onInstance = await run({ presencePenalty: 0.25 });
    expect(onInstance.execution).toMatchObject({ status: 'succeeded', output: 'from gemini' });
    expect(gemini.modelRequests().length).toBe(before + 1);
    expect(gemini.modelRequests().at(-1)?.model).toBe('gemini-2.0-flash');
    expect(lastBody(gemini).generationConfig).toMatchObject({ presencePenalty: 0.25 });

    const denied = await app.inject({
      method: 'PUT',
      url: '/api/v1/workspace/settings',
      headers: bearer('member'),
      payload: { defaultModel: { provider: 'openai', model: 'gpt-4o-mini' } },
    });
    expect(denied.statusCode).toBe(403);
    const set = await app.inject({
      method: 'PUT',
      url: '/api/v1/workspace/settings',
      headers: bearer('admin'),
      payload: { defaultModel: { provider: 'openai', model: 'gpt-4o-mini' } },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().effectiveDefaultModel).toEqual({ provider: 'openai', model: 'gpt-4o-mini' });

    const onWorkspace = await run({});
    expect(onWorkspace.execution).toMatchObject({ status: 'succeeded', output: 'from openai' });
    expect(openai.modelRequests().at(-1)?.model).toBe('gpt-4o-mini');
    // Another workspace keeps the instance's default.
    const other = await run({}, WS2);
    expect(other.execution).toMatchObject({ status: 'succeeded', output: 'from gemini' });

    const audit = await app.inject({ method: 'GET', url: '/api/v1/audit', headers: bearer('admin') });
    expect(JSON.stringify(audit.json())).toContain('workspace.settings_update');

    const cleared = await app.inject({
      method: 'PUT',
      url: '/api/v1/workspace/settings',
      headers: bearer('admin'),
      payload: { defaultModel: null },
    });
    expect(cleared.json()).toMatchObject({ defaultModel: null });
  });

  it('is read and changed through GraphQL with the same permissions', async () => {
    const gql = (role: 'viewer' | 'member' | 'admin', query: string) =>
      app.inject({ method: 'POST', url: '/graphql', headers: bearer(role, WS2), payload: { query } });
    const set = await gql(
      'admin',
      'mutation { updateWorkspaceSettings(input: { defaultModel: { provider: "openai", model: "gpt-4o" } }) { defaultModel { provider model } } }',
    );
    expect(set.json()).toEqual({
      data: { updateWorkspaceSettings: { defaultModel: { provider: 'openai', model: 'gpt-4o' } } },
    });
    const read = await gql('viewer', '{ workspaceSettings { effectiveDefaultModel { provider model } } }');
    expect(read.json().data.workspaceSettings.effectiveDefaultModel).toEqual({
      provider: 'openai',
      model: 'gpt-4o',
    });
    const denied = await gql(
      'member',
      'mutation { updateWorkspaceSettings(input: { defaultModel: null }) { defaultModel { model } } }',
    );
    expect(denied.json().errors?.[0]?.extensions?.code).toBe('AF_FORBIDDEN');
    const cleared = await gql(
      'admin',
      'mutation { updateWorkspaceSettings(input: { defaultModel: null }) { defaultModel { model } } }',
    );
    expect(cleared.json()).toEqual({ data: { updateWorkspaceSettings: { defaultModel: null } } });
  });

  it('refuses an unknown provider and a half-named model with their paths', async () => {
    const unknown = await app.inject({
      method: 'PUT',
      url: '/api/v1/workspace/settings',
      headers: bearer('admin'),
      payload: { defaultModel: { provider: 'nope', model: 'x' } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues).toEqual([expect.objectContaining({ path: 'defaultModel.provider' })]);
    const half = await app.inject({
      method: 'PUT',
      url: '/api/v1/workspace/settings',
      headers: bearer('admin'),
      payload: { defaultModel: { provider: 'openai' } },
    });
    expect(half.statusCode).toBe(400);
    expect(JSON.stringify(half.json().error.issues)).toContain('defaultModel.model');
  });

  it('with penalties, a default model that does not take them fails the run clearly', async () => {
    const set = await app.inject({
      method: 'PUT',
      url: '/api/v1/workspace/settings',
      headers: bearer('admin', WS2),
      payload: { defaultModel: { provider: 'anthropic', model: 'claude-haiku-4-5' } },
    });
    expect(set.statusCode, set.body).toBe(200);
    const done = await run({ frequencyPenalty: 1 }, WS2);
    expect(done.execution.status).toBe('failed');
    expect(done.execution.error?.code).toBe('AF_UNSUPPORTED_SETTING');
    expect(done.execution.error?.message).toContain(
      'anthropic/claude-haiku-4-5 does not take frequencyPenalty',
    );
  });
});
