/**
 * Issue 12, item 1: an endpoint that fails 30% of calls (15% 429, 10% 500/503, 5% hangs) fails no runs, while one
 * that is down is still cut off within 5 calls and probed again later. Runs go through the real engine (the agent
 * node's default 3 attempts) and the real AI SDK client path to a scripted fake OpenAI server on 127.0.0.1. Time
 * is a fake clock (waits return at once), except the per-attempt timeout that ends a hang (1 s, real).
 */

import type { ModelRequest } from '@agentflow/core';
import { createEngine } from '@agentflow/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BreakerOptions, DEFAULT_BREAKER } from './breaker.js';
import {
  type FakeFleet,
  type FakeStep,
  fakeClock,
  fleetProvider,
  seeded,
  signal,
  startFleet,
} from './test-support/index.js';

let fleet: FakeFleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.close();
});
beforeEach(() => fleet.reset());

/** 30% of answers fail: 15% 429 (Retry-After 1 s), 5% 500, 5% 503, 5% hang. */
function flaky(seed: number): () => FakeStep {
  const random = seeded(seed);
  return () => {
    const r = random();
    if (r < 0.15) return { kind: 'error', status: 429, retryAfter: 1 };
    if (r < 0.2) return { kind: 'error', status: 500 };
    if (r < 0.25) return { kind: 'error', status: 503 };
    if (r < 0.3) return { kind: 'hang' };
    return { text: 'fine' };
  };
}

const agentWorkflow = (agent: Record<string, unknown> = {}) => ({
  name: 'flaky',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'bot', type: 'agent', config: { provider: 'openai', model: 'gpt-4o-mini' }, ...agent },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'bot' },
    { id: 'c2', sourceAgentId: 'bot', targetAgentId: 'out' },
  ],
});

const ask: ModelRequest = {
  provider: 'openai',
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'hi' }],
};

/** 1,000 engine runs (32 at a time) against the flaky server; what completed, and the provider calls made. */
async function thousandRuns(breaker: Partial<BreakerOptions> = {}) {
  const clock = fakeClock();
  const models = fleetProvider(fleet, {
    clock,
    random: seeded(99),
    // Ends a hang; generous, so a loaded machine's slow replies are not taken for failures.
    timeoutMs: 1000,
    concurrency: 16,
    // The defaults: 3 attempts per call, backoff from 500 ms.
    retry: { initialDelayMs: 500, maxDelayMs: 10_000 },
    breaker,
  });
  const engine = createEngine({ models, clock });
  await engine.run(agentWorkflow(), 'warm-up');
  fleet.openai.reset();
  fleet.openai.setDefault(flaky(4242));
  const total = 1000;
  let next = 0;
  let completed = 0;
  let refusals = 0;
  const failures: string[] = [];
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const result = await engine.run(agentWorkflow(), `run-${i}`);
      for (const step of await engine.getSteps(result.executionId)) {
        refusals += (step.modelCalls ?? []).filter((c) => c.error?.details?.circuit !== undefined).length;
      }
      if (result.status === 'succeeded' && result.output === 'fine') completed++;
      else failures.push(`${result.status}: ${result.error?.message}`);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  const requests = fleet.openai.modelRequests();
  const failed = requests.filter((r) => r.answeredWith !== 'reply').length;
  console.info(
    `flaky (${JSON.stringify(breaker)}): ${completed}/${total} runs completed, ${requests.length} provider calls ` +
      `(${(requests.length / completed).toFixed(2)} per success), ${failed} failed answers ` +
      `(${((failed / requests.length) * 100).toFixed(1)}%), ${refusals} calls refused by the breaker, ` +
      `${failures.length} failed runs`,
  );
  expect(failed / requests.length).toBeGreaterThan(0.25);
  expect(failed / requests.length).toBeLessThan(0.35);
  return { models, completed, total, failures, refusals, calls: requests.length };
}

describe('a 30%-flaky provider', () => {
  it('fails none of 1,000 runs (3 attempts), at no more than 1.6 provider calls per success', async () => {
    const { models, completed, total, failures, calls } = await thousandRuns();
    expect(completed / total, failures.slice(0, 3).join('\n')).toBeGreaterThanOrEqual(0.999);
    expect(calls / completed).toBeLessThanOrEqual(1.6);
    expect(models.health().openai?.breaker).toBe('closed');
  }, 120_000);

  it('fails no runs either with a breaker tuned to trip on it: the nodes wait for the probes', async () => {
    // 50% of 10 calls trips on a 30% provider now and then; each trip must cost time, never a run.
    const { completed, total, failures, refusals, calls } = await thousandRuns({
      failureRateThreshold: 0.5,
      minimumCalls: 10,
      windowMs: 3_000,
      openMs: 5_000,
    });
    expect(refusals).toBeGreaterThan(0);
    expect(completed / total, failures.slice(0, 3).join('\n')).toBeGreaterThanOrEqual(0.999);
    expect(calls / completed).toBeLessThanOrEqual(1.6);
  }, 120_000);
});

describe('a provider that is down', () => {
  it('is cut off within 5 calls, probed after the open time, and closes again after successful probes', async () => {
    const clock = fakeClock();
    const models = fleetProvider(fleet, { clock, random: () => 0 });
    fleet.openai.setDefault({ kind: 'error', status: 503 });
    // 3 attempts, then 2 more and the circuit is open: the third attempt of the second call is refused.
    await expect(models.generate(ask, { signal: signal() })).rejects.toMatchObject({ retryable: true });
    const refused = await models.generate(ask, { signal: signal() }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'AF_PROVIDER_ERROR',
      retryable: true,
      retryAfterMs: DEFAULT_BREAKER.openMs,
      details: { circuit: 'open' },
    });
    expect(fleet.openai.modelRequests()).toHaveLength(5);
    for (let i = 0; i < 20; i++) {
      clock.advance(1000);
      await expect(models.generate(ask, { signal: signal() })).rejects.toMatchObject({
        retryAfterMs: DEFAULT_BREAKER.openMs - (i + 1) * 1000, // refusals never push the open time back
      });
    }
    expect(fleet.openai.modelRequests()).toHaveLength(5);

    // Still down after the open time: two probes fail and it opens again.
    clock.advance(10_000);
    expect(models.health().openai?.breaker).toBe('half-open');
    await expect(models.generate(ask, { signal: signal() })).rejects.toMatchObject({
      details: { circuit: 'open' },
    });
    expect(fleet.openai.modelRequests()).toHaveLength(7);
    expect(models.health().openai?.breaker).toBe('open');

    // Back up: the next probes succeed and the circuit closes.
    clock.advance(DEFAULT_BREAKER.openMs);
    fleet.openai.setDefault({ text: 'up again' });
    expect((await models.generate(ask, { signal: signal() })).text).toBe('up again');
    expect((await models.generate(ask, { signal: signal() })).text).toBe('up again');
    expect(models.health().openai?.breaker).toBe('closed');
    expect(fleet.openai.modelRequests()).toHaveLength(9);
  });

  it("the node's retry waits for the circuit's next probe, then succeeds", async () => {
    const clock = fakeClock();
    const models = fleetProvider(fleet, { clock, random: () => 0, breaker: { halfOpenProbes: 1 } });
    fleet.openai.setDefault({ kind: 'error', status: 500 });
    for (let i = 0; i < 2; i++) await models.generate(ask, { signal: signal() }).catch(() => undefined);
    expect(models.health().openai?.breaker).toBe('open');
    fleet.openai.setDefault({ text: 'fine' });
    clock.advance(5_000);
    clock.sleeps.length = 0;

    const engine = createEngine({ models, clock });
    const result = await engine.run(agentWorkflow(), 'go');
    expect(result.status).toBe('succeeded');
    expect(result.output).toBe('fine');
    // Attempt 1 was refused without a call; the node slept until the probe was due; attempt 2 was the probe.
    expect(clock.sleeps).toEqual([DEFAULT_BREAKER.openMs - 5_000]);
    expect(fleet.openai.modelRequests()).toHaveLength(6);
    expect(models.health().openai?.breaker).toBe('closed');
  });

  it("bounds the node's wait by its timeout", async () => {
    const clock = fakeClock();
    const models = fleetProvider(fleet, { clock, random: () => 0 });
    fleet.openai.setDefault({ kind: 'error', status: 500 });
    for (let i = 0; i < 2; i++) await models.generate(ask, { signal: signal() }).catch(() => undefined);
    clock.sleeps.length = 0;
    const engine = createEngine({ models, clock });
    const result = await engine.run(agentWorkflow({ timeoutMs: 10_000 }), 'go');
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ details: { circuit: 'open' } });
    expect(clock.sleeps).toEqual([10_000, 10_000]);
  });

  it('callers refused while the probes are out wait for them instead of failing together', async () => {
    const clock = fakeClock();
    const models = fleetProvider(fleet, { clock, random: () => 0 });
    fleet.openai.setDefault({ kind: 'error', status: 503 });
    for (let i = 0; i < 2; i++) await models.generate(ask, { signal: signal() }).catch(() => undefined);
    clock.advance(DEFAULT_BREAKER.openMs);
    fleet.openai.setDefault({ text: 'back', delayMs: 30 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => models.generate(ask, { signal: signal() })),
    );
    expect(answers.map((a) => a.text)).toEqual(Array(20).fill('back'));
    expect(fleet.openai.modelRequests()).toHaveLength(5 + 20);
    expect(models.health().openai?.breaker).toBe('closed');
  });

  it('a fallback chain moves on at once, without waiting for the circuit', async () => {
    const clock = fakeClock();
    const models = fleetProvider(fleet, { clock, random: () => 0 });
    fleet.openai.setDefault({ kind: 'error', status: 503 });
    for (let i = 0; i < 2; i++) await models.generate(ask, { signal: signal() }).catch(() => undefined);
    clock.sleeps.length = 0;
    const response = await models.generate(
      { ...ask, fallback: [{ provider: 'anthropic', model: 'claude-haiku-4-5' }] },
      { signal: signal() },
    );
    expect(response.provider).toBe('anthropic');
    expect(response.calls[0]).toMatchObject({ provider: 'openai', error: { details: { circuit: 'open' } } });
    expect(clock.sleeps).toEqual([]);
    expect(fleet.openai.modelRequests()).toHaveLength(5);
  });
});
