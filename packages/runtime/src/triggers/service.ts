/**
 * Trigger management (issue 19): create, list, change, delete a workflow's triggers, with each kind's config
 * checked (cron and time zone by croner, the workflow-event graph for cycles) and a webhook's secret generated,
 * sealed and shown once. See ARCHITECTURE.md §11d.
 */
import { randomBytes } from 'node:crypto';
import {
  AgentFlowError,
  ChatConfig,
  ScheduleConfig,
  TriggerCreate,
  type TriggerFiring,
  type TriggerKind,
  type TriggerRef,
  type TriggerUpdate,
  type TriggerView,
  WebhookConfig,
  WorkflowEventConfig,
} from '@agentflow/protocol';
import type {
  TriggerChange,
  TriggerFiringRecord,
  TriggerFiringRepository,
  TriggerRecord,
  TriggerRepository,
} from '@agentflow/store-sql';
import type { SealedSecret } from '@agentflow/store-sql/tenancy';
import type { z } from 'zod';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/permissions.js';
import type { SecretBox } from '../auth/secret-box.js';
import type { AuditService, RequestMeta } from '../tenancy/audit.js';
import { hashChatToken } from './chat.js';
import { checkTimezone, nextTick, nextTicks, parseCron } from './cron.js';

/** Unguessable: the webhook's URL is `/hooks/<id>`. */
export const newTriggerId = () => `trg_${randomBytes(24).toString('base64url')}`;

/** The deterministic execution id of a schedule tick, or of a workflow event's source execution. */
export const tickExecutionId = (triggerId: string, tick: number) => `exe_s_${triggerId.slice(4)}_${tick}`;
export const eventExecutionId = (triggerId: string, sourceExecutionId: string) =>
  `exe_e_${triggerId.slice(4)}_${sourceExecutionId}`.slice(0, 200);

const secretAad = (workspaceId: string, triggerId: string) => `trigger:${workspaceId}:${triggerId}`;
function pack(sealed: SealedSecret): string {
  return [Buffer.from(sealed.keyId, 'utf8'), sealed.iv, sealed.authTag, sealed.ciphertext]
    .map((part) => part.toString('base64url'))
    .join('.');
}
function unpack(text: string): SealedSecret {
  const [keyId = '', iv = '', authTag = '', ciphertext = ''] = text.split('.');
  return {
    keyId: Buffer.from(keyId, 'base64url').toString('utf8'),
    iv: Buffer.from(iv, 'base64url'),
    authTag: Buffer.from(authTag, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
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
  async function prepare(
    workspaceId: string,
    workflowId: string,
    kind: TriggerKind,
    raw: unknown,
    exceptId?: string,
  ) {
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
      if (!(await options.workflowExists(e.sourceWorkflowId, workspaceId))) {
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
  }

  function newSecret(
    kind: TriggerKind,
    config: unknown,
    workspaceId: string,
    id: string,
  ): { sealed: string | null; tokenHash?: string; shown?: { secret?: string; token?: string } } {
    if (kind === 'chat') {
      // The public embed's share token: sealed (members who may change the workflow see it again), and hashed
      // for the embed's lookup.
      const token = `afc_${randomBytes(24).toString('base64url')}`;
      return {
        sealed: pack(box.seal(token, secretAad(workspaceId, id))),
        tokenHash: hashChatToken(token),
        shown: { token },
      };
    }
    if (kind !== 'webhook') return { sealed: null };
    const auth = (config as WebhookConfig).auth;
    if (!auth.hmac && !auth.bearer) return { sealed: null };
    const plain = auth.hmac
      ? `whsec_${randomBytes(24).toString('base64url')}`
      : `afh_${randomBytes(24).toString('base64url')}`;
    return {
      sealed: pack(box.seal(plain, secretAad(workspaceId, id))),
      shown: auth.hmac ? { secret: plain } : { token: plain },
    };
  }

  /** A trigger as this principal sees it: a chat trigger's share token only for those who may change it. */
  function show(principal: Principal, row: TriggerRecord): TriggerView {
    const out = view(row);
    if (row.kind !== 'chat' || !row.secret) return out;
    try {
      authorize(principal, 'workflow:update');
    } catch {
      return out;
    }
    const token = box.open(unpack(row.secret), secretAad(row.workspaceId, row.id));
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
      return row.secret ? box.open(unpack(row.secret), secretAad(row.workspaceId, row.id)) : undefined;
    },
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

export type TriggerService = ReturnType<typeof createTriggerService>;
