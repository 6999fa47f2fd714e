import {
  type ConnectionMessageCount,
  connectionMessagesLimit,
  decodeOffsetCursor,
  encodeOffsetCursor,
  summarizeStep,
} from '@agentflow/protocol';
import type { ExecutionReads } from '../ports/operations.js';
import type { Store } from '../ports/store.js';

/**
 * The reference implementation of the detail view's reads over any Store: it reads every step (or message) and
 * keeps what was asked. The SQL store reads only that (no step's data for the summaries, one row for a step).
 */
export function createStoreExecutionReads(store: Store): ExecutionReads {
  return {
    async listStepSummaries(executionId) {
      return (await store.listSteps(executionId)).map(summarizeStep);
    },
    async getStep(executionId, stepId) {
      return (await store.listSteps(executionId)).find((s) => s.id === stepId);
    },
    async countMessages(executionId) {
      const counts = new Map<string, number>();
      for (const m of await store.listMessages(executionId)) {
        counts.set(m.connectionId, (counts.get(m.connectionId) ?? 0) + 1);
      }
      return [...counts].map(([connectionId, count]): ConnectionMessageCount => ({ connectionId, count }));
    },
    async listConnectionMessages(executionId, query) {
      const offset = query.cursor === undefined ? 0 : decodeOffsetCursor(query.cursor);
      if (offset === undefined) return { items: [] };
      const limit = connectionMessagesLimit(query.limit);
      const all = (await store.listMessages(executionId)).filter(
        (m) => m.connectionId === query.connectionId,
      );
      const items = all.slice(offset, offset + limit);
      return offset + limit < all.length
        ? { items, nextCursor: encodeOffsetCursor(offset + limit) }
        : { items };
    },
  };
}
