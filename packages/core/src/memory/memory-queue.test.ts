import { describe, expect, it } from 'vitest';
import type { Clock } from '../ports/clock.js';
import { createMemoryQueue } from './memory-queue.js';
import { systemClock } from './system-clock.js';

function manualClock(start = 1_000_000) {
  let now = start;
  const clock: Clock & { advance(ms: number): void } = {
    now: () => now,
    sleep: () => Promise.resolve(),
    advance(ms) {
      now += ms;
    },
  };
  return clock;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createMemoryQueue', () => {
  it('expires leases exactly at reserve time + leaseMs (queue clock)', async () => {
    const clock = manualClock();
    const q = createMemoryQueue({ clock });
    await q.enqueue('a');
    const first = (await q.reserve(1000))!;
    clock.advance(999);
    expect(await q.reserve(1000)).toBeUndefined();
    expect(await q.extend(first, 1000)).toBe(true);
    clock.advance(999);
    expect(await q.reserve(1000)).toBeUndefined();
    clock.advance(1);
    expect(await q.extend(first, 1000)).toBe(false);
    const second = (await q.reserve(1000))!;
    expect(second).toMatchObject({ executionId: 'a', deliveries: 2 });
    await q.ack(first);
    await q.nack(first);
    expect(await q.size()).toBe(1);
    await q.ack(second);
    expect(await q.size()).toBe(0);
  });

  it('orders by due time, then enqueue order; counts delayed and reserved entries in size', async () => {
    const clock = manualClock();
    const q = createMemoryQueue({ clock });
    await q.enqueue('late', { delayMs: 500 });
    await q.enqueue('x');
    await q.enqueue('y');
    expect(await q.size()).toBe(3);
    const x = (await q.reserve(10_000))!;
    await q.nack(x, 100);
    expect((await q.reserve(10_000))?.executionId).toBe('y');
    expect(await q.reserve(10_000)).toBeUndefined();
    clock.advance(500);
    expect((await q.reserve(10_000))?.executionId).toBe('x');
    expect((await q.reserve(10_000))?.executionId).toBe('late');
    expect(await q.size()).toBe(3);
  });

  it('does not requeue a second copy when a stale lease is nacked', async () => {
    const clock = manualClock();
    const q = createMemoryQueue({ clock });
    await q.enqueue('a');
    const stale = (await q.reserve(10))!;
    clock.advance(10);
    const live = (await q.reserve(10_000))!;
    await q.nack(stale);
    expect(await q.reserve(10_000)).toBeUndefined();
    expect(await q.size()).toBe(1);
    expect(live.deliveries).toBe(2);
  });

  it('does not poll while consumers wait for a distant delayed entry', async () => {
    let reads = 0;
    const clock: Clock = {
      now: () => {
        reads++;
        return Date.now();
      },
      sleep: systemClock.sleep,
    };
    const q = createMemoryQueue({ clock });
    const seen: string[] = [];
    const consumer = q.consume(async (lease) => {
      seen.push(lease.executionId);
    });
    await q.enqueue('later', { delayMs: 60_000 });
    const before = reads;
    await sleep(150);
    expect(reads - before).toBeLessThan(3);
    expect(seen).toEqual([]);
    await consumer.stop();
    await q.close?.();
  });

  it('backs off before redelivering after a handler throws', async () => {
    const q = createMemoryQueue();
    const times: number[] = [];
    const consumer = q.consume(async (lease) => {
      times.push(Date.now());
      if (lease.deliveries < 3) throw new Error('again');
    });
    await q.enqueue('a');
    while (times.length < 3) await sleep(10);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(90);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(190);
    await consumer.stop();
  });

  it('validates options and refuses work after close', async () => {
    const q = createMemoryQueue();
    expect(() => q.consume(async () => {}, { concurrency: 0 })).toThrow(RangeError);
    expect(() => q.consume(async () => {}, { leaseMs: 0 })).toThrow(RangeError);
    await expect(q.reserve(0)).rejects.toThrow(RangeError);
    let running = false;
    q.consume(async () => {
      running = true;
      await sleep(50);
      running = false;
    });
    await q.enqueue('a');
    await sleep(5);
    expect(running).toBe(true);
    await q.close?.();
    expect(running).toBe(false);
    await expect(q.enqueue('b')).rejects.toMatchObject({ code: 'AF_INTERNAL' });
    expect(() => q.consume(async () => {})).toThrow();
  });

  it('stop() is idempotent and leaves queued entries for another consumer', async () => {
    const q = createMemoryQueue();
    const first = q.consume(async () => {});
    await Promise.all([first.stop(), first.stop()]);
    await q.enqueue('a');
    await sleep(20);
    expect(await q.size()).toBe(1);
    const seen: string[] = [];
    const second = q.consume(async (lease) => {
      seen.push(lease.executionId);
    });
    while (seen.length === 0) await sleep(5);
    expect(seen).toEqual(['a']);
    await second.stop();
  });
});
