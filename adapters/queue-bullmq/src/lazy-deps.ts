/**
 * BullMQ and ioredis load on first use, not when the package is imported: the runtime imports this adapter in
 * every process, and an embedded server (no REDIS_URL) never opens a queue (~30 MB of RSS saved). Both are
 * CommonJS builds loaded with `require`, so the factories stay synchronous; types come from type-only imports.
 * Both are optional peer dependencies: distributed mode installs them; missing, it fails with AF_VALIDATION naming
 * the package to install.
 */
import { createRequire } from 'node:module';
import { loadOptional } from '@agentflow/core';

const require = createRequire(import.meta.url);
const FEATURE = 'Redis (REDIS_URL: queues, event relay, shared rate limits)';
let bullmq: typeof import('bullmq') | undefined;
let ioredis: typeof import('ioredis') | undefined;

export function loadBullmq(): typeof import('bullmq') {
  bullmq ??= loadOptional(() => require('bullmq') as typeof import('bullmq'), 'bullmq', FEATURE);
  return bullmq;
}

export function loadIoredis(): typeof import('ioredis') {
  ioredis ??= loadOptional(() => require('ioredis') as typeof import('ioredis'), 'ioredis', FEATURE);
  return ioredis;
}
