import type { OperationsStore, Store } from '@agentflow/core';
import type {
  AnalyticsWindow,
  ExecutionRecord,
  ExecutionStatus,
  ModelCallRecord,
  StepRecord,
} from '@agentflow/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureWorkflow } from './fixtures.js';

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

type Percentiles = { p50DurationMs: number | null; p95DurationMs: number | null };

/** `stats` without its percentiles, and each bucket's (and the totals') percentiles apart. */
function splitPercentiles<T extends { buckets: Percentiles[]; totals: Percentiles }>(stats: T) {
  const strip = <P extends Percentiles>({ p50DurationMs, p95DurationMs, ...rest }: P) => ({
    rest,
    pcts: [p50DurationMs, p95DurationMs],
  });
  const buckets = stats.buckets.map(strip);
  const totals = strip(stats.totals);
  return {
    rest: { ...stats, buckets: buckets.map((b) => b.rest), totals: totals.rest },
    pcts: [...buckets.flatMap((b) => b.pcts), ...totals.pcts],
  };
}

/** Each percentile within `error` (relative) of the exact one; null exactly where the exact one is null. */
function expectPercentiles(got: (number | null)[], exact: (number | null)[], error: number): void {
  expect(got.map((v) => v === null)).toEqual(exact.map((v) => v === null));
  got.forEach((v, i) => {
    const want = exact[i];
    if (v === null || want === null || want === undefined) return;
    expect(Math.abs(v - want), `percentile ${i}: ${v} for ${want}`).toBeLessThanOrEqual(error * want + 1e-6);
  });
}

/** A small deterministic generator (the data must be the same on every store). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Planned {
  execution: ExecutionRecord;
  steps: StepRecord[];
  /** Final status and completion. */
  status: ExecutionStatus;
  completedAt?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Executions of two workspaces over the last 35 days (ended long ago, ended a moment ago, running, paused),
 * with succeeded, failed, skipped and waiting steps, model calls of two providers, a child execution and a fork
 * with a reused step: the expected figures are computed here from these raw records, independently of the store.
 */
function plan(now: number): Planned[] {
  const rnd = lcg(42);
  const out: Planned[] = [];
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  for (let n = 0; n < 90; n++) {
    const id = `ops-${n}`;
    const workspaceId = n % 3 === 2 ? 'ws-b' : 'ws-a';
    const workflowId = pick(['wf-1', 'wf-2']);
    // Most in the last 30 days, some older; several in the last hour and minute.
    const age =
      n < 8
        ? Math.floor(rnd() * 50_000) + 1000
        : n < 20
          ? Math.floor(rnd() * HOUR)
          : Math.floor(rnd() * 35 * DAY);
    const createdAt = now - age;
    const startedAt = createdAt + Math.floor(rnd() * 500);
    const status: ExecutionStatus =
      n % 11 === 0
        ? 'running'
        : n % 13 === 0
          ? 'paused'
          : pick(['succeeded', 'succeeded', 'failed', 'cancelled']);
    const steps: StepRecord[] = [];
    let t = startedAt;
    const agents = ['a', 'b', 'c'].slice(0, 1 + Math.floor(rnd() * 3));
    for (const [seq, agentId] of agents.entries()) {
      const stepStatus = pick<StepRecord['status']>(['succeeded', 'succeeded', 'failed', 'skipped']);
      const duration = Math.floor(rnd() * 3000);
      const calls: ModelCallRecord[] = [];
      for (let k = Math.floor(rnd() * 3); k > 0; k--) {
        const ok = rnd() > 0.25;
        calls.push({
          provider: pick(['openai', 'anthropic']),
          model: pick(['m-small', 'm-large']),
          status: ok ? 'ok' : 'error',
          latencyMs: Math.floor(rnd() * 900),
          ...(ok
            ? {
                inputTokens: Math.floor(rnd() * 1000),
                outputTokens: Math.floor(rnd() * 500),
                costUsd: Math.round(rnd() * 1e6) / 1e8,
              }
            : {}),
        });
      }
      const usage = {
        inputTokens: calls.reduce((a, c) => a + (c.inputTokens ?? 0), 0),
        outputTokens: calls.reduce((a, c) => a + (c.outputTokens ?? 0), 0),
        costUsd: calls.reduce((a, c) => a + (c.costUsd ?? 0), 0),
      };
      steps.push({
        id: `${id}:${agentId}:0${stepStatus === 'skipped' ? ':skipped' : ''}`,
        executionId: id,
        agentId,
        iteration: 0,
        seq,
        status: stepStatus,
        attempt: 1,
        startedAt: t,
        completedAt: t + duration,
        ...(stepStatus === 'skipped' ? {} : { usage, modelCalls: calls }),
      });
      t += duration;
    }
    if (status === 'paused') {
      steps.push({
        id: `${id}:review:0:waiting`,
        executionId: id,
        agentId: 'review',
        iteration: 0,
        seq: steps.length,
        status: 'waiting',
        attempt: 1,
        startedAt: t,
        completedAt: t + 5,
      });
      t += 5;
    }
    const ended = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    const execution: ExecutionRecord = {
      id,
      workflowId,
      workflowVersion: 1,
      workflow: fixtureWorkflow(),
      workspaceId,
      status: 'running',
      input: { n },
      createdAt,
      startedAt,
      ready: [],
      waiting: [],
      stepCount: 0,
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    };
    out.push({ execution, steps, status, ...(ended ? { completedAt: Math.min(now - 1, t + 10) } : {}) });
  }
  return out;
}

/** percentile_cont: linear interpolation between the values around rank q(n - 1). */
function exactPercentile(xs: number[], q: number): number | null {
  if (xs.length === 0) return null;
  const v = [...xs].sort((a, b) => a - b);
  const pos = q * (v.length - 1);
  const lo = Math.floor(pos);
  return v[lo]! + (v[Math.ceil(pos)]! - v[lo]!) * (pos - lo);
}

/** Expected figures, from the plan (no store involved). */
function expected(planned: Planned[], workspaceId: string, now: number) {
  const top = planned.filter((p) => p.execution.workspaceId === workspaceId);
  const cost = (p: Planned) =>
    p.steps.filter((s) => s.reusedFrom === undefined).reduce((a, s) => a + (s.usage?.costUsd ?? 0), 0);
  const pct = exactPercentile;
  const windowMs: Record<AnalyticsWindow, number> = {
    '1h': HOUR,
    '24h': DAY,
    '7d': 7 * DAY,
    '30d': 30 * DAY,
  };
  const bucketOf: Record<AnalyticsWindow, number> = {
    '1h': 60_000,
    '24h': 900_000,
    '7d': HOUR,
    '30d': 6 * HOUR,
  };
  function summary(ps: Planned[]) {
    const ended = ps.filter((p) => p.completedAt !== undefined);
    const durations = ended.map((p) => p.completedAt! - p.execution.startedAt!);
    return {
      total: ps.length,
      succeeded: ps.filter((p) => p.status === 'succeeded').length,
      failed: ps.filter((p) => p.status === 'failed').length,
      cancelled: ps.filter((p) => p.status === 'cancelled').length,
      active: ps.length - ended.length,
      p50DurationMs: pct(durations, 0.5),
      p95DurationMs: pct(durations, 0.95),
      costUsd: ps.reduce((a, p) => a + cost(p), 0),
    };
  }
  function inWindow(window: AnalyticsWindow) {
    const bucketMs = bucketOf[window];
    const from = Math.floor((now - windowMs[window]) / bucketMs) * bucketMs;
    return {
      from,
      bucketMs,
      ps: top.filter((p) => p.execution.createdAt >= from && p.execution.createdAt < now),
    };
  }
  return {
    executions(window: AnalyticsWindow) {
      const { from, bucketMs, ps } = inWindow(window);
      const n = Math.ceil((now - from) / bucketMs);
      const buckets = Array.from({ length: n }, (_, i) => ({
        start: from + i * bucketMs,
        ...summary(ps.filter((p) => Math.floor((p.execution.createdAt - from) / bucketMs) === i)),
      }));
      const totals = summary(ps);
      const finished = totals.succeeded + totals.failed + totals.cancelled;
      return {
        from,
        to: now,
        bucketMs,
        buckets,
        totals: { ...totals, successRate: finished === 0 ? null : totals.succeeded / finished },
      };
    },
    steps(window: AnalyticsWindow) {
      const { from, ps } = inWindow(window);
      const agents = new Map<string, Record<string, number | string>>();
      const models = new Map<string, Record<string, number | string>>();
      for (const p of ps) {
        for (const s of p.steps) {
          if (s.reusedFrom !== undefined) continue;
          if (s.status === 'succeeded' || s.status === 'failed') {
            const key = `${p.execution.workflowId}/${s.agentId}`;
            const a = agents.get(key) ?? {
              workflowId: p.execution.workflowId,
              agentId: s.agentId,
              steps: 0,
              failed: 0,
              inputTokens: 0,
              outputTokens: 0,
              costUsd: 0,
            };
            (a.steps as number)++;
            if (s.status === 'failed') (a.failed as number)++;
            (a.inputTokens as number) += s.usage?.inputTokens ?? 0;
            (a.outputTokens as number) += s.usage?.outputTokens ?? 0;
            (a.costUsd as number) += s.usage?.costUsd ?? 0;
            agents.set(key, a);
          }
          for (const c of s.modelCalls ?? []) {
            const key = `${c.provider}/${c.model}/${p.execution.workflowId}`;
            const m = models.get(key) ?? {
              provider: c.provider,
              model: c.model,
              workflowId: p.execution.workflowId,
              calls: 0,
              errors: 0,
              inputTokens: 0,
              outputTokens: 0,
              costUsd: 0,
            };
            (m.calls as number)++;
            if (c.status === 'error') (m.errors as number)++;
            (m.inputTokens as number) += c.inputTokens ?? 0;
            (m.outputTokens as number) += c.outputTokens ?? 0;
            (m.costUsd as number) += c.costUsd ?? 0;
            models.set(key, m);
          }
        }
      }
      const sortBy =
        (k: (x: Record<string, number | string>) => string) =>
        (a: Record<string, number | string>, b: Record<string, number | string>) =>
          k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0;
      return {
        from,
        to: now,
        agents: [...agents.values()]
          .map((a) => ({ ...a, errorRate: (a.failed as number) / (a.steps as number) }))
          .sort(sortBy((a) => `${a.workflowId}\u0000${a.agentId}`)),
        models: [...models.values()].sort(
          sortBy((m) => `${m.provider}\u0000${m.model}\u0000${m.workflowId}`),
        ),
      };
    },
    costs(dayStart: number, monthStart: number) {
      const ps = top.filter((p) => p.execution.createdAt < now);
      const per = new Map<
        string,
        { workflowId: string; todayUsd: number; monthUsd: number; monthExecutions: number }
      >();
      for (const p of ps) {
        const w = per.get(p.execution.workflowId) ?? {
          workflowId: p.execution.workflowId,
          todayUsd: 0,
          monthUsd: 0,
          monthExecutions: 0,
        };
        if (p.execution.createdAt >= monthStart) {
          w.monthUsd += cost(p);
          w.monthExecutions++;
        }
        if (p.execution.createdAt >= dayStart) w.todayUsd += cost(p);
        per.set(p.execution.workflowId, w);
      }
      const workflows = [...per.values()]
        .filter((w) => w.monthExecutions > 0)
        .sort((a, b) => b.monthUsd - a.monthUsd || (a.workflowId < b.workflowId ? -1 : 1));
      return {
        currency: 'USD',
        dayStart,
        monthStart,
        todayUsd: ps.filter((p) => p.execution.createdAt >= dayStart).reduce((a, p) => a + cost(p), 0),
        monthUsd: ps.filter((p) => p.execution.createdAt >= monthStart).reduce((a, p) => a + cost(p), 0),
        workflows,
      };
    },
    waiting() {
      return top
        .filter((p) => p.status === 'paused')
        .map((p) => {
          const s = p.steps.find((x) => x.status === 'waiting')!;
          return {
            executionId: p.execution.id,
            agentId: s.agentId,
            stepId: s.id,
            waitingSince: s.completedAt,
          };
        })
        .sort((a, b) => a.waitingSince - b.waitingSince || (a.stepId < b.stepId ? -1 : 1));
    },
  };
}

/** Numbers rounded (sums of floats differ in the last bits between SQL and JavaScript). */
function rounded<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v) =>
      typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(9)) : v,
    ),
  ) as T;
}

/** Writes the plan through the Store port: created running, steps committed one by one, then ended or paused. */
async function write(store: Store, planned: Planned[]): Promise<void> {
  for (const p of planned) {
    await store.createExecution(p.execution);
    for (const s of p.steps) {
      await store.commitStep({
        executionId: p.execution.id,
        steps: [s],
        messages: [],
        ready: [],
        waiting: s.status === 'waiting' ? [s.agentId] : [],
        ...(s.usage ? { usage: s.usage } : {}),
      });
    }
    if (p.status === 'paused') await store.updateExecution(p.execution.id, { status: 'paused' });
    else if (p.completedAt !== undefined)
      await store.updateExecution(p.execution.id, { status: p.status, completedAt: p.completedAt });
  }
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
