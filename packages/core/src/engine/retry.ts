import type { ErrorInfo, RetryPolicy } from '@agentflow/protocol';

/** Whether a failed attempt should be retried under `policy`. */
export function shouldRetry(policy: RetryPolicy, error: ErrorInfo): boolean {
  if (policy.retryOn) return policy.retryOn.includes(error.code);
  return error.retryable === true;
}

/** What a backoff is computed from: the engine's `RetryPolicy` and the model adapter's retry options. */
export interface Backoff {
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
  /** (Default: 'full') */
  jitter?: 'full' | 'none';
  /** Longest Retry-After waited for. (Default: maxDelayMs x 10) */
  maxRetryAfterMs?: number;
}

/**
 * Delay before retry number `attempt` (1 = first retry): exponential (initial x multiplier^(attempt-1)), capped
 * at maxDelayMs, with full jitter (a random value below it). The one Retry-After rule: a longer Retry-After
 * wins; one longer than `maxRetryAfterMs` is not waited for, and the answer is undefined (give up, or fall back).
 */
export function backoffDelay(
  policy: Backoff,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number | undefined {
  const maxRetryAfterMs = policy.maxRetryAfterMs ?? policy.maxDelayMs * 10;
  if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) return undefined;
  const computed = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** (attempt - 1));
  const delay = (policy.jitter ?? 'full') === 'full' ? Math.floor(random() * computed) : computed;
  return Math.max(delay, retryAfterMs ?? 0);
}
