import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeProviderServer,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOllama,
  startFakeOpenAI,
} from './index.js';

const open: FakeProviderServer[] = [];
async function track<T extends FakeProviderServer>(server: Promise<T>): Promise<T> {
  const s = await server;
  open.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The JSON payloads of an SSE body. */
function sseData(text: string): unknown[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((block) =>
      block
        .split(/\r?\n/)
        .find((line) => line.startsWith('data: '))
        ?.slice(6),
    )
    .filter((data): data is string => data !== undefined && data !== '[DONE]')
    .map((data) => JSON.parse(data));
}

describe('fake OpenAI', () => {
  it('answers chat completions in JSON with tool calls and usage, and records the request', async () => {
    const server = await track(startFakeOpenAI({ apiKey: 'sk-test' }));
    server.enqueue({
      text: 'hi',
      toolCalls: [{ id: 'call_a', name: 'f', input: { x: 1 } }],
      usage: { inputTokens: 7 },
    });
    const response = await post(
      `${server.baseURL}/chat/completions`,
      { model: 'gpt-4o', messages: [] },
      { authorization: 'Bearer sk-test' },
    );
    const body = (await response.json()) as {
      choices: {
        message: { content: string; tool_calls: { id: string; function: { arguments: string } }[] };
      }[];
      usage: { prompt_tokens: number };
    };
    expect(body.choices[0]?.message.content).toBe('hi');
    expect(body.choices[0]?.message.tool_calls[0]).toMatchObject({
      id: 'call_a',
      function: { arguments: '{"x":1}' },
    });
    expect(body.usage.prompt_tokens).toBe(7);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      model: 'gpt-4o',
      stream: false,
      status: 200,
      body: { model: 'gpt-4o' },
    });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-test');
  });

  it('rejects a wrong key with 401 and unknown routes with 404', async () => {
    const server = await track(startFakeOpenAI({ apiKey: 'sk-test' }));
    expect((await post(`${server.baseURL}/chat/completions`, { model: 'm' })).status).toBe(401);
    const missing = await post(`${server.baseURL}/nope`, {}, { authorization: 'Bearer sk-test' });
    expect(missing.status).toBe(404);
    expect(server.modelRequests()).toHaveLength(0);
  });

  it('streams chat chunks ending in usage and [DONE]', async () => {
    const server = await track(startFakeOpenAI());
    server.enqueue({ text: 'a b', usage: { inputTokens: 3, outputTokens: 2 } });
    const response = await post(`${server.baseURL}/chat/completions`, {
      model: 'gpt-4o',
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const text = await response.text();
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const chunks = sseData(text) as { choices: { delta: { content?: string } }[]; usage?: unknown }[];
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('a b');
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 2 });
  });

  it('streams Responses API events', async () => {
    const server = await track(startFakeOpenAI());
    server.enqueue({ text: 'x y', toolCalls: [{ name: 'f', input: {} }] });
    const text = await (await post(`${server.baseURL}/responses`, { model: 'gpt-4o', stream: true })).text();
    const types = (sseData(text) as { type: string }[]).map((e) => e.type);
    expect(types[0]).toBe('response.created');
    expect(types).toContain('response.output_text.delta');
    expect(types).toContain('response.function_call_arguments.done');
    expect(types.at(-1)).toBe('response.completed');
  });

  it('scripts 429 with Retry-After, then falls back to the default', async () => {
    const server = await track(startFakeOpenAI());
    server.enqueue({ kind: 'error', status: 429, retryAfter: 3, retryAfterMs: 3000 });
    server.setDefault((request) => ({ text: `echo ${request.seq}` }));
    const limited = await post(`${server.baseURL}/chat/completions`, { model: 'm' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.headers.get('retry-after-ms')).toBe('3000');
    expect(((await limited.json()) as { error: { type: string } }).error.type).toBe('rate_limit_exceeded');
    const ok = (await (await post(`${server.baseURL}/chat/completions`, { model: 'm' })).json()) as {
      choices: { message: { content: string } }[];
    };
    expect(ok.choices[0]?.message.content).toBe('echo 2');
  });

  it('sends malformed JSON, cuts connections and hangs until closed', async () => {
    const server = await track(startFakeOpenAI());
    server.enqueue({ kind: 'malformed' }, { kind: 'cut' }, { kind: 'hang' });
    const malformed = await post(`${server.baseURL}/chat/completions`, { model: 'm' });
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
    const cut = await post(`${server.baseURL}/chat/completions`, { model: 'm' });
    await expect(cut.text()).rejects.toThrow();
    const hanging = post(`${server.baseURL}/chat/completions`, { model: 'm' }).then(
      () => 'answered',
      () => 'dropped',
    );
    const early = await Promise.race([
      hanging,
      new Promise((r) => setTimeout(() => r('still waiting'), 100)),
    ]);
    expect(early).toBe('still waiting');
    expect(server.stats.inFlight).toBe(1);
    await server.close();
    open.splice(open.indexOf(server), 1);
    expect(await hanging).toBe('dropped');
  });

  it('delays slow replies and counts concurrent calls', async () => {
    const server = await track(startFakeOpenAI());
    server.setDefault({ text: 'slow', delayMs: 50 });
    const started = Date.now();
    await Promise.all([1, 2, 3].map(() => post(`${server.baseURL}/chat/completions`, { model: 'm' })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(server.stats).toMatchObject({ modelCalls: 3, maxInFlight: 3 });
  });
});

describe('fake Anthropic', () => {
  it('answers messages with content blocks, and streams message events', async () => {
    const server = await track(startFakeAnthropic({ apiKey: 'sk-ant' }));
    server.enqueue({ text: 'hello', toolCalls: [{ name: 'f', input: { a: 1 } }] }, { text: 'one two' });
    const headers = { 'x-api-key': 'sk-ant' };
    const json = (await (
      await post(`${server.baseURL}/messages`, { model: 'claude', messages: [] }, headers)
    ).json()) as {
      content: { type: string }[];
      stop_reason: string;
      usage: { input_tokens: number };
    };
    expect(json.content.map((c) => c.type)).toEqual(['text', 'tool_use']);
    expect(json.stop_reason).toBe('tool_use');
    const stream = await (
      await post(`${server.baseURL}/messages`, { model: 'claude', stream: true }, headers)
    ).text();
    const events = sseData(stream) as { type: string; delta?: { text?: string } }[];
    expect(events[0]?.type).toBe('message_start');
    expect(events.at(-1)?.type).toBe('message_stop');
    expect(events.map((e) => e.delta?.text ?? '').join('')).toBe('one two');
    const error = await post(`${server.baseURL}/messages`, { model: 'claude' });
    expect(((await error.json()) as { error: { type: string } }).error.type).toBe('authentication_error');
  });
});

describe('fake Gemini', () => {
  it('answers generateContent and streams streamGenerateContent as SSE', async () => {
    const server = await track(startFakeGemini({ apiKey: 'g' }));
    server.enqueue({ toolCalls: [{ name: 'f', input: { q: 1 } }] }, { text: 'a b c' });
    const json = (await (
      await post(`${server.baseURL}/models/gemini-2.5-flash:generateContent`, {}, { 'x-goog-api-key': 'g' })
    ).json()) as { candidates: { content: { parts: unknown[] }; finishReason: string }[] };
    expect(json.candidates[0]?.content.parts).toEqual([{ functionCall: { name: 'f', args: { q: 1 } } }]);
    expect(json.candidates[0]?.finishReason).toBe('STOP');
    const text = await (
      await post(`${server.baseURL}/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=g`, {})
    ).text();
    const chunks = sseData(text) as { candidates: { content: { parts: { text?: string }[] } }[] }[];
    expect(chunks.map((c) => c.candidates[0]?.content.parts[0]?.text ?? '').join('')).toBe('a b c');
    expect(server.modelRequests().map((r) => [r.model, r.stream])).toEqual([
      ['gemini-2.5-flash', false],
      ['gemini-2.5-flash', true],
    ]);
  });
});

describe('fake Ollama', () => {
  it('streams NDJSON chat by default and answers JSON when stream is false', async () => {
    const server = await track(startFakeOllama());
    server.enqueue({ text: 'x y' }, { text: 'whole', usage: { inputTokens: 4, outputTokens: 1 } });
    const streamed = await (await post(`${server.url}/api/chat`, { model: 'llama3.2', messages: [] })).text();
    const lines = streamed
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { message: { content: string }; done: boolean; eval_count?: number });
    expect(lines.map((l) => l.message.content).join('')).toBe('x y');
    expect(lines.at(-1)).toMatchObject({ done: true, eval_count: expect.any(Number) });
    const json = (await (
      await post(`${server.url}/api/chat`, { model: 'llama3.2', stream: false })
    ).json()) as {
      message: { content: string };
      prompt_eval_count: number;
    };
    expect(json).toMatchObject({ message: { content: 'whole' }, prompt_eval_count: 4 });
  });

  it('serves version, tags, pull progress and delete', async () => {
    const server = await track(startFakeOllama({ version: '9.9.9' }));
    expect(await (await fetch(`${server.url}/api/version`)).json()).toEqual({ version: '9.9.9' });
    const pull = await (await post(`${server.url}/api/pull`, { model: 'phi3' })).text();
    const statuses = pull
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { status: string }).status);
    expect(statuses[0]).toBe('pulling manifest');
    expect(statuses.at(-1)).toBe('success');
    const tags = (await (await fetch(`${server.url}/api/tags`)).json()) as { models: { name: string }[] };
    expect(tags.models.map((m) => m.name)).toEqual(['llama3.2:latest', 'phi3:latest']);
    const del = await fetch(`${server.url}/api/delete`, {
      method: 'DELETE',
      body: JSON.stringify({ model: 'phi3' }),
    });
    expect(del.status).toBe(200);
    expect(server.models.has('phi3:latest')).toBe(false);
    const again = await fetch(`${server.url}/api/delete`, {
      method: 'DELETE',
      body: JSON.stringify({ model: 'phi3' }),
    });
    expect(again.status).toBe(404);
  });
});
