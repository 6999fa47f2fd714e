/**
 * Built-in alerts (issue 17 item 3; tables `alert_rules`, `alert_defaults`, `alert_state`, `alert_firings`,
 * migration 0015): rules per workspace, the claim of due evaluations, the figures they compare (computed from the
 * executions and steps the store holds) and the firing history. A transition (fire, resolve) is one transaction
 * that also writes its notifications to `notification_outbox`, so a firing is never recorded without them nor
 * notified twice.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  type AlertChannels,
  type AlertFiring,
  type AlertKind,
  type AlertResolution,
  type AlertRule,
  type AlertRuleInput,
  type AlertRuleUpdate,
  type AlertSeverity,
  DEFAULT_ALERT_RULES,
} from '@agentflow/protocol';
import { sql } from 'drizzle-orm';
import { alertValue } from './alert-figures.js';
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

export interface AlertStore {
  /** The workspace's rules, creating the defaults the first time (a default deleted later stays deleted). */
  listAlertRules(workspaceId: string): Promise<AlertRule[]>;
  getAlertRule(workspaceId: string, id: string): Promise<AlertRule | undefined>;
  createAlertRule(workspaceId: string, input: AlertRuleInput): Promise<AlertRule>;
  /** Undefined: no such rule. Disabling resolves its open firing (`rule_disabled`). */
  updateAlertRule(workspaceId: string, id: string, change: AlertRuleUpdate): Promise<AlertRule | undefined>;
  /** Resolves its open firing (`rule_deleted`); false: no such rule. */
  deleteAlertRule(workspaceId: string, id: string): Promise<boolean>;
  /** Creates the defaults of up to `limit` workspaces that never had them; returns how many workspaces. */
  seedAlertDefaults(limit?: number): Promise<number>;
  /** Leases up to `limit` enabled rules due at `now` until `now + leaseMs`; their next evaluation `nextEvalMs` on. */
  claimDueAlerts(options: {
    now: number;
    leaseMs: number;
    nextEvalMs: number;
    limit?: number;
  }): Promise<ClaimedAlert[]>;
  /** The rule's figure at `now` (see `ALERT_KINDS`); undefined when the window holds nothing to measure. */
  alertValue(
    rule: Pick<AlertRule, 'workspaceId' | 'kind' | 'windowMs'>,
    now: number,
  ): Promise<number | undefined>;
  /** Records an evaluation (and its transition) if the claim still holds the lease; false when it did not. */
  recordAlertEvaluation(evaluation: AlertEvaluation): Promise<boolean>;
  /** Firings newest first (`active`: unresolved only). */
  listAlertFirings(
    workspaceId: string,
    query?: { cursor?: string; limit?: number; active?: boolean },
  ): Promise<AlertFiringPage>;
}

type Num = number | string | null;
interface RuleRow {
  id: string;
  workspace_id: string;
  name: string;
  kind: string;
  threshold: number;
  window_ms: number;
  duration_ms: number;
  severity: string;
  enabled: boolean;
  channels: Partial<AlertChannels>;
  default_key: string | null;
  created_at: Num;
  updated_at: Num;
  pending_since: Num;
  firing_id: string | null;
  firing_since: Num;
  last_value: number | null;
  last_evaluated_at: Num;
  locked_until?: Num;
}

const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
const RULE_COLUMNS = `r.id, r.workspace_id, r.name, r.kind, r.threshold, r.window_ms, r.duration_ms, r.severity,
  r.enabled, r.channels, r.default_key, ${ms('r.created_at')} AS created_at, ${ms('r.updated_at')} AS updated_at,
  ${ms('s.pending_since')} AS pending_since, s.firing_id, ${ms('s.firing_since')} AS firing_since, s.last_value,
  ${ms('s.last_evaluated_at')} AS last_evaluated_at`;
const iso = (t: number) => new Date(t).toISOString();
const num = (v: Num) => (v === null || v === undefined ? undefined : Number(v));

function toRule(r: RuleRow): AlertRule {
  const state: AlertRule['state'] = {};
  const pending = num(r.pending_since);
  if (pending !== undefined) state.pendingSince = pending;
  if (r.firing_id) state.firingId = r.firing_id;
  const firingSince = num(r.firing_since);
  if (firingSince !== undefined) state.firingSince = firingSince;
  if (r.last_value !== null && r.last_value !== undefined) state.lastValue = Number(r.last_value);
  const evaluated = num(r.last_evaluated_at);
  if (evaluated !== undefined) state.lastEvaluatedAt = evaluated;
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    kind: r.kind as AlertKind,
    threshold: Number(r.threshold),
    windowMs: Number(r.window_ms),
    durationMs: Number(r.duration_ms),
    severity: r.severity as AlertSeverity,
    enabled: r.enabled,
    channels: {
      webhooks: r.channels.webhooks ?? [],
      slack: r.channels.slack ?? [],
      emails: r.channels.emails ?? [],
    },
    ...(r.default_key ? { defaultKey: r.default_key } : {}),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    state,
  };
}

interface FiringRow {
  id: string;
  rule_id: string;
  rule_name: string;
  kind: string;
  severity: string;
  threshold: number;
  value: number;
  pending_since: Num;
  fired_at: Num;
  resolved_at: Num;
  resolved_value: number | null;
  resolution: string | null;
}

function toFiring(r: FiringRow): AlertFiring {
  const resolvedAt = num(r.resolved_at);
  return {
    id: r.id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    kind: r.kind as AlertKind,
    severity: r.severity as AlertSeverity,
    threshold: Number(r.threshold),
    value: Number(r.value),
    pendingSince: Number(r.pending_since),
    firedAt: Number(r.fired_at),
    ...(resolvedAt !== undefined ? { resolvedAt } : {}),
    ...(r.resolved_value !== null ? { resolvedValue: Number(r.resolved_value) } : {}),
    ...(r.resolution ? { resolution: r.resolution as AlertResolution } : {}),
  };
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

/** Cursor: the last item's `fired_at` (ms) and id. */
const encodeCursor = (f: AlertFiring) => Buffer.from(`${f.firedAt}:${f.id}`, 'utf8').toString('base64url');
function decodeCursor(cursor: string): { at: number; id: string } | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const split = text.indexOf(':');
  const at = Number(text.slice(0, split));
  return split > 0 && Number.isFinite(at) ? { at, id: text.slice(split + 1) } : undefined;
}

export function createAlertStore(db: Db): AlertStore {
  async function readRules(workspaceId: string, id?: string): Promise<AlertRule[]> {
    const found = await rows<RuleRow>(
      db,
      sql`SELECT ${sql.raw(RULE_COLUMNS)} FROM alert_rules r LEFT JOIN alert_state s ON s.rule_id = r.id
        WHERE r.workspace_id = ${workspaceId} ${id === undefined ? sql`` : sql`AND r.id = ${id}`}
        ORDER BY r.created_at, r.id`,
    );
    return found.map(toRule);
  }

  async function insertRule(
    tx: Db,
    workspaceId: string,
    input: AlertRuleInput,
    defaultKey?: string,
    order = 0,
  ) {
    const id = newId('alr');
    await tx.execute(sql`
      INSERT INTO alert_rules (id, workspace_id, name, kind, threshold, window_ms, duration_ms, severity, enabled,
        channels, default_key, created_at, updated_at)
      VALUES (${id}, ${workspaceId}, ${input.name}, ${input.kind}, ${input.threshold}, ${input.windowMs},
        ${input.durationMs}, ${input.severity}, ${input.enabled}, ${JSON.stringify(input.channels)}::jsonb,
        ${defaultKey ?? null}, now() + ${order} * interval '1 millisecond', now())`);
    // Due at once, whatever the evaluator's clock says.
    await tx.execute(
      sql`INSERT INTO alert_state (rule_id, workspace_id, next_eval_at) VALUES (${id}, ${workspaceId}, '-infinity')`,
    );
    return id;
  }

  /** Creates the defaults of one workspace unless it had them (in `tx`). */
  async function seed(tx: Db, workspaceId: string): Promise<boolean> {
    const marked = await rows<{ workspace_id: string }>(
      tx,
      sql`INSERT INTO alert_defaults (workspace_id) SELECT id FROM workspaces WHERE id = ${workspaceId}
        ON CONFLICT DO NOTHING RETURNING workspace_id`,
    );
    if (marked.length === 0) return false;
    // A millisecond apart: listed in the order of DEFAULT_ALERT_RULES.
    for (const [i, { defaultKey, ...input }] of DEFAULT_ALERT_RULES.entries()) {
      await insertRule(tx, workspaceId, input, defaultKey, i);
    }
    return true;
  }

  /** Closes the rule's open firing without notifications (a person disabled or deleted the rule). */
  async function closeOpen(tx: Db, ruleId: string, resolution: AlertResolution) {
    await tx.execute(sql`
      UPDATE alert_firings SET resolved_at = now(), resolution = ${resolution}
      WHERE rule_id = ${ruleId} AND resolved_at IS NULL`);
  }

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

  return {
    async listAlertRules(workspaceId) {
      const existing = await readRules(workspaceId);
      if (existing.length > 0) return existing;
      const seeded = await db.transaction((tx) => seed(tx as unknown as Db, workspaceId));
      return seeded ? readRules(workspaceId) : existing;
    },
    async getAlertRule(workspaceId, id) {
      return (await readRules(workspaceId, id))[0];
    },
    async createAlertRule(workspaceId, input) {
      const id = await db.transaction(async (tx) => {
        // A workspace's first rule comes after its defaults, not instead of them.
        await seed(tx as unknown as Db, workspaceId);
        return insertRule(tx as unknown as Db, workspaceId, input, undefined, DEFAULT_ALERT_RULES.length);
      });
      return (await readRules(workspaceId, id))[0]!;
    },
    async updateAlertRule(workspaceId, id, change) {
      const done = await db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        const [current] = await rows<{ enabled: boolean }>(
          t,
          sql`SELECT enabled FROM alert_rules WHERE id = ${id} AND workspace_id = ${workspaceId} FOR UPDATE`,
        );
        if (!current) return false;
        const sets = [sql`updated_at = now()`];
        if (change.name !== undefined) sets.push(sql`name = ${change.name}`);
        if (change.threshold !== undefined) sets.push(sql`threshold = ${change.threshold}`);
        if (change.windowMs !== undefined) sets.push(sql`window_ms = ${change.windowMs}`);
        if (change.durationMs !== undefined) sets.push(sql`duration_ms = ${change.durationMs}`);
        if (change.severity !== undefined) sets.push(sql`severity = ${change.severity}`);
        if (change.enabled !== undefined) sets.push(sql`enabled = ${change.enabled}`);
        if (change.channels !== undefined)
          sets.push(sql`channels = ${JSON.stringify(change.channels)}::jsonb`);
        await t.execute(sql`UPDATE alert_rules SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
        if (change.enabled === false && current.enabled) {
          await closeOpen(t, id, 'rule_disabled');
          await t.execute(sql`
            UPDATE alert_state SET pending_since = NULL, firing_id = NULL, firing_since = NULL
            WHERE rule_id = ${id}`);
        }
        // A changed rule is evaluated at the next poll.
        await t.execute(sql`UPDATE alert_state SET next_eval_at = '-infinity' WHERE rule_id = ${id}`);
        return true;
      });
      return done ? (await readRules(workspaceId, id))[0] : undefined;
    },
    async deleteAlertRule(workspaceId, id) {
      return db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        const deleted = await rows<{ id: string }>(
          t,
          sql`DELETE FROM alert_rules WHERE id = ${id} AND workspace_id = ${workspaceId} RETURNING id`,
        );
        if (deleted.length === 0) return false;
        await closeOpen(t, id, 'rule_deleted');
        return true;
      });
    },
    async seedAlertDefaults(limit = 100) {
      const missing = await rows<{ id: string }>(
        db,
        sql`SELECT w.id FROM workspaces w WHERE NOT EXISTS (SELECT 1 FROM alert_defaults d WHERE d.workspace_id = w.id)
          ORDER BY w.id LIMIT ${limit}`,
      );
      let seeded = 0;
      for (const { id } of missing) {
        if (await db.transaction((tx) => seed(tx as unknown as Db, id))) seeded++;
      }
      return seeded;
    },
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
    alertValue: (rule, now) => alertValue(db, rule, now),
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

/** A fresh firing id. */
export const newAlertFiringId = () => newId('alf');
