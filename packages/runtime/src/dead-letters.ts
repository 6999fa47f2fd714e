/**
 * Dead letters (issue 13 item 14), distributed mode: an execution whose queue delivery failed `maxDeliveries`
 * times (`AGENTFLOW_MAX_DELIVERIES`, default 5: the worker's resume threw each time, e.g. a node type the workers do
 * not have, or the store failing) is taken off the queue, failed with the reason (`engine.abandon`, in
 * dispatch-worker.ts) and recorded here instead of being redelivered forever. Members of its workspace list them
 * (`execution:read`) and retry one (`workflow:execute`, audited), which reopens the execution (failed -> queued,
 * its committed steps kept) and puts it back on the queue with a fresh delivery count.
 */
import { AgentFlowError } from '@agentflow/protocol';
import type { DeadLetterRecord, DeadLetterRepository } from '@agentflow/store-sql';
import { authorize } from './auth/authorize.js';
import type { Principal } from './auth/permissions.js';
import type { AuditService, RequestMeta } from './tenancy/audit.js';

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

function view(record: DeadLetterRecord): DeadLetter {
  return {
    id: record.id,
    executionId: record.executionId,
    reason: record.reason,
    deliveries: record.deliveries,
    createdAt: record.createdAt,
    ...(record.retriedAt !== undefined ? { retriedAt: record.retriedAt } : {}),
  };
}

/** `repository`: the store's dead letters (`createDeadLetterRepository` of @agentflow/store-sql). */
export function createDeadLetterService(
  repository: DeadLetterRepository,
  audit: AuditService,
): DeadLetterService {
  return {
    async record({ executionId, workspaceId, reason, deliveries }) {
      await repository.record({
        executionId,
        ...(workspaceId !== undefined ? { workspaceId } : {}),
        reason,
        deliveries,
      });
      await audit.record({
        action: 'execution.dead_letter',
        ...(workspaceId ? { workspaceId } : {}),
        actorType: 'system',
        target: { type: 'execution', id: executionId },
        details: { deliveries },
      });
    },
    async list(principal) {
      authorize(principal, 'execution:read');
      return (await repository.list(principal.workspaceId, 500)).map(view);
    },
    async retry(principal, id, requeue, meta) {
      authorize(principal, 'workflow:execute');
      const row = await repository.markRetried(
        principal.workspaceId,
        id,
        principal.kind === 'user' ? principal.userId : principal.apiKeyId,
      );
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
