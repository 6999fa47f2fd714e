import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { RECLAIM_BULLMQ_VERSION } from './bullmq-queue.js';

describe('the reclaim script is pinned to the BullMQ it reads the internals of', () => {
  it('runs against the BullMQ version it was written for', () => {
    const require = createRequire(import.meta.url);
    const installed = (require('bullmq/package.json') as { version: string }).version;
    expect(installed).toBe(RECLAIM_BULLMQ_VERSION);
  });
});
