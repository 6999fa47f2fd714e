/** Smoke test of the benchmark code at tiny sizes: every figure is well-formed. No timing assertions. */

import { createEngine } from '@agentflow/core';
import { describe, expect, it } from 'vitest';
import { prepareBaseline, runBaseline } from './baseline.js';
import { median, pool, quantile } from './harness.js';
import { summarize } from './profile.js';
import { isBenchSuite, loadSuites } from './registry.js';
import asCalledSuite from './suites/as-called.js';
import coreSuite, {
  chainBenchmark,
  fanOutBenchmark,
  sizes,
  sleepFanOutBenchmark,
  throughputBenchmark,
} from './suites/core.js';
import { loopWorkflow } from './suites/web-execution.js';
import { finishResult, type Result } from './types.js';
import { createBenchEngine, prepareWorkflow, runChecked } from './workloads/engine.js';
import { chain, fanOut, toBaselineGraph } from './workloads/shapes.js';

function expectWellFormed(results: Result[]): void {
  expect(results.length).toBeGreaterThan(0);
  for (const r of results.map(finishResult)) {
    expect(r.name).toMatch(/\S/);
    expect(r.unit).toMatch(/\S/);
    expect(Number.isFinite(r.value)).toBe(true);
    expect(r.value).toBeGreaterThan(0);
    if (r.baseline !== undefined) {
      expect(r.baseline).toBeGreaterThan(0);
      expect(r.ratio).toBeCloseTo(r.value / r.baseline);
    }
    if (r.target) expect(typeof r.pass).toBe('boolean');
  }
}

describe('workloads', () => {
  it('the baseline and the engine compute the same outputs', async () => {
    const engine = createBenchEngine();
    for (const shape of [chain(5), fanOut(4), fanOut(1), fanOut(3, { sleepMs: 1 })]) {
      expect(await runBaseline(prepareBaseline(toBaselineGraph(shape)), 0)).toBe(shape.expected);
      await runChecked(engine, prepareWorkflow(engine, shape), shape);
    }
    await engine.close();
  });

  it('the baseline keys a join input by source id and runs branches concurrently', async () => {
    let running = 0;
    let peak = 0;
    const branch = async (x: unknown) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return x;
    };
    const seen: unknown[] = [];
    const graph = prepareBaseline({
      ids: ['s', 'a', 'b', 'j'],
      fns: [(x) => x, branch, branch, (x) => seen.push(x)],
      edges: [
        [0, 1],
        [0, 2],
        [1, 3],
        [2, 3],
      ],
    });
    await runBaseline(graph, 7);
    expect(seen).toEqual([{ a: 7, b: 7 }]);
    expect(peak).toBe(2);
  });
});

describe('core suite at smoke size', () => {
  const s = sizes.smoke;
  it('(a) chain', async () => expectWellFormed(await chainBenchmark(s.chain.nodes, s.chain.sampling)));
  it('(b) fan-out', async () => expectWellFormed(await fanOutBenchmark(s.fanOut.width, s.fanOut.sampling)));
  it('(c) fan-out with sleeps', async () => {
    expectWellFormed(await sleepFanOutBenchmark(s.sleep.width, s.sleep.ms, s.sleep.sampling));
    expectWellFormed(await sleepFanOutBenchmark(s.sleep.width, s.sleep.ms, s.sleep.sampling, true));
  });
  it('(d)+(e) throughput and memory in child processes', async () => {
    const results = await throughputBenchmark(s.throughput);
    expectWellFormed(results);
    expect(results.map((r) => r.unit)).toEqual(['exec/s', 'exec/s', 'MB']);
  });
});

describe('as-called suite at smoke size', () => {
  it('chain, throughput and memory, heap held per retention', async () => {
    const results = await asCalledSuite.run({ size: 'smoke' });
    expectWellFormed(results);
    expect(results.map((r) => r.unit)).toEqual(['µs', 'µs', 'exec/s', 'MB', 'MB']);
    // The heap figures come from a child's report: with maxExecutions 0 nothing of 50 runs stays.
    const heap = results.at(-1)!;
    expect(heap.details?.['retention maxExecutions 0 (MB)']).toBeLessThan(heap.value);
  });
});

// Suites added later (store-sql, models, ...) are smoke-tested here without further registration: one test each,
// so each has its own time (each starts real stores and servers; the durable suite twice with DATABASE_URL).
const others = (await loadSuites()).filter(
  (suite) => suite.name !== coreSuite.name && suite.name !== asCalledSuite.name,
);
describe('every other registered suite runs at smoke size', () => {
  it.each(others.map((suite) => [suite.name, suite] as const))(
    '%s',
    async (_name, suite) => {
      const results = await suite.run({ size: 'smoke' });
      expect(results.length, suite.name).toBeGreaterThan(0);
      const measured = results.filter((r) => r.skipped === undefined);
      if (measured.length > 0) expectWellFormed(measured);
    },
    120_000,
  );
});

// The browser suites skip at smoke size: their workloads are checked here, on the engine they run on.
describe('web-execution workload', () => {
  it('runs its 1,000 steps to success with its data per step (it must stay within the value limits)', async () => {
    const engine = createEngine();
    const result = await engine.run(loopWorkflow(), { text: 'x'.repeat(6_000) });
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ status: 'succeeded', stepCounts: { total: 1002 } });
    const steps = await engine.getSteps(result.executionId);
    expect(steps.at(-2)?.output).toEqual({ text: 'x'.repeat(6_000) });
  });
});

describe('runner pieces', () => {
  it('finds the suites', async () => {
    const suites = await loadSuites();
    expect(suites.map((x) => x.name)).toContain('core (in-memory store)');
    expect(suites.every(isBenchSuite)).toBe(true);
  });

  it('computes ratio and pass', () => {
    const r = finishResult({
      name: 'x',
      unit: 'ms',
      value: 2,
      baseline: 4,
      target: { op: '<=', value: 1, label: '≤ 1' },
    });
    expect(r.ratio).toBe(0.5);
    expect(r.pass).toBe(false);
    expect(
      finishResult({ name: 'y', unit: '/s', value: 5, target: { op: '>=', value: 5, label: '' } }).pass,
    ).toBe(true);
  });

  it('statistics and the pool', async () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.9)).toBe(5);
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    await pool(10, 3, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      done.push(i);
    });
    expect(done.sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    expect(peak).toBe(3);
  });

  it('summarizes a CPU profile', () => {
    const frame = (functionName: string) => ({
      functionName,
      url: 'file:///x/packages/core/dist/a.js',
      lineNumber: 0,
    });
    const summary = summarize({
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2] },
        { id: 2, callFrame: frame('outer'), children: [3] },
        { id: 3, callFrame: frame('inner') },
      ],
      samples: [2, 3, 3],
      timeDeltas: [1000, 1000, 2000],
    });
    expect(summary.totalMs).toBe(3);
    expect(summary.self[0]).toMatchObject({ name: 'inner', ms: 2, location: 'packages/core/dist/a.js:1' });
    expect(summary.inclusive.find((h) => h.name === 'outer')?.ms).toBe(3);
  });
});
