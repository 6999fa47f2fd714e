/**
 * Built-in alerts (issue 17 item 3): managing a workspace's rules and reading its firings (read with
 * `execution:read`, managed by admins with `provider:manage`, audited), the evaluator every runtime runs
 * (evaluator.ts), and the delivery of the Slack and email notifications through the built-in tools.
 * ARCHITECTURE.md §11e.
 */
import type { Logger, ToolHost } from '@agentflow/core';
import {
  AgentFlowError,
  type AlertFiring,
  type AlertRule,
  AlertRuleInput,
  AlertRuleUpdate,
  type Issue,
} from '@agentflow/protocol';
import type { AlertFiringPage, AlertStore } from '@agentflow/store-sql';
import type { z } from 'zod';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/permissions.js';
import type { ClaimedNotification } from '../notifications.js';
import type { AuditService, RequestMeta } from '../tenancy/audit.js';
import { type AlertEvaluator, type AlertEvaluatorOptions, createAlertEvaluator } from './evaluator.js';

export { alertNotifications, conditionHolds } from './evaluator.js';
export type { AlertEvaluator, AlertEvaluatorOptions };

export interface AlertService {
  listRules(principal: Principal): Promise<AlertRule[]>;
  getRule(principal: Principal, id: string): Promise<AlertRule>;
  createRule(principal: Principal, input: unknown, meta?: RequestMeta): Promise<AlertRule>;
  updateRule(principal: Principal, id: string, change: unknown, meta?: RequestMeta): Promise<AlertRule>;
  deleteRule(principal: Principal, id: string, meta?: RequestMeta): Promise<void>;
  listFirings(
    principal: Principal,
    query?: { cursor?: string; limit?: number; active?: boolean },
  ): Promise<AlertFiringPage>;
  /** The evaluator of this process (started by the runtime unless turned off). */
  readonly evaluator: AlertEvaluator;
}

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: Issue[] = parsed.error.issues.map((i) => ({
    code: 'AF_VALIDATION',
    path: i.path
      .map((k, n) => (typeof k === 'number' ? `[${k}]` : `${n > 0 ? '.' : ''}${String(k)}`))
      .join(''),
    message: i.message,
  }));
  throw new AgentFlowError('AF_VALIDATION', `invalid ${what}`, { issues });
}

const notFound = (id: string) => new AgentFlowError('AF_NOT_FOUND', `alert rule ${id} not found`);

export function createAlertService(options: {
  store: AlertStore;
  audit: AuditService;
  evaluator?: Omit<AlertEvaluatorOptions, 'store'>;
}): AlertService {
  const { store, audit } = options;
  const evaluator = createAlertEvaluator({ ...options.evaluator, store });
  const record = (
    action: string,
    principal: Principal,
    id: string,
    meta: RequestMeta | undefined,
    metadata?: Record<string, unknown>,
  ) =>
    audit.record({
      action,
      principal,
      target: { type: 'alert_rule', id },
      ...(metadata ? { metadata } : {}),
      ...(meta ? { meta } : {}),
    });

  return {
    evaluator,
    async listRules(principal) {
      authorize(principal, 'execution:read');
      return store.listAlertRules(principal.workspaceId);
    },
    async getRule(principal, id) {
      authorize(principal, 'execution:read');
      const rule = await store.getAlertRule(principal.workspaceId, id);
      if (!rule) throw notFound(id);
      return rule;
    },
    async createRule(principal, input, meta) {
      authorize(principal, 'provider:manage');
      const parsed = parse(AlertRuleInput, input, 'alert rule');
      const rule = await store.createAlertRule(principal.workspaceId, parsed);
      await record('alert_rule.create', principal, rule.id, meta, {
        kind: rule.kind,
        threshold: rule.threshold,
      });
      return rule;
    },
    async updateRule(principal, id, change, meta) {
      authorize(principal, 'provider:manage');
      const parsed = parse(AlertRuleUpdate, change, 'alert rule change');
      const rule = await store.updateAlertRule(principal.workspaceId, id, parsed);
      if (!rule) throw notFound(id);
      await record('alert_rule.update', principal, id, meta, { fields: Object.keys(parsed) });
      return rule;
    },
    async deleteRule(principal, id, meta) {
      authorize(principal, 'provider:manage');
      if (!(await store.deleteAlertRule(principal.workspaceId, id))) throw notFound(id);
      await record('alert_rule.delete', principal, id, meta);
    },
    async listFirings(principal, query = {}) {
      authorize(principal, 'execution:read');
      return store.listAlertFirings(principal.workspaceId, query);
    },
  };
}

/**
 * Delivers an alert's `slack:<channel>` or `mailto:<address>` outbox row with the built-in `slack_post_message`
 * or `send_email` tool, in the row's workspace (its `slack` or `smtp` credential, else the instance's; the tools
 * apply the egress policy). Resolves to the failure, undefined once sent.
 */
export function alertChannelDelivery(tools: ToolHost, logger: Logger) {
  return async (row: ClaimedNotification): Promise<string | undefined> => {
    const payload = (row.payload ?? {}) as { subject?: string; text?: string; alert?: AlertFiring };
    const text = payload.text ?? row.event;
    const slack = row.url.startsWith('slack:');
    const [tool, input] = slack
      ? ['slack_post_message', { channel: row.url.slice('slack:'.length), text }]
      : ['send_email', { to: row.url.slice('mailto:'.length), subject: payload.subject ?? row.event, text }];
    const result = await tools.call(tool, input, {
      signal: AbortSignal.timeout(30_000),
      idempotencyKey: row.id,
      logger,
      executionId: row.execution_id,
      workspaceId: row.workspace_id,
    });
    return result.ok ? undefined : `${result.error.code}: ${result.error.message}`.slice(0, 500);
  };
}
