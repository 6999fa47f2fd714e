/**
 * Graph shapes shared by AgentFlow and the baseline, so both run exactly the same graph. This module imports
 * nothing from AgentFlow: the baseline's child process loads it without loading the engine.
 */
import type { BaselineFn, BaselineGraph } from '../baseline.js';

/** `inc` returns its input + 1; `join` sums its inputs; `sleep` waits `sleepMs` and passes its input on. */
export type NodeKind = 'inc' | 'join' | 'sleep';

export interface Shape {
  name: string;
  nodes: Array<{ id: string; kind: NodeKind }>;
  /** [source, target] node indexes. */
  edges: Array<readonly [number, number]>;
  sleepMs?: number;
  /** Max nodes of one execution running at once; undefined keeps the engine's default. */
  concurrency?: number;
  /** What the sink outputs for input 0. */
  expected: number;
}

/** n `inc` nodes in a line: 0 in, n out. */
export function chain(n: number): Shape {
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, kind: 'inc' as const }));
  const edges = Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as const);
  return { name: `chain-${n}`, nodes, edges, expected: n };
}

/**
 * start -> `width` parallel branches -> join. With `sleepMs` the branches are `sleep` nodes (output 1 each),
 * otherwise `inc` nodes (output 2 each).
 */
export function fanOut(
  width: number,
  opts: { sleepMs?: number; concurrency?: number | 'default' } = {},
): Shape {
  const branch: NodeKind = opts.sleepMs === undefined ? 'inc' : 'sleep';
  const nodes: Shape['nodes'] = [{ id: 'start', kind: 'inc' }];
  for (let i = 0; i < width; i++) nodes.push({ id: `b${i}`, kind: branch });
  nodes.push({ id: 'join', kind: 'join' });
  const edges: Array<readonly [number, number]> = [];
  for (let i = 1; i <= width; i++) edges.push([0, i], [i, width + 1]);
  const shape: Shape = {
    name: `fan-out-${width}${opts.sleepMs === undefined ? '' : `x${opts.sleepMs}ms`}`,
    nodes,
    edges,
    expected: width * (branch === 'inc' ? 2 : 1),
  };
  if (opts.sleepMs !== undefined) shape.sleepMs = opts.sleepMs;
  // Every branch may run at once unless the engine's default limit is asked for.
  if (opts.concurrency !== 'default') shape.concurrency = opts.concurrency ?? Math.max(width, 1);
  return shape;
}

export const inc: BaselineFn = (x) => (x as number) + 1;

/** Sums a keyed input (several sources) or passes a single number on. */
export const join: BaselineFn = (x) => {
  if (typeof x === 'number') return x;
  let sum = 0;
  for (const k in x as Record<string, number>) sum += (x as Record<string, number>)[k]!;
  return sum;
};

export function sleep(ms: number): BaselineFn {
  return (x) => new Promise((resolve) => setTimeout(resolve, ms, x));
}

export function toBaselineGraph(shape: Shape): BaselineGraph {
  const fns = shape.nodes.map((n) =>
    n.kind === 'inc' ? inc : n.kind === 'join' ? join : sleep(shape.sleepMs ?? 0),
  );
  return { ids: shape.nodes.map((n) => n.id), fns, edges: shape.edges };
}
