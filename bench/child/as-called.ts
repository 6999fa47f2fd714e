/**
 * Child process for the "as called" suite (bench/suites/as-called.ts), in a fresh process so its memory is its
 * own. Prints one JSON line on stdout.
 *
 * - `throughput`: start -> 3 parallel -> join (5 nodes), `executions` per round with `inFlight` at once, on an
 *   engine as users create it (see workloads/as-called.ts). The first round is the cold one: the process's peak
 *   RSS up to its end is the memory figure (the default store keeps its retention of finished executions). Then
 *   engine and hand-written baseline rounds alternate in this process; median executions/s of each.
 * - `heap`: heap the engine still holds once the caller dropped the results: after one chain-`nodes` run, and
 *   after `runs` chain-100 runs, with the default retention, with `maxExecutions: 0`, and with `Infinity`.
 *
 * `coreModule` loads another build of @agentflow/core (a path to its dist/index.js) for A/B comparisons.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createEngine, type Engine } from '@agentflow/core';
import { prepareBaseline, runBaseline } from '../baseline.js';
import { gc, median, pool } from '../harness.js';
import { createAsCalledEngine, runAsCalled, toAsCalledWorkflow } from '../workloads/as-called.js';
import { chain, fanOut, toBaselineGraph } from '../workloads/shapes.js';

export type AsCalledParams =
  | {
      mode: 'throughput';
      executions: number;
      inFlight: number;
      /** Alternating engine/baseline rounds after the cold one (the first `warmupRounds` are not counted). */
      warmupRounds: number;
      rounds: number;
      coreModule?: string;
    }
  | { mode: 'heap'; nodes: number; runs: number; coreModule?: string };

export interface AsCalledThroughputReport {
  execPerSec: number;
  baselineExecPerSec: number;
  coldExecPerSec: number;
  rounds: number;
  startRssBytes: number;
  peakRssBytes: number;
  events: number;
}

export interface AsCalledHeapReport {
  /** Bytes of heap held after one chain-`nodes` run whose result was dropped, per retention. */
  oneRun: Record<string, number>;
  /** Bytes of heap held after `runs` chain-100 runs, per retention. */
  manyRuns: Record<string, number>;
}

const params = JSON.parse(process.argv[2] ?? '{}') as AsCalledParams;
// biome-ignore lint/suspicious/noExplicitAny: any build's factory
type Create = (options: any) => Engine;
const create: Create | undefined = params.coreModule
  ? ((await import(pathToFileURL(params.coreModule).href)) as { createEngine: Create }).createEngine
  : undefined;

/** The kernel's RSS high-water mark of this process (Linux VmHWM), 0 elsewhere. */
function highWaterRss(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function throughput(
  p: Extract<AsCalledParams, { mode: 'throughput' }>,
): Promise<AsCalledThroughputReport> {
  const shape = fanOut(3, { concurrency: 'default' });
  const graph = prepareBaseline(toBaselineGraph(shape));
  gc();
  const startRssBytes = process.memoryUsage.rss();
  const { engine, events } = createAsCalledEngine(create);
  const wf = toAsCalledWorkflow(shape);
  const rate = async (job: () => Promise<unknown>, onSettled?: (n: number) => void) => {
    const t0 = performance.now();
    await pool(p.executions, p.inFlight, job, onSettled);
    return (p.executions / (performance.now() - t0)) * 1000;
  };
  const engineJob = () => runAsCalled(engine, wf, shape);
  const baselineJob = async () => {
    const out = await runBaseline(graph, 0);
    if (out !== shape.expected) throw new Error(`baseline output ${String(out)}`);
  };
  let sampled = startRssBytes;
  const coldExecPerSec = await rate(engineJob, (n) => {
    if (n % 25 === 0) sampled = Math.max(sampled, process.memoryUsage.rss());
  });
  const peakRssBytes = Math.max(sampled, process.memoryUsage.rss(), highWaterRss());
  const engineRates: number[] = [];
  const baselineRates: number[] = [];
  for (let r = 0; r < p.warmupRounds + p.rounds; r++) {
    const e = await rate(engineJob);
    const b = await rate(baselineJob);
    if (r < p.warmupRounds) continue;
    engineRates.push(e);
    baselineRates.push(b);
  }
  await engine.close();
  return {
    execPerSec: median(engineRates),
    baselineExecPerSec: median(baselineRates),
    coldExecPerSec,
    rounds: engineRates.length,
    startRssBytes,
    peakRssBytes,
    events: events.n,
  };
}

async function heldAfter(
  retention: Record<string, number> | undefined,
  nodes: number,
  runs: number,
): Promise<number> {
  const shape = chain(nodes);
  const wf = toAsCalledWorkflow(shape);
  const { engine } = createAsCalledEngine((o: object) =>
    (create ?? createEngine)({
      ...o,
      // A 1,000-node workflow is above the default limit (500 agents).
      limits: { maxAgents: Math.max(500, nodes) },
      ...(retention ? { retention } : {}),
    }),
  );
  // The compiled workflow, cached while the caller holds the definition, is not what runs leave behind.
  if (!engine.validate(wf).ok) throw new Error(`${shape.name} is invalid`);
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < runs; i++) await runAsCalled(engine, wf, shape);
  gc();
  gc();
  const held = process.memoryUsage().heapUsed - before;
  await engine.close();
  // The engine stays reachable until here, so what it holds was measured.
  return held;
}

async function heap(p: Extract<AsCalledParams, { mode: 'heap' }>): Promise<AsCalledHeapReport> {
  const retentions: Record<string, Record<string, number> | undefined> = {
    default: undefined,
    'maxExecutions 0': { maxExecutions: 0 },
    Infinity: { maxExecutions: Number.POSITIVE_INFINITY, maxAgeMs: Number.POSITIVE_INFINITY },
  };
  const oneRun: Record<string, number> = {};
  const manyRuns: Record<string, number> = {};
  // Warm up the code paths (and what modules allocate once) so the figures are what the runs leave behind.
  await heldAfter({ maxExecutions: 0 }, 100, 50);
  for (const [name, retention] of Object.entries(retentions)) {
    oneRun[name] = await heldAfter(retention, p.nodes, 1);
    manyRuns[name] = await heldAfter(retention, 100, p.runs);
  }
  return { oneRun, manyRuns };
}

const report = params.mode === 'throughput' ? await throughput(params) : await heap(params);
process.stdout.write(`${JSON.stringify(report)}\n`);
