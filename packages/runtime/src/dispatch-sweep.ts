/**
 * The workers' orphan sweep: re-enqueues top-level executions nobody holds (running ones whose lease expired,
 * and queued ones never taken up), taking turns across the deployment through a Redis turn key.
 */
import { type Logger, type Queue, type Store, topLevelOrphans } from '@agentflow/core';
import { createRedisTurn, type RedisTurn } from '@agentflow/queue-bullmq';
import type { RuntimeConfig } from './config.js';
import { redisNamespace } from './distributed.js';

/**
 * The orphan sweep of the workers: a dead worker's execution is taken over soon after its lease expires. Each
 * worker ticks every `sweepPeriodMs(leaseTtlMs)` (a quarter of the lease, between 250 ms and 1 s) with ±25 %
 * jitter, and sweeps only when it takes the deployment's sweep turn in Redis (held for 90 % of a period), so N
 * workers make about one store query per period between them, not N. A sweep re-enqueues running executions
 * whose lease expired; every lease TTL it also re-enqueues queued executions nobody took up (a lost enqueue:
 * not urgent, and a backlog of queued executions would make every short sweep long).
 */
export function sweepPeriodMs(leaseTtlMs: number): number {
  return Math.round(Math.min(1_000, Math.max(250, leaseTtlMs / 4)));
}

export interface OrphanSweep {
  /** Enqueues top-level orphans: running ones with an expired lease, and queued ones too if `all`. */
  requeue(all: boolean): Promise<string[]>;
  /** This worker's share of the sweep (see `sweepPeriodMs`); returns a function that stops it. */
  start(): () => void;
  /** Closes the sweep turn's connection, if one was made. */
  close(): Promise<void>;
}

export function createOrphanSweep(deps: {
  config: RuntimeConfig;
  store: Store;
  queue: Queue;
  logger?: Logger;
}): OrphanSweep {
  const { config, store, queue, logger } = deps;
  /** The deployment's orphan-sweep turn; connected when this process starts working. */
  let sweepTurn: RedisTurn | undefined;

  async function requeue(all: boolean): Promise<string[]> {
    const requeued: string[] = [];
    for (const { id, status } of await topLevelOrphans(store)) {
      if (!all && status !== 'running') continue;
      await queue.enqueue(id);
      requeued.push(id);
    }
    return requeued;
  }

  function start(): () => void {
    const period = sweepPeriodMs(config.leaseTtlMs);
    sweepTurn ??= createRedisTurn({
      connection: config.redisUrl!,
      key: `agentflow:${redisNamespace(config)}:orphan-sweep`,
    });
    const turn = sweepTurn;
    let lastFull = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      if (!(await turn.take(period * 0.9))) return;
      const all = Date.now() - lastFull >= config.leaseTtlMs;
      if (all) lastFull = Date.now();
      const ids = await requeue(all);
      if (ids.length > 0) logger?.info('orphans re-enqueued', { count: ids.length });
    };
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(
        () => {
          tick()
            .catch((error) => logger?.warn('orphan sweep failed', { error: String(error) }))
            .finally(schedule);
        },
        period * (0.75 + Math.random() / 2),
      );
      timer.unref();
    };
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  return {
    requeue,
    start,
    async close() {
      await sweepTurn?.close();
    },
  };
}
