/**
 * The one poll loop of the runtime's store-driven workers: the notification outbox (notifications.ts), schedule
 * firings (triggers/schedules.ts) and alert evaluations (alerts/evaluator.ts). Each round runs an optional
 * `before` step, claims a batch of due rows (with the store's `leaseDue`: `FOR UPDATE SKIP LOCKED` and a lease, so
 * any number of processes may poll at once) and hands the batch to `handle`. Rounds never overlap; `stop` waits for
 * the round in flight. Timers are unref'd (a loop alone does not keep the process up).
 */
import type { Logger } from '@agentflow/core';

export interface LeaseLoopOptions<T> {
  /** Logged with a failed round. */
  name: string;
  /** Claims what is due now (leased to this process). */
  claim(): Promise<T[]>;
  /** Works on the claimed batch; returns how many items it handled (what `runOnce` reports). */
  handle(batch: T[]): Promise<number>;
  /** Runs first in each round (e.g. writing due rows); its result is `runOnce`'s `before`. */
  before?(): Promise<number>;
  /** Between rounds. (Default: 1000) */
  pollMs?: number;
  /** ± this fraction of `pollMs` at random, so processes started together drift apart. (Default: 0) */
  jitter?: number;
  logger?: Logger;
}

export interface LeaseLoop {
  /** One round now: `before`, claim, handle. */
  runOnce(): Promise<{ before: number; claimed: number; handled: number }>;
  start(): void;
  /** Stops polling and waits for the round in flight. */
  stop(): Promise<void>;
}

export function createLeaseLoop<T>(options: LeaseLoopOptions<T>): LeaseLoop {
  const pollMs = options.pollMs ?? 1000;
  const jitter = options.jitter ?? 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = true;
  let running: Promise<unknown> = Promise.resolve();

  async function runOnce() {
    const before = options.before ? await options.before() : 0;
    const batch = await options.claim();
    const handled = batch.length > 0 ? await options.handle(batch) : 0;
    return { before, claimed: batch.length, handled };
  }

  function schedule(): void {
    if (stopped) return;
    const delay = pollMs * (1 - jitter + Math.random() * 2 * jitter);
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error) => options.logger?.error(`${options.name} failed`, { error: String(error) }))
        .finally(schedule);
    }, delay);
    timer.unref?.();
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
