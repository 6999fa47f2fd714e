/**
 * Workflow events (issue 19 item 4): when a top-level execution ends, the enabled `workflow_event` triggers whose
 * source is its workflow start theirs, with the output (succeeded) or `{error, input}` (failed) as input. The
 * execution id is deterministic per (trigger, source execution), so a second process seeing the same end starts
 * nothing more. Cycles are refused when triggers are saved (service.ts).
 */
import type { Logger } from '@agentflow/core';
import { type ExecutionRecord, isAgentFlowError, type WorkflowEventConfig } from '@agentflow/protocol';
import { type Db, tenancySchema } from '@agentflow/store-sql';
import { and, eq } from 'drizzle-orm';
import type { Launch } from './schedules.js';
import { eventExecutionId } from './service.js';

const { workflowTriggers: table, triggerFirings: firings } = tenancySchema;

export function createEventTriggers(options: {
  db: Db;
  launch: Launch;
  statusOf(executionId: string): Promise<string | undefined>;
  now: () => number;
  logger?: Logger;
}) {
  const { db } = options;
  return {
    /** Starts what `execution`'s end triggers; returns how many executions it started. */
    async onCompleted(execution: ExecutionRecord): Promise<number> {
      if (execution.parentExecutionId !== undefined || execution.workspaceId === undefined) return 0;
      if (execution.status !== 'succeeded' && execution.status !== 'failed') return 0;
      const rows = await db
        .select()
        .from(table)
        .where(
          and(
            eq(table.kind, 'workflow_event'),
            eq(table.enabled, true),
            eq(table.sourceWorkflowId, execution.workflowId),
            eq(table.workspaceId, execution.workspaceId),
          ),
        );
      let started = 0;
      for (const row of rows) {
        const config = row.config as WorkflowEventConfig;
        if (!config.on.includes(execution.status)) continue;
        const executionId = eventExecutionId(row.id, execution.id);
        const input =
          execution.status === 'succeeded'
            ? (execution.output ?? null)
            : { error: execution.error ?? null, input: execution.input ?? null };
        let status = 'started';
        let error: string | null = null;
        try {
          await options.launch(
            { workspaceId: row.workspaceId, workflowId: row.workflowId },
            input,
            executionId,
          );
          started++;
        } catch (e) {
          if ((await options.statusOf(executionId)) === undefined) {
            status = 'refused';
            error = isAgentFlowError(e) ? `${e.code}: ${e.message}`.slice(0, 2000) : String(e).slice(0, 2000);
            options.logger?.warn('workflow event trigger refused', { triggerId: row.id, error });
          }
        }
        await db
          .insert(firings)
          .values({
            executionId,
            triggerId: row.id,
            workspaceId: row.workspaceId,
            workflowId: row.workflowId,
            kind: 'workflow_event',
            status,
            sourceExecutionId: execution.id,
            error,
            ...(status === 'started' ? { startedAt: new Date(options.now()) } : {}),
          })
          .onConflictDoNothing();
      }
      return started;
    },
  };
}
