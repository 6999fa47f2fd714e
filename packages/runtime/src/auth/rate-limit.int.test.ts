import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) {
  console.warn(
    'rate-limit.int.test.ts: skipped, REDIS_URL is not set (CI sets it; see shared/ci/services.sh)',
  );
}

describe.skipIf(!REDIS_URL)('rate limiter on Redis (REDIS_URL)', () => {
  const prefix = `af:test:rl:${randomBytes(4).toString('hex')}:`;
  let a: RateLimiter;
  let b: RateLimiter;
  let admin: Redis;

  beforeAll(async () => {
    // Two limiters = two API processes sharing one Redis.
    a = createRateLimiter({ redisUrl: REDIS_URL!, keyPrefix: prefix });
    b = createRateLimiter({ redisUrl: REDIS_URL!, keyPrefix: prefix });
    admin = new Redis(REDIS_URL!);
    await Promise.all([a.ready(), b.ready()]);
  });
  afterAll(async () => {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
    await a.close();
    await b.close();
  });

  it('shares one counter between processes and refuses over the limit with retryAfterMs', async () => {
    expect(a.backend).toBe('redis');
    const rule = { limit: 5, windowMs: 10_000 };
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await (i % 2 ? b : a).hit('shared', rule));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
    expect(results[4]!.remaining).toBe(0);
    const refused = results[5]!;
    expect(refused.retryAfterMs).toBeGreaterThan(9_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(10_000);
    const ttl = await admin.pttl(`${prefix}shared:10000`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10_000);
  });

  it('counts concurrent hits atomically', async () => {
    const rule = { limit: 50, windowMs: 10_000 };
    const results = await Promise.all(
      Array.from({ length: 80 }, (_, i) => (i % 2 ? a : b).hit('burst', rule)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(50);
    expect(Number(await admin.get(`${prefix}burst:10000`))).toBe(80);
  });

  it('starts a new window when the old one expires, and applies the plan tiers per user', async () => {
    const rule = { limit: 1, windowMs: 150 };
    expect((await a.hit('short', rule)).allowed).toBe(true);
    expect((await b.hit('short', rule)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect((await b.hit('short', rule)).allowed).toBe(true);

    const user = { userId: `u-${randomBytes(3).toString('hex')}`, plan: 'pro' as const };
    expect(await a.hitRequest(user, '1.2.3.4')).toMatchObject({ allowed: true, limit: 1000, remaining: 999 });
    expect(await b.hitRequest(user, '1.2.3.4')).toMatchObject({ remaining: 998 });
    expect(await a.hitRequest(undefined, '1.2.3.4')).toMatchObject({ limit: 10, remaining: 9 });
  });

  it('falls back to in-process counting when Redis is unreachable', async () => {
    const down = createRateLimiter({ redisUrl: 'redis://127.0.0.1:1', keyPrefix: prefix });
    try {
      const rule = { limit: 2, windowMs: 10_000 };
      const seen = [];
      for (let i = 0; i < 3; i++) seen.push((await down.hit('offline', rule)).allowed);
      expect(seen).toEqual([true, true, false]);
    } finally {
      await down.close();
    }
  });
});
