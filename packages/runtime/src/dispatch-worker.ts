/**
 * A worker's handling of queue deliveries: runs each delivered execution id with the engine (waiting out a lease
 * held a moment by an API process), fails and dead-letters one delivered too often or failing on its last allowed
 * delivery, and obeys the control channel's cancel commands for the executions it runs.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Engine, Logger, QueueLease, Store } from '@agentflow/core';
import { AgentFlowError, isAgentFlowError, isTerminal, toErrorInfo } from '@agentflow/protocol';
import type { RuntimeConfig } from './config.js';
import type { DeadLetterService } from './dead-letters.js';

/** Waits of a worker for the lease of a queued execution held a moment by another (see `resumeHeld`). */
const LEASE_WAIT_MS = 50;
const LEASE_WAIT_MAX_MS = 1_000;

/** Commands to the workers, on the deployment's control channel (`agentflow:<schema>:control`). */
export interface ControlCommand {
  type: 'cancel';
  executionId: string;
  reason: string;
}

export interface DeliveryRunner {
  /** Handles one delivery; returning acks it, throwing gives it back for another try. */
  handle(lease: QueueLease): Promise<void>;
  /** Cancels what this worker runs when told to; the engine aborts the attempts in flight. */
  obey(command: ControlCommand): void;
  /** Stops watching the engine's starts. */
  close(): void;
}

export function createDeliveryRunner(deps: {
  config: RuntimeConfig;
  store: Store;
  engine: Engine;
  deadLetters?: DeadLetterService;
  logger?: Logger;
}): DeliveryRunner {
  const { config, store, engine, deadLetters, logger } = deps;
  /** Executions this worker was delivered and runs now; `cancelled` once a cancel command named one. */
  const running = new Map<string, { cancelled?: string }>();

  /** What went wrong, for people reading the dead letter: the code, message and first issues. */
  function describeFailure(error: unknown): string {
    if (!isAgentFlowError(error)) return error instanceof Error ? error.message : String(error);
    const issues = (error.issues ?? []).slice(0, 3).map((i) => `${i.path}: ${i.message}`);
    return `${error.code}: ${error.message}${issues.length > 0 ? ` (${issues.join('; ')})` : ''}`;
  }

  /**
   * Takes an execution off the queue for good (the caller acks its delivery): fails it with the reason
   * (`engine.abandon`), so that it shows failed rather than queued or running forever, and records a dead letter,
   * from which it is retried once the cause is fixed. One that ended meanwhile needs neither. One whose lease a
   * process still holds (a worker that died moments ago, whose lease has not expired; one that runs it still)
   * is given back to the queue: the next delivery decides again.
   */
  async function deadLetter(executionId: string, deliveries: number, reason: string): Promise<void> {
    const error = toErrorInfo(
      new AgentFlowError(
        'AF_INTERNAL',
        `no worker could run the execution, delivered ${deliveries} times. The last failure: ${reason}. Retry ` +
          'it from its dead letter once the cause is fixed, or re-run it',
        { details: { deadLetter: true, deliveries } },
      ),
    );
    const record = await store.getExecution(executionId);
    if (!(await engine.abandon(executionId, error))) {
      const now = await store.getExecution(executionId);
      // A child (a loop body, a subworkflow) is its parent's to run or fail: acked like `runDelivered` does.
      const held =
        now?.parentExecutionId === undefined && (now?.status === 'queued' || now?.status === 'running');
      if (held)
        throw new AgentFlowError('AF_CONFLICT', `execution ${executionId} is still held by a process`);
      return;
    }
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

  // A command that arrives while the delivered execution is still being loaded finds the engine not running it
  // yet (the store refuses to start a cancelled one, but the write may have just preceded it): cancel it again
  // as soon as it starts.
  const stopWatchingStarts = engine.on('event', (event) => {
    if (event.type !== 'execution.started' && event.type !== 'execution.resumed') return;
    const reason = running.get(event.executionId)?.cancelled;
    if (reason !== undefined) queueMicrotask(() => cancelRunning(event.executionId, reason));
  });

  return {
    async handle(lease) {
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

    obey(command) {
      const target = command.type === 'cancel' ? running.get(command.executionId) : undefined;
      if (!target) return;
      target.cancelled = command.reason;
      logger?.info('execution cancelled on request', { executionId: command.executionId });
      cancelRunning(command.executionId, command.reason);
    },

    close() {
      stopWatchingStarts();
    },
  };
}
