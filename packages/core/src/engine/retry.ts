import type { ErrorInfo, RetryPolicy } from '@agentflow/protocol';

/** Whether a failed attempt should be retried under `policy`. */
export function shouldRetry(policy: RetryPolicy, error: ErrorInfo): boolean {
  if (policy.retryOn) return policy.retryOn.includes(error.code);
  return error.retryable === true;
}

/**
 * Delay before retry number `attempt` (1 = first retry): exponential, capped, with full jitter; a longer
 * Retry-After from the error wins.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs?: number,
  random = Math.random,
): number {
  const computed = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** (attempt - 1));
  const delay = policy.jitter === 'full' ? Math.floor(random() * computed) : computed;
  return retryAfterMs !== undefined ? Math.max(delay, Math.min(retryAfterMs, policy.maxDelayMs * 10)) : delay;
}
