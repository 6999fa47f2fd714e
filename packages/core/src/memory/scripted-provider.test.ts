import type { ModelCallRecord } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import type { ModelCallContext, ModelRequest } from '../ports/model-provider.js';
import { createScriptedProvider, echoProvider } from './scripted-provider.js';

function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return { provider: 'openai', model: 'gpt-x', messages: [{ role: 'user', content: 'hello' }], ...overrides };
}

function context(overrides: Partial<ModelCallContext> = {}): ModelCallContext {
  return { signal: new AbortController().signal, ...overrides };
}

describe('createScriptedProvider', () => {
  it('replies from a sequence in order, then fails without retry', async () => {
    const p = createScriptedProvider(['one', 'two']);
    expect((await p.generate(request(), context())).text).toBe('one');
    expect((await p.generate(request(), context())).text).toBe('two');
    await expect(p.generate(request(), context())).rejects.toMatchObject({
      code: 'AF_PROVIDER_ERROR',
      retryable: false,
    });
    expect(p.calls).toHaveLength(3);
  });

  it('keeps per-model sequences apart from the global one', async () => {
    const p = createScriptedProvider({
      replies: ['global'],
      byModel: { 'anthropic/claude': ['qualified'], claude: ['bare-1', 'bare-2'] },
    });
    const claude = request({ provider: 'anthropic', model: 'claude' });
    expect((await p.generate(claude, context())).text).toBe('qualified');
    expect((await p.generate(claude, context())).text).toBe('bare-1');
    expect((await p.generate(request(), context())).text).toBe('global');
    expect((await p.generate(request({ provider: 'other', model: 'claude' }), context())).text).toBe(
      'bare-2',
    );
  });

  it('answers by rule: first match wins, `times` limits a rule', async () => {
    const p = createScriptedProvider({
      rules: [
        { when: { lastUserIncludes: 'weather' }, reply: 'sunny', times: 1 },
        { when: { systemIncludes: 'pirate' }, reply: 'arr' },
        { when: { provider: 'ollama', model: 'llama' }, reply: 'local' },
        { when: (r) => r.messages.length > 2, reply: (r) => `long ${r.messages.length}` },
      ],
      fallback: 'default',
    });
    const ask = async (r: ModelRequest) => (await p.generate(r, context())).text;
    const weather = request({ messages: [{ role: 'user', content: 'the weather?' }] });
    expect(await ask(weather)).toBe('sunny');
    expect(await ask(weather)).toBe('default');
    expect(await ask(request({ system: 'You are a pirate' }))).toBe('arr');
    expect(
      await ask(request({ messages: [{ role: 'system', content: 'a pirate' }, ...request().messages] })),
    ).toBe('arr');
    expect(await ask(request({ provider: 'ollama', model: 'llama' }))).toBe('local');
    expect(await ask(request({ provider: 'ollama', model: 'other' }))).toBe('default');
    const three = request({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'user', content: 'c' },
      ],
    });
    expect(await ask(three)).toBe('long 3');
  });

  it('returns tool calls with deterministic ids', async () => {
    const p = createScriptedProvider([
      {
        toolCalls: [
          { name: 'search', input: { q: 'x' } },
          { name: 'echo', input: { text: 'y' } },
        ],
      },
      { toolCalls: [{ name: 'search', input: { q: 'z' }, id: 'mine' }] },
    ]);
    const first = await p.generate(request(), context());
    expect(first.finishReason).toBe('tool-calls');
    expect(first.toolCalls).toEqual([
      { id: 'call_1', name: 'search', input: { q: 'x' } },
      { id: 'call_2', name: 'echo', input: { text: 'y' } },
    ]);
    expect((await p.generate(request(), context())).toolCalls[0]?.id).toBe('mine');
  });

  it('returns structured output, parsing text when a responseSchema is given', async () => {
    const p = createScriptedProvider([{ object: { answer: 42 } }, '{"ok":true}', 'not json']);
    const schema = { type: 'object' };
    const first = await p.generate(request({ responseSchema: schema }), context());
    expect(first).toMatchObject({ object: { answer: 42 }, text: '{"answer":42}', finishReason: 'stop' });
    expect((await p.generate(request({ responseSchema: schema }), context())).object).toEqual({ ok: true });
    await expect(p.generate(request({ responseSchema: schema }), context())).rejects.toMatchObject({
      code: 'AF_STRUCTURED_OUTPUT_INVALID',
    });
  });

  it('throws scripted errors as AgentFlowErrors and reports each attempt', async () => {
    const p = createScriptedProvider([
      { error: { code: 'AF_PROVIDER_RATE_LIMITED', message: 'slow down', retryAfterMs: 1500 } },
    ]);
    const seen: ModelCallRecord[] = [];
    const failure = await p
      .generate(request(), context({ onCall: (c) => seen.push(c) }))
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({
      name: 'AgentFlowError',
      code: 'AF_PROVIDER_RATE_LIMITED',
      retryAfterMs: 1500,
    });
    expect(seen).toEqual([
      expect.objectContaining({
        provider: 'openai',
        model: 'gpt-x',
        status: 'error',
        error: expect.objectContaining({ code: 'AF_PROVIDER_RATE_LIMITED', retryAfterMs: 1500 }),
      }),
    ]);
  });

  it('falls back to the next model after a failure', async () => {
    const p = createScriptedProvider({
      byModel: {
        'openai/gpt-x': [{ error: { code: 'AF_PROVIDER_ERROR', message: '500' } }],
        'anthropic/claude': ['from claude'],
      },
    });
    const seen: ModelCallRecord[] = [];
    const r = await p.generate(
      request({ fallback: [{ provider: 'anthropic', model: 'claude' }] }),
      context({ onCall: (c) => seen.push(c) }),
    );
    expect(r).toMatchObject({ text: 'from claude', provider: 'anthropic', model: 'claude' });
    expect(r.calls.map((c) => [c.provider, c.status])).toEqual([
      ['openai', 'error'],
      ['anthropic', 'ok'],
    ]);
    expect(seen).toEqual(r.calls);
    expect(p.calls).toHaveLength(1);
  });

  it('computes usage as ceil(chars / 4)', async () => {
    const p = createScriptedProvider(['hi there!']);
    const r = await p.generate(
      request({ system: 'abcd', messages: [{ role: 'user', content: 'hello' }] }),
      context(),
    );
    expect(r.usage).toEqual({ inputTokens: 3, outputTokens: 3, costUsd: 0 });
    expect(r.calls[0]).toMatchObject({ status: 'ok', inputTokens: 3, outputTokens: 3, costUsd: 0 });
    const custom = createScriptedProvider([{ text: 'x', usage: { costUsd: 0.5, outputTokens: 99 } }]);
    expect((await custom.generate(request(), context())).usage).toEqual({
      inputTokens: 2,
      outputTokens: 99,
      costUsd: 0.5,
    });
  });

  it('streams tokens in the chunks asked for', async () => {
    const p = createScriptedProvider([
      { tokens: ['Hel', 'lo', '!'] },
      { text: 'abcdefg', tokens: 3 },
      'whole',
    ]);
    const run = async () => {
      const chunks: string[] = [];
      const r = await p.generate(request(), context({ onToken: (d) => chunks.push(d) }));
      return { text: r.text, chunks };
    };
    expect(await run()).toEqual({ text: 'Hello!', chunks: ['Hel', 'lo', '!'] });
    expect(await run()).toEqual({ text: 'abcdefg', chunks: ['abc', 'def', 'g'] });
    expect(await run()).toEqual({ text: 'whole', chunks: ['whole'] });
  });

  it('waits delayMs and stops at once when aborted', async () => {
    const p = createScriptedProvider([
      { text: 'late', delayMs: 60 },
      { text: 'never', delayMs: 10_000 },
    ]);
    const t0 = Date.now();
    expect((await p.generate(request(), context())).text).toBe('late');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(50);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const t1 = Date.now();
    await expect(p.generate(request(), context({ signal: controller.signal }))).rejects.toMatchObject({
      code: 'AF_CANCELLED',
    });
    expect(Date.now() - t1).toBeLessThan(1000);
  });

  it('can hang until aborted, and never falls back from a cancellation', async () => {
    const p = createScriptedProvider({
      byModel: { 'gpt-x': [{ delayMs: Number.POSITIVE_INFINITY }] },
      replies: ['b'],
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(
      p.generate(
        request({ fallback: [{ provider: 'x', model: 'y' }] }),
        context({ signal: controller.signal }),
      ),
    ).rejects.toMatchObject({ code: 'AF_CANCELLED' });
    expect((await p.generate(request({ model: 'other' }), context())).text).toBe('b');
  });

  it('logs deep copies of the requests it received', async () => {
    const p = createScriptedProvider({ fallback: (r) => `seen ${r.messages.length}` });
    const r = request();
    expect((await p.generate(r, context())).text).toBe('seen 1');
    r.messages.push({ role: 'assistant', content: 'later' });
    expect(p.calls[0]?.messages).toEqual([{ role: 'user', content: 'hello' }]);
  });

  it('reports capabilities, all true unless scripted', () => {
    expect(createScriptedProvider().capabilities('a', 'b')).toEqual({
      functionCalling: true,
      vision: true,
      streaming: true,
      structuredOutput: true,
      penalties: true,
    });
    expect(createScriptedProvider({ capabilities: { vision: false } }).capabilities('a', 'b').vision).toBe(
      false,
    );
  });
});

describe('echoProvider', () => {
  it('replies with the last user message', async () => {
    const p = echoProvider();
    const r = await p.generate(
      request({
        messages: [
          { role: 'user', content: 'first' },
          { role: 'assistant', content: 'ok' },
          { role: 'user', content: 'second' },
        ],
      }),
      context(),
    );
    expect(r.text).toBe('second');
    expect((await p.generate(request({ messages: [] }), context())).text).toBe('');
  });
});
