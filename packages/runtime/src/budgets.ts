/**
 * Spend budgets (issue 17 item 4): USD limits per workspace and per workflow (daily and monthly, UTC periods)
 * and a per-execution cap, enforced before every model call.
 *
 * How a call is checked (`withBudgets`, wrapping the model provider under the default-model wrapper, so it sees
 * the provider and model that will answer): the budgets of the call's workspace are read from a per-process
 * cache (one query per workspace per `cacheMs`, cleared by this process's changes); a workspace with none pays
 * nothing more. Otherwise the call's maximum cost is the price table's price of the dearest target (the model,
 * then its fallbacks) for an upper bound of its input tokens (the UTF-8 bytes of the prompt, tool schemas
 * included: a token is at least one byte) and its output tokens (`maxTokens`; a call without one is given
 * `defaultMaxOutputTokens`, so the bound is real). The maximum is held on every limit that applies from the
 * allowance this process leased from the ledger (`budget-leases.ts`: no store round trip unless it runs short;
 * a refusal when a limit cannot give it); after the call the hold becomes what the call cost, written to the
 * ledger without the call waiting. A refused call throws AF_BUDGET_EXCEEDED naming the limit
 * (`details.limit`), with `details.onExceed` from the budget holding it: `fail` fails the step (not retried),
 * `pause` pauses the execution (core's budget pause), resumed by `POST /executions/:id/resume` once raised.
 *
 * Limits of the design: a model missing from the price table costs 0 and is never refused; refusals near a limit
 * come up to a chunk per other process early (what they hold leased); a process that dies gives its lease back
 * when it expires (30 s), counting what its calls held in flight at its last write as spent.
 */
import type { ModelCallContext, ModelProvider, ModelRequest, ModelResponse } from '@agentflow/core';
import { PriceBook, type PriceOverrides } from '@agentflow/models';
import { AgentFlowError, type Issue } from '@agentflow/protocol';
import type { BudgetRow, SqlStore } from '@agentflow/store-sql';
import { z } from 'zod';
import { authorize } from './auth/authorize.js';
import type { Principal } from './auth/permissions.js';
import { type BudgetLeaseOptions, createBudgetLeases, type LeaseLimit } from './budget-leases.js';
import type { AuditService, RequestMeta } from './tenancy/audit.js';

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

export interface BudgetServiceOptions {
  store: SqlStore;
  audit: AuditService;
  prices?: PriceOverrides;
  /** How long a workspace's budgets are cached per process. (Default: 1,000 ms) */
  cacheMs?: number;
  /** Output tokens assumed (and requested) for a call without `maxTokens` under a budget. (Default: 4,096) */
  defaultMaxOutputTokens?: number;
  /** How this process leases allowance from the ledger (`budget-leases.ts`: chunk, expiry, idle give-back). */
  leases?: Omit<BudgetLeaseOptions, 'ledger' | 'now'>;
  now?: () => number;
}

interface Applied {
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
function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
function monthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function createBudgetService(options: BudgetServiceOptions) {
  const { store, audit } = options;
  const cacheMs = options.cacheMs ?? 1_000;
  const defaultMaxOutput = options.defaultMaxOutputTokens ?? 4_096;
  const now = options.now ?? Date.now;
  /** Told of every refused call (the server's `agentflow_budget_refusals_total`). */
  const refusalListeners = new Set<(limit: BudgetLimitRef) => void>();
  const prices = new PriceBook(options.prices);
  const cache = new Map<string, { at: number; rows: BudgetRow[] | Promise<BudgetRow[]> }>();
  const leases = createBudgetLeases({ ...options.leases, ledger: store, now });

  function budgetsOf(workspaceId: string): BudgetRow[] | Promise<BudgetRow[]> {
    const hit = cache.get(workspaceId);
    const t = now();
    if (hit && t - hit.at < cacheMs) return hit.rows;
    const entry = { at: t, rows: store.listBudgets(workspaceId) as BudgetRow[] | Promise<BudgetRow[]> };
    cache.set(workspaceId, entry);
    (entry.rows as Promise<BudgetRow[]>).then(
      (rows) => {
        if (cache.get(workspaceId) === entry) entry.rows = rows;
      },
      () => cache.delete(workspaceId),
    );
    return entry.rows;
  }

  /** The limits that apply to a call of `workflowId`'s execution `rootExecutionId` at `t`. */
  function applied(
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

  /** The most a call may cost: the dearest of its targets, for its input bytes and maximum output tokens. */
  function maxCostUsd(request: ModelRequest, maxOutputTokens: number): number {
    let bytes = Buffer.byteLength(request.system ?? '');
    for (const m of request.messages) {
      bytes +=
        8 +
        (typeof m.content === 'string' ? Buffer.byteLength(m.content) : Buffer.byteLength(JSON.stringify(m)));
      if (m.role === 'assistant' && m.toolCalls) bytes += Buffer.byteLength(JSON.stringify(m.toolCalls));
    }
    if (request.tools) bytes += Buffer.byteLength(JSON.stringify(request.tools));
    if (request.responseSchema) bytes += Buffer.byteLength(JSON.stringify(request.responseSchema));
    let max = 0;
    const targets = [
      { provider: request.provider ?? '', model: request.model ?? '' },
      ...(request.fallback ?? []),
    ];
    for (const t of targets) {
      const cost = prices.cost(t.provider, t.model, bytes, maxOutputTokens).costUsd;
      if (cost > max) max = cost;
    }
    return max;
  }

  async function refusal(
    workspaceId: string,
    a: Applied,
    key: string,
    callMaxUsd: number,
  ): Promise<AgentFlowError> {
    const i = a.keys.indexOf(key);
    const ref = a.refs[i]!;
    for (const listener of refusalListeners) listener(ref);
    const [row] = await store.ledger(workspaceId, [key]);
    const spent = row?.spentUsd ?? 0;
    const reserved = row?.reservedUsd ?? 0;
    const held = row?.heldUsd ?? 0;
    const what =
      ref.scope === 'execution'
        ? `the per-execution cap of $${ref.limitUsd}`
        : `the ${ref.scope === 'workspace' ? "workspace's" : `workflow ${ref.workflowId}'s`} ${ref.period === 'day' ? 'daily' : 'monthly'} budget of $${ref.limitUsd}`;
    return new AgentFlowError(
      'AF_BUDGET_EXCEEDED',
      `this model call (up to $${round(callMaxUsd)}) would pass ${what} (spent $${round(spent)}, $${round(reserved)} held by processes, $${round(held)} of it by calls in flight)`,
      {
        details: {
          limit: ref,
          spentUsd: spent,
          reservedUsd: held,
          leasedUsd: reserved - held,
          callMaxUsd,
          onExceed: a.onExceed[i]!,
        },
      },
    );
  }

  /** Wraps a model provider: every call with a scope is checked against its workspace's budgets first. */
  function guard(inner: ModelProvider): ModelProvider {
    const wrapped: ModelProvider = {
      generate(request, context) {
        const scope = context.scope;
        if (!scope?.workspaceId) return inner.generate(request, context);
        const rows = budgetsOf(scope.workspaceId);
        if (Array.isArray(rows) && rows.length === 0) return inner.generate(request, context);
        return checked(rows, request, context);
      },
    };
    if (inner.capabilities) wrapped.capabilities = (p, m) => inner.capabilities!(p, m);

    async function checked(
      pending: BudgetRow[] | Promise<BudgetRow[]>,
      request: ModelRequest,
      context: ModelCallContext,
    ): Promise<ModelResponse> {
      const scope = context.scope!;
      const workspaceId = scope.workspaceId!;
      const rows = await pending;
      const a = applied(rows, workspaceId, scope.workflowId, scope.rootExecutionId, now());
      if (!a) return inner.generate(request, context);
      const maxOutput = request.maxTokens ?? defaultMaxOutput;
      const call = request.maxTokens === undefined ? { ...request, maxTokens: maxOutput } : request;
      const reserve = maxCostUsd(call, maxOutput);
      const taken = leases.take(workspaceId, a.limits, reserve);
      const result = 'hold' in taken ? taken : await taken;
      if ('refused' in result) throw await refusal(workspaceId, a, result.refused, reserve);
      let spent = 0;
      const onCall = context.onCall;
      try {
        return await inner.generate(call, {
          ...context,
          onCall: (record) => {
            spent += record.costUsd ?? 0;
            onCall?.(record);
          },
        });
      } finally {
        result.hold.settle(spent);
      }
    }
    return wrapped;
  }

  function toBudget(row: BudgetRow): Budget {
    return {
      ...(row.workflowId ? { workflowId: row.workflowId } : {}),
      dailyUsd: row.dailyUsd,
      monthlyUsd: row.monthlyUsd,
      executionUsd: row.executionUsd,
      onExceed: row.onExceed,
    };
  }

  async function usageOf(
    workspaceId: string,
    rows: BudgetRow[],
    workflowIds: string[],
  ): Promise<BudgetUsage[]> {
    const t = now();
    const keysOf = (w: string) => {
      const prefix = w === '' ? `w:${workspaceId}` : `f:${workspaceId}:${w}`;
      return [`${prefix}:d:${dayOf(t)}`, `${prefix}:m:${monthOf(t)}`] as const;
    };
    const all = workflowIds.flatMap((w) => [...keysOf(w)]);
    await leases.flush();
    const ledger = new Map((await store.ledger(workspaceId, all)).map((r) => [r.key, r]));
    return workflowIds.map((w) => {
      const row = rows.find((r) => r.workflowId === w);
      const [d, m] = keysOf(w);
      const period = (key: string, limit: number | null | undefined) => {
        const l = ledger.get(key);
        return {
          limitUsd: limit ?? null,
          spentUsd: round(l?.spentUsd ?? 0),
          reservedUsd: round(l?.heldUsd ?? 0),
          leasedUsd: round((l?.reservedUsd ?? 0) - (l?.heldUsd ?? 0)),
          calls: l?.calls ?? 0,
        };
      };
      return {
        ...(w ? { workflowId: w } : {}),
        budget: row ? toBudget(row) : null,
        day: { start: dayStart(t), ...period(d, row?.dailyUsd) },
        month: { start: monthStart(t), ...period(m, row?.monthlyUsd) },
      };
    });
  }

  return {
    guard,
    /** Calls `listener` with the limit of every call this process refuses; returns the unsubscribe. */
    onRefusal(listener: (limit: BudgetLimitRef) => void): () => void {
      refusalListeners.add(listener);
      return () => refusalListeners.delete(listener);
    },
    /** The workspace's budget and its workflows' with what was spent today and this month (UTC). */
    async usage(principal: Principal, workflowId?: string): Promise<BudgetUsage[]> {
      authorize(principal, 'execution:read');
      const rows = await store.listBudgets(principal.workspaceId);
      if (workflowId !== undefined) {
        await requireWorkflow(principal.workspaceId, workflowId);
        return usageOf(principal.workspaceId, rows, [workflowId]);
      }
      const ids = ['', ...rows.filter((r) => r.workflowId !== '').map((r) => r.workflowId)];
      return usageOf(principal.workspaceId, rows, ids);
    },
    /** Sets the workspace's budget (`workflowId` undefined) or a workflow's; returns its usage. */
    async set(
      principal: Principal,
      workflowId: string | undefined,
      input: unknown,
      meta?: RequestMeta,
    ): Promise<BudgetUsage> {
      authorize(principal, workflowId === undefined ? 'provider:manage' : 'workflow:update');
      const parsed = BudgetInput.safeParse(input);
      if (!parsed.success) {
        const issues: Issue[] = parsed.error.issues.map((i) => ({
          code: 'AF_VALIDATION',
          path: i.path.map(String).join('.'),
          message: i.message,
        }));
        throw new AgentFlowError('AF_VALIDATION', 'invalid budget', { issues });
      }
      if (workflowId !== undefined) await requireWorkflow(principal.workspaceId, workflowId);
      const w = workflowId ?? '';
      const rows = await store.listBudgets(principal.workspaceId);
      const before = rows.find((r) => r.workflowId === w);
      const p = parsed.data;
      const next = {
        workspaceId: principal.workspaceId,
        workflowId: w,
        dailyUsd: p.dailyUsd !== undefined ? p.dailyUsd : (before?.dailyUsd ?? null),
        monthlyUsd: p.monthlyUsd !== undefined ? p.monthlyUsd : (before?.monthlyUsd ?? null),
        executionUsd: p.executionUsd !== undefined ? p.executionUsd : (before?.executionUsd ?? null),
        onExceed: p.onExceed ?? before?.onExceed ?? 'fail',
      };
      await store.putBudget(next);
      cache.delete(principal.workspaceId);
      await audit.record({
        action: 'budget.update',
        principal,
        target: workflowId
          ? { type: 'workflow', id: workflowId }
          : { type: 'workspace', id: principal.workspaceId },
        details: {
          dailyUsd: next.dailyUsd,
          monthlyUsd: next.monthlyUsd,
          executionUsd: next.executionUsd,
          onExceed: next.onExceed,
        },
        ...(meta ? { meta } : {}),
      });
      const after = await store.listBudgets(principal.workspaceId);
      const [usage] = await usageOf(principal.workspaceId, after, [w]);
      return usage!;
    },
    /** Waits until this process's spend so far is in the ledger. */
    flush: () => leases.flush(),
    /** Gives back this process's unused leases (spend written first). */
    release: () => leases.release(),
    /** Stops renewing leases and gives back what is unused. */
    close: () => leases.close(),
    /** Forgets cached budgets (all workspaces). */
    clearCache(): void {
      cache.clear();
    },
  };

  async function requireWorkflow(workspaceId: string, workflowId: string): Promise<void> {
    const found = await store.getWorkflow(workflowId, { workspaceId });
    if (!found) throw new AgentFlowError('AF_NOT_FOUND', `workflow ${workflowId} not found`);
  }
}

export type BudgetService = ReturnType<typeof createBudgetService>;

function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
