import { describe, expect, it } from 'vitest';
import { backoffDelay } from './retry.js';

describe('backoffDelay (the one backoff of the engine and the model adapter)', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2, maxRetryAfterMs: 5000 };

  it('draws a full-jitter delay in [0, min(max, initial * multiplier^n)]', () => {
    expect(backoffDelay(policy, 1, undefined, () => 0)).toBe(0);
    expect(backoffDelay(policy, 1, undefined, () => 0.5)).toBe(50);
    expect(backoffDelay(policy, 3, undefined, () => 0.999)).toBe(399);
    expect(backoffDelay(policy, 10, undefined, () => 0.999)).toBe(999);
    expect(backoffDelay({ ...policy, jitter: 'none' }, 2, undefined, () => 0)).toBe(200);
  });

  it('waits at least the Retry-After, and not at all when it exceeds the limit (default: maxDelayMs x 10)', () => {
    expect(backoffDelay(policy, 1, 2000, () => 0.5)).toBe(2000);
    expect(backoffDelay(policy, 4, 10, () => 0.999)).toBe(799);
    expect(backoffDelay(policy, 1, 5001, () => 0.5)).toBeUndefined();
    const { maxRetryAfterMs: _, ...noLimit } = policy;
    expect(backoffDelay(noLimit, 1, 10_000, () => 0)).toBe(10_000);
    expect(backoffDelay(noLimit, 1, 10_001, () => 0)).toBeUndefined();
  });
});
