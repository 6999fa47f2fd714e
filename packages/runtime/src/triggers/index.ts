/**
 * Triggers (issue 19): management, webhooks, schedules, workflow events and chat, composed for the runtime. See
 * ARCHITECTURE.md §11d.
 */
import type { Logger, RunResult } from '@agentflow/core';
import type { ExecutionRecord } from '@agentflow/protocol';
import type { ScheduleRepository, TriggerFiringRepository, TriggerRepository } from '@agentflow/store-sql';
import type { ConversationRepository } from '@agentflow/store-sql/tenancy';
import type { RateLimiter } from '../auth/rate-limit.js';
import type { SecretBox } from '../auth/secret-box.js';
import type { WorkflowService } from '../services.js';
import type { AuditService } from '../tenancy/audit.js';
import { createChat } from './chat.js';
import { createEventTriggers } from './events.js';
import { createScheduleLoop, type Launch, type ScheduleLoopOptions } from './schedules.js';
import { createTriggerService } from './service.js';
import { createWebhookHandler } from './webhooks.js';

export type { Chat, ChatHooks, ChatSendInput, ChatTurn, EmbedInfo } from './chat.js';
export type { ScheduleLoop } from './schedules.js';
export type { CreatedTrigger, TriggerService } from './service.js';
export type { WebhookHandler, WebhookRequest, WebhookResponse } from './webhooks.js';

export interface TriggerOptions {
  /** Run the schedule claim loop in this process. (Default: true) */
  schedules?: boolean;
  /** The clock of schedules and signature timestamps. (Default: Date.now) */
  now?: () => number;
  pollMs?: number;
  leaseMs?: number;
  missedAfterMs?: number;
  /** How often the workflow-event catch-up sweep runs where the schedule loop runs. (Default: 30 s) */
  eventSweepMs?: number;
}

export function createTriggers(deps: {
  /**
   * `createTriggerRepository`, `createTriggerFiringRepository`, `createScheduleRepository` (the schedule claim
   * loop's statements) and `createConversationRepository` of store-sql.
   */
  triggers: TriggerRepository;
  firings: TriggerFiringRepository;
  schedules: ScheduleRepository;
  conversations: ConversationRepository;
  box: SecretBox;
  audit: AuditService;
  limiter: Pick<RateLimiter, 'hit'>;
  workflows: Pick<WorkflowService, 'execute' | 'get'>;
  statusOf(executionId: string): Promise<string | undefined>;
  load(executionId: string): Promise<ExecutionRecord | undefined>;
  logger?: Logger;
  options?: TriggerOptions;
}) {
  const options = deps.options ?? {};
  const now = options.now ?? Date.now;
  const logger = deps.logger ? { logger: deps.logger } : {};
  const start = async (
    target: { workspaceId: string; workflowId: string },
    input: unknown,
    executionId?: string,
  ): Promise<{ executionId: string; done: Promise<RunResult> }> =>
    deps.workflows.execute(
      target.workflowId,
      input,
      { workspaceId: target.workspaceId },
      { via: 'trigger', ...(executionId ? { executionId } : {}) },
    );
  const launch: Launch = async (target, input, executionId) => {
    const { done } = await start(target, input, executionId);
    done.catch(() => {});
  };
  const repositories = { triggers: deps.triggers, firings: deps.firings };
  const service = createTriggerService({
    ...repositories,
    box: deps.box,
    audit: deps.audit,
    now,
    async workflowExists(workflowId, workspaceId) {
      try {
        await deps.workflows.get(workflowId, { workspaceId });
        return true;
      } catch {
        return false;
      }
    },
  });
  const tuning: Partial<ScheduleLoopOptions> = {
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.missedAfterMs !== undefined ? { missedAfterMs: options.missedAfterMs } : {}),
  };
  const schedules = createScheduleLoop({
    schedules: deps.schedules,
    launch,
    statusOf: deps.statusOf,
    now,
    ...logger,
    ...tuning,
  });
  const events = createEventTriggers({
    ...repositories,
    launch,
    statusOf: deps.statusOf,
    load: deps.load,
    now,
    ...logger,
    ...(options.eventSweepMs !== undefined ? { sweepMs: options.eventSweepMs } : {}),
  });
  const webhooks = createWebhookHandler({ ...repositories, service, limiter: deps.limiter, start, now });
  const chat = createChat({
    ...repositories,
    conversations: deps.conversations,
    limiter: deps.limiter,
    workflows: deps.workflows,
    statusOf: deps.statusOf,
    now,
    ...logger,
  });
  return {
    ...service,
    // A saved schedule may be due sooner than the loop's sleep: it looks at the store again at once.
    create: async (...args: Parameters<typeof service.create>) => {
      const created = await service.create(...args);
      schedules.wake();
      return created;
    },
    update: async (...args: Parameters<typeof service.update>) => {
      const updated = await service.update(...args);
      webhooks.evict(args[1]);
      schedules.wake();
      return updated;
    },
    remove: async (...args: Parameters<typeof service.remove>) => {
      await service.remove(...args);
      webhooks.evict(args[1]);
    },
    rotateSecret: async (...args: Parameters<typeof service.rotateSecret>) => {
      const shown = await service.rotateSecret(...args);
      webhooks.evict(args[1]);
      return shown;
    },
    webhook: webhooks.handle,
    /** Conversations with a workflow: signed-in members and a chat trigger's public embed (issue 19 item 3). */
    chat,
    schedules,
    onExecutionCompleted: (execution: ExecutionRecord) => events.onCompleted(execution),
    /** The catch-up sweep of workflow events (started with the schedule loop). */
    events: { sweep: events.sweep, start: events.start, stop: events.stop },
  };
}

export type Triggers = ReturnType<typeof createTriggers>;
