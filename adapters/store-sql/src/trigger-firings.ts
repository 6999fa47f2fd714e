/**
 * Trigger firings (issue 19; table `trigger_firings`): one row per execution a trigger started, skipped or was
 * refused, keyed by the execution's id (deterministic per schedule tick or source execution, so a firing is
 * recorded once). Webhooks, workflow events and chat embeds record theirs here; the schedule claim loop writes
 * its own (packages/runtime/src/triggers/schedules.ts).
 */
import type { TriggerFiring, TriggerKind } from '@agentflow/protocol';
import { desc, eq, inArray } from 'drizzle-orm';
import type { Db } from './db.js';
import { triggerFirings as table, workflowTriggers as triggers } from './schema-triggers.js';

export type TriggerFiringStatus = TriggerFiring['status'];

export interface TriggerFiringRecord {
  executionId: string;
  triggerId: string;
  workspaceId: string;
  workflowId: string;
  kind: TriggerKind;
  status: TriggerFiringStatus;
  /** A schedule's tick (ms). */
  scheduledFor?: number;
  /** A workflow event's source execution. */
  sourceExecutionId?: string;
  error?: string;
  createdAt: number;
  startedAt?: number;
}

export type NewTriggerFiring = Omit<TriggerFiringRecord, 'createdAt' | 'scheduledFor'>;

export interface TriggerFiringRepository {
  /** Records a firing; nothing happens when one is recorded for that execution already. */
  record(firing: NewTriggerFiring): Promise<void>;
  /** A trigger's firings, newest first (at most `limit`). */
  list(triggerId: string, limit: number): Promise<TriggerFiringRecord[]>;
  /** Which trigger started each of these executions (those a trigger started only), with its name if it exists. */
  triggeredBy(
    executionIds: string[],
  ): Promise<{ executionId: string; triggerId: string; kind: TriggerKind; name?: string }[]>;
}

function toRecord(r: typeof table.$inferSelect): TriggerFiringRecord {
  return {
    executionId: r.executionId,
    triggerId: r.triggerId,
    workspaceId: r.workspaceId,
    workflowId: r.workflowId,
    kind: r.kind as TriggerKind,
    status: r.status as TriggerFiringStatus,
    ...(r.scheduledFor ? { scheduledFor: r.scheduledFor.getTime() } : {}),
    ...(r.sourceExecutionId ? { sourceExecutionId: r.sourceExecutionId } : {}),
    ...(r.error ? { error: r.error } : {}),
    createdAt: r.createdAt.getTime(),
    ...(r.startedAt ? { startedAt: r.startedAt.getTime() } : {}),
  };
}

export function createTriggerFiringRepository(db: Db): TriggerFiringRepository {
  return {
    async record(firing) {
      await db
        .insert(table)
        .values({
          executionId: firing.executionId,
          triggerId: firing.triggerId,
          workspaceId: firing.workspaceId,
          workflowId: firing.workflowId,
          kind: firing.kind,
          status: firing.status,
          sourceExecutionId: firing.sourceExecutionId ?? null,
          error: firing.error ?? null,
          ...(firing.startedAt !== undefined ? { startedAt: new Date(firing.startedAt) } : {}),
        })
        .onConflictDoNothing();
    },
    async list(triggerId, limit) {
      const found = await db
        .select()
        .from(table)
        .where(eq(table.triggerId, triggerId))
        .orderBy(desc(table.createdAt))
        .limit(limit);
      return found.map(toRecord);
    },
    async triggeredBy(executionIds) {
      if (executionIds.length === 0) return [];
      const found = await db
        .select({
          executionId: table.executionId,
          triggerId: table.triggerId,
          kind: table.kind,
          name: triggers.name,
        })
        .from(table)
        .leftJoin(triggers, eq(triggers.id, table.triggerId))
        .where(inArray(table.executionId, executionIds));
      return found.map((r) => ({
        executionId: r.executionId,
        triggerId: r.triggerId,
        kind: r.kind as TriggerKind,
        ...(r.name ? { name: r.name } : {}),
      }));
    },
  };
}
