import { randomUUID } from 'node:crypto';
import {
  type ConsumeOptions,
  type Consumer,
  consumeSettings,
  type Queue,
  type QueueLease,
} from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import type { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { loadBullmq, loadIoredis } from './lazy-deps.js';

export interface BullmqQueueOptions {
  /** A Redis URL, or an ioredis client (created with `maxRetriesPerRequest: null`; not closed by the queue). */
  connection: string | Redis;
  /** Queue name. (Default: 'executions') */
  name?: string;
  /** Key prefix in Redis: every key of the queue starts with `<prefix>:<name>:`. (Default: 'agentflow') */
  prefix?: string;
}

/** Redelivery delay after a handler throws: 100 ms doubled per delivery, capped at 5 s (as the memory queue). */
const RETRY_BASE_MS = 100;
const RETRY_MAX_MS = 5_000;
/**
 * How often each consumer moves expired reservations back: every `leaseMs / 2`, at most every second (a dead
 * worker's job is back in the wait list at most ~1 s after its lock expired; one short Lua pass over the active
 * list), at least every 50 ms.
 */
const RECLAIM_MAX_MS = 1_000;
const reclaimPeriod = (leaseMs: number) => Math.max(50, Math.min(leaseMs / 2, RECLAIM_MAX_MS));
/** How long an idle consumer blocks on Redis before looking again, seconds (also bounds `stop()`). */
const BLOCK_SECONDS = 1;

/**
 * The BullMQ version whose Redis layout (`active`, `wait`, `marker`, `stalled` and `<id>:lock` keys) RECLAIM was
 * written against: the one script here that reads BullMQ's internal keys. bullmq-version.test.ts fails when the
 * installed BullMQ is another version; check the script against its Lua scripts, then change this.
 */
export const RECLAIM_BULLMQ_VERSION = '6.7.0';

/**
 * Moves every active job whose lock has expired back to the front of the wait list and wakes blocked workers
 * (BullMQ's marker). BullMQ's own stalled check needs two passes an interval apart and is throttled per queue;
 * a reservation must see an expired lease at once, so this is one atomic pass over BullMQ's keys.
 */
const RECLAIM = `
local active = redis.call('LRANGE', KEYS[1], 0, -1)
local moved = 0
for _, id in ipairs(active) do
  if redis.call('EXISTS', ARGV[1] .. id .. ':lock') == 0 then
    redis.call('LREM', KEYS[1], 1, id)
    redis.call('SREM', KEYS[4], id)
    redis.call('RPUSH', KEYS[2], id)
    moved = moved + 1
  end
end
if moved > 0 then redis.call('ZADD', KEYS[3], 0, '0') end
return moved`;

/** Errors BullMQ raises when a token no longer holds its job (lock missing or taken by another token). */
function isLostLock(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /lock|Missing key|not in the active state/i.test(message);
}

/**
 * The Queue port on BullMQ (Redis). Jobs carry only the execution id, which is also the job id (and the W3C
 * `traceparent` when one is given, see `EnqueueOptions`): enqueueing an
 * id that is still waiting, delayed or reserved is a no-op. Reservations are BullMQ locks (the lease token is
 * the lock token) taken by a worker without a processor (`getNextJob`); ack completes and removes the job,
 * nack moves it back (delayed when asked), `deliveries` is BullMQ's `attemptsStarted`. An expired reservation
 * is moved back to wait by the next `reserve` and by every consumer every `min(leaseMs / 2, 1 s)`.
 */
export function createBullmqQueue(options: BullmqQueueOptions): Queue {
  const name = options.name ?? 'executions';
  const prefix = options.prefix ?? 'agentflow';
  const { Queue: BullQueue, Job, Worker } = loadBullmq();
  const ownsConnection = typeof options.connection === 'string';
  const redis =
    typeof options.connection === 'string'
      ? new (loadIoredis().Redis)(options.connection, { maxRetriesPerRequest: null })
      : options.connection;
  const bull = new BullQueue(name, { connection: redis, prefix });
  const key = (suffix: string) => `${prefix}:${name}:${suffix}`;
  const workerOptions = (lockDuration: number) => ({
    connection: redis,
    prefix,
    autorun: false,
    lockDuration,
    drainDelay: BLOCK_SECONDS,
    skipStalledCheck: true,
    skipLockRenewal: true,
  });
  /** Worker used by `reserve`: never blocks, so it needs no connection of its own until asked. */
  let reserver: Worker | undefined;
  /** Jobs of reservations made here, by token, so ack/extend need no extra round trip. */
  const held = new Map<string, Job>();
  const consumers = new Set<Consumer>();
  let closed = false;

  const reclaim = () =>
    redis.eval(RECLAIM, 4, key('active'), key('wait'), key('marker'), key('stalled'), key(''));

  function leaseOf(job: Job, token: string): QueueLease {
    held.set(token, job);
    const lease: QueueLease = { executionId: job.id!, token, deliveries: job.attemptsStarted };
    const traceparent = (job.data as { traceparent?: unknown } | undefined)?.traceparent;
    if (typeof traceparent === 'string') lease.traceparent = traceparent;
    return lease;
  }

  async function jobOf(lease: QueueLease): Promise<Job | undefined> {
    return held.get(lease.token) ?? (await Job.fromId(bull, lease.executionId));
  }

  /** Runs a settle operation; a token that lost its job is ignored, as the port asks. */
  async function settle(lease: QueueLease, op: (job: Job) => Promise<unknown>): Promise<void> {
    const job = await jobOf(lease);
    held.delete(lease.token);
    if (!job) return;
    try {
      await op(job);
    } catch (error) {
      if (!isLostLock(error)) throw error;
    }
  }

  async function nack(lease: QueueLease, delayMs = 0): Promise<void> {
    await settle(lease, (job) =>
      delayMs > 0 ? job.moveToDelayed(Date.now() + delayMs, lease.token) : job.moveToWait(lease.token),
    );
  }

  async function extend(lease: QueueLease, leaseMs: number): Promise<boolean> {
    if (!(leaseMs > 0)) throw new RangeError(`leaseMs must be > 0, got ${leaseMs}`);
    const job = await jobOf(lease);
    if (!job) return false;
    return (await job.extendLock(lease.token, leaseMs)) === 1;
  }

  const queue: Queue = {
    async enqueue(executionId, opts = {}) {
      if (closed) throw new AgentFlowError('AF_INTERNAL', 'queue is closed');
      await bull.add(
        'execution',
        // The trace context travels with the job: the worker's execution span continues the API process's trace.
        opts.traceparent === undefined ? {} : { traceparent: opts.traceparent },
        {
          jobId: executionId,
          delay: Math.max(0, opts.delayMs ?? 0),
          removeOnComplete: true,
          removeOnFail: true,
        },
      );
    },

    async reserve(leaseMs) {
      if (!(leaseMs > 0)) throw new RangeError(`leaseMs must be > 0, got ${leaseMs}`);
      if (!reserver) {
        reserver = new Worker(name, null, workerOptions(leaseMs));
        reserver.on('error', () => undefined);
      }
      await reclaim();
      const token = randomUUID();
      const job = await reserver.getNextJob(token, { block: false });
      if (!job) return undefined;
      // The lock was taken for the reserver's first lease length; set this reservation's own.
      await job.extendLock(token, leaseMs);
      return leaseOf(job, token);
    },

    extend,

    async ack(lease) {
      await settle(lease, (job) => job.moveToCompleted(null, lease.token, false));
    },

    nack,

    consume(handler, consumeOptions: ConsumeOptions = {}) {
      if (closed) throw new AgentFlowError('AF_INTERNAL', 'queue is closed');
      const { concurrency, leaseMs } = consumeSettings(consumeOptions);
      const consumer = startConsumer(handler, concurrency, leaseMs);
      consumers.add(consumer);
      return {
        stop: async () => {
          consumers.delete(consumer);
          await consumer.stop();
        },
      };
    },

    async size() {
      const counts = await bull.getJobCounts('wait', 'active', 'delayed', 'prioritized');
      return Object.values(counts).reduce((a, b) => a + b, 0);
    },

    async counts() {
      // BullMQ's own counts (one round trip); a reserved entry is an active job, a nacked one delayed.
      const c = await bull.getJobCounts('wait', 'prioritized', 'active', 'delayed');
      return {
        waiting: (c.wait ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...consumers].map((c) => c.stop()));
      await reserver?.close();
      await bull.close();
      if (ownsConnection) await redis.quit();
    },
  };

  function startConsumer(
    handler: (lease: QueueLease) => Promise<void>,
    concurrency: number,
    leaseMs: number,
  ): Consumer {
    const worker = new Worker(name, null, workerOptions(leaseMs));
    worker.on('error', () => undefined);
    const running = new Set<Promise<void>>();
    let stopped = false;
    const reclaimTimer = setInterval(() => void reclaim().catch(() => undefined), reclaimPeriod(leaseMs));
    reclaimTimer.unref();

    const run = (lease: QueueLease): void => {
      const renew = setInterval(
        () => {
          extend(lease, leaseMs).then(
            (ok) => ok || clearInterval(renew),
            () => undefined,
          );
        },
        Math.max(1, Math.floor(leaseMs / 2)),
      );
      renew.unref();
      const task = (async () => {
        try {
          await handler(lease);
          await queue.ack(lease);
        } catch {
          const delay = Math.min(RETRY_BASE_MS * 2 ** (lease.deliveries - 1), RETRY_MAX_MS);
          await nack(lease, delay).catch(() => undefined);
        } finally {
          clearInterval(renew);
        }
      })();
      running.add(task);
      void task.then(() => running.delete(task));
    };

    const loop = (async () => {
      while (!stopped) {
        if (running.size >= concurrency) {
          await Promise.race(running);
          continue;
        }
        const token = randomUUID();
        let job: Job | undefined;
        try {
          job = await worker.getNextJob(token, { block: true });
        } catch {
          if (!stopped) await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        if (!job) continue;
        const lease = leaseOf(job, token);
        // Taken while stopping: give it back untouched.
        if (stopped) await nack(lease).catch(() => undefined);
        else run(lease);
      }
    })();

    let stopping: Promise<void> | undefined;
    return {
      stop() {
        stopping ??= (async () => {
          stopped = true;
          clearInterval(reclaimTimer);
          // Forced: this worker runs no job itself (handlers are ours), and it ends the blocking wait at once.
          await worker.close(true);
          await loop;
          while (running.size > 0) await Promise.all([...running]);
        })();
        return stopping;
      },
    };
  }

  return queue;
}
