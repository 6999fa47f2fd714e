/**
 * Shared setup of the distributed-mode tests (real PostgreSQL and Redis): one deployment per test file, isolated
 * by its own PostgreSQL schema (which also names its queue and channels), with an API runtime and worker
 * runtimes. Not exported from the package.
 */

import type { AnyNodeType } from '@agentflow/core';
import { createBullmqQueue } from '@agentflow/queue-bullmq';
import { waitFor } from '@agentflow/testing';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import type { WorkOptions } from '../dispatch.js';
import { createRuntime, type Runtime } from '../runtime.js';

export interface Deployment {
  readonly schemaName: string;
  readonly env: Record<string, string | undefined>;
  readonly api: Runtime;
  readonly workers: Runtime[];
  /** Opens one more worker runtime; it takes work at once unless `work` is false. */
  addWorker(work?: WorkOptions | false): Promise<Runtime>;
  /** Resolves once the deployment's queue is empty (every id taken and acked). */
  drained(timeoutMs?: number): Promise<void>;
  /** Closes the runtimes, drops the schema and removes the deployment's Redis keys. */
  close(): Promise<void>;
}

export async function openDeployment(
  prefix: string,
  options: {
    workers?: number;
    work?: WorkOptions;
    nodeTypes?: AnyNodeType[];
    /** More environment for every runtime (egress allow-list, tool approval...). */
    env?: Record<string, string>;
    /** An OpenTelemetry SDK SpanExporter every runtime exports its spans to (tracing on). */
    traceExporter?: unknown;
  } = {},
): Promise<Deployment> {
  const redisUrl = process.env.REDIS_URL!;
  const schemaName = `${prefix}_${process.pid}_${Date.now()}`;
  const env = {
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: redisUrl,
    AGENTFLOW_DB_SCHEMA: schemaName,
    ...options.env,
  };
  const nodeTypes = {
    ...(options.nodeTypes ? { nodeTypes: options.nodeTypes } : {}),
    ...(options.traceExporter ? { traceExporter: options.traceExporter } : {}),
  };
  const api = await createRuntime({ env, role: 'api', ...nodeTypes });
  const workers: Runtime[] = [];
  async function addWorker(work: WorkOptions | false = options.work ?? {}): Promise<Runtime> {
    const worker = await createRuntime({ env, role: 'worker', ...nodeTypes });
    workers.push(worker);
    if (work) worker.work(work);
    return worker;
  }
  for (let i = 0; i < (options.workers ?? 2); i++) await addWorker();
  return {
    schemaName,
    env,
    api,
    workers,
    addWorker,
    async drained(timeoutMs = 5000) {
      const queue = createBullmqQueue({ connection: redisUrl, name: `executions-${schemaName}` });
      try {
        await waitFor(async () => (await queue.size()) === 0, timeoutMs);
      } finally {
        await queue.close?.();
      }
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await api.store.db.execute(sql.raw(`drop schema if exists "${schemaName}" cascade`));
      await api.close();
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`agentflow:*${schemaName}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}
