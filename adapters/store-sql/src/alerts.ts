/**
 * Built-in alerts (issue 17 item 3; tables `alert_rules`, `alert_defaults`, `alert_state`, `alert_firings`,
 * migration 0015): rules per workspace, the claim of due evaluations, the figures they compare (computed from the
 * executions and steps the store holds) and the firing history. A transition (fire, resolve) is one transaction
 * that also writes its notifications to `notification_outbox`, so a firing is never recorded without them nor
 * notified twice.
 *
 * This module is the `AlertStore` facade; the parts live in alert-rules.ts (rule CRUD and defaults),
 * alert-firings.ts (claims, evaluations with their notifications, firing history), alert-figures.ts (the figures)
 * and alert-rows.ts (row mapping).
 */
import type { AlertRule } from '@agentflow/protocol';
import { alertValue } from './alert-figures.js';
import { type AlertFiringStore, createAlertFiringStore } from './alert-firings.js';
import { type AlertRuleStore, createAlertRuleStore } from './alert-rules.js';
import type { Db } from './db.js';

export {
  type AlertEvaluation,
  type AlertFiringPage,
  type AlertNotification,
  type ClaimedAlert,
  newAlertFiringId,
} from './alert-firings.js';

export interface AlertStore extends AlertRuleStore, AlertFiringStore {
  /** The rule's figure at `now` (see `ALERT_KINDS`); undefined when the window holds nothing to measure. */
  alertValue(
    rule: Pick<AlertRule, 'workspaceId' | 'kind' | 'windowMs'>,
    now: number,
  ): Promise<number | undefined>;
}

export function createAlertStore(db: Db): AlertStore {
  return {
    ...createAlertRuleStore(db),
    ...createAlertFiringStore(db),
    alertValue: (rule, now) => alertValue(db, rule, now),
  };
}
