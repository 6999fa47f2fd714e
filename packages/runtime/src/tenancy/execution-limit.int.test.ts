import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter, type RateLimiter } from '../auth/rate-limit.js';
import { createExecutionGate, type ExecutionGate } from './execution-limit.js';

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) {
  console.warn(
    'execution-limit.int.test.ts: skipped, REDIS_URL is not set (CI sets it; see shared/ci/services.sh)',
  );
}

describe.skipIf(!REDIS_URL)('execution limit shared through Redis (REDIS_URL)', () => {
  const prefix = `af:test:exec:${randomBytes(4).toString('hex')}:`;
  const limiters: RateLimiter[] = [];
  const gates: ExecutionGate[] = [];
  let admin: Redis;

  beforeAll(async () => {
    // Two API processes: each its own limiter and gate, one Redis.
    for (let i = 0; i < 2; i++) {
      const limiter = createRateLimiter({ redisUrl: REDIS_URL!, keyPrefix: prefix });
      limiters.push(limiter);
      gates.push(
        createExecutionGate({
          limiter,
          planOf: async () => 'free',
          limits: { free: { limit: 4, windowMs: 60_000 } },
        }),
      );
    }
    admin = new Redis(REDIS_URL!);
    await Promise.all(limiters.map((l) => l.ready()));
  });
  afterAll(async () => {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
    await Promise.all(limiters.map((l) => l.close()));
  });

  const subject = { workflowId: 'wf', status: 'active' as const, via: 'api' as const };
  it('counts starts from every process against one per-workspace budget', async () => {
    const scope = { workspaceId: 'ws-shared' };
    let started = 0;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        gates[i % 2]!.admit(scope, subject, async () => {
          started++;
        }),
      ),
    );
    expect(started).toBe(4);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused).toHaveLength(6);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'AF_RATE_LIMITED' });
    await expect(gates[1]!.ensure(scope, 1)).rejects.toMatchObject({ code: 'AF_RATE_LIMITED' });
    // Another workspace has its own budget; a failed start gives its unit back.
    const other = { workspaceId: 'ws-other' };
    await expect(
      gates[0]!.admit(other, subject, async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    await expect(gates[1]!.ensure(other, 4)).resolves.toBeUndefined();
  });
});
