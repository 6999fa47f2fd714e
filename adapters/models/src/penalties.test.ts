import type { ModelRequest } from '@agentflow/core';
import { isAgentFlowError } from '@agentflow/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelsConfig } from './config.js';
import {
  type FakeFleet,
  type FakeProviderServer,
  fleetProvider,
  type RecordedRequest,
  signal,
  startFleet,
} from './test-support/index.js';

// biome-ignore lint/suspicious/noExplicitAny: wire bodies are inspected loosely
type Body = Record<string, any>;

/** Providers that take the penalties, and where each puts them on the wire. */
const sent: {
  name: string;
  provider: string;
  model: string;
  server: (fleet: FakeFleet) => FakeProviderServer;
  custom?: boolean;
  wire: (body: Body) => { frequency: unknown; presence: unknown };
}[] = [
  {
    name: 'openai (chat completions)',
    provider: 'openai',
    model: 'gpt-4o-mini',
    server: (f) => f.openai,
    wire: (b) => ({ frequency: b.frequency_penalty, presence: b.presence_penalty }),
  },
  {
    name: 'custom (OpenAI-compatible)',
    provider: 'custom',
    model: 'qwen2.5-7b-instruct',
    server: (f) => f.compatible,
    custom: true,
    wire: (b) => ({ frequency: b.frequency_penalty, presence: b.presence_penalty }),
  },
  {
    name: 'groq preset',
    provider: 'groq',
    model: 'llama-3.3-70b-versatile',
    server: (f) => f.compatible,
    wire: (b) => ({ frequency: b.frequency_penalty, presence: b.presence_penalty }),
  },
  {
    name: 'gemini 2.0',
    provider: 'gemini',
    model: 'gemini-2.0-flash',
    server: (f) => f.gemini,
    wire: (b) => ({
      frequency: b.generationConfig?.frequencyPenalty,
      presence: b.generationConfig?.presencePenalty,
    }),
  },
];

/** Providers (or models) that do not take them: refused before any request. */
const refused: { name: string; provider: string; model: string; config?: Partial<ModelsConfig> }[] = [
  { name: 'anthropic', provider: 'anthropic', model: 'claude-haiku-4-5' },
  { name: 'ollama', provider: 'ollama', model: 'llama3.2' },
  { name: 'gemini 2.5 (the Gemini API drops them)', provider: 'gemini', model: 'gemini-2.5-flash' },
  { name: 'an OpenAI reasoning model', provider: 'openai', model: 'o3-mini' },
  {
    name: 'openai (responses API)',
    provider: 'openai',
    model: 'gpt-4o-mini',
    config: { openaiApi: 'responses' },
  },
];

let fleet: FakeFleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.close();
});
beforeEach(() => fleet.reset());

const ask = (extra: Partial<ModelRequest>): ModelRequest => ({
  messages: [{ role: 'user', content: 'Say something new.' }],
  frequencyPenalty: 0.75,
  presencePenalty: -1.25,
  ...extra,
});

describe.each(sent)('penalties reach $name', (c) => {
  it.each([false, true])('in its wire format (streaming: %s)', async (streaming) => {
    const server = c.server(fleet);
    server.enqueue({ text: 'Fresh words.' });
    const models = fleetProvider(fleet);
    expect(models.capabilities(c.provider, c.model).penalties).toBe(true);
    const request = ask({
      provider: c.provider,
      model: c.model,
      ...(c.custom && { baseURL: fleet.compatible.baseURL }),
    });
    const response = await models.generate(request, {
      signal: signal(),
      ...(streaming && { onToken: () => {} }),
    });
    expect(response.text).toBe('Fresh words.');
    const calls = server.modelRequests();
    const body = (calls[calls.length - 1] as RecordedRequest).body as Body;
    expect(c.wire(body)).toEqual({ frequency: 0.75, presence: -1.25 });
  });
});

describe.each(refused)('penalties refused by $name', (c) => {
  it('with AF_UNSUPPORTED_SETTING before any request', async () => {
    const models = fleetProvider(fleet, c.config);
    expect(models.capabilities(c.provider, c.model).penalties).toBe(false);
    const error = await models
      .generate(ask({ provider: c.provider, model: c.model }), { signal: signal() })
      .catch((e: unknown) => e);
    expect(isAgentFlowError(error) && error.code).toBe('AF_UNSUPPORTED_SETTING');
    expect((error as Error).message).toContain(`${c.provider}/${c.model} does not take frequencyPenalty`);
    expect((error as { retryable: boolean }).retryable).toBe(false);
    const requests = [fleet.anthropic, fleet.ollama, fleet.gemini, fleet.openai].flatMap((s) =>
      s.modelRequests(),
    );
    expect(requests).toEqual([]);
  });
});

describe('a fallback chain', () => {
  it('is refused as a whole when one of its providers does not take a penalty', async () => {
    fleet.openai.enqueue({ text: 'unused' });
    const models = fleetProvider(fleet);
    const error = await models
      .generate(
        ask({
          provider: 'openai',
          model: 'gpt-4o-mini',
          presencePenalty: undefined,
          fallback: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }],
        }),
        { signal: signal() },
      )
      .catch((e: unknown) => e);
    expect(isAgentFlowError(error) && error.code).toBe('AF_UNSUPPORTED_SETTING');
    expect(fleet.openai.modelRequests()).toEqual([]);
  });

  it('without penalties is unaffected', async () => {
    fleet.anthropic.enqueue({ text: 'Hello.' });
    const models = fleetProvider(fleet);
    const response = await models.generate(
      {
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
        messages: [{ role: 'user', content: 'Hi' }],
      },
      { signal: signal() },
    );
    expect(response.text).toBe('Hello.');
  });
});

describe('a request without a provider', () => {
  it('is refused with AF_PROVIDER_NOT_CONFIGURED (the runtime fills in the default model)', async () => {
    const error = await fleetProvider(fleet)
      .generate({ messages: [{ role: 'user', content: 'Hi' }] }, { signal: signal() })
      .catch((e: unknown) => e);
    expect(isAgentFlowError(error) && error.code).toBe('AF_PROVIDER_NOT_CONFIGURED');
  });
});
