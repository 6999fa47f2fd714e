import type { ModelRequest } from '@agentflow/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { modelSettingsFromEnv, normalizeBaseURL } from './config.js';
import { parseRetryAfter } from './errors.js';
import { createModelProvider } from './provider.js';
import { type FakeFleet, signal, startFleet } from './test-support/index.js';

let fleet: FakeFleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.close();
});
beforeEach(() => fleet.reset());

const ask = (provider: string, model: string, extra: Partial<ModelRequest> = {}): ModelRequest => ({
  provider,
  model,
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
});

describe('credentials and base URLs', () => {
  it.each([
    ['openai', 'gpt-4o', 'OPENAI_API_KEY'],
    ['anthropic', 'claude-haiku-4-5', 'ANTHROPIC_API_KEY'],
    ['gemini', 'gemini-2.5-flash', 'GEMINI_API_KEY'],
    ['groq', 'llama-3.1-8b-instant', 'GROQ_API_KEY'],
    ['together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo', 'TOGETHER_API_KEY'],
  ])('a missing %s key is AF_PROVIDER_NOT_CONFIGURED naming %s', async (provider, model, variable) => {
    const error = await createModelProvider({ fetch: globalThis.fetch })
      .generate(ask(provider, model), { signal: signal() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AF_PROVIDER_NOT_CONFIGURED', retryable: false });
    expect((error as Error).message).toContain(`set ${variable}`);
  });

  it('reads keys and base URLs from the environment (modelSettingsFromEnv, as loadConfig does)', async () => {
    fleet.openai.enqueue({ text: 'from env' });
    fleet.anthropic.enqueue({ text: 'from env too' });
    fleet.gemini.enqueue({ text: 'and gemini' });
    const models = createModelProvider({
      fetch: globalThis.fetch,
      ...modelSettingsFromEnv({
        OPENAI_API_KEY: 'sk-openai',
        OPENAI_BASE_URL: fleet.openai.baseURL,
        ANTHROPIC_API_KEY: 'sk-anthropic',
        // No path: the adapter adds the API version the SDK expects.
        ANTHROPIC_BASE_URL: fleet.anthropic.url,
        GEMINI_API_KEY: 'gemini-key',
        GEMINI_BASE_URL: `${fleet.gemini.url}/`,
        OLLAMA_BASE_URL: fleet.ollama.url,
      }),
    });
    expect((await models.generate(ask('openai', 'gpt-4o'), { signal: signal() })).text).toBe('from env');
    expect((await models.generate(ask('anthropic', 'claude-haiku-4-5'), { signal: signal() })).text).toBe(
      'from env too',
    );
    expect((await models.generate(ask('gemini', 'gemini-2.5-flash'), { signal: signal() })).text).toBe(
      'and gemini',
    );
    expect((await models.generate(ask('ollama', 'llama3.2'), { signal: signal() })).text).toBe('ok');
    expect(fleet.openai.requests[0]?.headers.authorization).toBe('Bearer sk-openai');
    expect(fleet.anthropic.requests[0]?.headers['x-api-key']).toBe('sk-anthropic');
    expect(fleet.gemini.requests[0]?.headers['x-goog-api-key']).toBe('gemini-key');
  });

  it('asks resolveKey first (workspace credentials), then the operator keys', async () => {
    const asked: string[] = [];
    const models = createModelProvider({
      fetch: globalThis.fetch,
      apiKeys: { openai: 'from-config', anthropic: 'sk-anthropic' },
      baseURLs: { openai: fleet.openai.baseURL, anthropic: fleet.anthropic.baseURL },
      resolveKey: async (provider) => {
        asked.push(provider);
        return provider === 'openai' ? 'sk-openai' : undefined;
      },
    });
    await models.generate(ask('openai', 'gpt-4o'), { signal: signal() });
    await models.generate(ask('anthropic', 'claude-haiku-4-5'), { signal: signal() });
    expect(fleet.openai.requests[0]?.headers.authorization).toBe('Bearer sk-openai');
    expect(fleet.anthropic.requests[0]?.headers['x-api-key']).toBe('sk-anthropic');
    expect(asked).toEqual(['openai', 'anthropic']);
  });

  it('sends custom requests to the per-request baseURL, and needs one', async () => {
    const models = createModelProvider({ fetch: globalThis.fetch });
    fleet.compatible.enqueue({ text: 'from vLLM' });
    const response = await models.generate(ask('custom', 'qwen2.5', { baseURL: fleet.compatible.baseURL }), {
      signal: signal(),
    });
    expect(response.text).toBe('from vLLM');
    expect(fleet.compatible.requests[0]?.headers.authorization).toBeUndefined();
    const error = await models
      .generate(ask('custom', 'qwen2.5'), { signal: signal() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AF_PROVIDER_NOT_CONFIGURED' });
    expect((error as Error).message).toContain('baseURL');
  });

  it('routes named endpoints from config as OpenAI-compatible providers', async () => {
    const models = createModelProvider({
      fetch: globalThis.fetch,
      ...modelSettingsFromEnv(
        { LMSTUDIO_KEY: 'lm-key' },
        { lmstudio: { baseURL: fleet.compatible.baseURL, apiKeyEnv: 'LMSTUDIO_KEY' } },
      ),
      endpoints: { lmstudio: { baseURL: fleet.compatible.baseURL, apiKeyEnv: 'LMSTUDIO_KEY' } },
    });
    fleet.compatible.enqueue({ text: 'from LM Studio' });
    const response = await models.generate(ask('lmstudio', 'local-model'), { signal: signal() });
    expect(response).toMatchObject({ text: 'from LM Studio', provider: 'lmstudio' });
    expect(fleet.compatible.requests[0]?.headers.authorization).toBe('Bearer lm-key');
  });

  it('normalizes base URLs', () => {
    expect(normalizeBaseURL('http://proxy:8080', '/v1')).toBe('http://proxy:8080/v1');
    expect(normalizeBaseURL('http://proxy:8080/', '/v1')).toBe('http://proxy:8080/v1');
    expect(normalizeBaseURL('https://gw.example.com/openai/v1/', '/v1')).toBe(
      'https://gw.example.com/openai/v1',
    );
    expect(normalizeBaseURL('0.0.0.0:11434', '/api')).toBe('http://0.0.0.0:11434/api');
  });
});

describe('check (validation before a run)', () => {
  const models = createModelProvider({ fetch: globalThis.fetch, apiKeys: { openai: 'k' } });

  it('accepts a configured request', async () => {
    expect(await models.check({ provider: 'openai', model: 'gpt-4o' }, 'agents[0].config')).toEqual([]);
  });

  it('lists every problem with its path', async () => {
    const issues = await models.check(
      {
        provider: 'openia',
        model: 'gpt-4o',
        fallback: [
          { provider: 'anthropic', model: 'claude-haiku-4-5' },
          { provider: 'openai', model: '' },
          'gemini' as unknown as { provider: string; model: string },
        ],
      },
      'agents[2].config',
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['agents[2].config.provider', 'AF_INVALID_CONFIG'],
      ['agents[2].config.fallback[0].provider', 'AF_PROVIDER_NOT_CONFIGURED'],
      ['agents[2].config.fallback[1].model', 'AF_INVALID_CONFIG'],
      ['agents[2].config.fallback[2]', 'AF_INVALID_CONFIG'],
    ]);
    expect(issues[0]?.message).toContain('unknown provider "openia"');
    expect(issues[1]?.message).toContain('ANTHROPIC_API_KEY');
  });

  it('flags a custom provider without a base URL and a malformed one', async () => {
    expect((await models.check({ provider: 'custom', model: 'm' })).map((i) => i.path)).toEqual(['baseURL']);
    const bad = await models.check({ provider: 'custom', model: 'm', baseURL: 'ftp://x' });
    expect(bad.map((i) => i.path)).toContain('baseURL');
  });

  it('rejects an unknown provider at call time too, without any network', async () => {
    const error = await models.generate(ask('nope', 'x'), { signal: signal() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AF_INVALID_CONFIG' });
  });
});

describe('capabilities', () => {
  const models = createModelProvider({ fetch: globalThis.fetch });
  it('reports function calling, vision, streaming and structured output per provider and model', () => {
    expect(models.capabilities('openai', 'gpt-4o')).toEqual({
      functionCalling: true,
      vision: true,
      streaming: true,
      structuredOutput: true,
      penalties: true,
    });
    expect(models.capabilities('openai', 'gpt-3.5-turbo').vision).toBe(false);
    expect(models.capabilities('openai', 'o4-mini').penalties).toBe(false);
    expect(models.capabilities('openai', 'gpt-5').penalties).toBe(false);
    expect(models.capabilities('openai', 'gpt-5-chat-latest').penalties).toBe(true);
    expect(models.capabilities('anthropic', 'claude-sonnet-4-5').penalties).toBe(false);
    expect(models.capabilities('gemini', 'gemini-2.5-pro').penalties).toBe(false);
    expect(models.capabilities('gemini', 'gemini-3-pro-preview').penalties).toBe(true);
    expect(models.capabilities('together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo').penalties).toBe(true);
    expect(models.capabilities('anthropic', 'claude-sonnet-4-5').vision).toBe(true);
    expect(models.capabilities('gemini', 'gemma-3-27b-it').functionCalling).toBe(false);
    expect(models.capabilities('ollama', 'llama3.1:8b').functionCalling).toBe(true);
    expect(models.capabilities('ollama', 'llava:13b')).toMatchObject({
      vision: true,
      functionCalling: false,
    });
    expect(models.capabilities('groq', 'llama-3.3-70b-versatile')).toMatchObject({
      vision: false,
      streaming: true,
    });
    expect(() => models.capabilities('nope', 'x')).toThrow(/Unknown model provider/);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-10-01T12:00:00Z');
  it('reads retry-after-ms, seconds, HTTP dates and Gemini retryDelay', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '250' }, undefined, now)).toBe(250);
    expect(parseRetryAfter({ 'retry-after': '3' }, undefined, now)).toBe(3000);
    expect(parseRetryAfter({ 'retry-after': '1.5' }, undefined, now)).toBe(1500);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 01 Oct 2025 12:00:10 GMT' }, undefined, now)).toBe(10_000);
    expect(parseRetryAfter({}, '{"error":{"details":[{"retryDelay": "42s"}]}}', now)).toBe(42_000);
    expect(parseRetryAfter({ 'retry-after': 'soon' }, undefined, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, undefined, now)).toBeUndefined();
  });
});
