/** The same shapes as AgentFlow workflows, and an engine with the benchmark's node types (built code). */
import { createEngine, defineNodeType, type Engine } from '@agentflow/core';
import { z } from 'zod';
import { inc, join, type Shape } from './shapes.js';

const empty = z.object({});

export const incNode = defineNodeType({
  type: 'bench.inc',
  description: 'Returns its input + 1 (zero work).',
  configSchema: empty,
  run: ({ input }) => inc(input),
});

export const joinNode = defineNodeType({
  type: 'bench.join',
  description: 'Sums its inputs (zero work).',
  configSchema: empty,
  run: ({ input }) => join(input),
});

/** An engine with the defaults (in-memory store, system clock) and the benchmark node types. */
export function createBenchEngine(): Engine {
  return createEngine({ nodeTypes: [incNode, joinNode] });
}

/** The workflow definition of a shape; `sleep` nodes are the built-in `delay` node. */
export function toWorkflow(shape: Shape): Record<string, unknown> {
  const agents = shape.nodes.map((n) =>
    n.kind === 'sleep'
      ? { id: n.id, type: 'delay', config: { ms: shape.sleepMs ?? 0 } }
      : { id: n.id, type: n.kind === 'inc' ? 'bench.inc' : 'bench.join' },
  );
  const connections = shape.edges.map(([s, t], i) => ({
    id: `c${i}`,
    sourceAgentId: shape.nodes[s]!.id,
    targetAgentId: shape.nodes[t]!.id,
  }));
  const wf: Record<string, unknown> = { name: shape.name, agents, connections };
  if (shape.concurrency !== undefined) wf.config = { concurrency: shape.concurrency };
  return wf;
}

/** Compiles the workflow into the engine's cache (so timed runs measure execution, not validation). */
export function prepareWorkflow(engine: Engine, shape: Shape): Record<string, unknown> {
  const wf = toWorkflow(shape);
  const v = engine.validate(wf);
  if (!v.ok) throw new Error(`${shape.name} is invalid: ${JSON.stringify(v.issues)}`);
  return wf;
}

/** Runs once and checks the result, so a benchmark never times a failing execution. */
export async function runChecked(engine: Engine, wf: object, shape: Shape): Promise<void> {
  const r = await engine.run(wf, 0);
  if (r.status !== 'succeeded' || r.output !== shape.expected) {
    throw new Error(
      `${shape.name}: ${r.status}, output ${JSON.stringify(r.output)} (expected ${shape.expected})${r.error ? `: ${r.error.message}` : ''}`,
    );
  }
}
