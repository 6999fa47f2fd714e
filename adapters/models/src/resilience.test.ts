import type { ModelRequest } from '@agentflow/core';
import type { ModelCallRecord } from '@agentflow/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeFleet, fakeClock, fleetProvider, signal, startFleet } from './test-support/index.js';

let fleet: FakeFleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.close();
});
beforeEach(() => fleet.reset());

const ask = (extra: Partial<ModelRequest> = {}): ModelRequest => ({
  provider: 'openai',
  model: 'gpt-4o',
  messages: [{ role: 'user', content: 'hello' }],
  ...extra,
});

describe('retries', () => {
  it('waits the Retry-After seconds of a 429 before retrying', async () => {
    const clock = fakeClock();
    fleet.openai.enqueue({ kind: 'error', status: 429, retryAfter: 7 }, { text: 'done' });
    const response = await fleetProvider(fleet, { clock, random: () => 0.5 }).generate(ask(), {
      signal: signal(),
    });
    expect(response.text).toBe('done');
    expect(clock.sleeps).toEqual([7000]);
    expect(response.calls[0]?.error).toMatchObject({ code: 'AF_PROVIDER_RATE_LIMITED', retryAfterMs: 7000 });
  });

  it('honours retry-after-ms and Gemini RetryInfo', async () => {
    const clock = fakeClock();
    fleet.openai.enqueue({ kind: 'error', status: 429, retryAfterMs: 1500 }, { text: 'a' });
    fleet.gemini.enqueue(
      {
        kind: 'error',
        status: 429,
        body: {
          error: {
            code: 429,
            message: 'Quota exceeded',
            status: 'RESOURCE_EXHAUSTED',
            details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3s' }],
          },
        },
      },
      { text: 'b' },
    );
    const models = fleetProvider(fleet, { clock, random: () => 0 });
    await models.generate(ask(), { signal: signal() });
    await models.generate(ask({ provider: 'gemini', model: 'gemini-2.5-flash' }), { signal: signal() });
    expect(clock.sleeps).toEqual([1500, 3000]);
  });

  it('backs off exponentially with full jitter on 5xx', async () => {
    const clock = fakeClock();
    fleet.openai.enqueue(
      { kind: 'error', status: 500 },
      { kind: 'error', status: 502 },
      { text: 'third time' },
    );
    const models = fleetProvider(fleet, {
      clock,
      random: () => 0.999,
      retry: { initialDelayMs: 100, multiplier: 2, maxDelayMs: 10_000 },
    });
    const response = await models.generate(ask(), { signal: signal() });
    expect(response.text).toBe('third time');
    expect(clock.sleeps).toEqual([99, 199]);
    expect(fleet.openai.modelRequests()).toHaveLength(3);
  });

  it('gives up on a provider whose Retry-After is too long and moves to the fallback at once', async () => {
    const clock = fakeClock();
    fleet.openai.setDefault({ kind: 'error', status: 429, retryAfter: 3600 });
    const response = await fleetProvider(fleet, { clock }).generate(
      ask({ fallback: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }] }),
      { signal: signal() },
    );
    expect(response.provider).toBe('anthropic');
    expect(clock.sleeps).toEqual([]);
    expect(fleet.openai.modelRequests()).toHaveLength(1);
  });

  it('names the variable to set when a 401 says the key is wrong', async () => {
    fleet.openai.setDefault({ kind: 'error', status: 401 });
    const error = await fleetProvider(fleet)
      .generate(ask(), { signal: signal() })
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('OPENAI_API_KEY');
    expect(fleet.openai.modelRequests()).toHaveLength(1);
  });
});

describe('fallback', () => {
  it('tries the fallback chain in order after each provider exhausts its retries', async () => {
    fleet.openai.setDefault({ kind: 'error', status: 500 });
    fleet.anthropic.setDefault({ kind: 'error', status: 529 });
    fleet.gemini.enqueue({ text: 'from gemini', usage: { inputTokens: 1000, outputTokens: 100 } });
    const seen: ModelCallRecord[] = [];
    const models = fleetProvider(fleet);
    const response = await models.generate(
      ask({
        fallback: [
          { provider: 'anthropic', model: 'claude-haiku-4-5' },
          { provider: 'gemini', model: 'gemini-2.5-flash' },
        ],
      }),
      { signal: signal(), onCall: (c) => seen.push(c) },
    );
    expect(response.text).toBe('from gemini');
    expect(response).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash' });
    expect(response.calls.map((c) => `${c.provider}:${c.status}`)).toEqual([
      'openai:error',
      'openai:error',
      'openai:error',
      'anthropic:error',
      'anthropic:error',
      'anthropic:error',
      'gemini:ok',
    ]);
    expect(seen).toEqual(response.calls);
    expect(response.usage.costUsd).toBeCloseTo(models.cost('gemini', 'gemini-2.5-flash', 1000, 100), 12);
  });

  it('falls back past a provider with no credentials, recording why', async () => {
    const models = fleetProvider(fleet, { apiKeys: {} });
    const response = await models.generate(ask({ fallback: [{ provider: 'ollama', model: 'llama3.2' }] }), {
      signal: signal(),
    });
    expect(response.provider).toBe('ollama');
    expect(response.calls[0]).toMatchObject({
      provider: 'openai',
      status: 'error',
      error: { code: 'AF_PROVIDER_NOT_CONFIGURED' },
    });
    expect(response.calls[0]?.error?.message).toContain('OPENAI_API_KEY');
  });

  it('fails with every provider named and every call attached when the whole chain fails', async () => {
    fleet.openai.setDefault({ kind: 'error', status: 500 });
    fleet.anthropic.setDefault({ kind: 'error', status: 400, message: 'prompt too long' });
    const error = await fleetProvider(fleet)
      .generate(ask({ fallback: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }] }), {
        signal: signal(),
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AF_PROVIDER_ERROR', retryable: true });
    expect((error as Error).message).toMatch(
      /All 2 providers failed: openai\/gpt-4o failed \(500\).*anthropic.*400/,
    );
    expect((error as { details: { calls: unknown[] } }).details.calls).toHaveLength(4);
    expect(fleet.anthropic.modelRequests()).toHaveLength(1);
  });

  it('stops at once when the caller cancels, without retrying or falling back', async () => {
    fleet.openai.setDefault({ kind: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    const started = Date.now();
    const error = await fleetProvider(fleet)
      .generate(ask({ fallback: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }] }), {
        signal: controller.signal,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AF_CANCELLED' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fleet.openai.modelRequests()).toHaveLength(1);
    expect(fleet.anthropic.modelRequests()).toHaveLength(0);
  });
});

describe('streaming and callbacks', () => {
  it('reports the failed attempt through onCall before the retry streams its tokens again', async () => {
    fleet.openai.enqueue({ kind: 'cut', afterChunks: 3 }, { text: 'full answer here' });
    const events: string[] = [];
    const response = await fleetProvider(fleet).generate(ask(), {
      signal: signal(),
      onToken: (delta) => events.push(`token:${delta}`),
      onCall: (call) => events.push(`call:${call.status}`),
    });
    expect(response.text).toBe('full answer here');
    expect(events).toEqual([
      'token:this ',
      'token:answer ',
      'call:error',
      'token:full ',
      'token:answer ',
      'token:here',
      'call:ok',
    ]);
  });

  it('times streams out on silence, not on length', async () => {
    const models = fleetProvider(fleet, { timeoutMs: 150, retry: { maxAttempts: 1 } });
    fleet.openai.enqueue({ text: 'a b c d e f', chunkDelayMs: 60 }, { text: 'too slow', delayMs: 300 });
    const started = Date.now();
    const streamed = await models.generate(ask(), { signal: signal(), onToken: () => {} });
    expect(streamed.text).toBe('a b c d e f');
    expect(Date.now() - started).toBeGreaterThan(250);
    const error = await models.generate(ask(), { signal: signal() }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('timed out after 150 ms');
  });

  it("does not retry or fall back when the caller's onToken throws", async () => {
    fleet.openai.setDefault({ text: 'some words here' });
    const models = fleetProvider(fleet, { breaker: { consecutiveFailures: 1 } });
    const error = await models
      .generate(ask({ fallback: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }] }), {
        signal: signal(),
        onToken: () => {
          throw new Error('consumer bug');
        },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AF_INTERNAL', retryable: false });
    expect((error as Error).message).toContain('onToken callback threw: consumer bug');
    expect(fleet.openai.modelRequests()).toHaveLength(1);
    expect(fleet.anthropic.modelRequests()).toHaveLength(0);
    expect(models.health().openai?.breaker).toBe('closed');
  });
});

describe('circuit breaker', () => {
  it('opens after consecutive failures, refuses calls, then half-opens after the cooldown', async () => {
    const clock = fakeClock();
    const models = fleetProvider(fleet, {
      clock,
      retry: { maxAttempts: 1 },
      breaker: { consecutiveFailures: 3, openMs: 10_000, halfOpenProbes: 1 },
    });
    fleet.openai.setDefault({ kind: 'error', status: 500 });
    for (let i = 0; i < 3; i++) await models.generate(ask(), { signal: signal() }).catch(() => undefined);
    expect(models.health().openai?.breaker).toBe('open');

    const refused = await models.generate(ask(), { signal: signal() }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'AF_PROVIDER_ERROR', details: { circuit: 'open' } });
    expect(fleet.openai.modelRequests()).toHaveLength(3);

    clock.advance(10_000);
    expect(models.health().openai?.breaker).toBe('half-open');
    fleet.openai.enqueue({ kind: 'error', status: 503 });
    await models.generate(ask(), { signal: signal() }).catch(() => undefined);
    expect(models.health().openai?.breaker).toBe('open');
    expect(fleet.openai.modelRequests()).toHaveLength(4);

    clock.advance(10_000);
    fleet.openai.enqueue({ text: 'healthy again' });
    const response = await models.generate(ask(), { signal: signal() });
    expect(response.text).toBe('healthy again');
    expect(models.health().openai?.breaker).toBe('closed');
  });

  it('uses the fallback while the circuit is open, without calling the broken provider', async () => {
    const clock = fakeClock();
    const models = fleetProvider(fleet, { clock, breaker: { consecutiveFailures: 2 } });
    fleet.openai.setDefault({ kind: 'error', status: 500 });
    const request = ask({ fallback: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }] });
    const first = await models.generate(request, { signal: signal() });
    expect(first.provider).toBe('anthropic');
    expect(fleet.openai.modelRequests()).toHaveLength(2);
    const second = await models.generate(request, { signal: signal() });
    expect(second.provider).toBe('anthropic');
    expect(second.calls[0]).toMatchObject({
      provider: 'openai',
      latencyMs: 0,
      error: { details: { circuit: 'open' } },
    });
    expect(fleet.openai.modelRequests()).toHaveLength(2);
  });

  it('does not count requests the provider rejected as bad against its health', async () => {
    const models = fleetProvider(fleet, { breaker: { consecutiveFailures: 2 } });
    fleet.openai.setDefault({ kind: 'error', status: 400 });
    for (let i = 0; i < 4; i++) await models.generate(ask(), { signal: signal() }).catch(() => undefined);
    expect(models.health().openai?.breaker).toBe('closed');
  });
});

describe('concurrency limit', () => {
  it('keeps at most N calls in flight per provider and queues the rest', async () => {
    const models = fleetProvider(fleet, { concurrency: { openai: 2 } });
    fleet.openai.setDefault({ text: 'ok', delayMs: 40 });
    const pending = Array.from({ length: 6 }, () => models.generate(ask(), { signal: signal() }));
    await new Promise((r) => setTimeout(r, 15));
    expect(models.health().openai).toMatchObject({ inFlight: 2, queued: 4 });
    const responses = await Promise.all(pending);
    expect(responses.every((r) => r.text === 'ok')).toBe(true);
    expect(fleet.openai.stats.maxInFlight).toBe(2);
    expect(models.health().openai).toMatchObject({ inFlight: 0, queued: 0 });
  });

  it('limits each provider separately', async () => {
    const models = fleetProvider(fleet, { concurrency: 1 });
    fleet.openai.setDefault({ text: 'ok', delayMs: 30 });
    fleet.anthropic.setDefault({ text: 'ok', delayMs: 30 });
    await Promise.all([
      models.generate(ask(), { signal: signal() }),
      models.generate(ask(), { signal: signal() }),
      models.generate(ask({ provider: 'anthropic', model: 'claude-haiku-4-5' }), { signal: signal() }),
      models.generate(ask({ provider: 'anthropic', model: 'claude-haiku-4-5' }), { signal: signal() }),
    ]);
    expect(fleet.openai.stats.maxInFlight).toBe(1);
    expect(fleet.anthropic.stats.maxInFlight).toBe(1);
  });
});
