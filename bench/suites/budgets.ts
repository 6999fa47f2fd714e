/**
 * Budget check per model call (issue 17 item 4 target: ≤ 0.1 ms p95 on PostgreSQL). A stub provider answers at
 * once and notes when it is reached, so the figure is the time from `generate` to the provider: for a workspace
 * without budgets (a cache lookup) and for one with a daily and monthly workspace limit, a workflow daily limit
 * and a per-execution cap (held from the allowance the process leased, `budget-leases.ts`: the store only when a
 * key runs short). The settlement after the call (the spend queued for a write the call does not wait for) is
 * reported beside it. Calls are sequential (one in flight), on a throwaway schema of DATABASE_URL.
 */
import type { ModelProvider, ModelResponse } from '@agentflow/core';
import { createBudgetService } from '@agentflow/runtime';
import { schema as tables } from '@agentflow/store-sql';
import { createPostgresStore } from '@agentflow/store-sql/postgres';
import pg from 'pg';
import { quantile } from '../harness.js';
import type { BenchSuite, Result, SuiteOptions } from '../types.js';

const response: ModelResponse = {
  text: 'hi',
  toolCalls: [],
  finishReason: 'stop',
  usage: { inputTokens: 10, outputTokens: 10, costUsd: 0.000125 },
  provider: 'openai',
  model: 'gpt-4o',
  calls: [],
};

const suite: BenchSuite = {
  name: 'budgets (check before a model call)',
  async run(options: SuiteOptions = { size: 'full' }): Promise<Result[]> {
    const url = process.env.DATABASE_URL;
    if (!url) {
      return [
        { name: 'budget check', unit: '', value: 0, skipped: 'set DATABASE_URL to measure PostgreSQL' },
      ];
    }
    const iterations = options.size === 'full' ? 5000 : 20;
    const warmup = options.size === 'full' ? 500 : 5;
    const schema = `bench_budget_${process.pid}`;
    const store = await createPostgresStore({ url, schema });
    try {
      await store.db.insert(tables.workspaces).values([
        { id: 'ws-b', name: 'b' },
        { id: 'ws-free', name: 'f' },
      ]);
      await store.putBudget({
        workspaceId: 'ws-b',
        workflowId: '',
        dailyUsd: 1_000_000,
        monthlyUsd: 1_000_000,
        executionUsd: 1_000_000,
        onExceed: 'fail',
      });
      await store.putBudget({
        workspaceId: 'ws-b',
        workflowId: 'wf-b',
        dailyUsd: 1_000_000,
        monthlyUsd: null,
        executionUsd: null,
        onExceed: 'fail',
      });
      const budgets = createBudgetService({
        store,
        audit: { record: async () => {}, list: async () => ({ items: [] }) },
      });
      let reachedAt = 0;
      const inner: ModelProvider = {
        async generate(_request, context) {
          reachedAt = performance.now();
          context.onCall?.({
            provider: 'openai',
            model: 'gpt-4o',
            status: 'ok',
            latencyMs: 0,
            costUsd: 0.000125,
          });
          return response;
        },
      };
      const guarded = budgets.guard(inner);
      const request = {
        provider: 'openai',
        model: 'gpt-4o',
        messages: [{ role: 'user' as const, content: 'Say hi.' }],
        maxTokens: 100,
      };
      async function measure(workspaceId: string): Promise<{ check: number[]; settle: number[] }> {
        const check: number[] = [];
        const settle: number[] = [];
        for (let i = 0; i < warmup + iterations; i++) {
          const scope = {
            workspaceId,
            workflowId: 'wf-b',
            executionId: `exe_${i % 50}`,
            rootExecutionId: `exe_${i % 50}`,
            stepId: `exe_${i % 50}:bot:0`,
            agentId: 'bot',
          };
          const t0 = performance.now();
          await guarded.generate(request, { signal: AbortSignal.timeout(10_000), scope });
          const t1 = performance.now();
          if (i >= warmup) {
            check.push(reachedAt - t0);
            settle.push(t1 - reachedAt);
          }
        }
        return { check, settle };
      }
      const free = await measure('ws-free');
      const limited = await measure('ws-b');
      return [
        {
          name: 'budget check per model call, workspace with budgets (p95)',
          unit: 'ms',
          value: quantile(limited.check, 0.95),
          target: { op: '<=', value: 0.1, label: '≤ 0.1 ms' },
          details: {
            p50Ms: quantile(limited.check, 0.5),
            settleP50Ms: quantile(limited.settle, 0.5),
            settleP95Ms: quantile(limited.settle, 0.95),
            limits: 4,
            iterations,
          },
        },
        {
          name: 'budget check per model call, workspace without budgets (p95)',
          unit: 'ms',
          value: quantile(free.check, 0.95),
          target: { op: '<=', value: 0.1, label: '≤ 0.1 ms' },
          details: { p50Ms: quantile(free.check, 0.5), iterations },
        },
      ];
    } finally {
      await store.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  },
};

export default suite;
