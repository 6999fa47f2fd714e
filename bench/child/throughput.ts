/**
 * Child process for benchmarks (d) and (e): many executions of start -> 3 parallel -> join with a fixed number
 * in flight, in a fresh process so its memory is not polluted by earlier benchmarks.
 *
 *   node --expose-gc --import tsx bench/child/throughput.ts '{"mode":"engine","executions":1000,...}'
 *
 * Round 1 (cold) is the memory measurement: peak RSS of the process while the engine holds all of the
 * round's executions in its in-memory store. Then warm-up and timed rounds, each starting from an empty
 * store; the median executions/s is reported. Prints one JSON line (ThroughputReport) on stdout.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { prepareBaseline, runBaseline } from '../baseline.js';
import { gc, median, pool, quantile } from '../harness.js';
import { fanOut, toBaselineGraph } from '../workloads/shapes.js';

export interface ThroughputParams {
  mode: 'engine' | 'baseline';
  executions: number;
  inFlight: number;
  warmupRounds: number;
  rounds: number;
  /**
   * Force a full GC before each round. Default no: a forced full GC deoptimises hot code (see harness.ts
   * `compare`) and made this benchmark 2-3x slower than a process that never forces one.
   */
  gcBetweenRounds?: boolean;
}

export interface ThroughputReport {
  mode: ThroughputParams['mode'];
  executions: number;
  inFlight: number;
  /** Median over timed rounds. */
  execPerSec: number;
  execPerSecP10: number;
  execPerSecP90: number;
  /**
   * Median executions per second of CPU time used by the process: less sensitive than wall time to other
   * load on the machine (but it counts GC helper threads, so it can exceed the wall rate).
   */
  execPerCpuSec: number;
  rounds: number;
  /** The first (cold) round. */
  coldExecPerSec: number;
  /** RSS after imports and a GC, before any execution. */
  startRssBytes: number;
  /** Peak RSS of the process up to the end of the cold round (kernel high-water mark, and samples). */
  peakRssBytes: number;
  /** Heap in use at the end of the cold round, before GC, with its executions still stored. */
  heapUsedBytes: number;
}

const params = JSON.parse(process.argv[2] ?? '{}') as ThroughputParams;
const shape = fanOut(3);

let runOne: () => Promise<unknown>;
let fresh: () => Promise<void>;
if (params.mode === 'engine') {
  const { createBenchEngine, prepareWorkflow, runChecked } = await import('../workloads/engine.js');
  // One engine for the whole process, as a server has; its store is emptied between rounds. (A fresh engine
  // per round would, once the old one is collected, deoptimise the engine's hot code on every round: V8
  // drops optimised code that embedded objects of the dead engine.)
  const engine = createBenchEngine();
  const wf = prepareWorkflow(engine, shape);
  fresh = async () => {
    await engine.store.pruneExecutions(Number.MAX_SAFE_INTEGER);
  };
  runOne = () => runChecked(engine, wf, shape);
} else {
  const graph = prepareBaseline(toBaselineGraph(shape));
  fresh = async () => {};
  runOne = async () => {
    const out = await runBaseline(graph, 0);
    if (out !== shape.expected) throw new Error(`baseline output ${String(out)}`);
  };
}

/**
 * The kernel's RSS high-water mark of this process (Linux VmHWM), 0 elsewhere. Not resourceUsage().maxRSS:
 * on Linux that includes the RSS the parent had when it forked this process.
 */
function highWaterRss(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Executions per second of wall time, and per second of this process's CPU time. */
async function round(onSettled?: (done: number) => void): Promise<{ wall: number; cpu: number }> {
  await fresh();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await pool(params.executions, params.inFlight, runOne, onSettled);
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall: (params.executions / wallMs) * 1000, cpu: (params.executions / (c.user + c.system)) * 1e6 };
}

gc();
const startRssBytes = process.memoryUsage.rss();
let sampled = startRssBytes;
const { wall: coldExecPerSec } = await round((done) => {
  if (done % 25 === 0) sampled = Math.max(sampled, process.memoryUsage.rss());
});
const heapUsedBytes = process.memoryUsage().heapUsed;
const peakRssBytes = Math.max(sampled, process.memoryUsage.rss(), highWaterRss());

const rates: number[] = [];
const cpuRates: number[] = [];
for (let r = 0; r < params.warmupRounds + params.rounds; r++) {
  if (params.gcBetweenRounds) gc();
  const rate = await round();
  if (r < params.warmupRounds) continue;
  rates.push(rate.wall);
  cpuRates.push(rate.cpu);
}

const report: ThroughputReport = {
  mode: params.mode,
  executions: params.executions,
  inFlight: params.inFlight,
  execPerSec: median(rates),
  execPerSecP10: quantile(rates, 0.1),
  execPerSecP90: quantile(rates, 0.9),
  execPerCpuSec: median(cpuRates),
  rounds: rates.length,
  coldExecPerSec,
  startRssBytes,
  peakRssBytes,
  heapUsedBytes,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
