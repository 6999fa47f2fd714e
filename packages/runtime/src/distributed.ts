import type { Engine, EventListener, Logger } from '@agentflow/core';
import { createRedisEventRelay, type EventRelay } from '@agentflow/queue-bullmq';
import type { RuntimeConfig } from './config.js';

/**
 * What a process does in distributed mode (DATABASE_URL + REDIS_URL). `all` (the default) serves the API and runs
 * the executions it starts, as a single process does; `api` serves the API and hands executions to the queue;
 * `worker` runs queued executions and serves nothing.
 */
export type RuntimeRole = 'all' | 'api' | 'worker';

/** Execution events across processes: this engine's, plus those other processes relay over Redis. */
export interface EventFeed {
  /** Every event this process can see, each once: its engine's and, when relayed, the other processes'. */
  on(listener: EventListener): () => void;
  close(): Promise<void>;
}

/** Keys and channels of one deployment: the PostgreSQL schema separates deployments (and test runs). */
export function redisNamespace(config: RuntimeConfig): string {
  return config.databaseSchema ?? 'public';
}

/**
 * Publishes this engine's events to Redis and, unless this process is a worker (nobody watches a worker),
 * subscribes to the other processes' events. Without Redis (or without PostgreSQL: one process) the feed is the
 * engine's own events.
 */
export async function createEventFeed(
  config: RuntimeConfig,
  engine: Engine,
  role: RuntimeRole,
  logger?: Logger,
): Promise<EventFeed> {
  const relayed = new Set<EventListener>();
  let relay: EventRelay | undefined;
  let stopPublishing: (() => void) | undefined;
  if (config.databaseUrl && config.redisUrl) {
    const relayTo = createRedisEventRelay({
      connection: config.redisUrl,
      channel: `agentflow:${redisNamespace(config)}:events`,
      onError: (error) => logger?.warn('event relay failed', { error: String(error) }),
    });
    relay = relayTo;
    stopPublishing = engine.on('event', (event) => relayTo.publish(event));
    if (role !== 'worker') {
      try {
        await relayTo.subscribe((event) => {
          for (const listener of relayed) listener(event);
        });
      } catch (error) {
        stopPublishing();
        await relayTo.close();
        throw error;
      }
    }
  }
  return {
    on(listener) {
      const offLocal = engine.on('event', listener);
      relayed.add(listener);
      return () => {
        offLocal();
        relayed.delete(listener);
      };
    },
    async close() {
      stopPublishing?.();
      relayed.clear();
      await relay?.close();
    },
  };
}
