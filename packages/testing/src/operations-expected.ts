/**
 * The oracle of the OperationsStore contract: the figures a store must report (execution and step statistics per
 * window, costs, the approvals inbox), computed in memory from the planned raw records, independently of any
 * store, and the comparisons that tolerate what legitimately differs (float rounding, histogram percentiles).
 */
import type { AnalyticsWindow } from '@agentflow/protocol';
import { expect } from 'vitest';
import { DAY, HOUR, type Planned } from './operations-plan.js';

type Percentiles = { p50DurationMs: number | null; p95DurationMs: number | null };

/** `stats` without its percentiles, and each bucket's (and the totals') percentiles apart. */
export function splitPercentiles<T extends { buckets: Percentiles[]; totals: Percentiles }>(stats: T) {
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
export function expectPercentiles(got: (number | null)[], exact: (number | null)[], error: number): void {
  expect(got.map((v) => v === null)).toEqual(exact.map((v) => v === null));
  got.forEach((v, i) => {
    const want = exact[i];
    if (v === null || want === null || want === undefined) return;
    expect(Math.abs(v - want), `percentile ${i}: ${v} for ${want}`).toBeLessThanOrEqual(error * want + 1e-6);
  });
}

/** percentile_cont: linear interpolation between the values around rank q(n - 1). */
export function exactPercentile(xs: number[], q: number): number | null {
  if (xs.length === 0) return null;
  const v = [...xs].sort((a, b) => a - b);
  const pos = q * (v.length - 1);
  const lo = Math.floor(pos);
  return v[lo]! + (v[Math.ceil(pos)]! - v[lo]!) * (pos - lo);
}

/** Expected figures, from the plan (no store involved). */
export function expected(planned: Planned[], workspaceId: string, now: number) {
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
export function rounded<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v) =>
      typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(9)) : v,
    ),
  ) as T;
}
