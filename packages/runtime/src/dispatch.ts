/**
 * The dispatcher of distributed mode (`--role api` and `agentflow worker`): hands executions to the queue and
 * composes the worker's parts. What an API process awaits is `dispatch-outcomes.ts`, a worker's handling of a
 * delivery and of cancel commands `dispatch-worker.ts`, the orphan sweep `dispatch-sweep.ts`.
 */
import type { Engine, Logger, Queue, QueueCounts, RunResult, Store, Tracer } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import { createBullmqQueue, createRedisEventRelay } from '@agentflow/queue-bullmq';
import type { RuntimeConfig } from './config.js';
import type { DeadLetterService } from './dead-letters.js';
import { createOutcomeWatch } from './dispatch-outcomes.js';
import { createOrphanSweep } from './dispatch-sweep.js';
import { type ControlCommand, createDeliveryRunner } from './dispatch-worker.js';
import { type EventFeed, redisNamespace } from './distributed.js';

export { sweepPeriodMs } from './dispatch-sweep.js';
export type { ControlCommand } from './dispatch-worker.js';

/**
 * Distributed mode with a queue (`--role api` and `agentflow worker`): API processes record executions and
 * enqueue their ids; workers take ids from the queue and run them with the engine. The queue carries only ids
 * (the store is the truth) and delivers at least once; running an id twice is harmless because the engine runs
 * an execution only under its lease, and a terminal one never again.
 */
export interface Dispatcher {
  /**
   * Hands a recorded execution to the workers. `done` resolves when it completes or pauses, wherever it runs: on
   * its relayed event, or when the store says so (checked after 1 s, then at doubling intervals up to 30 s, so a
   * lost event only delays it).
   */
  handOff(executionId: string): Promise<{ executionId: string; done: Promise<RunResult> }>;
  /**
   * Tells the workers an execution was cancelled (call it once the store says so): the worker running it aborts
   * its steps in flight and ends it `cancelled`. A worker that misses the message stops at its next commit.
   */
  cancel(executionId: string, reason: string): Promise<void>;
  /**
   * Enqueues executions nobody holds: queued ones never taken up and running ones whose lease expired (their
   * worker died). Loop bodies and subworkflows resume with their parent. Returns their ids.
   */
  requeueOrphans(): Promise<string[]>;
  /**
   * Puts a dead-lettered execution back on the queue: reopened in the store (failed -> queued, its committed
   * steps kept), then enqueued. AF_CONFLICT when it ended otherwise (succeeded, cancelled: re-run it instead).
   */
  requeue(executionId: string): Promise<void>;
  /** The deployment's queue by state, read from Redis now (BullMQ's job counts through the Queue port). */
  counts(): Promise<QueueCounts | undefined>;
  /** Runs queued executions in this process until `stop()` (or the runtime closes). */
  work(options?: WorkOptions): WorkerLoop;
  /** Stops taking work; `drain` runs once intake stopped (the runtime closes the engine there). */
  close(drain?: () => Promise<void>): Promise<void>;
}

export interface WorkOptions {
  /** Executions run at once by this process. (Default: 10) */
  concurrency?: number;
}

export interface WorkerLoop {
  /** Stops taking executions and waits for the running ones to finish. */
  stop(): Promise<void>;
}

export function createDispatcher(deps: {
  config: RuntimeConfig;
  store: Store;
  /** The workspace-scoped engine (credentials and subworkflows of each execution's workspace). */
  engine: Engine;
  events: EventFeed;
  logger?: Logger;
  /**
   * Where executions whose delivery failed `config.maxDeliveries` times go instead of the queue (dead-letters.ts).
   * (Default: none, they are redelivered forever)
   */
  deadLetters?: DeadLetterService;
  /**
   * Tracing on: a handed-off job carries the current trace context (the HTTP request that started it) and the
   * worker's execution span continues it.
   */
  tracer?: Tracer;
}): Dispatcher {
  const { config, store, engine, logger, deadLetters, tracer } = deps;
  const queue: Queue = createBullmqQueue({
    connection: config.redisUrl!,
    name: `executions-${redisNamespace(config)}`,
  });
  const control = createRedisEventRelay<ControlCommand>({
    connection: config.redisUrl!,
    channel: `agentflow:${redisNamespace(config)}:control`,
    onError: (error) => logger?.warn('control channel failed', { error: String(error) }),
  });
  let obeying = false;
  const loops = new Set<{ stopIntake(): Promise<void> }>();
  const outcomes = createOutcomeWatch({ store, events: deps.events, logger });
  const deliveries = createDeliveryRunner({ config, store, engine, deadLetters, logger });
  const sweep = createOrphanSweep({ config, store, queue, logger });

  const dispatcher: Dispatcher = {
    async handOff(executionId) {
      const done = outcomes.outcome(executionId); // waiting before it can run, so no event is missed
      const traceparent = tracer?.currentTraceparent?.();
      await queue.enqueue(executionId, traceparent === undefined ? {} : { traceparent });
      return { executionId, done };
    },

    async cancel(executionId, reason) {
      control.publish({ type: 'cancel', executionId, reason });
      // Nobody emits an event for an execution cancelled before it started: its waiters learn it from the store.
      await outcomes.check(executionId);
    },

    requeueOrphans: () => sweep.requeue(true),

    async requeue(executionId) {
      if (!(await store.reopenExecution(executionId))) {
        const record = await store.getExecution(executionId);
        // A letter recorded before dead letters failed their execution left it queued or running: enqueued as is.
        if (record?.status !== 'queued' && record?.status !== 'running') {
          throw new AgentFlowError(
            'AF_CONFLICT',
            `execution ${executionId} is ${record?.status ?? 'gone'}, not failed: re-run it instead`,
          );
        }
      }
      await queue.enqueue(executionId);
    },

    counts: async () => queue.counts?.(),

    work(options = {}) {
      if (!obeying) {
        obeying = true;
        control.subscribe(deliveries.obey).catch((error) => {
          logger?.warn('control channel subscription failed', { error: String(error) });
        });
      }
      const consumer = queue.consume(deliveries.handle, {
        concurrency: options.concurrency ?? 10,
        leaseMs: config.leaseTtlMs,
      });
      // Workers re-enqueue what dead workers left behind (idempotent: the job id is the execution id).
      const stopSweep = sweep.start();
      let stopping: Promise<void> | undefined;
      const loop = {
        stopIntake() {
          stopSweep();
          stopping ??= consumer.stop();
          loops.delete(loop);
          return stopping;
        },
      };
      loops.add(loop);
      return { stop: () => loop.stopIntake() };
    },

    async close(drain) {
      outcomes.close();
      deliveries.close();
      // Intake stops at once; running executions end when `drain` interrupts them (they are given back).
      const stopped = [...loops].map((l) => l.stopIntake());
      await drain?.();
      await Promise.all(stopped);
      await queue.close?.();
      await control.close();
      await sweep.close();
    },
  };
  return dispatcher;
}
