/**
 * The budget check before every model call (`budgets.guard`): a model provider wrapper that prices the call's
 * maximum cost, holds it on every limit that applies from this process's leases (`budget-leases.ts`), settles
 * the hold at what the call cost, and refuses with AF_BUDGET_EXCEEDED naming the limit. See `budgets.ts`.
 */
import type { ModelCallContext, ModelProvider, ModelRequest, ModelResponse } from '@agentflow/core';
import { PriceBook, type PriceOverrides } from '@agentflow/models';
import { AgentFlowError } from '@agentflow/protocol';
import type { BudgetRow, SqlStore } from '@agentflow/store-sql';
import type { BudgetLeases } from './budget-leases.js';
import { type Applied, appliedLimits, type BudgetLimitRef, round } from './budget-limits.js';

export interface BudgetGuardOptions {
  /** The budgets of a workspace, from the per-process cache (an array when cached, else the pending read). */
  budgetsOf(workspaceId: string): BudgetRow[] | Promise<BudgetRow[]>;
  /** The ledger, read for a refusal's message. */
  store: Pick<SqlStore, 'ledger'>;
  leases: Pick<BudgetLeases, 'take'>;
  prices?: PriceOverrides;
  /** Output tokens assumed (and requested) for a call without `maxTokens`. */
  defaultMaxOutputTokens: number;
  /** Told of every refused call. */
  onRefused(limit: BudgetLimitRef): void;
  now: () => number;
}

/** Returns `guard`: wraps a model provider so that every call with a scope is checked against its budgets. */
export function createBudgetGuard(options: BudgetGuardOptions): (inner: ModelProvider) => ModelProvider {
  const { budgetsOf, store, leases, now } = options;
  const defaultMaxOutput = options.defaultMaxOutputTokens;
  const prices = new PriceBook(options.prices);

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
    options.onRefused(ref);
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

  return function guard(inner: ModelProvider): ModelProvider {
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
      const a = appliedLimits(rows, workspaceId, scope.workflowId, scope.rootExecutionId, now());
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
  };
}
