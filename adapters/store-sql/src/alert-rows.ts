/**
 * Row mapping of the built-in alerts (alerts.ts): the `alert_rules` + `alert_state` and `alert_firings` rows as
 * the store reads them, their conversion to the protocol's `AlertRule` and `AlertFiring`, the ids the store
 * generates and the firing history's cursor.
 */
import { randomBytes } from 'node:crypto';
import type {
  AlertChannels,
  AlertFiring,
  AlertKind,
  AlertResolution,
  AlertRule,
  AlertSeverity,
} from '@agentflow/protocol';

export type Num = number | string | null;

export interface RuleRow {
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

/** A timestamp column as epoch milliseconds (trusted SQL text). */
export const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
/** The columns `toRule` reads, from `alert_rules r` and `alert_state s`. */
export const RULE_COLUMNS = `r.id, r.workspace_id, r.name, r.kind, r.threshold, r.window_ms, r.duration_ms, r.severity,
  r.enabled, r.channels, r.default_key, ${ms('r.created_at')} AS created_at, ${ms('r.updated_at')} AS updated_at,
  ${ms('s.pending_since')} AS pending_since, s.firing_id, ${ms('s.firing_since')} AS firing_since, s.last_value,
  ${ms('s.last_evaluated_at')} AS last_evaluated_at`;
export const iso = (t: number) => new Date(t).toISOString();
export const num = (v: Num) => (v === null || v === undefined ? undefined : Number(v));

export function toRule(r: RuleRow): AlertRule {
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

export interface FiringRow {
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

export function toFiring(r: FiringRow): AlertFiring {
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

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

/** Cursor: the last item's `fired_at` (ms) and id. */
export const encodeCursor = (f: AlertFiring) =>
  Buffer.from(`${f.firedAt}:${f.id}`, 'utf8').toString('base64url');
export function decodeCursor(cursor: string): { at: number; id: string } | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const split = text.indexOf(':');
  const at = Number(text.slice(0, split));
  return split > 0 && Number.isFinite(at) ? { at, id: text.slice(split + 1) } : undefined;
}
