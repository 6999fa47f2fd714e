/** Keys go only to the base URLs they are bound to; configured endpoints stay fixed (issue 10, item 1). */
import type { ModelRequest } from '@agentflow/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeFleet, fleetProvider, signal, startFleet } from './test-support/index.js';

let fleet: FakeFleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.close();
});
beforeEach(() => fleet.reset());

const ask = (extra: Partial<ModelRequest>): ModelRequest => ({
  provider: 'custom',
  model: 'm',
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
});

describe('key scope', () => {
  it('reveals a workspace key only for a bound base URL (normalized), never elsewhere', async () => {
    let revealed = 0;
    const models = fleetProvider(fleet, {
      resolveKey: () => ({
        baseURLs: [`${fleet.compatible.baseURL}/`],
        reveal: () => {
          revealed++;
          return 'ws-key';
        },
      }),
    });
    const elsewhere = `${fleet.openai.url}/v1`;
    await expect(models.generate(ask({ baseURL: elsewhere }), { signal: signal() })).rejects.toMatchObject({
      code: 'AF_CREDENTIAL_SCOPE',
    });
    expect(revealed).toBe(0);
    expect(fleet.openai.requests).toHaveLength(0);
    const issues = await models.check(
      { provider: 'custom', model: 'm', baseURL: elsewhere },
      'agents[1].config',
    );
    expect(issues).toEqual([
      expect.objectContaining({ code: 'AF_CREDENTIAL_SCOPE', path: 'agents[1].config.baseURL' }),
    ]);

    await models.generate(ask({ baseURL: fleet.compatible.baseURL }), { signal: signal() });
    expect(fleet.compatible.modelRequests()[0]?.headers.authorization).toBe('Bearer ws-key');
  });

  it('sends a rotated or revoked workspace credential on the very next call (no cached model keeps the old key)', async () => {
    // Issue 18 item 1: models are cached per provider, base URL, key and model; the key is part of the cache key.
    let key: string | undefined = 'ws-key-1';
    const models = fleetProvider(fleet, {
      resolveKey: () => {
        const current = key;
        return current === undefined
          ? undefined
          : { baseURLs: [fleet.compatible.baseURL], reveal: () => current };
      },
    });
    const call = () => models.generate(ask({ baseURL: fleet.compatible.baseURL }), { signal: signal() });
    const sentKeys = () => fleet.compatible.modelRequests().map((r) => r.headers.authorization);
    await call();
    await call();
    key = 'ws-key-2';
    await call();
    key = undefined; // revoked: custom needs no key, so the call goes out without one
    await call();
    key = 'ws-key-1';
    await call();
    expect(sentKeys()).toEqual([
      'Bearer ws-key-1',
      'Bearer ws-key-1',
      'Bearer ws-key-2',
      undefined,
      'Bearer ws-key-1',
    ]);
  });

  it("sends the operator's keys only to the configured endpoint", async () => {
    const models = fleetProvider(fleet, { apiKeys: { custom: 'op-custom', groq: 'op-groq' } });
    // custom needs no key: it goes out without the operator's.
    await models.generate(ask({ baseURL: fleet.compatible.baseURL }), { signal: signal() });
    expect(fleet.compatible.modelRequests()[0]?.headers.authorization).toBeUndefined();
    // groq needs one: refused, nothing sent.
    fleet.reset();
    await expect(
      models.generate(ask({ provider: 'groq', baseURL: `${fleet.openai.url}/v1` }), { signal: signal() }),
    ).rejects.toMatchObject({ code: 'AF_CREDENTIAL_SCOPE' });
    expect(fleet.openai.requests).toHaveLength(0);
    // Its configured endpoint (with or without the same baseURL) gets the key.
    await models.generate(ask({ provider: 'groq', baseURL: fleet.compatible.baseURL }), { signal: signal() });
    expect(fleet.compatible.modelRequests()[0]?.headers.authorization).toBe('Bearer op-groq');
  });

  it('refuses a request baseURL for a provider that is not OpenAI-compatible unless it is the configured one', async () => {
    const models = fleetProvider(fleet);
    const issues = await models.check({ provider: 'ollama', model: 'llama3.2', baseURL: fleet.openai.url });
    expect(issues).toEqual([expect.objectContaining({ code: 'AF_INVALID_CONFIG', path: 'baseURL' })]);
    const same = await models.generate(
      ask({ provider: 'ollama', model: 'llama3.2', baseURL: fleet.ollama.url }),
      {
        signal: signal(),
      },
    );
    expect(same.provider).toBe('ollama');
    expect(fleet.openai.requests).toHaveLength(0);
  });

  it("a custom agent's baseURL does not follow it to a fallback that is not OpenAI-compatible", async () => {
    const models = fleetProvider(fleet, { retry: { maxAttempts: 1 } });
    fleet.compatible.enqueue({ kind: 'error', status: 500 });
    const request = ask({
      baseURL: fleet.compatible.baseURL,
      fallback: [{ provider: 'openai', model: 'gpt-4o' }],
    });
    expect(await models.check(request)).toEqual([]);
    const response = await models.generate(request, { signal: signal() });
    expect(response.provider).toBe('openai');
    expect(fleet.openai.modelRequests()).toHaveLength(1);
  });
});
