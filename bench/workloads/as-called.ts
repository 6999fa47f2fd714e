/**
 * The engine as users call it (issue 15 item 5): node types declaring a Zod config schema with fields (given in
 * the workflow), an `engine.on('event')` listener attached, `createEngine` defaults (in-memory store with its
 * default retention, default concurrency), and nothing warmed by the benchmark (no `validate` first, no store
 * pruning between runs). The engine factory is a parameter so an A/B script can pass another build's.
 */
import { createEngine as currentCreateEngine, defineNodeType, type Engine } from '@agentflow/core';
import { z } from 'zod';
import { inc, join, type Shape } from './shapes.js';

export const addNode = defineNodeType({
  type: 'bench.add',
  description: 'Returns its input + `add` (zero work).',
  configSchema: z.object({ add: z.number().int().default(1), label: z.string().optional() }),
  run: ({ input, config }) => (config.add === 1 ? inc(input) : (input as number) + config.add),
});

export const sumNode = defineNodeType({
  type: 'bench.sum',
  description: 'Sums its inputs (zero work).',
  configSchema: z.object({ scale: z.number().default(1) }),
  run: ({ input, config }) => (join(input) as number) * config.scale,
});

/** Counts events, as a listener that forwards them somewhere would see them. */
export interface Listened {
  engine: Engine;
  events: { n: number };
}

// biome-ignore lint/suspicious/noExplicitAny: the factory of any build of @agentflow/core
type CreateEngine = (options: any) => Engine;

export function createAsCalledEngine(create: CreateEngine = currentCreateEngine): Listened {
  const engine = create({ nodeTypes: [addNode, sumNode] });
  const events = { n: 0 };
  engine.on('event', (e) => {
    if (e.type !== 'step.started') events.n++;
  });
  return { engine, events };
}

/** The shape as a workflow of `bench.add` / `bench.sum` nodes with their config given, default concurrency. */
export function toAsCalledWorkflow(shape: Shape): Record<string, unknown> {
  const agents = shape.nodes.map((n) =>
    n.kind === 'join'
      ? { id: n.id, type: 'bench.sum', config: { scale: 1 } }
      : { id: n.id, type: 'bench.add', config: { add: 1, label: n.id } },
  );
  const connections = shape.edges.map(([s, t], i) => ({
    id: `c${i}`,
    sourceAgentId: shape.nodes[s]!.id,
    targetAgentId: shape.nodes[t]!.id,
  }));
  return { name: shape.name, agents, connections };
}

export async function runAsCalled(engine: Engine, wf: object, shape: Shape): Promise<void> {
  const r = await engine.run(wf, 0);
  if (r.status !== 'succeeded' || r.output !== shape.expected) {
    throw new Error(
      `${shape.name}: ${r.status}, output ${JSON.stringify(r.output)}: ${r.error?.message ?? ''}`,
    );
  }
}
