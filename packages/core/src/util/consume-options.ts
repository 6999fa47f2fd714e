import type { ConsumeOptions } from '../ports/queue.js';

/** A queue consumer's settings with the port's defaults (1 at a time, 30 s leases); RangeError when invalid. */
export function consumeSettings(options: ConsumeOptions = {}): { concurrency: number; leaseMs: number } {
  const concurrency = options.concurrency ?? 1;
  const leaseMs = options.leaseMs ?? 30_000;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be an integer >= 1, got ${concurrency}`);
  }
  if (!(leaseMs > 0)) throw new RangeError(`leaseMs must be > 0, got ${leaseMs}`);
  return { concurrency, leaseMs };
}
