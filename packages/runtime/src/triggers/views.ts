/** The API's views of stored triggers and their firings (protocol `TriggerView`, `TriggerFiring`). */
import type { TriggerFiring, TriggerView } from '@agentflow/protocol';
import type { TriggerFiringRecord, TriggerRecord } from '@agentflow/store-sql';

export function view(row: TriggerRecord): TriggerView {
  return {
    id: row.id,
    workflowId: row.workflowId,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled,
    config: row.config as TriggerView['config'],
    ...(row.kind === 'webhook' ? { path: `/hooks/${row.id}` } : {}),
    ...(row.kind === 'schedule' && row.nextRunAt !== undefined ? { nextRunAt: row.nextRunAt } : {}),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function firingView(r: TriggerFiringRecord): TriggerFiring {
  return {
    executionId: r.executionId,
    triggerId: r.triggerId,
    kind: r.kind,
    status: r.status,
    ...(r.scheduledFor !== undefined ? { scheduledFor: r.scheduledFor } : {}),
    ...(r.sourceExecutionId ? { sourceExecutionId: r.sourceExecutionId } : {}),
    ...(r.error ? { error: r.error } : {}),
    createdAt: r.createdAt,
    ...(r.startedAt !== undefined ? { startedAt: r.startedAt } : {}),
  };
}
