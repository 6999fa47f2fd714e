/** The retry options of a model call; the delay is the engine's one backoff rule (`backoffDelay`). */
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
