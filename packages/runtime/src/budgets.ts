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
 *
 * This module owns the service: the per-process cache of budgets, usage, setting a budget. The check itself is
 * `budget-guard.ts`, the budget types and which limits apply `budget-limits.ts`, the leases `budget-leases.ts`.
 */
import type { PriceOverrides } from '@agentflow/models';
import { AgentFlowError, type Issue } from '@agentflow/protocol';
import type { BudgetRow, SqlStore } from '@agentflow/store-sql';
import { authorize } from './auth/authorize.js';
import type { Principal } from './auth/permissions.js';
import { createBudgetGuard } from './budget-guard.js';
import { type BudgetLeaseOptions, createBudgetLeases } from './budget-leases.js';
import {
  BudgetInput,
  type BudgetLimitRef,
  type BudgetUsage,
  dayStart,
  monthStart,
  periodKeys,
  round,
  toBudget,
} from './budget-limits.js';
import type { AuditService, RequestMeta } from './tenancy/audit.js';

export {
  type Budget,
  BudgetInput,
  type BudgetLimitRef,
  type BudgetPeriodUsage,
  type BudgetUsage,
} from './budget-limits.js';

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

export function createBudgetService(options: BudgetServiceOptions) {
  const { store, audit } = options;
  const cacheMs = options.cacheMs ?? 1_000;
  const now = options.now ?? Date.now;
  /** Told of every refused call (the server's `agentflow_budget_refusals_total`). */
  const refusalListeners = new Set<(limit: BudgetLimitRef) => void>();
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

  const guard = createBudgetGuard({
    budgetsOf,
    store,
    leases,
    prices: options.prices,
    defaultMaxOutputTokens: options.defaultMaxOutputTokens ?? 4_096,
    onRefused: (ref) => {
      for (const listener of refusalListeners) listener(ref);
    },
    now,
  });

  async function usageOf(
    workspaceId: string,
    rows: BudgetRow[],
    workflowIds: string[],
  ): Promise<BudgetUsage[]> {
    const t = now();
    const keysOf = (w: string) => periodKeys(workspaceId, w, t);
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
