/**
 * Child process that runs one benchmark workload on AgentFlow, sequentially, for profiling
 * (see bench/profile.ts): `node --cpu-prof bench-compiled/child/workload.js '{"workload":"chain","runs":2000}'`.
 * Prints one JSON line: { workload, runs, ms }.
 */
import { performance } from 'node:perf_hooks';
import { createBenchEngine, prepareWorkflow, runChecked } from '../workloads/engine.js';
import { chain, fanOut, type Shape } from '../workloads/shapes.js';

export type WorkloadName = 'chain' | 'fanout' | 'sleep';

export interface WorkloadParams {
  workload: WorkloadName;
  runs: number;
}

export function workloadShape(name: WorkloadName): Shape {
  if (name === 'chain') return chain(100);
  if (name === 'fanout') return fanOut(100);
  return fanOut(100, { sleepMs: 20 });
}

const params = JSON.parse(process.argv[2] ?? '{}') as WorkloadParams;
const shape = workloadShape(params.workload);
const engine = createBenchEngine();
const wf = prepareWorkflow(engine, shape);
const t0 = performance.now();
for (let i = 0; i < params.runs; i++) {
  await runChecked(engine, wf, shape);
  if (i % 50 === 49) await engine.store.pruneExecutions(Number.MAX_SAFE_INTEGER);
}
const ms = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ workload: params.workload, runs: params.runs, ms })}\n`);
