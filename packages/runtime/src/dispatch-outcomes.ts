/**
 * The API side's wait for handed-off executions (`Dispatcher.handOff`'s `done`): resolved on the relayed
 * `execution.completed`/`execution.paused` event, or from the store, checked after 1 s and then at doubling
 * intervals up to 30 s, so a lost event only delays it.
 */
import { countSteps, type Logger, type RunResult, type Store } from '@agentflow/core';
import { isTerminal } from '@agentflow/protocol';
import type { EventFeed } from './distributed.js';

/** Store checks of awaited executions (in case their event was lost): first after 1 s, doubling up to 30 s. */
const OUTCOME_POLL_MS = 1_000;
const OUTCOME_POLL_MAX_MS = 30_000;

interface Waiter {
  resolvers: ((result: RunResult) => void)[];
  /** When the store is checked next, and the interval after that. */
  checkAt: number;
  interval: number;
}

export interface OutcomeWatch {
  /** Resolves when the execution completes or pauses (its relayed event, or the store's answer). */
  outcome(executionId: string): Promise<RunResult>;
  /** Asks the store now whether an awaited execution ended (for one that will emit no event). */
  check(executionId: string): Promise<void>;
  /** Stops listening and polling; pending outcomes never resolve. */
  close(): void;
}

export function createOutcomeWatch(deps: { store: Store; events: EventFeed; logger?: Logger }): OutcomeWatch {
  const { store, logger } = deps;
  const waiters = new Map<string, Waiter>();
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

  return {
    outcome,
    check,
    close() {
      stopListening();
      if (poll) clearInterval(poll);
      poll = undefined;
      waiters.clear();
    },
  };
}
