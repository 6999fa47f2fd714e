/**
 * Issue 17 item 4 on real PostgreSQL and Redis: 50 executions racing on 2 worker runtimes (25 at a time each)
 * against one workspace's daily budget never spend more than the limit plus one call's maximum (each worker
 * checks its calls against allowance it leased from the ledger: `budget-leases.ts`). Every call asks
 * the fake OpenAI server (127.0.0.1) for gpt-4o with at most 1,000 output tokens (a reservation of about $0.01)
 * and costs $0.00525 (100 input, 500 output tokens); the 50 want about $0.26 against a $0.05 limit.
 */
import { schema } from '@agentflow/store-sql';
import { type FakeProviderServer, startFakeOpenAI } from '@agentflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from './auth/permissions.js';
import { type Deployment, openDeployment } from './test-support/distributed.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const COST = (100 * 2.5 + 500 * 10) / 1_000_000;
const LIMIT = 0.05;
const WS = 'ws-budget';

const definition = {
  name: 'budgeted',
  agents: [
    { id: 'in', type: 'input' },
    {
      id: 'bot',
      type: 'agent',
      config: { provider: 'openai', model: 'gpt-4o', prompt: 'Say hi.', maxTokens: 1000 },
    },
  ],
  connections: [{ id: 'c1', sourceAgentId: 'in', targetAgentId: 'bot' }],
};

describe.skipIf(!databaseUrl || !redisUrl)(
  'budgets under concurrency (needs DATABASE_URL and REDIS_URL)',
  () => {
    let deployment: Deployment | undefined;
    let openai: FakeProviderServer;
    beforeAll(async () => {
      openai = await startFakeOpenAI();
      // Calls overlap: each answer takes 30 ms.
      openai.setDefault({ text: 'hi', usage: { inputTokens: 100, outputTokens: 500 }, delayMs: 30 });
      deployment = await openDeployment('budget', {
        workers: 2,
        work: { concurrency: 25 },
        env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseURL },
      });
    });
    afterAll(async () => {
      await deployment?.close();
      await openai?.close();
    });

    it('50 executions on 2 workers never pass the daily limit by more than one call', async () => {
      const { api } = deployment!;
      await api.store.db.insert(schema.users).values({ id: 'u-admin', email: 'admin@budget.test' });
      await api.store.db.insert(schema.workspaces).values({ id: WS, name: 'budget', plan: 'enterprise' });
      const admin: Principal = {
        kind: 'user',
        userId: 'u-admin',
        workspaceId: WS,
        role: 'owner',
        plan: 'enterprise',
      };
      await api.budgets.set(admin, undefined, { dailyUsd: LIMIT, onExceed: 'fail' });
      const wf = await api.workflows.create(definition, { workspaceId: WS });
      const started = await Promise.all(
        Array.from({ length: 50 }, () => api.workflows.execute(wf.id, {}, { workspaceId: WS })),
      );
      const results = await Promise.all(started.map((s) => s.done));
      const succeeded = results.filter((r) => r.status === 'succeeded');
      const refused = results.filter((r) => r.error?.code === 'AF_BUDGET_EXCEEDED');
      // Every execution either ran its call or was refused before it: nothing else went wrong.
      expect(succeeded.length + refused.length).toBe(50);
      expect(succeeded.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);

      // What the provider was asked for and what the executions recorded agree, and stay within the limit plus one
      // call's maximum (here within the limit itself: each call cost less than its reservation).
      const calls = openai.modelRequests().length;
      expect(calls).toBe(succeeded.length);
      const recorded = succeeded.reduce((sum, r) => sum + r.usage.costUsd, 0);
      expect(recorded).toBeCloseTo(calls * COST, 9);
      const maxCall = 0.0101;
      expect(recorded).toBeLessThanOrEqual(LIMIT + maxCall);
      expect(recorded).toBeLessThanOrEqual(LIMIT);

      // The ledger saw the same once the workers' spend is written (their calls did not wait for it): spent =
      // recorded, nothing held in flight; visible through the API. What the workers still hold leased goes back
      // when they give it back (on close, or idle for 10 s).
      await Promise.all(deployment!.workers.map((w) => w.budgets.flush()));
      const [usage] = await api.budgets.usage(admin);
      expect(usage!.day.spentUsd).toBeCloseTo(recorded, 6);
      expect(usage!.day.reservedUsd).toBe(0);
      expect(usage!.day.calls).toBe(calls);
      expect(usage!.day.spentUsd + usage!.day.leasedUsd).toBeLessThanOrEqual(LIMIT);
      await Promise.all(deployment!.workers.map((w) => w.budgets.release()));
      const [released] = await api.budgets.usage(admin);
      expect(released!.day.leasedUsd).toBe(0);

      // Raising the limit lets the next execution run (the budget cache is per process: 1 s at most).
      await api.budgets.set(admin, undefined, { dailyUsd: 1 });
      for (const w of deployment!.workers) w.budgets.clearCache();
      const next = await api.workflows.execute(wf.id, {}, { workspaceId: WS });
      expect((await next.done).status).toBe('succeeded');
    });
  },
);
