/**
 * Checks of a trigger's config before it is stored: each kind's Zod schema, a schedule's cron and time zone (by
 * croner, giving its next run), and a workflow event's source workflow, which must exist and must not close a
 * loop in the workspace's graph of workflow events.
 */
import {
  AgentFlowError,
  ChatConfig,
  ScheduleConfig,
  type TriggerKind,
  WebhookConfig,
  WorkflowEventConfig,
} from '@agentflow/protocol';
import type { TriggerRepository } from '@agentflow/store-sql';
import type { z } from 'zod';
import { checkTimezone, nextTick, parseCron } from './cron.js';

/** A checked config and the columns derived from it. */
export interface PreparedConfig {
  config: WebhookConfig | ScheduleConfig | WorkflowEventConfig | ChatConfig;
  nextRunAt: number | null;
  sourceWorkflowId: string | null;
}

function parseConfig(kind: TriggerKind, config: unknown) {
  const schema: z.ZodType =
    kind === 'webhook'
      ? WebhookConfig
      : kind === 'schedule'
        ? ScheduleConfig
        : kind === 'chat'
          ? ChatConfig
          : WorkflowEventConfig;
  const result = schema.safeParse(config ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({
      code: 'AF_VALIDATION' as const,
      path: ['config', ...i.path].map(String).join('.'),
      message: i.message,
    }));
    throw new AgentFlowError('AF_VALIDATION', `invalid ${kind} trigger config`, { issues });
  }
  return result.data as WebhookConfig | ScheduleConfig | WorkflowEventConfig | ChatConfig;
}

export function createConfigCheck(deps: {
  triggers: Pick<TriggerRepository, 'eventEdges'>;
  /** The workflow must exist in the caller's workspace. */
  workflowExists(workflowId: string, workspaceId: string): Promise<boolean>;
  now: () => number;
}) {
  const { triggers, now } = deps;

  /** Refuses a workflow-event trigger target <- source that would close a loop in the workspace's graph. */
  async function assertNoCycle(workspaceId: string, target: string, source: string, exceptId?: string) {
    const edges = await triggers.eventEdges(workspaceId);
    const next = new Map<string, string[]>();
    for (const r of edges) {
      if (r.id === exceptId || !r.sourceWorkflowId) continue;
      next.set(r.sourceWorkflowId, [...(next.get(r.sourceWorkflowId) ?? []), r.workflowId]);
    }
    // The new edge source -> target closes a loop if source is reachable from target.
    const seen = new Set<string>();
    const stack = [target];
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (at === source) {
        throw new AgentFlowError(
          'AF_VALIDATION',
          `workflow ${target} would start itself through workflow events (a trigger cycle)`,
          {
            issues: [
              {
                code: 'AF_VALIDATION',
                path: 'config.sourceWorkflowId',
                message: `a trigger cycle: ${source} -> ${target} -> ... -> ${source}`,
              },
            ],
          },
        );
      }
      if (seen.has(at)) continue;
      seen.add(at);
      stack.push(...(next.get(at) ?? []));
    }
  }

  /** Checks a config of `kind`; returns the stored config and the columns derived from it. */
  return async function prepare(
    workspaceId: string,
    workflowId: string,
    kind: TriggerKind,
    raw: unknown,
    exceptId?: string,
  ): Promise<PreparedConfig> {
    const config = parseConfig(kind, raw);
    let nextRunAt: number | null = null;
    let sourceWorkflowId: string | null = null;
    if (kind === 'schedule') {
      const s = config as ScheduleConfig;
      checkTimezone(s.timezone);
      const tick = nextTick(parseCron(s.cron, s.timezone), now());
      nextRunAt = tick ?? null;
    }
    if (kind === 'workflow_event') {
      const e = config as WorkflowEventConfig;
      if (!(await deps.workflowExists(e.sourceWorkflowId, workspaceId))) {
        throw new AgentFlowError('AF_VALIDATION', `source workflow ${e.sourceWorkflowId} not found`, {
          issues: [
            { code: 'AF_VALIDATION', path: 'config.sourceWorkflowId', message: 'no such workflow here' },
          ],
        });
      }
      await assertNoCycle(workspaceId, workflowId, e.sourceWorkflowId, exceptId);
      sourceWorkflowId = e.sourceWorkflowId;
    }
    return { config, nextRunAt, sourceWorkflowId };
  };
}
