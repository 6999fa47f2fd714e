/**
 * Trigger management (issue 19): create, list, change, delete a workflow's triggers, with each kind's config
 * checked (`validation.ts`: cron and time zone by croner, the workflow-event graph for cycles) and a webhook's
 * secret generated, sealed and shown once (`secrets.ts`). See ARCHITECTURE.md §11d.
 */
import {
  AgentFlowError,
  type ScheduleConfig,
  TriggerCreate,
  type TriggerFiring,
  type TriggerKind,
  type TriggerRef,
  type TriggerUpdate,
  type TriggerView,
  type WebhookConfig,
} from '@agentflow/protocol';
import type {
  TriggerChange,
  TriggerFiringRepository,
  TriggerRecord,
  TriggerRepository,
} from '@agentflow/store-sql';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/permissions.js';
import type { SecretBox } from '../auth/secret-box.js';
import type { AuditService, RequestMeta } from '../tenancy/audit.js';
import { nextTicks, parseCron } from './cron.js';
import { newTriggerId } from './ids.js';
import { newTriggerSecret, openTriggerSecret } from './secrets.js';
import { createConfigCheck } from './validation.js';
import { firingView, view } from './views.js';

// Moved to their own modules; still exported here for the modules that import them from the service.
export { eventExecutionId, newTriggerId, tickExecutionId } from './ids.js';
export { firingView, view } from './views.js';

export interface TriggerServiceOptions {
  /** The stored triggers and their firings (`createTriggerRepository`, `createTriggerFiringRepository`). */
  triggers: TriggerRepository;
  firings: TriggerFiringRepository;
  box: SecretBox;
  audit: AuditService;
  /** The workflow must exist in the caller's workspace. */
  workflowExists(workflowId: string, workspaceId: string): Promise<boolean>;
  now: () => number;
}

/** A created trigger, with the webhook's secret or token shown this once. */
export interface CreatedTrigger {
  trigger: TriggerView;
  secret?: string;
  token?: string;
}

export function createTriggerService(options: TriggerServiceOptions) {
  const { triggers, firings, box, audit, now } = options;

  async function own(principal: Principal, id: string): Promise<TriggerRecord> {
    const row = await triggers.find(principal.workspaceId, id);
    if (!row) throw new AgentFlowError('AF_NOT_FOUND', `trigger ${id} not found`);
    return row;
  }

  const prepare = createConfigCheck(options);
  const newSecret = (kind: TriggerKind, config: unknown, workspaceId: string, id: string) =>
    newTriggerSecret(box, kind, config, workspaceId, id);

  /** A trigger as this principal sees it: a chat trigger's share token only for those who may change it. */
  function show(principal: Principal, row: TriggerRecord): TriggerView {
    const out = view(row);
    if (row.kind !== 'chat' || !row.secret) return out;
    try {
      authorize(principal, 'workflow:update');
    } catch {
      return out;
    }
    const token = openTriggerSecret(box, row.workspaceId, row.id, row.secret);
    return { ...out, token, path: `/embed/chat/${token}` };
  }

  return {
    async list(principal: Principal, workflowId: string): Promise<TriggerView[]> {
      authorize(principal, 'workflow:read');
      const rows = await triggers.list(principal.workspaceId, workflowId);
      return rows.map((row) => show(principal, row));
    },
    async get(principal: Principal, id: string): Promise<TriggerView> {
      authorize(principal, 'workflow:read');
      return show(principal, await own(principal, id));
    },
    async create(
      principal: Principal,
      workflowId: string,
      input: TriggerCreate,
      meta?: RequestMeta,
    ): Promise<CreatedTrigger> {
      authorize(principal, 'workflow:update');
      const parsed = TriggerCreate.safeParse(input);
      if (!parsed.success) {
        throw new AgentFlowError('AF_VALIDATION', 'invalid trigger', {
          issues: parsed.error.issues.map((i) => ({
            code: 'AF_VALIDATION' as const,
            path: i.path.join('.'),
            message: i.message,
          })),
        });
      }
      const { workspaceId } = principal;
      if (!(await options.workflowExists(workflowId, workspaceId))) {
        throw new AgentFlowError('AF_NOT_FOUND', `workflow ${workflowId} not found`);
      }
      const id = newTriggerId();
      const { kind, name } = parsed.data;
      // A chat trigger's public embed is off until someone turns it on.
      const enabled = parsed.data.enabled ?? kind !== 'chat';
      if (kind === 'chat') {
        const existing = await triggers.findIdOfKind(workspaceId, workflowId, 'chat');
        if (existing) {
          throw new AgentFlowError('AF_CONFLICT', `workflow ${workflowId} already has a chat trigger`, {
            issues: [{ code: 'AF_CONFLICT', path: 'kind', message: `change ${existing} instead` }],
          });
        }
      }
      const prepared = await prepare(workspaceId, workflowId, kind, parsed.data.config);
      const secret = newSecret(kind, prepared.config, workspaceId, id);
      const row = await triggers.create({
        id,
        workspaceId,
        workflowId,
        kind,
        name,
        enabled,
        config: prepared.config,
        ...(secret.sealed !== null ? { secret: secret.sealed } : {}),
        ...(secret.tokenHash !== undefined ? { tokenHash: secret.tokenHash } : {}),
        ...(prepared.sourceWorkflowId !== null ? { sourceWorkflowId: prepared.sourceWorkflowId } : {}),
        ...(prepared.nextRunAt !== null ? { nextRunAt: prepared.nextRunAt } : {}),
        ...(principal.kind === 'user' ? { createdBy: principal.userId } : {}),
      });
      await audit.record({
        action: 'trigger.create',
        principal,
        target: { type: 'trigger', id },
        details: { kind, workflowId },
        ...(meta ? { meta } : {}),
      });
      return { trigger: show(principal, row), ...(secret.shown ?? {}) };
    },
    async update(
      principal: Principal,
      id: string,
      change: TriggerUpdate,
      meta?: RequestMeta,
    ): Promise<TriggerView> {
      authorize(principal, 'workflow:update');
      const row = await own(principal, id);
      const kind = row.kind;
      const set: TriggerChange = { updatedAt: now() };
      if (change.name !== undefined) set.name = change.name;
      if (change.enabled !== undefined) set.enabled = change.enabled;
      if (change.config !== undefined || (change.enabled === true && !row.enabled)) {
        const prepared = await prepare(
          row.workspaceId,
          row.workflowId,
          kind,
          change.config ?? row.config,
          row.id,
        );
        set.config = prepared.config;
        set.sourceWorkflowId = prepared.sourceWorkflowId;
        // A changed or re-enabled schedule starts from now: ticks while it was off are not owed.
        set.nextRunAt = prepared.nextRunAt;
        if (kind === 'webhook' && change.config !== undefined) {
          const before = (row.config as WebhookConfig).auth;
          const after = (prepared.config as WebhookConfig).auth;
          if (
            Boolean(before.hmac) !== Boolean(after.hmac) ||
            Boolean(before.bearer) !== Boolean(after.bearer)
          ) {
            throw new AgentFlowError(
              'AF_VALIDATION',
              'changing how a webhook authenticates needs a new secret',
              {
                issues: [
                  {
                    code: 'AF_VALIDATION',
                    path: 'config.auth',
                    message: 'create a new trigger, or rotate its secret after',
                  },
                ],
              },
            );
          }
        }
      }
      const updated = await triggers.update(id, set);
      await audit.record({
        action: 'trigger.update',
        principal,
        target: { type: 'trigger', id },
        ...(meta ? { meta } : {}),
      });
      return show(principal, updated!);
    },
    async remove(principal: Principal, id: string, meta?: RequestMeta): Promise<void> {
      authorize(principal, 'workflow:update');
      await own(principal, id);
      await triggers.remove(id);
      await audit.record({
        action: 'trigger.delete',
        principal,
        target: { type: 'trigger', id },
        ...(meta ? { meta } : {}),
      });
    },
    /**
     * A new secret (HMAC) or token (bearer) for a webhook, shown this once, or a new share token for a chat
     * trigger; the old one stops working at once.
     */
    async rotateSecret(
      principal: Principal,
      id: string,
      meta?: RequestMeta,
    ): Promise<{ secret?: string; token?: string }> {
      authorize(principal, 'workflow:update');
      const row = await own(principal, id);
      const secret = newSecret(row.kind, row.config, row.workspaceId, row.id);
      if (!secret.shown)
        throw new AgentFlowError('AF_CONFLICT', 'this trigger has no secret (no hmac or bearer auth)');
      await triggers.update(id, {
        secret: secret.sealed,
        ...(secret.tokenHash ? { tokenHash: secret.tokenHash } : {}),
        updatedAt: now(),
      });
      await audit.record({
        action: 'trigger.rotate_secret',
        principal,
        target: { type: 'trigger', id },
        ...(meta ? { meta } : {}),
      });
      return secret.shown;
    },
    /** A schedule's next `count` ticks (at most 100). */
    async nextRuns(principal: Principal, id: string, count = 5): Promise<number[]> {
      authorize(principal, 'workflow:read');
      const row = await own(principal, id);
      if (row.kind !== 'schedule') throw new AgentFlowError('AF_CONFLICT', `trigger ${id} is not a schedule`);
      const s = row.config as ScheduleConfig;
      return nextTicks(parseCron(s.cron, s.timezone), now(), Math.min(Math.max(count, 1), 100));
    },
    /** What the trigger started (or skipped, or was refused), newest first. */
    async firings(principal: Principal, id: string, limit = 100): Promise<TriggerFiring[]> {
      authorize(principal, 'workflow:read');
      await own(principal, id);
      const rows = await firings.list(id, Math.min(Math.max(limit, 1), 500));
      return rows.map(firingView);
    },
    /** What started each of these executions (those started by a trigger only). */
    async triggeredBy(executionIds: string[]): Promise<Map<string, TriggerRef>> {
      const found = new Map<string, TriggerRef>();
      if (executionIds.length === 0) return found;
      for (const r of await firings.triggeredBy(executionIds)) {
        found.set(r.executionId, {
          id: r.triggerId,
          kind: r.kind,
          ...(r.name ? { name: r.name } : {}),
        });
      }
      return found;
    },
    /** The plain secret or token of a webhook (verification). */
    openSecret(row: TriggerRecord): string | undefined {
      return row.secret ? openTriggerSecret(box, row.workspaceId, row.id, row.secret) : undefined;
    },
  };
}

export type TriggerService = ReturnType<typeof createTriggerService>;
