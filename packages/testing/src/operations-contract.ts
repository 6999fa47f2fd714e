/**
 * The OperationsStore contract suite (`defineOperationsContract`), run against every store that implements the
 * port: it writes the planned data set (operations-plan.ts) and checks each figure against the oracle
 * (operations-expected.ts).
 */
import type { OperationsStore, Store } from '@agentflow/core';
import type { StepRecord } from '@agentflow/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureWorkflow } from './fixtures.js';
import {
  exactPercentile,
  expected,
  expectPercentiles,
  rounded,
  splitPercentiles,
} from './operations-expected.js';
import { type Planned, plan, write } from './operations-plan.js';

export interface OperationsFixture {
  store: Store;
  ops: OperationsStore;
  /**
   * How far (relative) a store's p50/p95 durations may be from the exact percentiles computed here (the SQL
   * store reads them from duration histograms). (Default: 0, exact)
   */
  percentileError?: number;
  close?(): Promise<void>;
}

/**
 * The OperationsStore contract: every figure equals what the test computes from the raw records it wrote
 * (two workspaces, only `ws-a` asked for; a child execution and a fork's reused step must not count).
 */
export function defineOperationsContract(name: string, open: () => Promise<OperationsFixture>): void {
  describe(`OperationsStore contract: ${name}`, () => {
    let fx: OperationsFixture;
    const now = Date.now();
    const planned = plan(now);
    const want = expected(planned, 'ws-a', now);
    beforeAll(async () => {
      fx = await open();
      await write(fx.store, planned);
      // A child execution (a loop body): never counted on its own.
      const child = planned[30]!;
      await fx.store.createExecution({
        ...child.execution,
        id: 'ops-child',
        parentExecutionId: child.execution.id,
        usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      });
      await fx.store.commitStep({
        executionId: 'ops-child',
        steps: [
          {
            ...child.steps[0]!,
            id: 'ops-child:a:0',
            executionId: 'ops-child',
            status: 'failed',
            usage: { inputTokens: 1, outputTokens: 1, costUsd: 5 },
            modelCalls: [{ provider: 'openai', model: 'm-small', status: 'error', latencyMs: 1 }],
          },
        ],
        messages: [],
        ready: [],
        waiting: [],
        usage: { inputTokens: 1, outputTokens: 1, costUsd: 5 },
      });
      // A fork of a recent execution whose reused step is not counted again (its own step is).
      const source = planned.find((p) => p.execution.workspaceId === 'ws-a' && p.steps.length >= 2)!;
      const reused = {
        ...source.steps[0]!,
        id: 'ops-fork:a:0',
        executionId: 'ops-fork',
        reusedFrom: source.steps[0]!.id,
      };
      const own: StepRecord = {
        ...source.steps[1]!,
        id: 'ops-fork:x:0',
        executionId: 'ops-fork',
        agentId: 'x',
        seq: 1,
        status: 'succeeded',
        usage: { inputTokens: 3, outputTokens: 4, costUsd: 0.5 },
        modelCalls: [
          {
            provider: 'openai',
            model: 'm-small',
            status: 'ok',
            latencyMs: 3,
            inputTokens: 3,
            outputTokens: 4,
            costUsd: 0.5,
          },
        ],
      };
      const fork: Planned = {
        execution: {
          ...source.execution,
          id: 'ops-fork',
          createdAt: now - 20_000,
          startedAt: now - 20_000,
          stepCount: 1,
          forkedFrom: { executionId: source.execution.id, nodeId: 'b' },
        },
        steps: [reused, own],
        status: 'succeeded',
        completedAt: now - 10_000,
      };
      await fx.store.createExecution(fork.execution, { seed: { steps: [reused], messages: [] } });
      await fx.store.commitStep({
        executionId: 'ops-fork',
        steps: [own],
        messages: [],
        ready: [],
        waiting: [],
        usage: own.usage!,
      });
      await fx.store.updateExecution('ops-fork', { status: 'succeeded', completedAt: fork.completedAt! });
      planned.push(fork);
      Object.assign(want, expected(planned, 'ws-a', now));
    }, 120_000);
    afterAll(async () => {
      await fx?.close?.();
    });

    for (const window of ['1h', '24h', '7d', '30d'] as const) {
      it(`executions per bucket, outcomes, p50/p95 and cost over ${window}`, async () => {
        const got = splitPercentiles(await fx.ops.executionStats({ workspaceId: 'ws-a', window, now }));
        const exact = splitPercentiles(want.executions(window));
        expect(rounded(got.rest)).toEqual(rounded(exact.rest));
        expectPercentiles(got.pcts, exact.pcts, fx.percentileError ?? 0);
      });
      it(`per node and per provider/model/workflow figures over ${window}`, async () => {
        const got = await fx.ops.stepStats({ workspaceId: 'ws-a', window, now });
        expect(rounded(got)).toEqual(rounded(want.steps(window)));
      });
    }

    it('filters by workflow and takes a bucket size', async () => {
      const got = await fx.ops.executionStats({
        workspaceId: 'ws-a',
        window: '7d',
        bucket: '1d',
        now,
        workflowId: 'wf-1',
      });
      const all = want.executions('7d');
      expect(got.buckets.length).toBe(Math.ceil((now - got.from) / 86_400_000));
      expect(got.totals.total).toBe(
        planned.filter(
          (p) =>
            p.execution.workspaceId === 'ws-a' &&
            p.execution.workflowId === 'wf-1' &&
            p.execution.createdAt >= got.from &&
            p.execution.createdAt < now,
        ).length,
      );
      expect(got.totals.total).toBeLessThanOrEqual(all.totals.total + 1);
      // The workflow's own durations (the store keeps them apart from the whole workspace's).
      const durations = planned
        .filter(
          (p) =>
            p.execution.workspaceId === 'ws-a' &&
            p.execution.workflowId === 'wf-1' &&
            p.execution.createdAt >= got.from &&
            p.completedAt !== undefined,
        )
        .map((p) => p.completedAt! - p.execution.startedAt!);
      expect(durations.length).toBeGreaterThan(3);
      expectPercentiles(
        [got.totals.p50DurationMs, got.totals.p95DurationMs],
        [exactPercentile(durations, 0.5), exactPercentile(durations, 0.95)],
        fx.percentileError ?? 0,
      );
      const steps = await fx.ops.stepStats({ workspaceId: 'ws-a', window: '7d', now, workflowId: 'wf-1' });
      expect(steps.agents.every((a) => a.workflowId === 'wf-1')).toBe(true);
    });

    it('costs today, this month and per workflow, for a UTC offset', async () => {
      for (const offset of [0, 330, -600]) {
        const got = await fx.ops.costSummary({ workspaceId: 'ws-a', now, utcOffsetMinutes: offset });
        expect(rounded(got)).toEqual(rounded(want.costs(got.dayStart, got.monthStart)));
        const local = new Date(got.dayStart + offset * 60_000);
        expect([local.getUTCHours(), local.getUTCMinutes()]).toEqual([0, 0]);
      }
    });

    it('lists the nodes waiting for a person, longest waiting first, a page at a time', async () => {
      const all = want.waiting();
      expect(all.length).toBeGreaterThan(1);
      const first = await fx.ops.listWaiting({ workspaceId: 'ws-a', limit: 1 });
      const rest = await fx.ops.listWaiting({ workspaceId: 'ws-a', limit: 100, cursor: first.nextCursor! });
      const got = [...first.items, ...rest.items].map((w) => ({
        executionId: w.executionId,
        agentId: w.agentId,
        stepId: w.stepId,
        waitingSince: w.waitingSince,
      }));
      expect(got).toEqual(all);
      expect(rest.nextCursor).toBeUndefined();
      expect(first.items[0]!.execution.workflow.name).toBe(fixtureWorkflow().name);
      const other = await fx.ops.listWaiting({ workspaceId: 'ws-none' });
      expect(other.items).toEqual([]);
    });
  });
}
