import type { ModelRequest } from '@agentflow/core';
import type { ModelCallRecord } from '@agentflow/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelsConfig } from './config.js';
import {
  type FakeFleet,
  type FakeProviderServer,
  type FakeStep,
  fleetProvider,
  signal,
  startFleet,
} from './test-support/index.js';

/** Every failure mode, through each wire format and SDK, JSON and streaming: the attempt fails, the retry wins. */

interface Wire {
  name: string;
  provider: string;
  model: string;
  server: (fleet: FakeFleet) => FakeProviderServer;
  config?: Partial<ModelsConfig>;
}

const wires: Wire[] = [
  { name: 'openai chat', provider: 'openai', model: 'gpt-4o', server: (f) => f.openai },
  {
    name: 'openai responses',
    provider: 'openai',
    model: 'gpt-4o',
    server: (f) => f.openai,
    config: { openaiApi: 'responses' },
  },
  { name: 'anthropic', provider: 'anthropic', model: 'claude-sonnet-4-5', server: (f) => f.anthropic },
  { name: 'gemini', provider: 'gemini', model: 'gemini-2.5-flash', server: (f) => f.gemini },
  { name: 'ollama', provider: 'ollama', model: 'llama3.2', server: (f) => f.ollama },
  { name: 'openai-compatible', provider: 'groq', model: 'llama-3.1-8b-instant', server: (f) => f.compatible },
];

const modes: { name: string; step: FakeStep; code: string; message?: RegExp }[] = [
  {
    name: '429 with Retry-After',
    step: { kind: 'error', status: 429, retryAfter: 0 },
    code: 'AF_PROVIDER_RATE_LIMITED',
  },
  { name: '500', step: { kind: 'error', status: 500 }, code: 'AF_PROVIDER_ERROR' },
  { name: '503', step: { kind: 'error', status: 503 }, code: 'AF_PROVIDER_ERROR' },
  { name: 'malformed JSON', step: { kind: 'malformed' }, code: 'AF_PROVIDER_ERROR' },
  { name: 'cut connection', step: { kind: 'cut' }, code: 'AF_PROVIDER_ERROR' },
  { name: 'hang', step: { kind: 'hang' }, code: 'AF_PROVIDER_ERROR', message: /timed out after 150 ms/ },
  {
    name: 'hang mid-stream',
    step: { kind: 'hang', afterChunks: 1 },
    code: 'AF_PROVIDER_ERROR',
    message: /timed out/,
  },
  { name: 'slow but in time', step: { text: 'slow', delayMs: 30 }, code: '' },
];

let fleet: FakeFleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.close();
});
beforeEach(() => fleet.reset());

describe.each(wires)('$name', (wire) => {
  const request: ModelRequest = {
    provider: wire.provider,
    model: wire.model,
    messages: [{ role: 'user', content: 'hello' }],
  };

  describe.each([false, true])('streaming: %s', (streaming) => {
    it.each(modes)('$name: the attempt fails clearly and the retry answers', async (mode) => {
      const server = wire.server(fleet);
      server.enqueue(mode.step, { text: 'recovered' });
      const models = fleetProvider(fleet, { ...wire.config, timeoutMs: 150 });
      const records: ModelCallRecord[] = [];
      const response = await models.generate(request, {
        signal: signal(),
        onCall: (call) => records.push(call),
        ...(streaming && { onToken: () => {} }),
      });
      if (mode.code === '') {
        expect(response.text).toBe('slow');
        expect(response.calls).toHaveLength(1);
        return;
      }
      expect(response.text).toBe('recovered');
      expect(response.calls).toHaveLength(2);
      expect(records).toEqual(response.calls);
      const [failed, ok] = response.calls;
      expect(failed).toMatchObject({ provider: wire.provider, status: 'error', error: { code: mode.code } });
      expect(failed?.error?.retryable).toBe(true);
      if (mode.message) expect(failed?.error?.message).toMatch(mode.message);
      expect(ok).toMatchObject({ status: 'ok' });
      expect(server.modelRequests().map((r) => r.stream)).toEqual([streaming, streaming]);
    });
  });

  it.each([400, 401, 403, 404, 422])('does not retry %i', async (status) => {
    const server = wire.server(fleet);
    server.setDefault({ kind: 'error', status, message: 'bad request' });
    const error = await fleetProvider(fleet, wire.config)
      .generate(request, { signal: signal() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AF_PROVIDER_ERROR', retryable: false });
    expect((error as Error).message).toContain(`(${status})`);
    expect(server.modelRequests()).toHaveLength(1);
  });

  it('reports the Retry-After of a 429 it could not get past', async () => {
    wire.server(fleet).setDefault({ kind: 'error', status: 429, retryAfter: 2 });
    const error = await fleetProvider(fleet, { ...wire.config, retry: { maxAttempts: 1 } })
      .generate(request, { signal: signal() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AF_PROVIDER_RATE_LIMITED', retryAfterMs: 2000 });
  });
});
