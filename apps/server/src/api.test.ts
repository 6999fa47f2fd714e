import type { Runtime } from '@agentflow/runtime';
import { type FakeOllamaServer, startFakeOllama } from '@agentflow/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestRuntime,
  createTestServer,
  json,
  principal,
  WS2,
} from './test-support/fixtures.js';

interface ErrorResponse {
  error: { code: string; message: string; issues?: { path: string; message: string; code: string }[] };
}

const STACK = /\bat \S+ \(|node_modules|\.ts:\d+|\.js:\d+/;

describe('REST: errors, templates, agents, providers, health, OpenAPI', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let ollama: FakeOllamaServer;
  beforeAll(async () => {
    ollama = await startFakeOllama({ pullDelayMs: 1 });
    // WS2's owner is an instance admin: it may publish public templates.
    runtime = await createTestRuntime({
      env: { OLLAMA_BASE_URL: ollama.url, AGENTFLOW_INSTANCE_ADMINS: principal('owner', WS2).userId },
    });
    app = await createTestServer(runtime);
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
    await ollama.close();
  });

  it('reports every bad body field with its path, and never a stack', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer('member'),
      payload: { name: '', agents: [{ id: 'ok' }, { id: 'bad id!', type: 'input' }], connections: 'no' },
    });
    expect(res.statusCode).toBe(400);
    const body = json<ErrorResponse>(res);
    expect(body.error.code).toBe('AF_VALIDATION');
    expect(body.error.issues?.map((i) => i.path).sort()).toEqual([
      'agents[0].type',
      'agents[1].id',
      'connections',
      'name',
    ]);
    expect(body.error.issues?.every((i) => i.code === 'AF_VALIDATION' && i.message.length > 0)).toBe(true);
    expect(res.body).not.toMatch(STACK);
  });

  it('answers malformed JSON, unknown routes and unknown methods with JSON errors', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: { ...bearer('member'), 'content-type': 'application/json' },
      payload: '{"name": "x", ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(json<ErrorResponse>(malformed).error.code).toBe('AF_VALIDATION');
    expect(malformed.body).not.toMatch(STACK);

    const unknown = await app.inject({ method: 'GET', url: '/api/v1/nothing-here?token=secret' });
    expect(unknown.statusCode).toBe(404);
    expect(json<ErrorResponse>(unknown).error.code).toBe('AF_NOT_FOUND');
    expect(unknown.body).not.toContain('secret');
    expect(unknown.headers['x-request-id']).toBeTruthy();

    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: { ...bearer('member'), 'content-type': 'application/xml' },
      payload: '<workflow/>',
    });
    expect(wrongType.statusCode).toBe(415);
    expect(json<ErrorResponse>(wrongType).error.code).toBe('AF_VALIDATION');
  });

  it('requires credentials (401) and refuses bad ones rather than falling back to anonymous', async () => {
    const none = await app.inject({ method: 'GET', url: '/api/v1/workflows' });
    expect(none.statusCode).toBe(401);
    expect(json<ErrorResponse>(none).error.code).toBe('AF_UNAUTHENTICATED');
    const wrong = await app.inject({
      method: 'GET',
      url: '/api/v1/workflows',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const malformed = await app.inject({
      method: 'GET',
      url: '/api/v1/workflows',
      headers: { authorization: 'Basic x' },
    });
    expect(malformed.statusCode).toBe(401);
    const cookie = await app.inject({
      method: 'GET',
      url: '/api/v1/workflows',
      cookies: { af_access: 'tok-ws-one-viewer' },
    });
    expect(cookie.statusCode).toBe(200);
    const queryToken = await app.inject({ method: 'GET', url: '/api/v1/workflows?token=tok-ws-one-viewer' });
    expect(queryToken.statusCode).toBe(401); // ?token= is for WebSocket upgrades only
    const forbidden = await app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer('viewer'),
      payload: { name: 'x', agents: [] },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(json<ErrorResponse>(forbidden).error.code).toBe('AF_FORBIDDEN');
  });

  it('publishes, lists and instantiates templates; private ones stay in their workspace', async () => {
    const agentTemplate = await app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: bearer('admin'),
      payload: {
        name: 'Summarizer',
        category: 'writing',
        configSchema: {
          type: 'object',
          properties: { provider: { type: 'string' }, model: { type: 'string' }, prompt: { type: 'string' } },
          required: ['provider', 'model', 'prompt'],
        },
        defaultConfig: { provider: 'openai', model: 'gpt-test', prompt: 'Summarize {{input.text}}' },
      },
    });
    expect(agentTemplate.statusCode).toBe(201);
    const template = json<{ id: string; isPublic: boolean }>(agentTemplate);
    expect(template.isPublic).toBe(false);
    const memberPublish = await app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: bearer('member'),
      payload: { name: 'x', configSchema: {} },
    });
    expect(memberPublish.statusCode).toBe(403);

    const listed = json<{ items: { id: string }[] }>(
      await app.inject({
        method: 'GET',
        url: '/api/v1/templates?category=writing',
        headers: bearer('viewer'),
      }),
    );
    expect(listed.items.map((t) => t.id)).toEqual([template.id]);
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/templates/${template.id}`,
      headers: bearer('viewer', WS2),
    });
    expect(hidden.statusCode).toBe(404);

    // The workflow calls a model: the installer confirms it with the digest of its targets.
    const preview = json<{ digest: string }>(
      await app.inject({
        method: 'POST',
        url: `/api/v1/templates/${template.id}/install-preview`,
        headers: bearer('member'),
        payload: { config: { model: 'gpt-other' } },
      }),
    );
    const instantiated = await app.inject({
      method: 'POST',
      url: `/api/v1/templates/${template.id}/instantiate`,
      headers: bearer('member'),
      payload: { name: 'My summarizer', config: { model: 'gpt-other' }, confirm: preview.digest },
    });
    expect(instantiated.statusCode, instantiated.body).toBe(201);
    const wf = json<{
      name: string;
      definition: { agents: { type: string; config?: Record<string, unknown> }[] };
    }>(instantiated);
    expect(wf.name).toBe('My summarizer');
    expect(wf.definition.agents.map((a) => a.type)).toEqual(['input', 'agent', 'output']);
    expect(wf.definition.agents[1]?.config).toMatchObject({ provider: 'openai', model: 'gpt-other' });

    const badConfig = await app.inject({
      method: 'POST',
      url: `/api/v1/templates/${template.id}/instantiate`,
      headers: bearer('member'),
      payload: { config: { model: 7 } },
    });
    expect(badConfig.statusCode).toBe(400);
    expect(json<ErrorResponse>(badConfig).error.issues?.[0]?.path).toBe('config.model');
  });

  it('instantiates a workflow template with the definition it carries', async () => {
    const published = json<{ id: string }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/templates',
        headers: bearer('owner', WS2),
        payload: {
          name: 'Echo flow',
          isPublic: true,
          configSchema: { type: 'object' },
          defaultConfig: {
            workflow: {
              name: 'echo',
              agents: [
                { id: 'in', type: 'input' },
                { id: 'out', type: 'output' },
              ],
              connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'out' }],
            },
          },
        },
      }),
    );
    // Public: visible from the other workspace, and instantiated into the caller's.
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/templates/${published.id}/instantiate`,
      headers: bearer('member'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res)).toMatchObject({
      name: 'Echo flow',
      workspaceId: 'ws-one',
      definition: { agents: [{ id: 'in' }, { id: 'out' }] },
    });
  });

  it('lists the registered node types with their config JSON Schemas', async () => {
    for (const url of ['/api/v1/agents/types', '/api/v1/agents']) {
      const res = await app.inject({ method: 'GET', url, headers: bearer('viewer') });
      expect(res.statusCode).toBe(200);
      const { items } = json<{
        items: { type: string; configSchema: { type?: string; properties?: object } }[];
      }>(res);
      const agent = items.find((t) => t.type === 'agent');
      expect(agent?.configSchema.properties).toHaveProperty('provider');
      expect(items.map((t) => t.type)).toEqual(
        expect.arrayContaining(['input', 'output', 'human', 'router', 'loop']),
      );
    }
  });

  it('lists the tools an agent may call (built-ins with their side effects), to readers only', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/tools', headers: bearer('viewer') });
    expect(res.statusCode, res.body).toBe(200);
    const { items } = json<{
      items: {
        name: string;
        source: string;
        sideEffect: boolean;
        description: string;
        inputSchema: object;
      }[];
    }>(res);
    const http = items.find((t) => t.name === 'http_request');
    expect(http).toMatchObject({ source: 'builtin', description: expect.any(String) });
    expect(typeof http?.sideEffect).toBe('boolean');
    expect(items.every((t) => t.source === 'builtin' || t.name.includes('__'))).toBe(true);
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/tools' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lists providers with capabilities, and manages Ollama models with streamed pull progress', async () => {
    const providers = json<{
      items: { name: string; configured: boolean; models: { id: string; capabilities: object }[] }[];
    }>(await app.inject({ method: 'GET', url: '/api/v1/providers', headers: bearer('viewer') }));
    const openai = providers.items.find((p) => p.name === 'openai');
    expect(openai?.configured).toBe(false); // no OPENAI_API_KEY in this runtime's env
    expect(openai?.models.find((m) => m.id === 'gpt-4o')?.capabilities).toMatchObject({ vision: true });
    expect(providers.items.find((p) => p.name === 'ollama')?.configured).toBe(true);

    const status = json(
      await app.inject({ method: 'GET', url: '/api/v1/providers/ollama/status', headers: bearer('viewer') }),
    );
    expect(status).toMatchObject({ reachable: true });

    const pull = await app.inject({
      method: 'POST',
      url: '/api/v1/providers/ollama/pull',
      headers: bearer('admin'),
      payload: { name: 'qwen2.5:0.5b' },
    });
    expect(pull.statusCode).toBe(200);
    expect(pull.headers['content-type']).toContain('application/x-ndjson');
    const lines = pull.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: string; percent?: number });
    expect(lines.some((l) => l.percent === 100)).toBe(true);
    expect(lines.at(-1)).toEqual({ status: 'success' });

    const sse = await app.inject({
      method: 'POST',
      url: '/api/v1/providers/ollama/pull',
      headers: { ...bearer('admin'), accept: 'text/event-stream' },
      payload: { name: 'qwen2.5:0.5b' },
    });
    expect(sse.headers['content-type']).toContain('text/event-stream');
    expect(sse.body.trim().split('\n\n').at(-1)).toBe('data: {"status":"success"}');

    const models = json<{ items: { name: string; capabilities: { functionCalling: boolean } }[] }>(
      await app.inject({ method: 'GET', url: '/api/v1/providers/ollama/models', headers: bearer('viewer') }),
    );
    expect(models.items.find((m) => m.name === 'qwen2.5:0.5b')?.capabilities.functionCalling).toBe(true);

    const memberPull = await app.inject({
      method: 'POST',
      url: '/api/v1/providers/ollama/pull',
      headers: bearer('member'),
      payload: { name: 'x' },
    });
    expect(memberPull.statusCode).toBe(403);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/providers/ollama/models/${encodeURIComponent('qwen2.5:0.5b')}`,
      headers: bearer('admin'),
    });
    expect(removed.statusCode).toBe(204);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/providers/ollama/models/${encodeURIComponent('qwen2.5:0.5b')}`,
      headers: bearer('admin'),
    });
    expect(again.statusCode).toBe(404);
  });

  it('answers liveness and readiness without credentials', async () => {
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(json(health)).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    const body = json<{ ready: boolean; checks: { migrations: { applied: number; expected: number } } }>(
      ready,
    );
    expect(body.ready).toBe(true);
    expect(body.checks.migrations.applied).toBe(body.checks.migrations.expected);
    expect(body.checks.migrations.expected).toBeGreaterThan(0);
  });

  it('serves an OpenAPI 3.1 document listing every REST route, and the interactive docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = json<{ openapi: string; paths: Record<string, Record<string, { responses?: object }>> }>(res);
    expect(doc.openapi).toBe('3.1.0');
    for (const route of app.agentflow.routes.filter((r) => r.url.startsWith('/api/'))) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/graphql'))).toBe(false);
    const create = doc.paths['/api/v1/workflows']?.post as {
      requestBody?: { content: { 'application/json': { schema: { properties: object } } } };
    };
    expect(create.requestBody?.content['application/json'].schema.properties).toHaveProperty('agents');
    const ui = await app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});
