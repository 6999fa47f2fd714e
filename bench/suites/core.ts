/**
 * Engine overhead with the in-memory store (createEngine defaults), each figure against the hand-written
 * executor in bench/baseline.ts on the same graph. Issue 2, item 11 and its targets.
 */
import { fileURLToPath } from 'node:url';
import { prepareBaseline, runBaseline } from '../baseline.js';
import type { ThroughputParams, ThroughputReport } from '../child/throughput.js';
import { compare, runTsChild } from '../harness.js';
import type { BenchSuite, Result, SuiteOptions } from '../types.js';
import { createBenchEngine, prepareWorkflow, runChecked } from '../workloads/engine.js';
import { chain, fanOut, type Shape, toBaselineGraph } from '../workloads/shapes.js';

export interface Sampling {
  /** Executions per timed batch. */
  iterations: number;
  batches: number;
  warmup: number;
}

/** Median ms per execution of the shape, on AgentFlow and on the baseline. */
export async function timeShape(
  shape: Shape,
  sampling: Sampling,
): Promise<{ engineMs: number; baselineMs: number }> {
  const engine = createBenchEngine();
  const wf = prepareWorkflow(engine, shape);
  await runChecked(engine, wf, shape);
  const graph = prepareBaseline(toBaselineGraph(shape));
  const { medians } = await compare(
    [
      {
        async batch(n) {
          for (let i = 0; i < n; i++) await runChecked(engine, wf, shape);
        },
        async reset() {
          await engine.store.pruneExecutions(Number.MAX_SAFE_INTEGER);
        },
      },
      {
        async batch(n) {
          for (let i = 0; i < n; i++) {
            const out = await runBaseline(graph, 0);
            if (out !== shape.expected) throw new Error(`baseline ${shape.name}: output ${String(out)}`);
          }
        },
      },
    ],
    sampling,
  );
  await engine.close();
  return { engineMs: medians[0]!, baselineMs: medians[1]! };
}

/** (a) A chain of zero-work nodes: time per node, and the engine's overhead per node over the baseline. */
export async function chainBenchmark(nodes: number, sampling: Sampling): Promise<Result[]> {
  const shape = chain(nodes);
  const { engineMs, baselineMs } = await timeShape(shape, sampling);
  const enginePerNode = (engineMs * 1000) / nodes;
  const baselinePerNode = (baselineMs * 1000) / nodes;
  const details = { nodes, samples: sampling.batches, iterationsPerSample: sampling.iterations };
  return [
    {
      name: `(a) ${shape.name}: time per node`,
      unit: 'µs',
      value: enginePerNode,
      baseline: baselinePerNode,
      details,
    },
    {
      name: `(a) ${shape.name}: engine overhead per node`,
      unit: 'µs',
      value: enginePerNode - baselinePerNode,
      target: { op: '<=', value: 5, label: '≤ 5 µs' },
      details,
    },
  ];
}

/** (b) start -> width zero-work branches -> join: time per execution. */
export async function fanOutBenchmark(width: number, sampling: Sampling): Promise<Result[]> {
  const shape = fanOut(width);
  const { engineMs, baselineMs } = await timeShape(shape, sampling);
  return [
    {
      name: `(b) start -> ${width} parallel -> join (zero work)`,
      unit: 'ms',
      value: engineMs,
      baseline: baselineMs,
      details: {
        nodes: shape.nodes.length,
        engineUsPerNode: (engineMs * 1000) / shape.nodes.length,
        samples: sampling.batches,
        iterationsPerSample: sampling.iterations,
      },
    },
  ];
}

/**
 * (c) start -> width branches each waiting `sleepMs` (the built-in `delay` node) -> join: total time. Only
 * overlapping branches come near `sleepMs`. The workflow allows `width` nodes at once; with
 * `defaultConcurrency` it keeps the engine's default limit instead (an informational row).
 */
export async function sleepFanOutBenchmark(
  width: number,
  sleepMs: number,
  sampling: Sampling,
  defaultConcurrency = false,
): Promise<Result[]> {
  const shape = fanOut(width, {
    sleepMs,
    ...(defaultConcurrency ? { concurrency: 'default' as const } : {}),
  });
  const { engineMs, baselineMs } = await timeShape(shape, sampling);
  const base = `(c) start -> ${width} parallel x ${sleepMs} ms -> join`;
  if (defaultConcurrency) {
    return [
      {
        name: `${base}, default concurrency`,
        unit: 'ms',
        value: engineMs,
        baseline: baselineMs,
        details: { concurrency: 'engine default', samples: sampling.batches },
      },
    ];
  }
  return [
    {
      name: base,
      unit: 'ms',
      value: engineMs,
      baseline: baselineMs,
      target: { op: '<=', value: baselineMs * 1.05, label: '≤ baseline + 5%' },
      details: { concurrency: width, samples: sampling.batches },
    },
  ];
}

const throughputChild = fileURLToPath(new URL('../child/throughput.ts', import.meta.url));
const MB = 1024 * 1024;

/**
 * (d) executions/s of start -> 3 parallel -> join with `inFlight` at once, and (e) the peak RSS of a fresh
 * process running `executions` of them; AgentFlow and the baseline each in their own child process.
 */
export async function throughputBenchmark(
  params: Omit<ThroughputParams, 'mode'>,
  nodeFlags: string[] = [],
): Promise<Result[]> {
  const engine = await runTsChild<ThroughputReport>(
    throughputChild,
    { ...params, mode: 'engine' },
    nodeFlags,
  );
  const baseline = await runTsChild<ThroughputReport>(throughputChild, { ...params, mode: 'baseline' });
  return [
    {
      name: `(d) 5-node workflow, ${params.inFlight} in flight: executions/s`,
      unit: 'exec/s',
      value: engine.execPerSec,
      baseline: baseline.execPerSec,
      target: { op: '>=', value: 20_000, label: '≥ 20,000/s' },
      details: {
        executionsPerRound: params.executions,
        rounds: engine.rounds,
        p10: engine.execPerSecP10,
        p90: engine.execPerSecP90,
        coldRound: engine.coldExecPerSec,
      },
    },
    {
      // Wall-clock rates swing with other load on a small machine; CPU time swings less.
      name: `(d) same, executions per CPU-second`,
      unit: 'exec/s',
      value: engine.execPerCpuSec,
      baseline: baseline.execPerCpuSec,
      details: { note: 'process CPU time (main thread and GC threads)' },
    },
    {
      name: `(e) peak RSS, ${params.executions} executions of (d)`,
      unit: 'MB',
      value: engine.peakRssBytes / MB,
      baseline: baseline.peakRssBytes / MB,
      target: { op: '<=', value: 80, label: '≤ 80 MB' },
      details: {
        process: 'fresh child (plain node)',
        startRssMB: engine.startRssBytes / MB,
        baselineStartRssMB: baseline.startRssBytes / MB,
        heapUsedMB: engine.heapUsedBytes / MB,
        growthMB: (engine.peakRssBytes - engine.startRssBytes) / MB,
      },
    },
  ];
}

export const sizes = {
  full: {
    chain: { nodes: 100, sampling: { iterations: 20, batches: 60, warmup: 10 } },
    fanOut: { width: 100, sampling: { iterations: 20, batches: 60, warmup: 10 } },
    sleep: { width: 100, ms: 20, sampling: { iterations: 1, batches: 60, warmup: 5 } },
    throughput: { executions: 1000, inFlight: 50, warmupRounds: 5, rounds: 30 },
  },
  smoke: {
    chain: { nodes: 5, sampling: { iterations: 2, batches: 2, warmup: 1 } },
    fanOut: { width: 5, sampling: { iterations: 2, batches: 2, warmup: 1 } },
    sleep: { width: 5, ms: 2, sampling: { iterations: 1, batches: 2, warmup: 1 } },
    throughput: { executions: 10, inFlight: 5, warmupRounds: 1, rounds: 2 },
  },
} as const;

const suite: BenchSuite = {
  name: 'core (in-memory store)',
  description: 'Engine overhead against a minimal hand-written DAG executor.',
  async run(options: SuiteOptions = { size: 'full' }) {
    const s = sizes[options.size];
    return [
      ...(await chainBenchmark(s.chain.nodes, s.chain.sampling)),
      ...(await fanOutBenchmark(s.fanOut.width, s.fanOut.sampling)),
      ...(await sleepFanOutBenchmark(s.sleep.width, s.sleep.ms, s.sleep.sampling)),
      ...(await sleepFanOutBenchmark(s.sleep.width, s.sleep.ms, s.sleep.sampling, true)),
      ...(await throughputBenchmark(s.throughput)),
    ];
  },
};

export default suite;
