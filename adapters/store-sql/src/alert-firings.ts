/**
 * Alert evaluation and firings (alerts.ts): the lease on due rules (`alert_state`), the record of an evaluation
 * with its transition (a new firing in `alert_firings` or the open one resolved, in one transaction with its
 * notifications in `notification_outbox`, so a firing is never recorded without them nor notified twice), and
 * the firing history.
 */
import { createHash } from 'node:crypto';
import type { AlertFiring, AlertRule } from '@agentflow/protocol';
import { sql } from 'drizzle-orm';
import {
  decodeCursor,
  encodeCursor,
  type FiringRow,
  iso,
  ms,
  newId,
  num,
  RULE_COLUMNS,
  type RuleRow,
  toFiring,
  toRule,
} from './alert-rows.js';
import { type Db, rows } from './db.js';
import { leaseDue } from './lease.js';

/** A claimed evaluation: the rule and its state as the claim left it. */
export interface ClaimedAlert {
  rule: AlertRule;
  /** The lease this claim holds (only its holder records the evaluation). */
  lockedUntil: number;
}

/** One notification of a transition, for the outbox (`url`: http(s), `slack:<channel>` or `mailto:<address>`). */
export interface AlertNotification {
  url: string;
  payload: unknown;
}

export interface AlertEvaluation {
  ruleId: string;
  /** The claim's lease (`ClaimedAlert.lockedUntil`). */
  lockedUntil: number;
  now: number;
  value: number | undefined;
  /** Since when the condition holds (null: it does not). */
  pendingSince: number | null;
  /** Fire: a new firing with this id and these notifications. */
  fire?: { id: string; value: number; notifications: AlertNotification[] };
  /** Resolve the open firing. */
  resolve?: { value: number | undefined; notifications: AlertNotification[] };
  /** Outbox attempts per notification. */
  maxAttempts: number;
}

export interface AlertFiringPage {
  items: AlertFiring[];
  nextCursor?: string;
}

export interface AlertFiringStore {
  /** Leases up to `limit` enabled rules due at `now` until `now + leaseMs`; their next evaluation `nextEvalMs` on. */
  claimDueAlerts(options: {
    now: number;
    leaseMs: number;
    nextEvalMs: number;
    limit?: number;
  }): Promise<ClaimedAlert[]>;
  /** Records an evaluation (and its transition) if the claim still holds the lease; false when it did not. */
  recordAlertEvaluation(evaluation: AlertEvaluation): Promise<boolean>;
  /** Firings newest first (`active`: unresolved only). */
  listAlertFirings(
    workspaceId: string,
    query?: { cursor?: string; limit?: number; active?: boolean },
  ): Promise<AlertFiringPage>;
}

/** A fresh firing id. */
export const newAlertFiringId = () => newId('alf');

/** Writes a transition's notifications to the outbox (in `tx`), at most once per firing, event and url. */
async function outbox(
  tx: Db,
  workspaceId: string,
  firingId: string,
  event: string,
  notifications: AlertNotification[],
  maxAttempts: number,
  now: number,
) {
  for (const n of notifications) {
    const id = `ntf_${createHash('sha256').update(`${firingId}\u0000${event}\u0000${n.url}`).digest('hex').slice(0, 32)}`;
    await tx.execute(sql`
      INSERT INTO notification_outbox (id, workspace_id, workflow_id, execution_id, url, event, payload,
        max_attempts, next_attempt_at)
      VALUES (${id}, ${workspaceId}, '', ${firingId}, ${n.url}, ${event}, ${JSON.stringify(n.payload)}::jsonb,
        ${maxAttempts}, ${iso(now)}::timestamptz)
      ON CONFLICT DO NOTHING`);
  }
}

export function createAlertFiringStore(db: Db): AlertFiringStore {
  return {
    async claimDueAlerts({ now, leaseMs, nextEvalMs, limit = 50 }) {
      const claimed = await leaseDue<RuleRow>(db, {
        table: 'alert_state',
        key: 'rule_id',
        leaseColumn: 'locked_until',
        due: sql`next_eval_at <= ${iso(now)}::timestamptz
          AND EXISTS (SELECT 1 FROM alert_rules r WHERE r.id = alert_state.rule_id AND r.enabled)`,
        orderBy: 'next_eval_at',
        limit,
        now,
        until: now + leaseMs,
        set: sql`next_eval_at = ${iso(now + nextEvalMs)}::timestamptz`,
        from: 'alert_rules r WHERE r.id = alert_state.rule_id',
        returning: `${RULE_COLUMNS.replaceAll('s.', 'alert_state.')}, ${ms('alert_state.locked_until')} AS locked_until`,
      });
      return claimed.map((r) => ({ rule: toRule(r), lockedUntil: Number(r.locked_until) }));
    },
    async recordAlertEvaluation(ev) {
      return db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        const [held] = await rows<{ workspace_id: string; firing_id: string | null } & RuleRow>(
          t,
          sql`SELECT ${sql.raw(RULE_COLUMNS)} FROM alert_state s JOIN alert_rules r ON r.id = s.rule_id
            WHERE s.rule_id = ${ev.ruleId} AND s.locked_until = ${iso(ev.lockedUntil)}::timestamptz
            FOR UPDATE OF s`,
        );
        if (!held) return false;
        const rule = toRule(held);
        let firingId = held.firing_id;
        let firingSince: number | null = num(held.firing_since) ?? null;
        if (ev.fire && !firingId) {
          firingId = ev.fire.id;
          firingSince = ev.now;
          await t.execute(sql`
            INSERT INTO alert_firings (id, workspace_id, rule_id, rule_name, kind, severity, threshold, value,
              pending_since, fired_at)
            VALUES (${firingId}, ${rule.workspaceId}, ${rule.id}, ${rule.name}, ${rule.kind}, ${rule.severity},
              ${rule.threshold}, ${ev.fire.value}, ${iso(ev.pendingSince ?? ev.now)}::timestamptz,
              ${iso(ev.now)}::timestamptz)`);
          await outbox(
            t,
            rule.workspaceId,
            firingId,
            'alert.firing',
            ev.fire.notifications,
            ev.maxAttempts,
            ev.now,
          );
        } else if (ev.resolve && firingId) {
          await t.execute(sql`
            UPDATE alert_firings SET resolved_at = ${iso(ev.now)}::timestamptz, resolved_value = ${ev.resolve.value ?? null},
              resolution = 'cleared'
            WHERE id = ${firingId} AND resolved_at IS NULL`);
          await outbox(
            t,
            rule.workspaceId,
            firingId,
            'alert.resolved',
            ev.resolve.notifications,
            ev.maxAttempts,
            ev.now,
          );
          firingId = null;
          firingSince = null;
        }
        await t.execute(sql`
          UPDATE alert_state SET locked_until = NULL, last_value = ${ev.value ?? null},
            last_evaluated_at = ${iso(ev.now)}::timestamptz,
            pending_since = ${ev.pendingSince === null ? null : iso(ev.pendingSince)}::timestamptz,
            firing_id = ${firingId}, firing_since = ${firingSince === null ? null : iso(firingSince)}::timestamptz
          WHERE rule_id = ${ev.ruleId}`);
        return true;
      });
    },
    async listAlertFirings(workspaceId, query = {}) {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
      const after = query.cursor !== undefined ? decodeCursor(query.cursor) : undefined;
      if (query.cursor !== undefined && !after) return { items: [] }; // as executions: nothing after an unknown cursor
      const found = await rows<FiringRow>(
        db,
        sql`SELECT id, rule_id, rule_name, kind, severity, threshold, value, ${sql.raw(ms('pending_since'))} AS pending_since,
          ${sql.raw(ms('fired_at'))} AS fired_at, ${sql.raw(ms('resolved_at'))} AS resolved_at, resolved_value, resolution
          FROM alert_firings
          WHERE workspace_id = ${workspaceId}
            ${query.active ? sql`AND resolved_at IS NULL` : sql``}
            ${after ? sql`AND (fired_at, id) < (${iso(after.at)}::timestamptz, ${after.id})` : sql``}
          ORDER BY fired_at DESC, id DESC
          LIMIT ${limit + 1}`,
      );
      const items = found.slice(0, limit).map(toFiring);
      return found.length > limit ? { items, nextCursor: encodeCursor(items.at(-1)!) } : { items };
    },
  };
}
