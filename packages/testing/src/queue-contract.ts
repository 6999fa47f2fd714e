import { randomUUID } from 'node:crypto';
import type { Consumer, Queue, QueueLease } from '@agentflow/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep, waitFor } from './fixtures.js';

/** What a queue contract factory returns: an empty queue of its own and how to dispose of it. */
export interface QueueFixture {
  queue: Queue;
  /** Called after each test, after every consumer was stopped and `queue.close()` ran. */
  cleanup?: () => Promise<void>;
}

/**
 * Registers the Queue port's contract suite (vitest `describe`/`it`). `factory` is called before every test and
 * must return an empty queue not shared with other tests (a fresh name or prefix for a shared Redis). Uses real
 * time: leases of 100 to 300 ms and delays of about 150 ms.
 */
export function defineQueueContract(name: string, factory: () => Promise<QueueFixture>): void {
  describe(`Queue contract: ${name}`, () => {
    let fixture: QueueFixture | undefined;
    const consumers: Consumer[] = [];
    const q = (): Queue => {
      if (!fixture) throw new Error('queue factory did not run');
      return fixture.queue;
    };
    /** Starts a consumer that is stopped after the test. */
    const consume = (handler: (lease: QueueLease) => Promise<void>, concurrency = 1, leaseMs = 30_000) => {
      const c = q().consume(handler, { concurrency, leaseMs });
      consumers.push(c);
      return c;
    };
    const id = () => randomUUID();

    beforeEach(async () => {
      fixture = await factory();
    });
    afterEach(async () => {
      await Promise.all(consumers.splice(0).map((c) => c.stop()));
      await fixture?.queue.close?.();
      await fixture?.cleanup?.();
      fixture = undefined;
    });

    it('is empty at first', async () => {
      expect(await q().size()).toBe(0);
      expect(await q().reserve(1000)).toBeUndefined();
    });

    it('counts its entries by state: waiting, active (reserved) and delayed', async () => {
      expect(typeof q().counts).toBe('function');
      expect(await q().counts!()).toEqual({ waiting: 0, active: 0, delayed: 0 });
      await q().enqueue(id());
      await q().enqueue(id());
      await q().enqueue(id(), { delayMs: 60_000 });
      expect(await q().counts!()).toEqual({ waiting: 2, active: 0, delayed: 1 });
      const lease = await q().reserve(5000);
      expect(await q().counts!()).toEqual({ waiting: 1, active: 1, delayed: 1 });
      await q().ack(lease!);
      expect(await q().counts!()).toEqual({ waiting: 1, active: 0, delayed: 1 });
    });

    it('keeps one entry per id: a duplicate enqueue of a waiting or reserved id changes nothing', async () => {
      const x = id();
      await q().enqueue(x);
      await q().enqueue(x);
      await q().enqueue(x, { delayMs: 60_000 });
      expect(await q().size()).toBe(1);
      const lease = await q().reserve(5000);
      expect(lease?.executionId).toBe(x);
      await q().enqueue(x);
      expect(await q().size()).toBe(1);
      expect(await q().reserve(5000)).toBeUndefined();
      await q().ack(lease!);
      expect(await q().size()).toBe(0);
      // Once acked, the id is a new entry again.
      await q().enqueue(x);
      const again = await q().reserve(5000);
      expect(again?.executionId).toBe(x);
      expect(again?.deliveries).toBe(1);
    });

    it('delivers entries in enqueue order, once each', async () => {
      const ids = [id(), id(), id()];
      for (const x of ids) await q().enqueue(x);
      expect(await q().size()).toBe(3);
      const leases = [await q().reserve(5000), await q().reserve(5000), await q().reserve(5000)];
      expect(leases.map((l) => l?.executionId)).toEqual(ids);
      expect(leases.map((l) => l?.deliveries)).toEqual([1, 1, 1]);
      expect(new Set(leases.map((l) => l?.token)).size).toBe(3);
      expect(await q().reserve(5000)).toBeUndefined();
      expect(await q().size()).toBe(3);
    });

    it('holds a delayed entry back until its delay has passed', async () => {
      const later = id();
      const now = id();
      await q().enqueue(later, { delayMs: 150 });
      await q().enqueue(now);
      expect(await q().size()).toBe(2);
      expect((await q().reserve(5000))?.executionId).toBe(now);
      expect(await q().reserve(5000)).toBeUndefined();
      await sleep(200);
      expect((await q().reserve(5000))?.executionId).toBe(later);
    });

    it('redelivers an entry whose lease expired, counting deliveries; the old token is dead', async () => {
      const x = id();
      await q().enqueue(x);
      const first = (await q().reserve(100))!;
      expect(first).toMatchObject({ executionId: x, deliveries: 1 });
      expect(await q().reserve(100)).toBeUndefined();
      await sleep(160);
      const second = (await q().reserve(1000))!;
      expect(second).toMatchObject({ executionId: x, deliveries: 2 });
      expect(second.token).not.toBe(first.token);
      expect(await q().extend(first, 1000)).toBe(false);
      await q()
        .ack(first)
        .catch(() => undefined);
      await q()
        .nack(first)
        .catch(() => undefined);
      expect(await q().size()).toBe(1);
      expect(await q().reserve(1000)).toBeUndefined();
      expect(await q().extend(second, 1000)).toBe(true);
      await q().ack(second);
      expect(await q().size()).toBe(0);
    });

    it('keeps an extended lease past its first expiry', async () => {
      await q().enqueue(id());
      const lease = (await q().reserve(150))!;
      await sleep(80);
      expect(await q().extend(lease, 300)).toBe(true);
      await sleep(120);
      expect(await q().reserve(1000)).toBeUndefined();
      await q().ack(lease);
      expect(await q().size()).toBe(0);
    });

    it('removes an acked entry for good', async () => {
      await q().enqueue(id());
      const lease = (await q().reserve(100))!;
      await q().ack(lease);
      expect(await q().size()).toBe(0);
      await sleep(150);
      expect(await q().reserve(100)).toBeUndefined();
      expect(await q().extend(lease, 100)).toBe(false);
    });

    it('redelivers a nacked entry after its delay, or at once without one', async () => {
      const x = id();
      await q().enqueue(x);
      const first = (await q().reserve(5000))!;
      await q().nack(first, 150);
      expect(await q().size()).toBe(1);
      expect(await q().reserve(5000)).toBeUndefined();
      await sleep(200);
      const second = (await q().reserve(5000))!;
      expect(second).toMatchObject({ executionId: x, deliveries: 2 });
      await q().nack(second);
      expect(await q().reserve(5000)).toMatchObject({ executionId: x, deliveries: 3 });
    });

    it('delivers the trace context an entry was enqueued with, on every delivery', async () => {
      const traced = id();
      const plain = id();
      const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      await q().enqueue(traced, { traceparent });
      await q().enqueue(plain);
      const first = (await q().reserve(5000))!;
      expect(first).toMatchObject({ executionId: traced, traceparent });
      const other = (await q().reserve(5000))!;
      expect(other.executionId).toBe(plain);
      expect(other.traceparent).toBeUndefined();
      await q().nack(first);
      expect(await q().reserve(5000)).toMatchObject({ executionId: traced, deliveries: 2, traceparent });
    });

    it('consumes, acking on success, and wakes on enqueue', async () => {
      const seen: QueueLease[] = [];
      consume(async (lease) => {
        seen.push(lease);
      });
      await sleep(30);
      const x = id();
      await q().enqueue(x);
      await waitFor(async () => seen.length === 1 && (await q().size()) === 0, 2000);
      expect(seen[0]).toMatchObject({ executionId: x, deliveries: 1 });
    });

    it('wakes a consumer when a delayed entry becomes due', async () => {
      const seenAt: number[] = [];
      consume(async () => {
        seenAt.push(Date.now());
      });
      const start = Date.now();
      await q().enqueue(id(), { delayMs: 150 });
      await waitFor(() => seenAt.length === 1, 3000);
      expect(seenAt[0]! - start).toBeGreaterThanOrEqual(140);
    });

    it('nacks when the handler throws and delivers again', async () => {
      const deliveries: number[] = [];
      consume(async (lease) => {
        deliveries.push(lease.deliveries);
        if (lease.deliveries === 1) throw new Error('first try fails');
      });
      await q().enqueue(id());
      await waitFor(async () => deliveries.length === 2 && (await q().size()) === 0, 10_000);
      expect(deliveries).toEqual([1, 2]);
    });

    it('runs at most `concurrency` handlers at once, in parallel', async () => {
      let running = 0;
      let peak = 0;
      let done = 0;
      consume(async () => {
        running++;
        peak = Math.max(peak, running);
        await sleep(100);
        running--;
        done++;
      }, 3);
      const start = Date.now();
      for (let i = 0; i < 9; i++) await q().enqueue(id());
      await waitFor(() => done === 9, 5000);
      expect(peak).toBe(3);
      expect(Date.now() - start).toBeLessThan(800);
    });

    it('renews the lease of a running handler so it is not delivered twice', async () => {
      let calls = 0;
      consume(
        async () => {
          calls++;
          await sleep(400);
        },
        2,
        150,
      );
      await q().enqueue(id());
      await waitFor(async () => calls === 1 && (await q().size()) === 0, 3000);
      await sleep(100);
      expect(calls).toBe(1);
    });

    it('stop() waits for running handlers and takes no new deliveries', async () => {
      let finished = false;
      let started = 0;
      const c = consume(async () => {
        started++;
        await sleep(150);
        finished = true;
      });
      await q().enqueue(id());
      await waitFor(() => started === 1, 2000);
      await c.stop();
      expect(finished).toBe(true);
      await waitFor(async () => (await q().size()) === 0, 2000);
      await q().enqueue(id());
      await sleep(100);
      expect(started).toBe(1);
      expect(await q().size()).toBe(1);
    });

    it('processes 1,000 entries exactly once each', async () => {
      const ids = Array.from({ length: 1000 }, id);
      const counts = new Map<string, number>();
      consume(async (lease) => {
        counts.set(lease.executionId, (counts.get(lease.executionId) ?? 0) + 1);
        await sleep(0);
      }, 10);
      for (const x of ids) await q().enqueue(x);
      await waitFor(async () => counts.size === 1000 && (await q().size()) === 0, 20_000);
      await sleep(50);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(new Set(counts.keys())).toEqual(new Set(ids));
    });
  });
}
