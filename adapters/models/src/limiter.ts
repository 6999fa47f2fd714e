import { onAbort } from '@agentflow/core';

/** A counting semaphore: at most `limit` holders; waiters queue in order and can be aborted. */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiters: { resolve: () => void }[] = [];

  constructor(readonly limit: number) {}

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiters.length;
  }

  acquire(signal: AbortSignal): Promise<void> | undefined {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.active < this.limit) {
      this.active++;
      return undefined; // fast path: no promise
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve: () => {
          stop();
          resolve();
        },
      };
      const stop = onAbort(signal, () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal.reason);
      });
      this.waiters.push(waiter);
    });
  }

  release(): void {
    const next = this.waiters.shift();
    if (next)
      next.resolve(); // the slot passes straight to the next waiter
    else this.active--;
  }
}
