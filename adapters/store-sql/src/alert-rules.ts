/**
 * Alert rules (alerts.ts): a workspace's rules in `alert_rules` with their `alert_state` row, created, changed
 * and deleted by people, and the defaults (`DEFAULT_ALERT_RULES`) each workspace gets once (`alert_defaults`).
 * Disabling or deleting a rule closes its open firing without notifications.
 */
import {
  type AlertResolution,
  type AlertRule,
  type AlertRuleInput,
  type AlertRuleUpdate,
  DEFAULT_ALERT_RULES,
} from '@agentflow/protocol';
import { sql } from 'drizzle-orm';
import { newId, RULE_COLUMNS, type RuleRow, toRule } from './alert-rows.js';
import { type Db, rows } from './db.js';

export interface AlertRuleStore {
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
}

export function createAlertRuleStore(db: Db): AlertRuleStore {
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
  };
}
