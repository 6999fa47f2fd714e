export interface RetryOptions {
  /** Attempts per provider, the first included. (Default: 3) */
  maxAttempts: number;
  /** Backoff cap before the first retry, in ms. (Default: 500) */
  initialDelayMs: number;
  /** Cap on any backoff, in ms. (Default: 10000) */
  maxDelayMs: number;
  /** Growth of the cap per retry. (Default: 2) */
  multiplier: number;
  /**
   * Longest Retry-After honoured, in ms; a provider asking for longer is given up on at once and the fallback
   * chain continues. (Default: 30000)
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 3,
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  multiplier: 2,
  maxRetryAfterMs: 30_000,
};

/**
 * Delay before retry number `retry` (1 = first retry): exponential backoff with full jitter, a random value in
 * [0, min(maxDelay, initial * multiplier^(retry-1))]. A provider's Retry-After wins when it is longer.
 * Returns undefined when the Retry-After exceeds `maxRetryAfterMs` (do not wait; fall back).
 */
export function retryDelay(
  options: RetryOptions,
  retry: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number | undefined {
  if (retryAfterMs !== undefined && retryAfterMs > options.maxRetryAfterMs) return undefined;
  const cap = Math.min(options.maxDelayMs, options.initialDelayMs * options.multiplier ** (retry - 1));
  const jittered = Math.floor(random() * cap);
  return Math.max(jittered, retryAfterMs ?? 0);
}
