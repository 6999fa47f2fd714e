/**
 * Property test: random valid workflows (DAGs hanging off one input, with extra forward edges) compile, and one
 * targeted break (unknown type, missing config, bad CEL, duplicate id, dangling edge, unbounded cycle) is reported
 * with exactly the code and path where it was made. A cycle closed through a router with maxIterations stays valid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine.js';
import { compileWorkflow } from './compile.js';
import { malformation, registry, summary } from './test/fixtures.js';

const engine = createEngine();
/** Multiplies the run count, for deeper local fuzzing: `AGENTFLOW_FUZZ_RUNS=10 npx vitest run ...`. */
const scale = Math.max(1, Number(process.env.AGENTFLOW_FUZZ_RUNS) || 1);

/** n agents: a0 is the input; every other agent hangs off a random earlier one, plus extra forward edges. */
const dag = fc.integer({ min: 2, max: 14 }).chain((n) =>
  fc.record({
    parents: fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.nat(i))),
    extra: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n }),
  }),
);
type Dag = typeof dag extends fc.Arbitrary<infer T> ? T : never;
type DagWorkflow = {
  name: string;
  agents: { id: string; type: string; config: Record<string, unknown> }[];
  connections: { id: string; sourceAgentId: string; targetAgentId: string; condition?: string }[];
};

function buildDag(spec: Dag): DagWorkflow {
  const n = spec.parents.length + 1;
  const agents = Array.from({ length: n }, (_, i) =>
    i === 0
      ? { id: 'a0', type: 'input', config: {} }
      : { id: `a${i}`, type: 'transform', config: { expression: 'input' } },
  );
  const pairs = new Set(spec.parents.map((p, i) => `${p}>${i + 1}`));
  for (const [x, y] of spec.extra) if (x < y) pairs.add(`${x}>${y}`);
  const connections = [...pairs].map((pair, k) => {
    const [s, t] = pair.split('>');
    return { id: `e${k}`, sourceAgentId: `a${s}`, targetAgentId: `a${t}` };
  });
  return { name: 'dag', agents, connections };
}

const BREAKS = [
  'unknownType',
  'missingConfig',
  'badExpression',
  'duplicateId',
  'dangling',
  'cycle',
  'boundedCycle',
] as const;

/** Breaks a valid DAG in one way; returns the `CODE path` issue it must produce (undefined: still valid). */
function breakDag(
  wf: DagWorkflow,
  spec: Dag,
  kind: (typeof BREAKS)[number],
  p: number,
  q: number,
): string | undefined {
  const n = wf.agents.length;
  const i = 1 + (p % (n - 1)); // a non-entry agent
  const e = q % wf.connections.length;
  switch (kind) {
    case 'unknownType':
      wf.agents[i]!.type = 'no-such-type';
      return `AF_UNKNOWN_NODE_TYPE agents[${i}].type`;
    case 'missingConfig':
      wf.agents[i]!.config = {};
      return `AF_INVALID_CONFIG agents[${i}].config`;
    case 'badExpression':
      wf.connections[e]!.condition = 'output ==';
      return `AF_INVALID_EXPRESSION connections[${e}].condition`;
    case 'duplicateId':
      wf.agents[i]!.id = wf.agents[q % i]!.id;
      return `AF_DUPLICATE_ID agents[${i}].id`;
    case 'dangling':
      wf.connections[e]!.targetAgentId = 'ghost';
      return `AF_DANGLING_CONNECTION connections[${e}].targetAgentId`;
    case 'cycle':
    case 'boundedCycle': {
      // Close a cycle from agent i back to one of its ancestors j >= 1 (or to itself).
      const ancestors = [i];
      for (let k = i; k > 0; k = spec.parents[k - 1]!) if (k !== i) ancestors.push(k);
      const j = ancestors[q % ancestors.length]!;
      wf.connections.push({ id: 'back', sourceAgentId: `a${i}`, targetAgentId: `a${j}` });
      if (kind === 'cycle') return `AF_UNBOUNDED_CYCLE agents[${j}]`;
      wf.agents[j] = { id: `a${j}`, type: 'router', config: { default: 'next', maxIterations: 3 } };
      return undefined;
    }
  }
}

describe('targeted breaks of valid workflows', () => {
  it('random valid DAGs compile; one targeted break is reported exactly where it was made (1,500 runs)', () => {
    fc.assert(
      fc.property(dag, fc.constantFrom(...BREAKS), fc.nat(), fc.nat(), (spec, kind, p, q) => {
        const raw = buildDag(spec);
        expect(malformation(compileWorkflow(raw, registry))).toBeUndefined();
        expect(compileWorkflow(raw, registry).ok).toBe(true);
        const expected = breakDag(raw, spec, kind, p, q);
        const result = compileWorkflow(raw, registry);
        expect(malformation(result)).toBeUndefined();
        expect(engine.validate(raw).ok).toBe(result.ok);
        expect(result.ok).toBe(expected === undefined);
        if (!result.ok && expected) expect(summary(result.issues)).toContain(expected);
      }),
      { numRuns: 1_500 * scale },
    );
  });
});
