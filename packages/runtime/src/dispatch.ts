import { setTimeout as delay } from 'node:timers/promises';
import {
  countSteps,
  type Engine,
  type Logger,
  type Queue,
  type QueueCounts,
  type RunResult,
  type Store,
  type Tracer,
  topLevelOrphans,
} from '@agentflow/core';
import { isAgentFlowError, isTerminal } from '@agentflow/protocol';
import {
  createBullmqQueue,
  createRedisEventRelay,
  createRedisTurn,
  type RedisTurn,
} from '@agentflow/queue-bullmq';
import type { RuntimeConfig } from './config.js';
import type { DeadLetterService } from './dead-letters.js';
import { type EventFeed, redisNamespace } from './distributed.js';

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
  /** Puts an execution back on the queue (a retried dead letter). */
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

/** Store checks of awaited executions (in case their event was lost): first after 1 s, doubling up to 30 s. */
const OUTCOME_POLL_MS = 1_000;
const OUTCOME_POLL_MAX_MS = 30_000;

/** Waits of a worker for the lease of a queued execution held a moment by another (see `resumeHeld`). */
const LEASE_WAIT_MS = 50;
const LEASE_WAIT_MAX_MS = 1_000;

/** Commands to the workers, on the deployment's control channel (`agentflow:<schema>:control`). */
export interface ControlCommand {
  type: 'cancel';
  executionId: string;
  reason: string;
}

interface Waiter {
  resolvers: ((result: RunResult) => void)[];
  /** When the store is checked next, and the interval after that. */
  checkAt: number;
  interval: number;
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
  /** Executions this worker was delivered and runs now; `cancelled` once a cancel command named one. */
  const running = new Map<string, { cancelled?: string }>();
  /** The deployment's orphan-sweep turn; connected when this process starts working. */
  let sweepTurn: RedisTurn | undefined;
  let obeying = false;
  const waiters = new Map<string, Waiter>();
  const loops = new Set<{ stopIntake(): Promise<void> }>();
  let poll: ReturnType<typeof setInterval> | undefined;

  /** The result of an execution that completed or paused; undefined while it is queued or running. */
  async function resultOf(executionId: string): Promise<RunResult | undefined> {
    const record = await store.getExecution(executionId);
    if (!record || !(isTerminal(record.status) || record.status === 'paused')) return undefined;
    const result: RunResult = {
      executionId,
      status: record.status,
      stepCounts: countSteps(await store.listSteps(executionId)),
      usage: record.usage,
      durationMs: (record.completedAt ?? Date.now()) - (record.startedAt ?? record.createdAt),
    };
    if (record.output !== undefined) result.output = record.output;
    if (record.error) result.error = record.error;
    return result;
  }

  async function settle(executionId: string): Promise<void> {
    if (!waiters.has(executionId)) return;
    const result = await resultOf(executionId);
    const waiting = result && waiters.get(executionId);
    if (!waiting) return;
    waiters.delete(executionId);
    for (const resolve of waiting.resolvers) resolve(result);
    if (waiters.size === 0 && poll) {
      clearInterval(poll);
      poll = undefined;
    }
  }
  const check = (id: string) =>
    settle(id).catch((error) => logger?.warn('execution outcome check failed', { id, error: String(error) }));

  const stopListening = deps.events.on((event) => {
    if (event.type === 'execution.completed' || event.type === 'execution.paused') {
      if (waiters.has(event.executionId)) void check(event.executionId);
    }
  });

  /** What went wrong, for people reading the dead letter: the code, message and first issues. */
  function describeFailure(error: unknown): string {
    if (!isAgentFlowError(error)) return error instanceof Error ? error.message : String(error);
    const issues = (error.issues ?? []).slice(0, 3).map((i) => `${i.path}: ${i.message}`);
    return `${error.code}: ${error.message}${issues.length > 0 ? ` (${issues.join('; ')})` : ''}`;
  }

  /** Takes an execution off the queue for good (the caller acks its delivery), recorded as a dead letter. */
  async function deadLetter(executionId: string, deliveries: number, reason: string): Promise<void> {
    const record = await store.getExecution(executionId);
    await deadLetters!.record({
      executionId,
      ...(record?.workspaceId ? { workspaceId: record.workspaceId } : {}),
      reason,
      deliveries,
    });
    logger?.error('execution dead-lettered', { executionId, deliveries, reason: reason.slice(0, 200) });
  }

  /** Runs one delivered id; returning acks it, throwing gives it back for another try. */
  async function runDelivered(executionId: string, traceparent: string | undefined): Promise<void> {
    const record = await store.getExecution(executionId);
    // Gone, finished, waiting for a person, or part of a parent that resumes it: nothing to run.
    if (!record || isTerminal(record.status) || record.status === 'paused' || record.parentExecutionId)
      return;
    const mine = running.get(executionId) ?? {};
    running.set(executionId, mine);
    try {
      await resumeHeld(executionId, traceparent);
    } finally {
      if (running.get(executionId) === mine) running.delete(executionId);
    }
  }

  /**
   * Resumes a delivered execution whose lease another may hold. A holder that runs it (a live worker, after a
   * redelivery or an orphan sweep that raced it) has marked it running: nothing to do. One that leaves it queued
   * holds it for a moment without running it (an approval being recorded, or refused, in an API process): this
   * worker waits for the lease rather than drop the delivery, which nobody would make again before the sweep's
   * next full pass (a lease TTL). A holder that died leaves it at most a lease TTL, the wait's bound.
   */
  async function resumeHeld(executionId: string, traceparent: string | undefined): Promise<void> {
    const deadline = Date.now() + config.leaseTtlMs;
    for (let wait = LEASE_WAIT_MS; ; wait = Math.min(wait * 2, LEASE_WAIT_MAX_MS)) {
      try {
        await engine.resume(executionId, traceparent === undefined ? {} : { traceparent });
        return;
      } catch (error) {
        if (!isAgentFlowError(error) || error.code !== 'AF_LEASE_LOST') throw error;
      }
      const record = await store.getExecution(executionId);
      if (record?.status !== 'queued' || Date.now() + wait > deadline) return;
      await delay(wait);
    }
  }

  function cancelRunning(executionId: string, reason: string): void {
    engine.cancel(executionId, reason).catch((error) => {
      logger?.warn('cancel failed', { executionId, error: String(error) });
    });
  }

  /** Cancels what this worker runs when told to; the engine aborts the attempts in flight. */
  function obey(command: ControlCommand): void {
    const target = command.type === 'cancel' ? running.get(command.executionId) : undefined;
    if (!target) return;
    target.cancelled = command.reason;
    logger?.info('execution cancelled on request', { executionId: command.executionId });
    cancelRunning(command.executionId, command.reason);
  }

  // A command that arrives while the delivered execution is still being loaded finds the engine not running it
  // yet (the store refuses to start a cancelled one, but the write may have just preceded it): cancel it again
  // as soon as it starts.
  const stopWatchingStarts = engine.on('event', (event) => {
    if (event.type !== 'execution.started' && event.type !== 'execution.resumed') return;
    const reason = running.get(event.executionId)?.cancelled;
    if (reason !== undefined) queueMicrotask(() => cancelRunning(event.executionId, reason));
  });

  /** Resolves when the execution completes or pauses (its relayed event, or the store's answer). */
  function outcome(executionId: string): Promise<RunResult> {
    return new Promise((resolve) => {
      const known = waiters.get(executionId);
      if (known) known.resolvers.push(resolve);
      else
        waiters.set(executionId, {
          resolvers: [resolve],
          checkAt: Date.now() + OUTCOME_POLL_MS,
          interval: OUTCOME_POLL_MS,
        });
      poll ??= setInterval(() => {
        const now = Date.now();
        for (const [id, waiter] of waiters) {
          if (waiter.checkAt > now) continue;
          waiter.interval = Math.min(waiter.interval * 2, OUTCOME_POLL_MAX_MS);
          waiter.checkAt = now + waiter.interval;
          void check(id);
        }
      }, OUTCOME_POLL_MS);
      poll.unref();
    });
  }

  /** Enqueues top-level orphans: running ones with an expired lease, and queued ones too if `all`. */
  async function requeue(all: boolean): Promise<string[]> {
    const requeued: string[] = [];
    const orphans = await topLevelOrphans(store);
    // Dead letters stay off the queue until someone retries them.
    const dead = (await deadLetters?.dead(orphans.map((o) => o.id))) ?? new Set<string>();
    for (const { id, status } of orphans) {
      if (!all && status !== 'running') continue;
      if (dead.has(id)) continue;
      await queue.enqueue(id);
      requeued.push(id);
    }
    return requeued;
  }

  /** This worker's share of the orphan sweep (see `sweepPeriodMs`); returns a function that stops it. */
  function startSweep(): () => void {
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

  const dispatcher: Dispatcher = {
    async handOff(executionId) {
      const done = outcome(executionId); // waiting before it can run, so no event is missed
      const traceparent = tracer?.currentTraceparent?.();
      await queue.enqueue(executionId, traceparent === undefined ? {} : { traceparent });
      return { executionId, done };
    },

    async cancel(executionId, reason) {
      control.publish({ type: 'cancel', executionId, reason });
      // Nobody emits an event for an execution cancelled before it started: its waiters learn it from the store.
      await check(executionId);
    },

    requeueOrphans: () => requeue(true),

    requeue: (executionId) => queue.enqueue(executionId),

    counts: async () => queue.counts?.(),

    work(options = {}) {
      if (!obeying) {
        obeying = true;
        control.subscribe(obey).catch((error) => {
          logger?.warn('control channel subscription failed', { error: String(error) });
        });
      }
      const consumer = queue.consume(
        async (lease) => {
          if (lease.deliveries > 1) logger?.info('execution delivered again', { ...lease });
          const max = config.maxDeliveries;
          // Delivered more often than allowed without being acked: its workers keep dying on it.
          if (deadLetters && lease.deliveries > max) {
            await deadLetter(
              lease.executionId,
              lease.deliveries,
              `delivered ${lease.deliveries} times, never finished`,
            );
            return;
          }
          try {
            await runDelivered(lease.executionId, lease.traceparent);
          } catch (error) {
            if (!deadLetters || lease.deliveries < max) throw error;
            await deadLetter(lease.executionId, lease.deliveries, describeFailure(error));
          }
        },
        { concurrency: options.concurrency ?? 10, leaseMs: config.leaseTtlMs },
      );
      // Workers re-enqueue what dead workers left behind (idempotent: the job id is the execution id).
      const stopSweep = startSweep();
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
      stopListening();
      stopWatchingStarts();
      if (poll) clearInterval(poll);
      poll = undefined;
      waiters.clear();
      // Intake stops at once; running executions end when `drain` interrupts them (they are given back).
      const stopped = [...loops].map((l) => l.stopIntake());
      await drain?.();
      await Promise.all(stopped);
      await queue.close?.();
      await control.close();
      await sweepTurn?.close();
    },
  };
  return dispatcher;
}
