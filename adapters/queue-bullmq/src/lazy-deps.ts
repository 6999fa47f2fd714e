/**
 * BullMQ and ioredis load on first use, not when the package is imported: the runtime imports this adapter in
 * every process, and an embedded server (no REDIS_URL) never opens a queue (~30 MB of RSS saved). Both are
 * CommonJS builds loaded with `require`, so the factories stay synchronous; types come from type-only imports.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let bullmq: typeof import('bullmq') | undefined;
let ioredis: typeof import('ioredis') | undefined;

export function loadBullmq(): typeof import('bullmq') {
  bullmq ??= require('bullmq') as typeof import('bullmq');
  return bullmq;
}

export function loadIoredis(): typeof import('ioredis') {
  ioredis ??= require('ioredis') as typeof import('ioredis');
  return ioredis;
}
