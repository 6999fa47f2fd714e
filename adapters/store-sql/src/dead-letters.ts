/**
 * Dead letters (issue 13 item 14; table `dead_letters`): executions whose queue delivery failed too many times,
 * failed and taken off the queue until someone retries them. One row per execution (`dl_<execution id>`); recording it again
 * (it was retried and failed again) replaces the reason and count and clears the retry. The runtime's dead-letter
 * service (packages/runtime/src/dead-letters.ts) authorizes and audits; this module only reads and writes rows.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from './db.js';
import { deadLetters as table } from './tenancy-schema.js';

export interface DeadLetterRecord {
  id: string;
  executionId: string;
  workspaceId?: string;
  reason: string;
  deliveries: number;
  createdAt: number;
  retriedAt?: number;
}

export interface DeadLetterRepository {
  /**
   * Records an execution that exhausted its deliveries, or records it again (a new reason, count and time; the
   * retry cleared). The reason is cut to 2,000 characters.
   */
  record(input: {
    executionId: string;
    workspaceId?: string;
    reason: string;
    deliveries: number;
  }): Promise<void>;
  /** The workspace's dead letters not retried yet, newest first (at most `limit`, default 500). */
  list(workspaceId: string, limit?: number): Promise<DeadLetterRecord[]>;
  /** Marks one retried (by `retriedBy`); undefined when it is not the workspace's or was retried already. */
  markRetried(workspaceId: string, id: string, retriedBy?: string): Promise<DeadLetterRecord | undefined>;
}

function toRecord(row: typeof table.$inferSelect): DeadLetterRecord {
  return {
    id: row.id,
    executionId: row.executionId,
    ...(row.workspaceId ? { workspaceId: row.workspaceId } : {}),
    reason: row.reason,
    deliveries: row.deliveries,
    createdAt: row.createdAt.getTime(),
    ...(row.retriedAt ? { retriedAt: row.retriedAt.getTime() } : {}),
  };
}

export function createDeadLetterRepository(db: Db): DeadLetterRepository {
  return {
    async record({ executionId, workspaceId, reason, deliveries }) {
      const values = {
        id: `dl_${executionId}`.slice(0, 200),
        executionId,
        workspaceId: workspaceId ?? null,
        reason: reason.slice(0, 2000),
        deliveries,
      };
      await db
        .insert(table)
        .values(values)
        .onConflictDoUpdate({
          target: table.executionId,
          set: { reason: values.reason, deliveries, createdAt: new Date(), retriedAt: null, retriedBy: null },
        });
    },
    async list(workspaceId, limit = 500) {
      const rows = await db
        .select()
        .from(table)
        .where(and(eq(table.workspaceId, workspaceId), isNull(table.retriedAt)))
        .orderBy(desc(table.createdAt))
        .limit(limit);
      return rows.map(toRecord);
    },
    async markRetried(workspaceId, id, retriedBy) {
      const [row] = await db
        .update(table)
        .set({ retriedAt: new Date(), retriedBy })
        .where(and(eq(table.id, id), eq(table.workspaceId, workspaceId), isNull(table.retriedAt)))
        .returning();
      return row ? toRecord(row) : undefined;
    },
  };
}
