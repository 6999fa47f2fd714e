/**
 * The one poll loop of the runtime's store-driven workers: the notification outbox (notifications.ts), schedule
 * firings (triggers/schedules.ts), alert evaluations (alerts/evaluator.ts) and the recovery sweep of a process
 * without a queue (runtime.ts, `recover`: its claim is the engine's `recoverOrphans`). Each round runs an optional
 * `before` step, claims a batch of due rows (with the store's `leaseDue`: `FOR UPDATE SKIP LOCKED` and a lease, so
 * any number of processes may poll at once) and hands the batch to `handle`. Rounds never overlap; `stop` waits for
 * the round in flight. Timers are unref'd (a loop alone does not keep the process up).
 *
 * A loop given `nextDue` does not poll: between rounds it reads when its next row falls due (one small indexed
 * read) and sleeps until then, at most `maxSleepMs` (so rows other processes write are seen within it), and runs a
 * round only when something is due. A round that made progress is followed at once by another check (the batch
 * may not have taken everything due); a round that found work due but moved none of it (e.g. firings queued
 * behind a running execution) waits `pollMs`. `wake()` ends the sleep at once: this process just wrote a row.
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
  /**
   * Between rounds without `nextDue`; with it, after a round that moved nothing although something was due.
   * (Default: 1000)
   */
  pollMs?: number;
  /** ± this fraction of `pollMs` and `maxSleepMs` at random, so processes started together drift apart. (Default: 0) */
  jitter?: number;
  /**
   * When the next round has work: a time on `now`'s clock (ms), at or before `now()` when something is due now,
   * undefined when nothing is known to fall due. Given it, the loop sleeps until then instead of polling.
   */
  nextDue?(): Promise<number | undefined>;
  /** The clock `nextDue` answers on. (Default: Date.now) */
  now?: () => number;
  /** The longest sleep with `nextDue`. (Default: 5000) */
  maxSleepMs?: number;
  logger?: Logger;
}

export interface LeaseLoop {
  /** One round now: `before`, claim, handle. */
  runOnce(): Promise<{ before: number; claimed: number; handled: number }>;
  start(): void;
  /** Stops polling and waits for the round in flight. */
  stop(): Promise<void>;
  /** Checks for due work at once (after the round in flight, if any) instead of at the end of the sleep. */
  wake(): void;
}

export function createLeaseLoop<T>(options: LeaseLoopOptions<T>): LeaseLoop {
  const pollMs = options.pollMs ?? 1000;
  const maxSleepMs = options.maxSleepMs ?? 5000;
  const jitter = options.jitter ?? 0;
  const now = options.now ?? Date.now;
  const jittered = (ms: number) => ms * (1 - jitter + Math.random() * 2 * jitter);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = true;
  let inFlight = false;
  let woken = false;
  let running: Promise<unknown> = Promise.resolve();

  async function runOnce() {
    const before = options.before ? await options.before() : 0;
    const batch = await options.claim();
    const handled = batch.length > 0 ? await options.handle(batch) : 0;
    return { before, claimed: batch.length, handled };
  }

  /** One step of the running loop; returns how long to wait before the next. */
  async function step(): Promise<number> {
    if (!options.nextDue) {
      await runOnce();
      return jittered(pollMs);
    }
    const due = await options.nextDue();
    const wait = due === undefined ? Number.POSITIVE_INFINITY : due - now();
    if (wait > 0) return Math.min(wait, jittered(maxSleepMs));
    const round = await runOnce();
    return round.before > 0 || round.handled > 0 ? 0 : jittered(pollMs);
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      inFlight = true;
      woken = false;
      running = step()
        .catch((error) => {
          options.logger?.error(`${options.name} failed`, { error: String(error) });
          return jittered(pollMs);
        })
        .then((next) => {
          inFlight = false;
          schedule(woken ? 0 : next);
        });
    }, delay);
    timer.unref?.();
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(jittered(pollMs));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
    wake() {
      if (stopped) return;
      if (inFlight) {
        woken = true;
        return;
      }
      if (timer) clearTimeout(timer);
      schedule(0);
    },
  };
}
