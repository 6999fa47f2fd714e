/**
 * The typed client (`packages/client`) against this server: its generated types must equal what the live
 * OpenAPI document generates (drift fails here; regenerate with
 * `npx vitest run apps/server/src/openapi-client.test.ts -u`), and the client must work against a real
 * listening server with a cookie session (CSRF header, refresh) and an API key, HTTP and WebSocket.
 */

import { ApiError, createAgentFlowClient, unwrap, type WebSocketConstructor } from '@agentflow/client';
import type { AgentFlowEvent } from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type RunningServer, startServer } from './start.js';
import { createTestRuntime, greetWorkflow } from './test-support/fixtures.js';

let runtime: Runtime;
let server: RunningServer;

beforeAll(async () => {
  runtime = await createTestRuntime();
  server = await startServer({
    runtime,
    host: '127.0.0.1',
    port: 0,
    logger: false,
    rateLimiter: false,
    handleSignals: false,
    print: () => {},
  });
});
afterAll(async () => {
  await server?.close();
});

describe('generated types', () => {
  it('match the live OpenAPI document', async () => {
    const doc = (await (await fetch(`${server.url}/docs/json`)).json()) as Parameters<typeof openapiTS>[0];
    const generated = astToString(await openapiTS(doc, { alphabetize: true }));
    await expect(generated).toMatchFileSnapshot('../../../packages/client/src/openapi.gen.ts');
  });
});

describe('client against a real server', () => {
  it('signs up with cookies, sends the CSRF token, creates, lists and runs a workflow, streams its events', async () => {
    const af = createAgentFlowClient({
      baseUrl: server.url,
      cookies: 'memory',
      WebSocket: WebSocket as unknown as WebSocketConstructor,
    });
    const session = unwrap(
      await af.api.POST('/api/v1/auth/register', {
        body: { email: 'client@example.test', password: 'correct horse battery staple' },
      }),
    );
    expect(session.role).toBe('owner');
    expect(af.csrfToken()).toBe(session.csrfToken);

    // The same cookie session without the header is refused: the client is what adds it.
    const stripped = createAgentFlowClient({
      baseUrl: server.url,
      cookies: 'memory',
      autoRefresh: false,
      fetch: (input) => {
        const request = new Request(input as Request);
        request.headers.delete('x-csrf-token');
        return fetch(request);
      },
    });
    unwrap(
      await stripped.api.POST('/api/v1/auth/login', {
        body: { email: 'client@example.test', password: 'correct horse battery staple' },
      }),
    );
    const refused = await stripped.api
      .POST('/api/v1/workflows', { body: greetWorkflow() })
      .catch((e: unknown) => e);
    expect((refused as ApiError).code).toBe('AF_CSRF');

    const created = unwrap(await af.api.POST('/api/v1/workflows', { body: greetWorkflow('via client') }));
    expect(created.version).toBe(1);
    const list = unwrap(await af.api.GET('/api/v1/workflows', { params: { query: { limit: 10 } } }));
    expect(list.items.map((w) => w.id)).toContain(created.id);

    const { executionId } = unwrap(
      await af.api.POST('/api/v1/workflows/{id}/execute', {
        params: { path: { id: created.id } },
        body: { input: { name: 'Ada' } },
      }),
    );
    const events: AgentFlowEvent[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no execution.completed')), 10_000);
      const monitor = af.monitor(created.id, {
        executionId,
        onEvent: (event) => {
          events.push(event);
          if (event.type === 'execution.completed') {
            clearTimeout(timer);
            monitor.close();
            resolve();
          }
        },
      });
    });
    expect(events.filter((e) => e.type === 'step.completed').map((e) => e.agentId)).toEqual([
      'in',
      'bot',
      'out',
    ]);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const done = unwrap(
      await af.api.GET('/api/v1/executions/{id}', { params: { path: { id: executionId } } }),
    );
    expect(done.execution.output).toBe('Hello, Ada!');
  });

  it('throws ApiError with the AF_ code and field paths', async () => {
    const af = createAgentFlowClient({ baseUrl: server.url, cookies: 'memory' });
    const error = await af.api
      .POST('/api/v1/auth/register', { body: { email: '', password: 'x' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('AF_VALIDATION');
    expect((error as ApiError).issues.map((i) => i.path)).toContain('email');
    const anonymous = await af.api.GET('/api/v1/workflows').catch((e: unknown) => e);
    expect((anonymous as ApiError).status).toBe(401);
  });

  it('refreshes an expired cookie session once and retries the request', async () => {
    const seen: string[] = [];
    let dropAccess = false;
    const af = createAgentFlowClient({
      baseUrl: server.url,
      cookies: 'memory',
      fetch: (input) => {
        const request = new Request(input as Request);
        const path = new URL(request.url).pathname;
        seen.push(`${request.method} ${path}`);
        if (dropAccess && path === '/api/v1/workflows') {
          // The access cookie has expired: the browser no longer sends it.
          dropAccess = false;
          const kept = (request.headers.get('cookie') ?? '')
            .split('; ')
            .filter((c) => !c.startsWith('af_access='));
          request.headers.set('cookie', kept.join('; '));
        }
        return fetch(request);
      },
    });
    unwrap(
      await af.api.POST('/api/v1/auth/register', {
        body: { email: 'refresh@example.test', password: 'correct horse battery staple' },
      }),
    );
    dropAccess = true;
    seen.length = 0;
    const created = unwrap(await af.api.POST('/api/v1/workflows', { body: greetWorkflow('after refresh') }));
    expect(created.name).toBe('after refresh');
    expect(seen).toEqual(['POST /api/v1/workflows', 'POST /api/v1/auth/refresh', 'POST /api/v1/workflows']);
  });

  it('authenticates with an API key (no CSRF needed)', async () => {
    const owner = createAgentFlowClient({ baseUrl: server.url, cookies: 'memory' });
    unwrap(
      await owner.api.POST('/api/v1/auth/register', {
        body: { email: 'keys@example.test', password: 'correct horse battery staple' },
      }),
    );
    const { key } = unwrap(
      await owner.api.POST('/api/v1/api-keys', { body: { name: 'script', role: 'member' } }),
    );
    expect(key).toMatch(/^af_/);
    const script = createAgentFlowClient({ baseUrl: server.url, apiKey: key });
    const created = unwrap(await script.api.POST('/api/v1/workflows', { body: greetWorkflow('by key') }));
    expect(created.name).toBe('by key');
  });
});
