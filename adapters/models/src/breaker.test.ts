/**
 * The breaker's arithmetic (issue 12, item 1): a provider that is down is cut off within 5 calls and probed
 * again later; one that fails 30% of calls is not cut off. Outcomes are seeded, time is a number we move.
 */
import { describe, expect, it } from 'vitest';
import { type BreakerOptions, CircuitBreaker, DEFAULT_BREAKER } from './breaker.js';
import { seeded } from './test-support/index.js';

function breakerAt(options: Partial<BreakerOptions> = {}) {
  const clock = { now: 1_000_000 };
  const breaker = new CircuitBreaker({ ...DEFAULT_BREAKER, ...options }, () => clock.now);
  return { clock, breaker };
}

/** `calls` calls spaced `gapMs` apart failing with probability `rate`; how many were refused and how often it opened. */
function drive(rate: number, calls: number, gapMs: number, seed = 7) {
  const { clock, breaker } = breakerAt();
  const random = seeded(seed);
  let refused = 0;
  let opened = 0;
  for (let i = 0; i < calls; i++) {
    clock.now += gapMs;
    if (!breaker.tryAcquire()) {
      refused++;
      continue;
    }
    const before = breaker.state;
    if (random() < rate) breaker.failure();
    else breaker.success();
    if (before !== 'open' && breaker.state === 'open') opened++;
  }
  return { refused, opened };
}

describe('CircuitBreaker', () => {
  it('cuts a provider that is down off after 5 calls, for a fixed time that refusals do not extend', () => {
    const { clock, breaker } = breakerAt();
    let sent = 0;
    while (breaker.tryAcquire()) {
      sent++;
      breaker.failure();
    }
    expect(sent).toBe(5);
    expect(breaker.state).toBe('open');
    expect(breaker.retryInMs()).toBe(30_000);
    clock.now += 20_000;
    for (let i = 0; i < 100; i++) expect(breaker.tryAcquire()).toBe(false);
    // A straggler admitted before it opened fails now: the open time stays where it was.
    breaker.failure();
    expect(breaker.retryInMs()).toBe(10_000);
  });

  it('half-opens after the open time, admits 3 probes, and opens again when they fail', () => {
    const { clock, breaker } = breakerAt();
    for (let i = 0; i < 5; i++) breaker.failure();
    clock.now += 30_000;
    expect(breaker.state).toBe('half-open');
    expect([breaker.tryAcquire(), breaker.tryAcquire(), breaker.tryAcquire(), breaker.tryAcquire()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    breaker.failure();
    expect(breaker.state).toBe('half-open');
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.retryInMs()).toBe(30_000);
  });

  it('closes when most probes succeed (2 of 3), one failed probe notwithstanding', () => {
    const { clock, breaker } = breakerAt();
    for (let i = 0; i < 5; i++) breaker.failure();
    clock.now += 30_000;
    for (let i = 0; i < 3; i++) breaker.tryAcquire();
    breaker.success();
    breaker.failure();
    expect(breaker.state).toBe('half-open');
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('gives a probe slot back when the probe ended saying nothing (cancelled, bad request)', () => {
    const { clock, breaker } = breakerAt({ halfOpenProbes: 1 });
    for (let i = 0; i < 5; i++) breaker.failure();
    clock.now += 30_000;
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.release();
    expect(breaker.tryAcquire()).toBe(true);
    breaker.success();
    expect(breaker.state).toBe('closed');
  });

  it('cuts a provider that goes down after a busy healthy spell off within 12 calls', () => {
    const { clock, breaker } = breakerAt();
    for (let i = 0; i < 500; i++) {
      clock.now += 10;
      breaker.success();
    }
    let sent = 0;
    while (breaker.tryAcquire()) {
      sent++;
      breaker.failure();
    }
    expect(sent).toBe(12);
  });

  it('opens on the rate: 60% of at least 30 calls in the window', () => {
    const { breaker } = breakerAt({ consecutiveFailures: 100, maxConsecutiveFailures: 100 });
    const round = () => {
      breaker.success();
      breaker.success();
      breaker.failure();
      breaker.failure();
      breaker.failure();
    };
    for (let i = 0; i < 5; i++) round();
    expect(breaker.state).toBe('closed'); // 15 of 25: too few calls
    round();
    expect(breaker.state).toBe('open'); // 18 of 30
  });

  it('does not open on 5 failures in a row when the window holds a success', () => {
    const { breaker } = breakerAt();
    breaker.success();
    for (let i = 0; i < 11; i++) breaker.failure();
    expect(breaker.state).toBe('closed');
    breaker.failure();
    expect(breaker.state).toBe('open');
  });

  it('forgets outcomes older than the window', () => {
    const { clock, breaker } = breakerAt({ consecutiveFailures: 100, maxConsecutiveFailures: 100 });
    for (let i = 0; i < 25; i++) breaker.failure();
    clock.now += 31_000;
    for (let i = 0; i < 20; i++) breaker.success();
    for (let i = 0; i < 10; i++) breaker.failure();
    expect(breaker.state).toBe('closed'); // 10 of 30 in the window, not 35 of 55
  });

  it('never opens on a 30%-flaky provider with 60+ or under 20 calls a window (100,000 calls each)', () => {
    for (const gapMs of [10, 100, 300, 500, 2000]) {
      expect(drive(0.3, 100_000, gapMs), `one call every ${gapMs} ms`).toEqual({ refused: 0, opened: 0 });
    }
  });

  it('seldom opens on a 30%-flaky provider where the window holds about the minimum of calls', () => {
    // 30-43 calls a window: 60% of them failing is a 3.6-sigma event at 30 calls, seen now and then.
    for (const gapMs of [700, 800, 1000]) {
      const { refused, opened } = drive(0.3, 100_000, gapMs);
      console.info(
        `breaker, a call every ${gapMs} ms, 30% failures: opened ${opened} times, refused ${refused}`,
      );
      expect(refused / 100_000).toBeLessThan(0.01);
    }
  });

  it('keeps a provider that is down cut off: 3 probes or fewer per open period', () => {
    const { refused } = drive(1, 100_000, 100);
    // 100,000 calls over 10,000 s: 5 to open, then at most 2 probes every 30 s.
    expect(100_000 - refused).toBeLessThanOrEqual(5 + 2 * Math.ceil(10_000 / 30));
  });
});
