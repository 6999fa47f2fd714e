import type { SharedSignal } from './attempts.js';

/** Attempts sharing one abort controller (each may add a listener or two; Node warns past 10). */
const SHARED_SIGNAL_USERS = 4;

/**
 * The abort controllers of one execution's attempts, all aborted together when the execution is cancelled,
 * fails, times out or is interrupted. Attempts with a timeout get a controller of their own; the others share
 * one with a few siblings, because the first listener on a fresh AbortSignal costs ~4 µs in Node 20.
 */
export class AbortScope {
  aborted = false;
  private reason: unknown;
  private readonly controllers = new Set<AbortController>();
  private shard: { controller: AbortController; handed: number; active: number } | undefined;

  /** A controller of its own; aborted at once if the scope already is. */
  controller(): AbortController {
    const c = new AbortController();
    if (this.aborted) c.abort(this.reason);
    else this.controllers.add(c);
    return c;
  }

  /** A signal shared by at most SHARED_SIGNAL_USERS attempts; it leaves the scope once all of them released it. */
  shared(): SharedSignal {
    let shard = this.shard;
    if (!shard || shard.handed >= SHARED_SIGNAL_USERS) {
      shard = { controller: this.controller(), handed: 0, active: 0 };
      this.shard = shard;
    }
    shard.handed++;
    shard.active++;
    const s = shard;
    return {
      signal: s.controller.signal,
      release: () => {
        if (--s.active === 0 && s.handed >= SHARED_SIGNAL_USERS) this.controllers.delete(s.controller);
      },
    };
  }

  release(controller: AbortController): void {
    this.controllers.delete(controller);
  }

  /** True while any controller of a running attempt is live. */
  get busy(): boolean {
    return this.controllers.size > 0;
  }

  abort(reason: unknown): void {
    this.aborted = true;
    this.reason = reason;
    for (const c of this.controllers) c.abort(reason);
    this.controllers.clear();
  }
}
