/**
 * What spend budgets are and which limits a model call meets: the API's budget types and input schema, the
 * ledger keys of each UTC period (`w:<workspace>:d:<day>`, `f:<workspace>:<workflow>:m:<month>`, `e:<root
 * execution>`) and the limits that apply to a call. Pure: no store, no clock of its own.
 */
import type { BudgetRow } from '@agentflow/store-sql';
import { z } from 'zod';
import type { LeaseLimit } from './budget-leases.js';

const Usd = z.number().positive().max(1_000_000_000).nullable().optional();

/** A budget as set through the API: absent fields keep their value, `null` removes that limit. */
export const BudgetInput = z.strictObject({
  dailyUsd: Usd,
  monthlyUsd: Usd,
  executionUsd: Usd,
  onExceed: z.enum(['pause', 'fail']).optional(),
});
export type BudgetInput = z.infer<typeof BudgetInput>;

export interface Budget {
  /** Absent: the workspace's own budget. */
  workflowId?: string;
  dailyUsd: number | null;
  monthlyUsd: number | null;
  executionUsd: number | null;
  onExceed: 'pause' | 'fail';
}

export interface BudgetPeriodUsage {
  limitUsd: number | null;
  spentUsd: number;
  /** Held by model calls in flight (their maximum cost), as their processes last wrote it. */
  reservedUsd: number;
  /** Leased by processes and not yet used: refusals can come this much before the limit. */
  leasedUsd: number;
  calls: number;
}

export interface BudgetUsage {
  workflowId?: string;
  budget: Budget | null;
  day: BudgetPeriodUsage & { start: number };
  month: BudgetPeriodUsage & { start: number };
}

/** Which limit a refusal names. */
export interface BudgetLimitRef {
  scope: 'workspace' | 'workflow' | 'execution';
  period: 'day' | 'month' | 'execution';
  workflowId?: string;
  executionId?: string;
  limitUsd: number;
}

/** The limits a call meets: ledger keys, with each one's limit, name and `onExceed`, index by index. */
export interface Applied {
  keys: string[];
  limits: LeaseLimit[];
  refs: BudgetLimitRef[];
  onExceed: ('pause' | 'fail')[];
}

const DAY_MS = 86_400_000;

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}
export function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
export function monthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** The ledger keys of the day and the month at `t` of a workspace's budget (`workflowId` '') or a workflow's. */
export function periodKeys(workspaceId: string, workflowId: string, t: number): readonly [string, string] {
  const prefix = workflowId === '' ? `w:${workspaceId}` : `f:${workspaceId}:${workflowId}`;
  return [`${prefix}:d:${dayOf(t)}`, `${prefix}:m:${monthOf(t)}`] as const;
}

/** The limits that apply to a call of `workflowId`'s execution `rootExecutionId` at `t`. */
export function appliedLimits(
  rows: BudgetRow[],
  workspaceId: string,
  workflowId: string,
  rootExecutionId: string,
  t: number,
): Applied | undefined {
  let out: Applied | undefined;
  let cap: { limit: number; onExceed: 'pause' | 'fail' } | undefined;
  for (const row of rows) {
    const own = row.workflowId === '';
    if (!own && row.workflowId !== workflowId) continue;
    out ??= { keys: [], limits: [], refs: [], onExceed: [] };
    const prefix = own ? `w:${workspaceId}` : `f:${workspaceId}:${workflowId}`;
    const scope = own ? 'workspace' : 'workflow';
    const wf = own ? {} : { workflowId };
    if (row.dailyUsd !== null) {
      out.keys.push(`${prefix}:d:${dayOf(t)}`);
      out.limits.push({ key: out.keys[out.keys.length - 1]!, limitUsd: row.dailyUsd });
      out.refs.push({ scope, period: 'day', ...wf, limitUsd: row.dailyUsd });
      out.onExceed.push(row.onExceed);
    }
    if (row.monthlyUsd !== null) {
      out.keys.push(`${prefix}:m:${monthOf(t)}`);
      out.limits.push({ key: out.keys[out.keys.length - 1]!, limitUsd: row.monthlyUsd });
      out.refs.push({ scope, period: 'month', ...wf, limitUsd: row.monthlyUsd });
      out.onExceed.push(row.onExceed);
    }
    if (row.executionUsd !== null && (!cap || row.executionUsd < cap.limit)) {
      cap = { limit: row.executionUsd, onExceed: row.onExceed };
    }
  }
  if (out && cap) {
    out.keys.push(`e:${rootExecutionId}`);
    out.limits.push({ key: `e:${rootExecutionId}`, limitUsd: cap.limit });
    out.refs.push({
      scope: 'execution',
      period: 'execution',
      executionId: rootExecutionId,
      limitUsd: cap.limit,
    });
    out.onExceed.push(cap.onExceed);
  }
  return out && out.keys.length > 0 ? out : undefined;
}

export function toBudget(row: BudgetRow): Budget {
  return {
    ...(row.workflowId ? { workflowId: row.workflowId } : {}),
    dailyUsd: row.dailyUsd,
    monthlyUsd: row.monthlyUsd,
    executionUsd: row.executionUsd,
    onExceed: row.onExceed,
  };
}

/** USD to the micro-dollar, as shown. */
export function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
