/**
 * Dead letters (issue 13 item 14), distributed mode: an execution whose queue delivery failed `maxDeliveries`
 * times (`AGENTFLOW_MAX_DELIVERIES`, default 5: the worker's resume threw each time, e.g. a node type the workers do
 * not have, or the store failing) is taken off the queue and recorded here instead of being redelivered forever. The
 * execution keeps its status (queued or running); the orphan sweep leaves it alone until someone retries it.
 * Members of its workspace list them (`execution:read`) and retry one (`workflow:execute`, audited), which puts the
 * execution back on the queue with a fresh delivery count.
 */
import { AgentFlowError } from '@agentflow/protocol';
import { type Db, tenancySchema } from '@agentflow/store-sql';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { authorize } from './auth/authorize.js';
import type { Principal } from './auth/permissions.js';
import type { AuditService, RequestMeta } from './tenancy/audit.js';

const { deadLetters: table } = tenancySchema;

export interface DeadLetter {
  id: string;
  executionId: string;
  reason: string;
  deliveries: number;
  createdAt: number;
  retriedAt?: number;
}

export interface DeadLetterService {
  /** Records (or re-records) an execution that exhausted its deliveries. */
  record(input: {
    executionId: string;
    workspaceId?: string;
    reason: string;
    deliveries: number;
  }): Promise<void>;
  /** Of `executionIds`, those dead-lettered and not retried since (the orphan sweep skips them). */
  dead(executionIds: string[]): Promise<Set<string>>;
  /** The caller's workspace's dead letters not retried yet, newest first. */
  list(principal: Principal): Promise<DeadLetter[]>;
  /** Marks it retried and hands its execution to `requeue`; AF_NOT_FOUND outside the workspace or once retried. */
  retry(
    principal: Principal,
    id: string,
    requeue: (executionId: string) => Promise<void>,
    meta?: RequestMeta,
  ): Promise<DeadLetter>;
}

function view(row: typeof table.$inferSelect): DeadLetter {
  return {
    id: row.id,
    executionId: row.executionId,
    reason: row.reason,
    deliveries: row.deliveries,
    createdAt: row.createdAt.getTime(),
    ...(row.retriedAt ? { retriedAt: row.retriedAt.getTime() } : {}),
  };
}

export function createDeadLetterService(db: Db, audit: AuditService): DeadLetterService {
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
      await audit.record({
        action: 'execution.dead_letter',
        ...(workspaceId ? { workspaceId } : {}),
        actorType: 'system',
        target: { type: 'execution', id: executionId },
        details: { deliveries },
      });
    },
    async dead(executionIds) {
      if (executionIds.length === 0) return new Set();
      const rows = await db
        .select({ executionId: table.executionId })
        .from(table)
        .where(and(inArray(table.executionId, executionIds), isNull(table.retriedAt)));
      return new Set(rows.map((r) => r.executionId));
    },
    async list(principal) {
      authorize(principal, 'execution:read');
      const rows = await db
        .select()
        .from(table)
        .where(and(eq(table.workspaceId, principal.workspaceId), isNull(table.retriedAt)))
        .orderBy(desc(table.createdAt))
        .limit(500);
      return rows.map(view);
    },
    async retry(principal, id, requeue, meta) {
      authorize(principal, 'workflow:execute');
      const [row] = await db
        .update(table)
        .set({
          retriedAt: new Date(),
          retriedBy: principal.kind === 'user' ? principal.userId : principal.apiKeyId,
        })
        .where(and(eq(table.id, id), eq(table.workspaceId, principal.workspaceId), isNull(table.retriedAt)))
        .returning();
      if (!row) throw new AgentFlowError('AF_NOT_FOUND', `dead letter ${id} not found`);
      await requeue(row.executionId);
      await audit.record({
        action: 'execution.dead_letter_retry',
        principal,
        target: { type: 'execution', id: row.executionId },
        ...(meta ? { meta } : {}),
      });
      return view(row);
    },
  };
}
