/**
 * The lease loop's timing (fake timers): without `nextDue` it polls every `pollMs`; with it, it sleeps until the
 * next due time (at most `maxSleepMs`), runs rounds back to back while they make progress, waits `pollMs` after a
 * round that moved nothing although something was due, and `wake()` ends a sleep at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeaseLoop, type LeaseLoop } from './lease-loop.js';

describe('lease loop', () => {
  let loop: LeaseLoop | undefined;
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(async () => {
    await loop?.stop();
    loop = undefined;
    vi.useRealTimers();
  });

  /** A loop over `queue` (claimed two at a time); counts the reads of `nextDue` and the claims. */
  function make(options: {
    due?: () => number | undefined;
    queue?: number[];
    handle?: (b: number[]) => number;
  }) {
    const counts = { nextDue: 0, claims: 0, handled: [] as number[] };
    const queue = options.queue ?? [];
    const due = options.due;
    loop = createLeaseLoop<number>({
      name: 'test',
      pollMs: 1000,
      maxSleepMs: 5000,
      ...(due
        ? {
            nextDue: async () => {
              counts.nextDue++;
              return due();
            },
          }
        : {}),
      claim: async () => {
        counts.claims++;
        return queue.splice(0, 2);
      },
      handle: async (batch) => {
        counts.handled.push(...batch);
        return options.handle ? options.handle(batch) : batch.length;
      },
    });
    loop.start();
    return { counts, queue };
  }

  it('without nextDue, claims every pollMs', async () => {
    const { counts } = make({});
    await vi.advanceTimersByTimeAsync(10_500);
    expect(counts.claims).toBe(10);
  });

  it('sleeps until the next due time, at most maxSleepMs, and claims nothing before it', async () => {
    const at = Date.now() + 12_000;
    const queue = [1];
    const { counts } = make({ due: () => (queue.length > 0 ? at : undefined), queue });
    await vi.advanceTimersByTimeAsync(11_900);
    // Reads at 1 s, 6 s and 11 s (the first after pollMs, then every maxSleepMs); no claim yet.
    expect(counts).toMatchObject({ nextDue: 3, claims: 0 });
    await vi.advanceTimersByTimeAsync(200);
    expect(counts.claims).toBe(1);
    expect(counts.handled).toEqual([1]);
  });

  it('nothing scheduled: one read per maxSleepMs', async () => {
    const { counts } = make({ due: () => undefined });
    await vi.advanceTimersByTimeAsync(60_500);
    expect(counts.nextDue).toBe(12);
    expect(counts.claims).toBe(0);
  });

  it('rounds that make progress follow each other at once; then it sleeps', async () => {
    const queue = [1, 2, 3, 4, 5];
    const { counts } = make({ due: () => (queue.length > 0 ? Date.now() : undefined), queue });
    await vi.advanceTimersByTimeAsync(1010);
    expect(counts.handled).toEqual([1, 2, 3, 4, 5]);
    expect(counts.claims).toBe(3);
    await vi.advanceTimersByTimeAsync(4900);
    expect(counts.claims).toBe(3);
  });

  it('due work that does not move (e.g. queued firings) is looked at every pollMs, not in a busy loop', async () => {
    const stuck = [7];
    const { counts } = make({
      due: () => Date.now(),
      queue: stuck,
      handle: (batch) => {
        stuck.push(...batch);
        return 0;
      },
    });
    await vi.advanceTimersByTimeAsync(5_500);
    expect(counts.claims).toBe(5);
  });

  it('wake() ends the sleep at once', async () => {
    let at: number | undefined;
    const queue: number[] = [];
    const { counts } = make({ due: () => at, queue });
    await vi.advanceTimersByTimeAsync(1000);
    expect(counts.nextDue).toBe(1);
    queue.push(9);
    at = Date.now();
    loop!.wake();
    await vi.advanceTimersByTimeAsync(1);
    expect(counts.handled).toEqual([9]);
  });
});
