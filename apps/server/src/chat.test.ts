/**
 * Chat (issue 19 item 3) through the real server and runtime (PGlite), with the configured OpenAI provider
 * streaming from a fake OpenAI-compatible server on 127.0.0.1: the reply's tokens arrive as SSE `token` events
 * in the provider's chunk order, then `done` with the stored reply; the history is kept per conversation and
 * reaches the next execution (and the model, through the agent's `chatHistory`); the public embed is off by
 * default (404), a wrong or rotated token is 404, and its rate limit, size limit and draft refusal hold.
 */
import type { Runtime } from '@agentflow/runtime';
import { createConversationRepository } from '@agentflow/store-sql/tenancy';
import { type FakeProviderServer, startFakeOpenAI } from '@agentflow/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestRuntime, createTestServer, json, WS1, WS2 } from './test-support/fixtures.js';

interface Frame {
  event: string;
  data: Record<string, unknown>;
}

/** Parses a text/event-stream body (events separated by a blank line; comment lines skipped). */
function parseSse(body: string): Frame[] {
  const frames: Frame[] = [];
  for (const block of body.split('\n\n')) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || line === '') continue;
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0) frames.push({ event, data: JSON.parse(data.join('\n')) as Record<string, unknown> });
  }
  return frames;
}

function chatWorkflow(name: string, status: 'active' | 'draft' = 'active') {
  return {
    name,
    status,
    agents: [
      {
        id: 'in',
        type: 'input',
        config: {
          schema: {
            type: 'object',
            properties: { message: { type: 'string' }, history: { type: 'array' } },
            required: ['message'],
          },
        },
      },
      {
        id: 'bot',
        type: 'agent',
        config: {
          provider: 'openai',
          model: 'gpt-4o',
          systemPrompt: 'You are helpful.',
          prompt: '{{input.message}}',
          chatHistory: true,
          maxSteps: 1,
        },
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
const viewer = bearer('viewer');

beforeAll(async () => {
  openai = await startFakeOpenAI();
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

async function createWorkflow(name: string, status: 'active' | 'draft' = 'active'): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/workflows',
    headers: member,
    payload: chatWorkflow(name, status),
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<{ id: string }>(res).id;
}

function expectStream(res: LightMyRequestResponse): Frame[] {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
  return parseSse(res.body);
}

/** The OpenAI chat messages of the fake's last request, as [role, content]. */
function lastModelMessages(): [string, string][] {
  const body = openai.requests.at(-1)?.body as { messages: { role: string; content: unknown }[] };
  return body.messages.map((m) => [
    m.role,
    typeof m.content === 'string' ? m.content : (m.content as { text: string }[]).map((p) => p.text).join(''),
  ]);
}

describe('chat in the app (signed-in members)', () => {
  let workflowId: string;
  beforeAll(async () => {
    workflowId = await createWorkflow('support bot');
  });

  it('streams the reply token by token, then stores it, and keeps the history per conversation', async () => {
    openai.enqueue({ text: 'Hello there, friend!', chunks: ['Hello', ' there', ', friend', '!'] });
    const first = expectStream(
      await app.inject({
        method: 'POST',
        url: `/api/v1/workflows/${workflowId}/chat`,
        headers: member,
        payload: { message: 'Hi, I am Ada.' },
      }),
    );
    expect(first.map((f) => f.event)).toEqual(['start', 'token', 'token', 'token', 'token', 'done']);
    const start = first[0]!.data as {
      conversationId: string;
      executionId: string;
      message: { content: string };
    };
    expect(start.message).toMatchObject({
      role: 'user',
      content: 'Hi, I am Ada.',
      seq: 0,
      status: 'succeeded',
    });
    expect(first.filter((f) => f.event === 'token').map((f) => f.data.delta)).toEqual([
      'Hello',
      ' there',
      ', friend',
      '!',
    ]);
    expect(first.at(-1)!.data).toMatchObject({
      executionId: start.executionId,
      message: { role: 'assistant', seq: 1, status: 'succeeded', content: 'Hello there, friend!' },
    });
    expect((openai.requests.at(-1)!.body as { stream?: boolean }).stream).toBe(true);
    expect(lastModelMessages()).toEqual([
      ['system', 'You are helpful.'],
      ['user', 'Hi, I am Ada.'],
    ]);

    openai.enqueue({ text: 'You are Ada.' });
    const second = expectStream(
      await app.inject({
        method: 'POST',
        url: `/api/v1/workflows/${workflowId}/chat`,
        headers: member,
        payload: { conversationId: start.conversationId, message: 'Who am I?' },
      }),
    );
    const secondStart = second[0]!.data as { executionId: string; conversationId: string };
    expect(secondStart.conversationId).toBe(start.conversationId);
    expect(second.at(-1)!.data).toMatchObject({ message: { seq: 3, content: 'You are Ada.' } });
    // The history reached the model as earlier turns...
    expect(lastModelMessages()).toEqual([
      ['system', 'You are helpful.'],
      ['user', 'Hi, I am Ada.'],
      ['assistant', 'Hello there, friend!'],
      ['user', 'Who am I?'],
    ]);
    // ...and the execution's input documents the turn.
    const detail = await app.inject({
      method: 'GET',
      url: `/api/v1/executions/${secondStart.executionId}`,
      headers: member,
    });
    expect(json<{ execution: { input: unknown } }>(detail).execution.input).toEqual({
      message: 'Who am I?',
      conversationId: start.conversationId,
      history: [
        { role: 'user', content: 'Hi, I am Ada.' },
        { role: 'assistant', content: 'Hello there, friend!' },
      ],
    });

    // A new conversation starts with no history.
    openai.enqueue({ text: 'Nice to meet you.' });
    const other = expectStream(
      await app.inject({
        method: 'POST',
        url: `/api/v1/workflows/${workflowId}/chat`,
        headers: member,
        payload: { message: 'Hello again' },
      }),
    );
    expect(other[0]!.data.conversationId).not.toBe(start.conversationId);
    expect(lastModelMessages()).toEqual([
      ['system', 'You are helpful.'],
      ['user', 'Hello again'],
    ]);

    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/workflows/${workflowId}/conversations`,
      headers: viewer,
    });
    expect(list.statusCode, list.body).toBe(200);
    const items = json<{ items: { id: string; title: string; messageCount: number }[] }>(list).items;
    expect(items.map((c) => c.id)).toEqual([other[0]!.data.conversationId, start.conversationId]);
    expect(items[1]).toMatchObject({ title: 'Hi, I am Ada.', messageCount: 4 });
    // Paging by updatedAt: the older one only; a time past the store's timestamps is the caller's error (a 400
    // naming the field), not a 500 from the database (found by fuzz.test.ts).
    const updatedAt = json<{ items: { updatedAt: number }[] }>(list).items[0]!.updatedAt;
    const older = await app.inject({
      method: 'GET',
      url: `/api/v1/workflows/${workflowId}/conversations?before=${updatedAt}`,
      headers: viewer,
    });
    expect(json<{ items: { id: string }[] }>(older).items.map((c) => c.id)).toEqual([start.conversationId]);
    for (const before of ['4819610458411923', '-1']) {
      const refused = await app.inject({
        method: 'GET',
        url: `/api/v1/workflows/${workflowId}/conversations?before=${before}`,
        headers: viewer,
      });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.body).toContain('before');
    }

    const conversation = await app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${start.conversationId}`,
      headers: viewer,
    });
    expect(
      json<{ messages: { role: string; content: string }[] }>(conversation).messages.map((m) => [
        m.role,
        m.content,
      ]),
    ).toEqual([
      ['user', 'Hi, I am Ada.'],
      ['assistant', 'Hello there, friend!'],
      ['user', 'Who am I?'],
      ['assistant', 'You are Ada.'],
    ]);
  });

  it('stores a failed reply with its error and ends the stream with it', async () => {
    openai.enqueue(
      { kind: 'error', status: 400, message: 'bad request' },
      { kind: 'error', status: 400, message: 'bad request' },
      { kind: 'error', status: 400, message: 'bad request' },
    );
    const frames = expectStream(
      await app.inject({
        method: 'POST',
        url: `/api/v1/workflows/${workflowId}/chat`,
        headers: member,
        payload: { message: 'fail please' },
      }),
    );
    const done = frames.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data).toMatchObject({ message: { role: 'assistant', status: 'failed', content: '' } });
    expect((done.data.message as { error: { code: string } }).error.code).toMatch(/^AF_/);
    openai.reset();
  });

  it('settles a reply left pending by a process that died (its execution gone) on the next turn', async () => {
    openai.enqueue({ text: 'first' });
    const first = parseSse(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/workflows/${workflowId}/chat`,
          headers: member,
          payload: { message: 'one' },
        })
      ).body,
    );
    const conversationId = first[0]!.data.conversationId as string;
    // A turn stored by a process that died before its execution was recorded.
    await createConversationRepository(runtime.store.db).startTurn({
      workspaceId: WS1,
      conversationId,
      content: 'lost',
      executionId: 'exe_c_never_started',
      historyLimit: 5,
    });
    openai.enqueue({ text: 'third' });
    const next = expectStream(
      await app.inject({
        method: 'POST',
        url: `/api/v1/workflows/${workflowId}/chat`,
        headers: member,
        payload: { conversationId, message: 'three' },
      }),
    );
    expect(next.at(-1)!.data).toMatchObject({ message: { seq: 5, content: 'third', status: 'succeeded' } });
    const detail = json<{ messages: { seq: number; status: string; error?: { code: string } }[] }>(
      await app.inject({ method: 'GET', url: `/api/v1/conversations/${conversationId}`, headers: member }),
    );
    expect(detail.messages[3]).toMatchObject({ seq: 3, status: 'failed', error: { code: 'AF_INTERNAL' } });
  });

  it('refuses bad input with 4xx codes and paths, other workspaces and viewers', async () => {
    const send = (payload: unknown, headers = member, id = workflowId) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/workflows/${id}/chat`,
        headers,
        payload: payload as object,
      });
    const empty = await send({ message: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(json<{ error: { code: string; issues: { path: string }[] } }>(empty).error).toMatchObject({
      code: 'AF_VALIDATION',
      issues: [{ path: 'message' }],
    });
    const unknownField = await send({ message: 'x', html: true });
    expect(unknownField.statusCode).toBe(400);
    const tooLong = await send({ message: 'x'.repeat(32_001) });
    expect(tooLong.statusCode).toBe(413);
    expect(json<{ error: { code: string } }>(tooLong).error.code).toBe('AF_INPUT_TOO_LARGE');
    const noConversation = await send({ conversationId: 'cnv_nope', message: 'x' });
    expect(noConversation.statusCode).toBe(404);
    expect((await send({ message: 'x' }, viewer)).statusCode).toBe(403);
    expect((await send({ message: 'x' }, bearer('member', WS2))).statusCode).toBe(404);

    const elsewhere = await createWorkflow('another bot');
    openai.enqueue({ text: 'ok' });
    const started = parseSse((await send({ message: 'first' }, member, elsewhere)).body);
    const crossed = await send({ conversationId: started[0]!.data.conversationId, message: 'x' });
    expect(crossed.statusCode).toBe(400);
    expect(json<{ error: { issues: { path: string }[] } }>(crossed).error.issues[0]!.path).toBe(
      'conversationId',
    );
    const foreign = await app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${started[0]!.data.conversationId}`,
      headers: bearer('member', WS2),
    });
    expect(foreign.statusCode).toBe(404);
  });
});

describe('the public chat embed', () => {
  let workflowId: string;
  let triggerId: string;
  let token: string;

  beforeAll(async () => {
    workflowId = await createWorkflow('shared bot');
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${workflowId}/triggers`,
      headers: member,
      payload: {
        kind: 'chat',
        name: 'Website chat',
        config: {
          greeting: 'Ask me anything',
          maxMessageChars: 50,
          rateLimit: { limit: 3, windowMs: 60_000 },
        },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = json<{
      trigger: { id: string; enabled: boolean; token: string; path: string };
      token: string;
    }>(res);
    triggerId = created.trigger.id;
    token = created.token;
    expect(created.trigger).toMatchObject({ enabled: false, token, path: `/embed/chat/${token}` });
    expect(token).toMatch(/^afc_[\w-]{32}$/);
  });

  const embedSend = (payload: unknown, t = token) =>
    app.inject({ method: 'POST', url: `/api/v1/chat/${t}/messages`, payload: payload as object });

  it('is off by default: every embed path is 404 until the trigger is enabled', async () => {
    const calls = openai.requests.length;
    expect((await app.inject({ method: 'GET', url: `/api/v1/chat/${token}` })).statusCode).toBe(404);
    expect((await embedSend({ message: 'hi' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/embed/chat/${token}` })).statusCode).toBe(404);
    expect(openai.requests).toHaveLength(calls);
    // A second chat trigger on the same workflow is refused.
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${workflowId}/triggers`,
      headers: member,
      payload: { kind: 'chat', name: 'again' },
    });
    expect(again.statusCode).toBe(409);
    // Viewers see the trigger without its token.
    const seen = await app.inject({ method: 'GET', url: `/api/v1/triggers/${triggerId}`, headers: viewer });
    expect(json<{ token?: string }>(seen).token).toBeUndefined();
  });

  it('once enabled: streams a conversation, keeps its history, and records the chat firing', async () => {
    const enable = await app.inject({
      method: 'PATCH',
      url: `/api/v1/triggers/${triggerId}`,
      headers: member,
      payload: { enabled: true },
    });
    expect(enable.statusCode, enable.body).toBe(200);
    const info = await app.inject({ method: 'GET', url: `/api/v1/chat/${token}` });
    expect(json(info)).toEqual({ title: 'shared bot', greeting: 'Ask me anything', maxMessageChars: 50 });

    openai.enqueue({ text: 'Hi visitor', chunks: ['Hi', ' visitor'] });
    const first = expectStream(await embedSend({ message: 'Hello' }));
    expect(first.map((f) => f.event)).toEqual(['start', 'token', 'token', 'done']);
    const { conversationId, executionId } = first[0]!.data as { conversationId: string; executionId: string };
    openai.enqueue({ text: 'Still here' });
    const second = expectStream(await embedSend({ conversationId, message: 'Still there?' }));
    expect(second.at(-1)!.data).toMatchObject({ message: { content: 'Still here', seq: 3 } });
    expect(lastModelMessages().slice(1)).toEqual([
      ['user', 'Hello'],
      ['assistant', 'Hi visitor'],
      ['user', 'Still there?'],
    ]);
    const history = await app.inject({
      method: 'GET',
      url: `/api/v1/chat/${token}/conversations/${conversationId}`,
    });
    expect(json<{ messages: unknown[] }>(history).messages).toHaveLength(4);

    const firings = await app.inject({
      method: 'GET',
      url: `/api/v1/triggers/${triggerId}/firings`,
      headers: member,
    });
    expect(
      json<{ items: { executionId: string; kind: string }[] }>(firings).items.map((f) => f.executionId),
    ).toContain(executionId);
    const execution = await app.inject({
      method: 'GET',
      url: `/api/v1/executions/${executionId}`,
      headers: member,
    });
    expect(json<{ execution: { trigger: unknown } }>(execution).execution.trigger).toMatchObject({
      id: triggerId,
      kind: 'chat',
    });
    // The embed's conversations show in the workflow's list, marked as such.
    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/workflows/${workflowId}/conversations?source=embed`,
      headers: member,
    });
    expect(json<{ items: { id: string; source: string }[] }>(list).items).toEqual([
      expect.objectContaining({ id: conversationId, source: 'embed' }),
    ]);
  });

  it('refuses a wrong token, an app conversation, an oversized message, and past its rate limit', async () => {
    expect((await embedSend({ message: 'hi' }, `${token}x`)).statusCode).toBe(404);
    expect((await embedSend({ message: 'hi' }, 'afc_')).statusCode).toBe(404);
    openai.enqueue({ text: 'app reply' });
    const appTurn = parseSse(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/workflows/${workflowId}/chat`,
          headers: member,
          payload: { message: 'from the app' },
        })
      ).body,
    );
    // An app conversation (or another embed's) cannot be continued through this embed.
    expect(
      (await embedSend({ conversationId: appTurn[0]!.data.conversationId, message: 'hi' })).statusCode,
    ).toBe(404);
    const long = await embedSend({ message: 'x'.repeat(51) });
    expect(long.statusCode).toBe(413);
    expect(json<{ error: { issues: { path: string }[] } }>(long).error.issues[0]!.path).toBe('message');

    // The limit is 3 per minute; two were used by the previous test.
    openai.enqueue({ text: 'third' });
    expect((await embedSend({ message: 'third' })).statusCode).toBe(200);
    const limited = await embedSend({ message: 'fourth' });
    expect(limited.statusCode).toBe(429);
    expect(json<{ error: { code: string } }>(limited).error.code).toBe('AF_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a rotated token replaces the old one at once; a draft workflow does not answer the public', async () => {
    const rotated = await app.inject({
      method: 'POST',
      url: `/api/v1/triggers/${triggerId}/rotate-secret`,
      headers: member,
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const fresh = json<{ token: string }>(rotated).token;
    expect(fresh).not.toBe(token);
    expect((await app.inject({ method: 'GET', url: `/api/v1/chat/${token}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/chat/${fresh}` })).statusCode).toBe(200);

    const draft = await createWorkflow('draft bot', 'draft');
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${draft}/triggers`,
      headers: member,
      payload: { kind: 'chat', name: 'draft chat', enabled: true },
    });
    const draftToken = json<{ token: string }>(created).token;
    const refused = await embedSend({ message: 'hi' }, draftToken);
    expect(refused.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(refused).error.code).toBe('AF_WORKFLOW_DRAFT');
    // Members may still try the draft in the app.
    openai.enqueue({ text: 'draft answer' });
    const tried = parseSse(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/workflows/${draft}/chat`,
          headers: member,
          payload: { message: 'hi' },
        })
      ).body,
    );
    expect(tried.at(-1)!.data).toMatchObject({ message: { content: 'draft answer', status: 'succeeded' } });
  });

  it('refuses frame-ancestors that are not an origin or *', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/triggers/${triggerId}`,
      headers: member,
      payload: { config: { frameAncestors: ["https://ok.example 'unsafe-inline'"] } },
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ error: { issues: { path: string }[] } }>(res).error.issues[0]!.path).toBe(
      'config.frameAncestors.0',
    );
  });
});
