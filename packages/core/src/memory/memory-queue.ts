import { AgentFlowError } from '@agentflow/protocol';
import type { Clock } from '../ports/clock.js';
import type { ConsumeOptions, Consumer, Queue, QueueLease } from '../ports/queue.js';
import { consumeSettings } from '../util/consume-options.js';
import { MinHeap } from './min-heap.js';
import { systemClock } from './system-clock.js';

interface Job {
  executionId: string;
  /** Deliveries made so far. */
  deliveries: number;
  /** When the job may be delivered (ms, queue clock). */
  availableAt: number;
  /** Enqueue order: ties on `availableAt` are delivered first in, first out. */
  seq: number;
  /** The W3C trace context it was enqueued with. */
  traceparent?: string;
  /** Current reservation, when reserved. */
  token?: string;
  expiresAt?: number;
}

interface LeaseMark {
  token: string;
  expiresAt: number;
}

interface ConsumerState {
  fill(): void;
  stop(): Promise<void>;
}

/** Redelivery delay after a handler throws: 100 ms doubled per delivery, capped at 5 s. */
const RETRY_BASE_MS = 100;
const RETRY_MAX_MS = 5_000;

export interface MemoryQueueOptions {
  /**
   * Source of `now()` for delays and lease expiry. (Default: the system clock.) Wake-ups for delayed entries
   * and expired leases use real (unref'd) timers, so with a fake clock `reserve()` is exact but `consume()`
   * only sees time move when the fake clock does.
   */
  clock?: Clock;
}

/**
 * In-process Queue: the reference implementation of the port. At-least-once: a reservation not acked before its
 * lease expires is delivered again with `deliveries` incremented, and its old token can no longer ack, nack or
 * extend (stale calls resolve and change nothing). One entry per id (see `Queue.enqueue`): a duplicate enqueue
 * changes nothing until the entry is acked. enqueue/reserve/ack/nack/extend are O(log n); consumers wake on enqueue and on timers armed only for
 * the next delayed entry or lease expiry. `consume` renews each running delivery's lease every `leaseMs / 2`
 * and, when a handler throws, nacks with a delay of 100 ms doubled per delivery (capped at 5 s).
 */
export function createMemoryQueue(options: MemoryQueueOptions = {}): Queue {
  const clock = options.clock ?? systemClock;
  const waiting = new MinHeap<Job>((a, b) =>
    a.availableAt === b.availableAt ? a.seq < b.seq : a.availableAt < b.availableAt,
  );
  const reserved = new Map<string, Job>();
  /** Ids with an entry (waiting, delayed or reserved): one entry per id. */
  const entries = new Set<string>();
  const leaseMarks = new MinHeap<LeaseMark>((a, b) => a.expiresAt < b.expiresAt);
  const consumers = new Set<ConsumerState>();
  /** Consumers with a free slot, waiting for work. */
  const idle = new Set<ConsumerState>();
  let seq = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let wakeScheduled = false;

  /** Drops lease marks made obsolete by ack/nack/extend. */
  function liveMark(): LeaseMark | undefined {
    for (let m = leaseMarks.peek(); m; m = leaseMarks.peek()) {
      if (reserved.get(m.token)?.expiresAt === m.expiresAt) return m;
      leaseMarks.pop();
    }
    return undefined;
  }

  /** Moves every reservation whose lease has expired back to the waiting heap. */
  function reclaim(now: number): void {
    for (let m = liveMark(); m && m.expiresAt <= now; m = liveMark()) {
      leaseMarks.pop();
      const job = reserved.get(m.token)!;
      reserved.delete(m.token);
      job.token = undefined;
      job.expiresAt = undefined;
      job.availableAt = m.expiresAt;
      waiting.push(job);
    }
  }

  function reserveNow(leaseMs: number): QueueLease | undefined {
    const now = clock.now();
    reclaim(now);
    const top = waiting.peek();
    if (!top || top.availableAt > now) return undefined;
    waiting.pop();
    const token = globalThis.crypto.randomUUID();
    top.deliveries += 1;
    top.token = token;
    top.expiresAt = now + leaseMs;
    reserved.set(token, top);
    leaseMarks.push({ token, expiresAt: top.expiresAt });
    const lease: QueueLease = { executionId: top.executionId, token, deliveries: top.deliveries };
    if (top.traceparent !== undefined) lease.traceparent = top.traceparent;
    return lease;
  }

  /** The job a lease still holds, or undefined when the lease expired or was settled. */
  function held(lease: QueueLease): Job | undefined {
    reclaim(clock.now());
    return reserved.get(lease.token);
  }

  function extendNow(lease: QueueLease, leaseMs: number): boolean {
    const job = held(lease);
    if (!job) return false;
    job.expiresAt = clock.now() + leaseMs;
    leaseMarks.push({ token: lease.token, expiresAt: job.expiresAt });
    return true;
  }

  function ackNow(lease: QueueLease): void {
    const job = held(lease);
    if (!job) return;
    reserved.delete(lease.token);
    entries.delete(job.executionId);
  }

  function nackNow(lease: QueueLease, delayMs: number): void {
    const job = held(lease);
    if (!job) return;
    reserved.delete(lease.token);
    job.token = undefined;
    job.expiresAt = undefined;
    job.availableAt = clock.now() + Math.max(0, delayMs);
    waiting.push(job);
    wake();
  }

  /** Lets idle consumers look for work on the next microtask (batches bursts of enqueues). */
  function wake(): void {
    if (wakeScheduled || idle.size === 0) return;
    wakeScheduled = true;
    queueMicrotask(() => {
      wakeScheduled = false;
      for (const c of [...idle]) c.fill();
      armTimer();
    });
  }

  /** Keeps one timer for the next moment an idle consumer could get work (a delay ends or a lease expires). */
  function armTimer(): void {
    let next = Number.POSITIVE_INFINITY;
    if (idle.size > 0) {
      const top = waiting.peek();
      if (top) next = top.availableAt;
      const mark = liveMark();
      if (mark && mark.expiresAt < next) next = mark.expiresAt;
    }
    if (next === timerAt && timer) return;
    if (timer) clearTimeout(timer);
    timer = undefined;
    timerAt = next;
    if (next === Number.POSITIVE_INFINITY) return;
    const delay = Math.max(1, next - clock.now());
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      for (const c of [...idle]) c.fill();
      armTimer();
    }, delay);
    timer.unref();
  }

  function startConsumer(
    handler: (lease: QueueLease) => Promise<void>,
    concurrency: number,
    leaseMs: number,
  ): ConsumerState {
    const running = new Set<Promise<void>>();
    let stopped = false;

    const run = (lease: QueueLease): void => {
      const renew = setInterval(
        () => {
          if (!extendNow(lease, leaseMs)) clearInterval(renew);
        },
        Math.max(1, Math.floor(leaseMs / 2)),
      );
      renew.unref();
      const task = (async () => {
        try {
          await handler(lease);
          ackNow(lease);
        } catch {
          nackNow(lease, Math.min(RETRY_BASE_MS * 2 ** (lease.deliveries - 1), RETRY_MAX_MS));
        } finally {
          clearInterval(renew);
        }
      })();
      running.add(task);
      void task.then(() => {
        running.delete(task);
        state.fill();
        armTimer();
      });
    };

    const state: ConsumerState = {
      fill() {
        while (!stopped && running.size < concurrency) {
          const lease = reserveNow(leaseMs);
          if (!lease) break;
          run(lease);
        }
        if (!stopped && running.size < concurrency) idle.add(state);
        else idle.delete(state);
      },
      async stop() {
        stopped = true;
        idle.delete(state);
        consumers.delete(state);
        armTimer();
        while (running.size > 0) await Promise.all([...running]);
      },
    };
    return state;
  }

  return {
    async enqueue(executionId, opts = {}) {
      if (closed) throw new AgentFlowError('AF_INTERNAL', 'queue is closed');
      if (entries.has(executionId)) return;
      entries.add(executionId);
      const job: Job = {
        executionId,
        deliveries: 0,
        availableAt: clock.now() + Math.max(0, opts.delayMs ?? 0),
        seq: seq++,
      };
      if (opts.traceparent !== undefined) job.traceparent = opts.traceparent;
      waiting.push(job);
      wake();
      armTimer();
    },

    async reserve(leaseMs) {
      if (!(leaseMs > 0)) throw new RangeError(`leaseMs must be > 0, got ${leaseMs}`);
      return reserveNow(leaseMs);
    },

    async extend(lease, leaseMs) {
      if (!(leaseMs > 0)) throw new RangeError(`leaseMs must be > 0, got ${leaseMs}`);
      return extendNow(lease, leaseMs);
    },

    async ack(lease) {
      ackNow(lease);
    },

    async nack(lease, delayMs = 0) {
      nackNow(lease, delayMs);
      armTimer();
    },

    consume(handler, consumeOptions: ConsumeOptions = {}): Consumer {
      if (closed) throw new AgentFlowError('AF_INTERNAL', 'queue is closed');
      const { concurrency, leaseMs } = consumeSettings(consumeOptions);
      const state = startConsumer(handler, concurrency, leaseMs);
      consumers.add(state);
      state.fill();
      armTimer();
      let stopping: Promise<void> | undefined;
      return {
        stop: () => {
          stopping ??= state.stop();
          return stopping;
        },
      };
    },

    async size() {
      return waiting.size + reserved.size;
    },

    async counts() {
      const at = clock.now();
      const delayed = waiting.values().filter((job) => job.availableAt > at).length;
      return { waiting: waiting.size - delayed, active: reserved.size, delayed };
    },

    async close() {
      closed = true;
      await Promise.all([...consumers].map((c) => c.stop()));
      if (timer) clearTimeout(timer);
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
    },
  };
}
