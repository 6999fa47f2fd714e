/**
 * Workflow events (issue 19 item 4): when a top-level execution ends, the enabled `workflow_event` triggers whose
 * source is its workflow start theirs, with the output (succeeded) or `{error, input}` (failed) as input. The
 * execution id is deterministic per (trigger, source execution), so a second process seeing the same end starts
 * nothing more. Cycles are refused when triggers are saved (service.ts).
 *
 * The engine event comes from the process that ran the source; a process that dies between the source's terminal
 * commit and the firing would lose the event. `sweep` (every `sweepMs` in every process that runs the schedule
 * loop) catches up: the source executions that ended in the last `lookbackMs` (and after the trigger was last
 * changed) with no firing of an enabled trigger are fired now. The deterministic id makes a sweep racing the
 * engine event, or another process's sweep, start nothing twice.
 */
import type { Logger } from '@agentflow/core';
import {
  type ExecutionRecord,
  isAgentFlowError,
  type TriggerFiring,
  type WorkflowEventConfig,
} from '@agentflow/protocol';
import type { TriggerFiringRepository, TriggerRepository } from '@agentflow/store-sql';
import type { Launch } from './schedules.js';
import { eventExecutionId } from './service.js';

export function createEventTriggers(options: {
  triggers: Pick<TriggerRepository, 'eventTriggersOf' | 'missedEventSources'>;
  firings: Pick<TriggerFiringRepository, 'record'>;
  launch: Launch;
  statusOf(executionId: string): Promise<string | undefined>;
  /** The full record of a source execution (the sweep's fired ends). */
  load(executionId: string): Promise<ExecutionRecord | undefined>;
  now: () => number;
  logger?: Logger;
  /** How often `start` sweeps. (Default: 30 s) */
  sweepMs?: number;
  /** How far back a sweep looks; ends older than this are not fired late. (Default: 10 min) */
  lookbackMs?: number;
  /** Ends younger than this are left to the engine event of the process that ran them. (Default: 5 s) */
  graceMs?: number;
}) {
  const { triggers, firings } = options;
  const sweepMs = options.sweepMs ?? 30_000;
  const lookbackMs = options.lookbackMs ?? 10 * 60_000;
  const graceMs = options.graceMs ?? 5000;
  let timer: ReturnType<typeof setInterval> | undefined;
  let sweeping: Promise<number> | undefined;
  const api = {
    /** Starts what `execution`'s end triggers; returns how many executions it started. */
    async onCompleted(execution: ExecutionRecord): Promise<number> {
      if (execution.parentExecutionId !== undefined || execution.workspaceId === undefined) return 0;
      if (execution.status !== 'succeeded' && execution.status !== 'failed') return 0;
      const rows = await triggers.eventTriggersOf(execution.workspaceId, execution.workflowId);
      let started = 0;
      for (const row of rows) {
        const config = row.config as WorkflowEventConfig;
        if (!config.on.includes(execution.status)) continue;
        const executionId = eventExecutionId(row.id, execution.id);
        const input =
          execution.status === 'succeeded'
            ? (execution.output ?? null)
            : { error: execution.error ?? null, input: execution.input ?? null };
        let status: TriggerFiring['status'] = 'started';
        let error: string | undefined;
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
        await firings.record({
          executionId,
          triggerId: row.id,
          workspaceId: row.workspaceId,
          workflowId: row.workflowId,
          kind: 'workflow_event',
          status,
          sourceExecutionId: execution.id,
          ...(error !== undefined ? { error } : {}),
          ...(status === 'started' ? { startedAt: options.now() } : {}),
        });
      }
      return started;
    },

    /**
     * Fires the ends no process acted on (see the module comment); returns how many executions it started.
     * Compares with the database's clock, which stamped `completed_at`.
     */
    async sweep(): Promise<number> {
      const ids = await triggers.missedEventSources({ lookbackMs, graceMs });
      let started = 0;
      for (const id of ids) {
        const execution = await options.load(id);
        if (execution) started += await api.onCompleted(execution);
      }
      if (started > 0) options.logger?.warn('workflow event sweep fired missed ends', { started });
      return started;
    },

    /** Sweeps every `sweepMs` until `stop` (one sweep at a time; errors logged). */
    start(): void {
      if (timer) return;
      timer = setInterval(() => {
        if (sweeping) return;
        sweeping = api
          .sweep()
          .catch((error) => {
            options.logger?.error('workflow event sweep failed', { error: String(error) });
            return 0;
          })
          .finally(() => {
            sweeping = undefined;
          });
      }, sweepMs);
      timer.unref?.();
    },

    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await sweeping;
    },
  };
  return api;
}
