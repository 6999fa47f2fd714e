import type { AgentFlowEvent } from '@agentflow/protocol';
import type { EventHub } from './event-hub.js';

/** Events queued for a slow consumer before its subscription is ended (it can resume with `after`). */
const MAX_QUEUED = 10_000;

/**
 * The hub's events as an async iterator (GraphQL subscriptions): buffered events of `executionId` after
 * `after` first, then live ones, filtered to that execution when given. `return()` unsubscribes.
 */
export function eventIterator(
  hub: EventHub,
  workflowId: string,
  options: { executionId?: string; after?: number } = {},
): AsyncIterableIterator<AgentFlowEvent> {
  const queue: AgentFlowEvent[] = [];
  const sent = new Map<string, number>();
  let wake: (() => void) | undefined;
  let closed = false;
  const push = (event: AgentFlowEvent, root: string) => {
    if (closed) return;
    if (options.executionId !== undefined && root !== options.executionId) return;
    if (event.seq <= (sent.get(root) ?? 0)) return;
    sent.set(root, event.seq);
    if (queue.length >= MAX_QUEUED) {
      close();
      return;
    }
    queue.push(event);
    wake?.();
  };
  const unsubscribe = hub.subscribe(workflowId, push);
  if (options.executionId !== undefined) {
    for (const event of hub.replay(options.executionId, options.after ?? 0).events) {
      push(event, options.executionId);
    }
  }
  function close() {
    closed = true;
    unsubscribe();
    wake?.();
  }
  const iterator: AsyncIterableIterator<AgentFlowEvent> = {
    [Symbol.asyncIterator]() {
      return iterator;
    },
    async next() {
      while (queue.length === 0 && !closed) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
      const value = queue.shift();
      return value === undefined ? { value: undefined, done: true } : { value, done: false };
    },
    async return() {
      close();
      queue.length = 0;
      return { value: undefined, done: true };
    },
  };
  return iterator;
}
