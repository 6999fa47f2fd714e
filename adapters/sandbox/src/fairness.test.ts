import { describe, expect, it } from 'vitest';
import { createSandbox } from './sandbox.js';
import type { SandboxResult } from './types.js';

/**
 * The pool is shared fairly between tenants (workspaces): one tenant's runaway scripts hold at most its share
 * of the workers, and another tenant's run gets a worker (the pool grows up to its bound) instead of waiting for
 * them to time out. Assertions are on the order runs finish, not on wall-clock thresholds.
 */
const options = { poolSize: 2, maxPoolSize: 4, perTenantRuns: 2 } as const;
/** Longer than any worker start on a busy machine: the runaways end only when the test aborts them. */
const RUNAWAY_MS = 60_000;

function track(order: string[], label: string, run: Promise<SandboxResult>): Promise<SandboxResult> {
  return run.then((result) => {
    order.push(label);
    return result;
  });
}

describe('sandbox fairness between tenants', () => {
  it("runs tenant B's 1 + 1 while tenant A's four infinite loops hold their share of the pool", async () => {
    const sandbox = createSandbox(options);
    const stop = new AbortController();
    try {
      const order: string[] = [];
      const runaways = [1, 2, 3, 4].map((i) =>
        track(
          order,
          `a${i}`,
          sandbox.run('while (true) {}', { tenant: 'ws-a', timeoutMs: RUNAWAY_MS, signal: stop.signal }),
        ),
      );
      const b = await track(order, 'b', sandbox.run('1 + 1', { tenant: 'ws-b' }));
      expect(b).toMatchObject({ ok: true, output: 2 });
      // B finished while all of A's runaways were still running or waiting.
      expect(order).toEqual(['b']);
      stop.abort();
      for (const r of await Promise.all(runaways)) {
        expect(r).toMatchObject({ ok: false, error: { code: 'AF_CANCELLED' } });
      }
    } finally {
      await sandbox.close();
    }
  });

  it("caps one tenant's concurrent runs: its third run waits for its first two", async () => {
    const sandbox = createSandbox(options);
    try {
      const order: string[] = [];
      const stops = [new AbortController(), new AbortController()];
      const runaways = stops.map((stop, i) =>
        track(
          order,
          `loop${i + 1}`,
          sandbox.run('while (true) {}', { tenant: 'ws-a', timeoutMs: RUNAWAY_MS, signal: stop.signal }),
        ),
      );
      const third = track(order, 'third', sandbox.run('"done"', { tenant: 'ws-a' }));
      // The pool has room (another tenant's run completes), but ws-a is at its limit of 2.
      expect(await sandbox.run('"other"', { tenant: 'ws-b' })).toMatchObject({ ok: true, output: 'other' });
      expect(order).toEqual([]);
      stops[0]?.abort();
      expect(await third).toMatchObject({ ok: true, output: 'done' });
      expect(order).toEqual(['loop1', 'third']);
      stops[1]?.abort();
      await Promise.all(runaways);
    } finally {
      await sandbox.close();
    }
  });

  it('hands free workers round-robin between tenants', async () => {
    const small = createSandbox({ poolSize: 1, maxPoolSize: 1, perTenantRuns: 1 });
    try {
      const order: string[] = [];
      // The first run holds the only worker while both tenants queue three runs each.
      const first = track(order, 'hold', small.run('let i = 0; while (i < 2e6) i++; i', { tenant: 'x' }));
      const runs = [
        ...[1, 2, 3].map((i) => track(order, `x${i}`, small.run(`${i}`, { tenant: 'x' }))),
        ...[1, 2, 3].map((i) => track(order, `y${i}`, small.run(`${i}`, { tenant: 'y' }))),
      ];
      await Promise.all([first, ...runs]);
      expect(order).toEqual(['hold', 'y1', 'x1', 'y2', 'x2', 'y3', 'x3']);
    } finally {
      await small.close();
    }
  });
});
