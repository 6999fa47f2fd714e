import { describe, expect, it } from 'vitest';
import { createRateLimiter, INTERACTIVE_FACTOR, RATE_LIMITS } from './rate-limit.js';

describe('rate limiter (in process)', () => {
  it('has the brief tiers: anonymous 10/min, free 100/h, pro 1000/h, enterprise 10000/h', () => {
    expect(RATE_LIMITS).toEqual({
      anonymous: { limit: 10, windowMs: 60_000 },
      free: { limit: 100, windowMs: 3_600_000 },
      pro: { limit: 1_000, windowMs: 3_600_000 },
      enterprise: { limit: 10_000, windowMs: 3_600_000 },
    });
  });

  it('allows up to the limit in a window, then refuses with retryAfterMs until the window ends', async () => {
    let t = 1_000_000;
    const limiter = createRateLimiter({ now: () => t });
    expect(limiter.backend).toBe('memory');
    for (let i = 1; i <= 10; i++) {
      const r = await limiter.hitRequest(undefined, '10.0.0.1');
      expect(r).toMatchObject({ allowed: true, remaining: 10 - i, limit: 10 });
    }
    t += 15_000;
    const refused = await limiter.hitRequest(undefined, '10.0.0.1');
    expect(refused).toEqual({
      allowed: false,
      limit: 10,
      remaining: 0,
      resetMs: 45_000,
      retryAfterMs: 45_000,
    });
    // Another IP has its own counter.
    expect((await limiter.hitRequest(undefined, '10.0.0.2')).allowed).toBe(true);
    t += 45_000;
    expect(await limiter.hitRequest(undefined, '10.0.0.1')).toMatchObject({ allowed: true, remaining: 9 });
  });

  it('limits signed-in callers per user at their plan tier', async () => {
    const limiter = createRateLimiter();
    const free = { userId: 'u-free', plan: 'free' as const };
    const pro = { userId: 'u-pro', plan: 'pro' as const };
    let last = await limiter.hitRequest(free, 'ip');
    for (let i = 1; i < 100; i++) last = await limiter.hitRequest(free, 'ip');
    expect(last).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.hitRequest(free, 'ip')).toMatchObject({ allowed: false, limit: 100 });
    expect(await limiter.hitRequest(pro, 'ip')).toMatchObject({ allowed: true, limit: 1000, remaining: 999 });
    await limiter.reset('user:u-free', 'free');
    expect((await limiter.hitRequest(free, 'ip')).allowed).toBe(true);
  });

  it("counts a browser session's requests apart, at INTERACTIVE_FACTOR times the plan's limit", async () => {
    const limiter = createRateLimiter();
    const free = { userId: 'u-web', plan: 'free' as const };
    for (let i = 0; i < 100; i++) await limiter.hitRequest(free, 'ip');
    expect((await limiter.hitRequest(free, 'ip')).allowed).toBe(false);
    // The API budget is spent; the web app's session still has its own.
    const first = await limiter.hitRequest(free, 'ip', true);
    expect(first).toMatchObject({ allowed: true, limit: 100 * INTERACTIVE_FACTOR });
    let last = first;
    for (let i = 1; i < 100 * INTERACTIVE_FACTOR; i++) last = await limiter.hitRequest(free, 'ip', true);
    expect(last).toMatchObject({ allowed: true, remaining: 0 });
    expect((await limiter.hitRequest(free, 'ip', true)).allowed).toBe(false);
  });

  it('keeps memory bounded: expired windows go first, then the oldest', async () => {
    let t = 0;
    const limiter = createRateLimiter({ maxKeys: 3, now: () => t });
    const rule = { limit: 1, windowMs: 1_000 };
    await limiter.hit('a', rule);
    await limiter.hit('b', rule);
    t = 500;
    await limiter.hit('c', rule);
    t = 1_200; // a and b expired
    await limiter.hit('d', rule);
    expect((await limiter.hit('c', rule)).allowed).toBe(false); // c survived the sweep
    await limiter.hit('e', rule); // c, d, e: full
    await limiter.hit('f', rule); // nothing expired: the oldest (c) is dropped
    expect((await limiter.hit('c', rule)).allowed).toBe(true);
  });
});
