import type { ModelRequest } from '@agentflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeFleet,
  type FakeProviderServer,
  type FakeStep,
  fleetProvider,
  type RecordedRequest,
  signal,
  startFleet,
} from './test-support/index.js';

/** Deterministic PRNG (mulberry32) so the failure mix is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 30% of answers fail: 12% 429 (tiny Retry-After), 10% 500, 5% hang (timeout), 3% 400. */
function chaos(seed: number): (request: RecordedRequest) => FakeStep {
  const random = seeded(seed);
  return () => {
    const r = random();
    if (r < 0.12) return { kind: 'error', status: 429, retryAfterMs: 1 };
    if (r < 0.22) return { kind: 'error', status: 500 };
    if (r < 0.27) return { kind: 'hang' };
    if (r < 0.3) return { kind: 'error', status: 400 };
    return { text: 'fine' };
  };
}

function runOf(request: RecordedRequest): string {
  const match = /run-(\d+)/.exec(JSON.stringify(request.body));
  return match?.[1] ?? '?';
}

let fleet: FakeFleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.close();
});

describe('chaos', () => {
  it('completes 1,000 calls with 30% of provider responses failing, within 1.6x calls, never retrying a 4xx', async () => {
    const servers: FakeProviderServer[] = [fleet.openai, fleet.anthropic, fleet.gemini];
    const models = fleetProvider(fleet, {
      // Hangs end at this timeout; generous enough that a cold, loaded test machine does not time out on its own.
      timeoutMs: 500,
      concurrency: 8,
      retry: { maxAttempts: 5, initialDelayMs: 1, maxDelayMs: 4 },
      // The default breaker: 30% failures must not trip it (breaker.test.ts has the arithmetic).
    });
    const fallback = [
      { provider: 'anthropic', model: 'claude-haiku-4-5' },
      { provider: 'gemini', model: 'gemini-2.5-flash' },
    ];
    for (const [provider, model] of [
      ['openai', 'gpt-4o-mini'],
      ['anthropic', 'claude-haiku-4-5'],
      ['gemini', 'gemini-2.5-flash'],
    ] as const) {
      await models.generate(
        { provider, model, messages: [{ role: 'user', content: 'warm-up' }] },
        { signal: signal() },
      );
    }
    servers.forEach((server, i) => {
      server.reset();
      server.setDefault(chaos(1234 + i));
    });
    const total = 1000;
    let next = 0;
    let completed = 0;
    const failures: unknown[] = [];
    const outcomes: Record<string, number> = {};
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const request: ModelRequest = {
          provider: 'openai',
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: `run-${i}` }],
          fallback,
        };
        try {
          const response = await models.generate(request, {
            signal: signal(),
            onCall: (call) => {
              const key = `${call.provider}:${call.status}:${(call.error?.message ?? '').replace(/\d+ ms/, 'N ms').slice(0, 70)}`;
              outcomes[key] = (outcomes[key] ?? 0) + 1;
            },
          });
          if (response.text === 'fine') completed++;
        } catch (error) {
          failures.push(error);
        }
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: 48 }, worker));
    const elapsed = Date.now() - started;

    expect(failures.map((f) => (f as Error).message).slice(0, 3), JSON.stringify(outcomes, null, 1)).toEqual(
      [],
    );
    expect(completed).toBe(total);

    const requests = servers.flatMap((s) => s.modelRequests().map((r) => ({ server: s.provider, r })));
    const failed = requests.filter(({ r }) => r.answeredWith !== 'reply').length;
    expect(failed / requests.length).toBeGreaterThan(0.25);
    expect(failed / requests.length).toBeLessThan(0.35);
    expect(requests.length).toBeLessThanOrEqual(1.6 * total);

    // After a 400 from a provider, the same run never asked that provider again.
    const badRequests = servers.flatMap((s) => s.modelRequests().filter((r) => r.status === 400));
    expect(badRequests.length).toBeGreaterThan(0);
    for (const s of servers) {
      const seen = new Set<string>();
      for (const r of s.modelRequests()) {
        const run = runOf(r);
        expect(seen.has(run), `run ${run} retried ${s.provider} after a 400`).toBe(false);
        if (r.status === 400) seen.add(run);
      }
    }
    const hangs = requests.filter(({ r }) => r.answeredWith === 'hang').length;
    const timeouts = Object.entries(outcomes)
      .filter(([key]) => key.includes('timed out'))
      .reduce((sum, [, n]) => sum + n, 0);
    console.info(
      `chaos: ${total} calls, ${requests.length} provider calls (${(requests.length / total).toFixed(2)}x), ` +
        `${failed} failed responses (${((failed / requests.length) * 100).toFixed(1)}%), ` +
        `${badRequests.length} 400s, ${hangs} hangs, ${timeouts} timeouts, ${elapsed} ms`,
    );
  }, 120_000);
});
