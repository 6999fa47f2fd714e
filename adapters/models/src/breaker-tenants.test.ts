/**
 * The circuit breaker is keyed by provider, base URL, model and key (issue 10, item 4b): one workspace's failures
 * on its own key (401s, its own quota's 429s) never cut the provider off for another workspace.
 */
import type { ModelRequest } from '@agentflow/core';
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

const ask: ModelRequest = { provider: 'groq', model: 'llama', messages: [{ role: 'user', content: 'hi' }] };

/** Two tenants on one provider, told apart by the workspace key `resolveKey` answers with. */
function tenants(status: number) {
  let key = 'key-a';
  const models = fleetProvider(fleet, {
    clock: fakeClock(),
    resolveKey: () => key,
    retry: { maxAttempts: 1 },
    breaker: { consecutiveFailures: 2, openMs: 60_000 },
  });
  fleet.compatible.setDefault((request) =>
    request.headers.authorization === 'Bearer key-a' ? { kind: 'error', status } : { text: 'fine' },
  );
  return {
    models,
    as(tenant: 'a' | 'b') {
      key = `key-${tenant}`;
      return models.generate(ask, { signal: signal() });
    },
  };
}

describe('circuit breaker per tenant', () => {
  it("tenant A's 401s open no circuit, for A or for B", async () => {
    const t = tenants(401);
    for (let i = 0; i < 5; i++) {
      await expect(t.as('a')).rejects.toMatchObject({ code: 'AF_PROVIDER_ERROR', retryable: false });
    }
    // Every one of A's calls reached the provider: 401 says nothing about the provider's health.
    expect(fleet.compatible.modelRequests()).toHaveLength(5);
    expect((await t.as('b')).text).toBe('fine');
    expect(t.models.health().groq?.breaker).toBe('closed');
  });

  it("tenant A's rate limit opens A's circuit only: B's calls still go out", async () => {
    const t = tenants(429);
    for (let i = 0; i < 2; i++) {
      await expect(t.as('a')).rejects.toMatchObject({ code: 'AF_PROVIDER_RATE_LIMITED' });
    }
    await expect(t.as('a')).rejects.toMatchObject({ details: { circuit: 'open' } });
    expect(fleet.compatible.modelRequests()).toHaveLength(2);
    expect((await t.as('b')).text).toBe('fine');
    expect((await t.as('b')).text).toBe('fine');
    expect(fleet.compatible.modelRequests()).toHaveLength(4);
  });

  it('a provider-side failure (5xx) still opens the circuit of the key that saw it', async () => {
    const t = tenants(503);
    for (let i = 0; i < 2; i++) await expect(t.as('a')).rejects.toMatchObject({ retryable: true });
    await expect(t.as('a')).rejects.toMatchObject({ details: { circuit: 'open' } });
    expect(t.models.health().groq?.breaker).toBe('open');
  });
});
