/**
 * The engine as users call it (issue 15 item 5): node types with a Zod config schema, an `engine.on('event')`
 * listener, `createEngine` defaults (in-memory store with its default retention, default concurrency) and no
 * cache warmed by the benchmark. Beside the core suite, which measures the engine with zero-config node types,
 * no listener and its store emptied between batches. The hand-written executor runs in the same process.
 */
import { fileURLToPath } from 'node:url';
import { prepareBaseline, runBaseline } from '../baseline.js';
import type { AsCalledHeapReport, AsCalledParams, AsCalledThroughputReport } from '../child/as-called.js';
import { compare, median, runTsChild } from '../harness.js';
import type { BenchSuite, Result, SuiteOptions } from '../types.js';
import { createAsCalledEngine, runAsCalled, toAsCalledWorkflow } from '../workloads/as-called.js';
import { chain, toBaselineGraph } from '../workloads/shapes.js';
import type { Sampling } from './core.js';

const child = fileURLToPath(new URL('../child/as-called.ts', import.meta.url));
const MB = 1024 * 1024;

/** Chain of `nodes`: µs per node on an engine as users create it, and on the baseline, batches alternating. */
export async function asCalledChain(nodes: number, sampling: Sampling): Promise<Result[]> {
  const shape = chain(nodes);
  const { engine, events } = createAsCalledEngine();
  const wf = toAsCalledWorkflow(shape);
  const graph = prepareBaseline(toBaselineGraph(shape));
  // CPU time per batch too (process user + system, GC threads included): on a loaded machine a batch's wall
  // time also counts the time other processes had the core.
  const cpu: number[][] = [[], []];
  const timed = (k: number, fn: () => Promise<void>) => async (n: number) => {
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) await fn();
    const c = process.cpuUsage(c0);
    cpu[k]!.push((c.user + c.system) / n / nodes);
  };
  const { medians } = await compare(
    [
      { batch: timed(0, () => runAsCalled(engine, wf, shape)) },
      {
        batch: timed(1, async () => {
          const out = await runBaseline(graph, 0);
          if (out !== shape.expected) throw new Error(`baseline ${shape.name}: output ${String(out)}`);
        }),
      },
    ],
    sampling,
  );
  const cpuMedian = (k: number) => median(cpu[k]!.slice(sampling.warmup));
  await engine.close();
  const enginePerNode = (medians[0]! * 1000) / nodes;
  return [
    {
      name: `(a) ${shape.name} as called: time per node`,
      unit: 'µs',
      value: enginePerNode,
      baseline: (medians[1]! * 1000) / nodes,
      target: { op: '<=', value: 2, label: '≤ 2 µs' },
      details: { samples: sampling.batches, iterationsPerSample: sampling.iterations, events: events.n },
    },
    {
      name: `(a) ${shape.name} as called: CPU time per node`,
      unit: 'µs',
      value: cpuMedian(0),
      baseline: cpuMedian(1),
      details: { note: 'process CPU time per batch (main thread and GC threads), median' },
    },
  ];
}

/** 5-node fan-out/join with `inFlight` at once, and the peak RSS of a fresh process running `executions`. */
export async function asCalledThroughput(
  params: Omit<Extract<AsCalledParams, { mode: 'throughput' }>, 'mode'>,
): Promise<Result[]> {
  const r = await runTsChild<AsCalledThroughputReport>(child, { ...params, mode: 'throughput' });
  return [
    {
      name: `(d) 5-node fan-out/join as called, ${params.inFlight} in flight: executions/s`,
      unit: 'exec/s',
      value: r.execPerSec,
      baseline: r.baselineExecPerSec,
      target: { op: '>=', value: 50_000, label: '≥ 50,000/s' },
      details: { executionsPerRound: params.executions, rounds: r.rounds, coldRound: r.coldExecPerSec },
    },
    {
      name: `(e) peak RSS, ${params.executions} executions of (d) as called`,
      unit: 'MB',
      value: r.peakRssBytes / MB,
      target: { op: '<=', value: 70, label: '≤ 70 MB' },
      details: { process: 'fresh child (plain node)', startRssMB: r.startRssBytes / MB },
    },
  ];
}

/**
 * Heap the engine holds once the caller dropped the results of `runs` chain-100 runs: with the default retention
 * (the figure), with `maxExecutions: 0` and with `Infinity` (details), and after one chain-`nodes` run.
 */
export async function asCalledHeap(nodes: number, runs: number): Promise<Result[]> {
  const r = await runTsChild<AsCalledHeapReport>(child, { mode: 'heap', nodes, runs });
  const details: Record<string, number> = {};
  for (const [retention, bytes] of Object.entries(r.manyRuns))
    details[`retention ${retention} (MB)`] = bytes / MB;
  for (const [retention, bytes] of Object.entries(r.oneRun))
    details[`one chain-${nodes} run, retention ${retention} (MB)`] = bytes / MB;
  return [
    {
      name: `(f) heap held after ${runs} chain-100 runs, default retention`,
      unit: 'MB',
      value: (r.manyRuns.default ?? 0) / MB,
      details,
    },
  ];
}

const sizes = {
  full: {
    chain: { nodes: 100, sampling: { iterations: 20, batches: 60, warmup: 10 } },
    throughput: { executions: 1000, inFlight: 50, warmupRounds: 3, rounds: 20 },
    heap: { nodes: 1000, runs: 2000 },
  },
  smoke: {
    chain: { nodes: 5, sampling: { iterations: 2, batches: 2, warmup: 1 } },
    throughput: { executions: 10, inFlight: 5, warmupRounds: 1, rounds: 2 },
    heap: { nodes: 10, runs: 50 },
  },
} as const;

const suite: BenchSuite = {
  name: 'as called (defaults, Zod config, a listener)',
  description: 'The engine as users call it, against the hand-written executor in the same process.',
  async run(options: SuiteOptions = { size: 'full' }) {
    const s = sizes[options.size];
    return [
      ...(await asCalledChain(s.chain.nodes, s.chain.sampling)),
      ...(await asCalledThroughput(s.throughput)),
      ...(await asCalledHeap(s.heap.nodes, s.heap.runs)),
    ];
  },
};

export default suite;
