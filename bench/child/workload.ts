/**
 * Child process that runs one benchmark workload on AgentFlow, sequentially, for profiling
 * (see bench/profile.ts): `node --cpu-prof bench-compiled/child/workload.js '{"workload":"chain","runs":2000}'`.
 * Prints one JSON line: { workload, runs, ms }.
 */
import { performance } from 'node:perf_hooks';
import { createAsCalledEngine, runAsCalled, toAsCalledWorkflow } from '../workloads/as-called.js';
import { createBenchEngine, prepareWorkflow, runChecked } from '../workloads/engine.js';
import { chain, fanOut, type Shape } from '../workloads/shapes.js';

/** `called`: chain-100 on an engine as users call it (see workloads/as-called.ts). */
export type WorkloadName = 'chain' | 'fanout' | 'sleep' | 'called';

export interface WorkloadParams {
  workload: WorkloadName;
  runs: number;
}

export function workloadShape(name: WorkloadName): Shape {
  if (name === 'chain' || name === 'called') return chain(100);
  if (name === 'fanout') return fanOut(100);
  return fanOut(100, { sleepMs: 20 });
}

const params = JSON.parse(process.argv[2] ?? '{}') as WorkloadParams;
const shape = workloadShape(params.workload);
const t0 = performance.now();
if (params.workload === 'called') {
  const { engine } = createAsCalledEngine();
  const wf = toAsCalledWorkflow(shape);
  for (let i = 0; i < params.runs; i++) await runAsCalled(engine, wf, shape);
} else {
  const engine = createBenchEngine();
  const wf = prepareWorkflow(engine, shape);
  for (let i = 0; i < params.runs; i++) {
    await runChecked(engine, wf, shape);
    if (i % 50 === 49) await engine.store.pruneExecutions(Number.MAX_SAFE_INTEGER);
  }
}
const ms = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ workload: params.workload, runs: params.runs, ms })}\n`);
