/**
 * The alert evaluator (issue 17 item 3), run by every runtime: each round leases the rules due for evaluation
 * (`claimDueAlerts`, `FOR UPDATE SKIP LOCKED` with a lease, through the shared lease loop), computes each rule's
 * figure from the store's records and applies the duration:
 *
 * - a true condition (`value > threshold`) sets `pending_since` at the first evaluation that sees it;
 * - once it has held for the whole `durationMs` (every evaluation since `pending_since` saw it true), the rule
 *   fires once: a firing row and one notification per channel, written in one transaction;
 * - a false condition (or no data) clears `pending_since`, and resolves an open firing (resolution and one
 *   notification per channel).
 *
 * Notifications go to the outbox (`notification_outbox`), which every runtime delivers with retries (webhooks
 * by signed-less POST through the egress guard; Slack and email through the built-in tools).
 */
import type { Logger } from '@agentflow/core';
import { type AlertFiring, type AlertKind, type AlertRule, formatAlertValue } from '@agentflow/protocol';
import {
  type AlertNotification,
  type AlertStore,
  type ClaimedAlert,
  newAlertFiringId,
} from '@agentflow/store-sql';
import { createLeaseLoop, type LeaseLoop } from '../lease-loop.js';

export interface AlertEvaluatorOptions {
  store: AlertStore;
  /** (Default: Date.now) */
  now?: () => number;
  /** How often each rule is evaluated. (Default: 30000) */
  evalEveryMs?: number;
  /** How often due rules are looked for. (Default: evalEveryMs / 6, at most 5000) */
  pollMs?: number;
  /** A claimed evaluation not recorded within this long is taken by another process. (Default: 60000) */
  leaseMs?: number;
  /** How often workspaces without default rules get them. (Default: 60000) */
  seedEveryMs?: number;
  /** Outbox attempts per notification. (Default: 5) */
  maxAttempts?: number;
  logger?: Logger;
}

/** Whether a figure passes the rule's threshold (no figure: no). */
export const conditionHolds = (rule: Pick<AlertRule, 'threshold'>, value: number | undefined) =>
  value !== undefined && value > rule.threshold;

const LABELS: Record<AlertKind, string> = {
  error_rate: 'error rate',
  p95_latency: 'p95 latency',
  daily_cost: 'cost today',
  workflow_failure_rate: 'workflow failure rate',
  queue_backlog: 'queue backlog',
};

/** The notifications of a transition: one per channel, each with the same payload (subject and text included). */
export function alertNotifications(rule: AlertRule, firing: AlertFiring): AlertNotification[] {
  const resolved = firing.resolvedAt !== undefined;
  const event = resolved ? 'alert.resolved' : 'alert.firing';
  const tag = resolved ? 'RESOLVED' : rule.severity.toUpperCase();
  const figure = resolved
    ? `${LABELS[rule.kind]} ${formatAlertValue(rule.kind, firing.resolvedValue)}, back within ${formatAlertValue(rule.kind, rule.threshold)}`
    : `${LABELS[rule.kind]} ${formatAlertValue(rule.kind, firing.value)} > ${formatAlertValue(rule.kind, rule.threshold)}`;
  const subject = `[${tag}] ${rule.name}`;
  const text = `${subject}: ${figure} (since ${new Date(firing.pendingSince).toISOString()}; workspace ${rule.workspaceId})`;
  const payload = { event, subject, text, alert: { workspaceId: rule.workspaceId, ...firing } };
  return [
    ...rule.channels.webhooks.map((url) => ({ url, payload })),
    ...rule.channels.slack.map((s) => ({ url: `slack:${s.channel}`, payload })),
    ...rule.channels.emails.map((address) => ({ url: `mailto:${address}`, payload })),
  ];
}

export interface AlertEvaluator extends LeaseLoop {
  /** Evaluates claimed rules; returns how many were recorded. */
  evaluate(claimed: ClaimedAlert[]): Promise<number>;
}

export function createAlertEvaluator(options: AlertEvaluatorOptions): AlertEvaluator {
  const { store } = options;
  const now = options.now ?? Date.now;
  const evalEveryMs = options.evalEveryMs ?? 30_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const seedEveryMs = options.seedEveryMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 5;
  let lastSeed = Number.NEGATIVE_INFINITY;

  async function evaluateOne({ rule, lockedUntil }: ClaimedAlert): Promise<boolean> {
    const at = now();
    const value = await store.alertValue(rule, at);
    const holds = conditionHolds(rule, value);
    const pendingSince = holds ? (rule.state.pendingSince ?? at) : null;
    const base = { ruleId: rule.id, lockedUntil, now: at, value, pendingSince, maxAttempts };
    if (holds && !rule.state.firingId && at - pendingSince! >= rule.durationMs) {
      const firing: AlertFiring = {
        id: newAlertFiringId(),
        ruleId: rule.id,
        ruleName: rule.name,
        kind: rule.kind,
        severity: rule.severity,
        threshold: rule.threshold,
        value: value!,
        pendingSince: pendingSince!,
        firedAt: at,
      };
      const fire = { id: firing.id, value: value!, notifications: alertNotifications(rule, firing) };
      const recorded = await store.recordAlertEvaluation({ ...base, fire });
      if (recorded) options.logger?.warn('alert firing', { ruleId: rule.id, name: rule.name, value });
      return recorded;
    }
    if (!holds && rule.state.firingId) {
      const firing: AlertFiring = {
        id: rule.state.firingId,
        ruleId: rule.id,
        ruleName: rule.name,
        kind: rule.kind,
        severity: rule.severity,
        threshold: rule.threshold,
        value: rule.state.lastValue ?? rule.threshold,
        pendingSince: rule.state.pendingSince ?? rule.state.firingSince ?? at,
        firedAt: rule.state.firingSince ?? at,
        resolvedAt: at,
        ...(value !== undefined ? { resolvedValue: value } : {}),
        resolution: 'cleared',
      };
      const resolve = { value, notifications: alertNotifications(rule, firing) };
      const recorded = await store.recordAlertEvaluation({ ...base, resolve });
      if (recorded) options.logger?.info('alert resolved', { ruleId: rule.id, name: rule.name, value });
      return recorded;
    }
    return store.recordAlertEvaluation(base);
  }

  async function evaluate(claimed: ClaimedAlert[]): Promise<number> {
    let recorded = 0;
    for (const claim of claimed) {
      try {
        if (await evaluateOne(claim)) recorded++;
      } catch (error) {
        // Left leased: evaluated again once the lease ends.
        options.logger?.error('alert evaluation failed', { ruleId: claim.rule.id, error: String(error) });
      }
    }
    return recorded;
  }

  const loop = createLeaseLoop<ClaimedAlert>({
    name: 'alert evaluation',
    pollMs: options.pollMs ?? Math.min(5000, Math.max(10, Math.floor(evalEveryMs / 6))),
    jitter: 0.25,
    ...(options.logger ? { logger: options.logger } : {}),
    async before() {
      if (now() - lastSeed < seedEveryMs) return 0;
      lastSeed = now();
      return store.seedAlertDefaults();
    },
    claim: () => store.claimDueAlerts({ now: now(), leaseMs, nextEvalMs: evalEveryMs }),
    handle: evaluate,
  });
  return { ...loop, evaluate };
}
