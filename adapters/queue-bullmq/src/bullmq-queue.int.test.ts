import { randomUUID } from 'node:crypto';
import { defineQueueContract } from '@agentflow/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createBullmqQueue } from './bullmq-queue.js';

const url = process.env.REDIS_URL;

describe.skipIf(!url)('BullMQ queue (needs REDIS_URL)', () => {
  const admin = url ? new Redis(url) : undefined;
  afterAll(async () => {
    await admin?.quit();
  });

  /** Every test gets its own prefix; its keys are deleted afterwards. */
  defineQueueContract('bullmq', async () => {
    const prefix = `aftest-${randomUUID()}`;
    return {
      queue: createBullmqQueue({ connection: url!, prefix }),
      cleanup: async () => {
        const keys = await admin!.keys(`${prefix}:*`);
        if (keys.length > 0) await admin!.del(...keys);
      },
    };
  });

  it('enqueues an id once while it waits or is reserved, and again after it was acked', async () => {
    const prefix = `aftest-${randomUUID()}`;
    const queue = createBullmqQueue({ connection: url!, prefix });
    try {
      const id = randomUUID();
      await queue.enqueue(id);
      await queue.enqueue(id);
      expect(await queue.size()).toBe(1);
      const lease = (await queue.reserve(5000))!;
      await queue.enqueue(id);
      expect(await queue.reserve(5000)).toBeUndefined();
      await queue.ack(lease);
      expect(await queue.size()).toBe(0);
      await queue.enqueue(id);
      expect(await queue.reserve(5000)).toMatchObject({ executionId: id, deliveries: 1 });
    } finally {
      await queue.close?.();
      const keys = await admin!.keys(`${prefix}:*`);
      if (keys.length > 0) await admin!.del(...keys);
    }
  });
});
