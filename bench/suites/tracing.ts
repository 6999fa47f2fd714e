/**
 * What OpenTelemetry traces cost the engine (issue 17 item 1): a chain of zero-work nodes on the in-memory store,
 * per node, with tracing off (no tracer: the engine's figure, which must stay within 3 % of what it was before
 * traces existed; bench/README.md has the before/after comparison) and with tracing on, every span exported to
 * the SDK's InMemorySpanExporter through a SimpleSpanProcessor (two spans per step: the step's and its attempt's,
 * plus the execution's). The two engines run in alternating batches, so both see the same machine load.
 */
import { createEngine, type Engine } from '@agentflow/core';
import { loadConfig, startTracing } from '@agentflow/runtime';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { compare } from '../harness.js';
import type { BenchSuite, Result, SuiteOptions } from '../types.js';
import { incNode, joinNode, prepareWorkflow, runChecked } from '../workloads/engine.js';
import { chain } from '../workloads/shapes.js';

const sizes = {
  full: { nodes: 100, sampling: { iterations: 20, batches: 60, warmup: 10 } },
  smoke: { nodes: 5, sampling: { iterations: 2, batches: 2, warmup: 1 } },
} as const;

export async function tracingBenchmark(
  nodes: number,
  sampling: { iterations: number; batches: number; warmup: number },
): Promise<Result[]> {
  const shape = chain(nodes);
  const exporter = new InMemorySpanExporter();
  const tracing = await startTracing(loadConfig({}), { exporter });
  if (!tracing) throw new Error('tracing did not start with an exporter');
  const off: Engine = createEngine({ nodeTypes: [incNode, joinNode] });
  const on: Engine = createEngine({ nodeTypes: [incNode, joinNode], tracer: tracing.tracer });
  const wfOff = prepareWorkflow(off, shape);
  const wfOn = prepareWorkflow(on, shape);
  await runChecked(off, wfOff, shape);
  await runChecked(on, wfOn, shape);
  const spansPerRun = exporter.getFinishedSpans().length;
  const { medians } = await compare(
    [
      {
        async batch(n) {
          for (let i = 0; i < n; i++) await runChecked(off, wfOff, shape);
        },
        async reset() {
          await off.store.pruneExecutions(Number.MAX_SAFE_INTEGER);
        },
      },
      {
        async batch(n) {
          for (let i = 0; i < n; i++) await runChecked(on, wfOn, shape);
        },
        async reset() {
          exporter.reset();
          await on.store.pruneExecutions(Number.MAX_SAFE_INTEGER);
        },
      },
    ],
    sampling,
  );
  await off.close();
  await on.close();
  await tracing.shutdown();
  const offUs = (medians[0]! * 1000) / nodes;
  const onUs = (medians[1]! * 1000) / nodes;
  const details = { nodes, spansPerExecution: spansPerRun, samples: sampling.batches };
  return [
    { name: `chain-${nodes}: time per node, tracing off`, unit: 'µs', value: offUs, details },
    {
      name: `chain-${nodes}: time per node, tracing on (in-memory exporter)`,
      unit: 'µs',
      value: onUs,
      details,
    },
    {
      name: `chain-${nodes}: tracing cost per step (2 spans)`,
      unit: 'µs',
      value: onUs - offUs,
      details,
    },
  ];
}

const suite: BenchSuite = {
  name: 'tracing (OpenTelemetry, in-memory store)',
  description: 'Engine time per node with tracing off and on (InMemorySpanExporter).',
  async run(options: SuiteOptions = { size: 'full' }) {
    const s = sizes[options.size];
    return tracingBenchmark(s.nodes, s.sampling);
  },
};

export default suite;
