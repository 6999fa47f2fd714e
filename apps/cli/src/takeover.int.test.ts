/**
 * Orphan takeover time in distributed mode (issue 12): two real `agentflow worker` processes with a 3 s lease;
 * the one running a step is SIGKILLed, and the other must resume the execution within lease + 5 s, every time.
 * The distribution over 20 kills is measured by `bench/takeover.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTakeoverHarness, type TakeoverHarness } from './test-support/takeover.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const LEASE_MS = 3000;
const KILLS = 3;

describe.skipIf(!databaseUrl || !redisUrl)('orphan takeover (needs DATABASE_URL and REDIS_URL)', () => {
  let harness: TakeoverHarness;

  beforeAll(async () => {
    harness = await startTakeoverHarness({
      databaseUrl: databaseUrl!,
      redisUrl: redisUrl!,
      leaseMs: LEASE_MS,
    });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  }, 60_000);

  it(`resumes a SIGKILLed worker's execution on the other worker within lease + 5 s (${KILLS} kills)`, async () => {
    const times: number[] = [];
    for (let i = 0; i < KILLS; i++) times.push(await harness.killOnce());
    // The bound the issue asks for; each takeover needs at least the lease to expire after the last heartbeat.
    for (const ms of times) {
      expect(ms).toBeGreaterThan(LEASE_MS / 2);
      expect(ms).toBeLessThanOrEqual(LEASE_MS + 5000);
    }
  }, 300_000);
});
