import { describe, expect, it } from 'vitest';
import type { CompiledGraph } from './compiled.js';
import {
  compile,
  input,
  issuesOf,
  llm,
  output,
  router,
  summary,
  transform,
  validExamples,
  wf,
} from './test/fixtures.js';

function graphOf(raw: unknown): CompiledGraph {
  const result = compile(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.graph;
}

const bound = (id: string, maxIterations = 3) =>
  router(id, { routes: [{ name: 'again', when: 'true' }], default: 'done', maxIterations });

describe('reachability and entry nodes', () => {
  it('reports nodes that no path from an entry reaches', () => {
    const issues = issuesOf(
      wf(
        [input('a'), bound('b'), transform('c'), output()],
        ['a>out', { id: 'bc', sourceAgentId: 'b', targetAgentId: 'c', sourceHandle: 'again' }, 'c>b'],
      ),
    );
    expect(summary(issues)).toEqual(['AF_UNREACHABLE_NODE agents[1]', 'AF_UNREACHABLE_NODE agents[2]']);
    expect(issues[0]!.message).toContain('"b"');
  });

  it('reports an unreachable unbounded cycle as both unreachable and unbounded', () => {
    const issues = issuesOf(wf([input('a'), transform('b'), transform('c')], ['b>c', 'c>b']));
    expect(summary(issues)).toEqual([
      'AF_UNBOUNDED_CYCLE agents[1]',
      'AF_UNREACHABLE_NODE agents[1]',
      'AF_UNREACHABLE_NODE agents[2]',
    ]);
  });

  it('reports a workflow without agents or without a node free of incoming connections', () => {
    expect(summary(issuesOf(wf([])))).toEqual(['AF_NO_INPUT_NODE agents']);
    const ring = wf([transform('a'), bound('b')], ['a>b', 'b>a']);
    expect(summary(issuesOf(ring))).toEqual(['AF_NO_INPUT_NODE agents']);
    const unbounded = wf([transform('a'), transform('b')], ['a>b', 'b>a']);
    expect(summary(issuesOf(unbounded))).toEqual(['AF_NO_INPUT_NODE agents', 'AF_UNBOUNDED_CYCLE agents[0]']);
  });

  it('does not count an edge that failed validation, so its target may become unreachable', () => {
    const issues = issuesOf(
      wf(
        [input(), transform('a'), transform('b')],
        [{ id: 'x', sourceAgentId: 'in', targetAgentId: 'a', condition: '!!!' }, 'a>b', 'b>a'],
      ),
    );
    expect(summary(issues)).toEqual(
      expect.arrayContaining([
        'AF_INVALID_EXPRESSION connections[0].condition',
        'AF_UNBOUNDED_CYCLE agents[1]',
      ]),
    );
  });
});

describe('cycles', () => {
  it('reports an unbounded cycle once, at its first member, naming every member', () => {
    const issues = issuesOf(
      wf(
        [input(), transform('a'), transform('b'), transform('c'), output()],
        ['in>a', 'a>b', 'b>c', 'c>a', 'c>out'],
      ),
    );
    expect(summary(issues)).toEqual(['AF_UNBOUNDED_CYCLE agents[1]']);
    expect(issues[0]!.message).toMatch(/"a".*"b".*"c"/);
  });

  it('reports a self-loop and a router without maxIterations as unbounded', () => {
    const self = wf([input(), transform('a')], ['in>a', 'a>a']);
    expect(summary(issuesOf(self))).toEqual(['AF_UNBOUNDED_CYCLE agents[1]']);
    const noMax = wf(
      [input(), transform('a'), router('r', { routes: [{ name: 'again', when: 'true' }], default: 'done' })],
      ['in>a', 'a>r', { id: 'back', sourceAgentId: 'r', targetAgentId: 'a', sourceHandle: 'again' }],
    );
    expect(summary(issuesOf(noMax))).toEqual(['AF_UNBOUNDED_CYCLE agents[1]']);
  });

  it('reports every unbounded cycle, and only those', () => {
    const issues = issuesOf(
      wf(
        [input(), transform('a'), transform('b'), bound('r'), transform('c'), transform('d'), output()],
        ['in>a', 'a>b', 'b>a', 'in>r', 'r>c', 'c>r', 'in>d', 'd>d', 'b>out', 'c>out', 'd>out'],
      ),
    );
    expect(summary(issues)).toEqual(['AF_UNBOUNDED_CYCLE agents[1]', 'AF_UNBOUNDED_CYCLE agents[5]']);
  });

  it('accepts a feedback loop through a router with maxIterations and records its bound', () => {
    const graph = graphOf(validExamples['writer/reviewer loop bounded by a router']);
    // agents: in, writer, reviewer, gate, out
    expect(graph.sccs).toEqual([[1, 2, 3]]);
    expect(graph.sccBounds).toEqual([3]);
    expect(graph.nodes.map((n) => n.scc)).toEqual([-1, 0, 0, 0, -1]);
    const byId = new Map(graph.edges.map((e) => [e.id, e]));
    expect(byId.get('revise')).toMatchObject({ back: true, exits: false, handle: 'revise' });
    expect(byId.get('done')).toMatchObject({ back: false, exits: true, handle: 'approved' });
    expect(graph.edges.filter((e) => e.back).map((e) => e.id)).toEqual(['revise']);
    expect(graph.byId.get('writer')!.forwardIn).toBe(1);
    expect(graph.byId.get('writer')!.in).toHaveLength(2);
  });

  it('bounds a whole component by its router, even an inner cycle that skips the router', () => {
    const graph = graphOf(
      wf(
        [input(), transform('a'), transform('b'), bound('r', 5), bound('s', 2), output()],
        ['in>a', 'a>b', 'b>a', 'b>r', 'r>a', 'a>s', 's>b', 'r>out'],
      ),
    );
    expect(graph.sccs).toEqual([[1, 2, 3, 4]]);
    expect(graph.sccBounds).toEqual([2]); // the smallest bound in the component
  });
});

describe('compiled graph structure', () => {
  it('compiles a chain: one entry, the output node as output, no back edges', () => {
    const graph = graphOf(validExamples.chain);
    expect(graph.entries).toEqual([0]);
    expect(graph.outputs).toEqual([2]);
    expect(graph.sccs).toEqual([]);
    expect(graph.edges.map((e) => [e.source, e.target, e.back, e.exits])).toEqual([
      [0, 1, false, false],
      [1, 2, false, false],
    ]);
    expect(graph.nodes.map((n) => [n.in, n.out, n.forwardIn, n.keyedInput])).toEqual([
      [[], [0], 0, false],
      [[0], [1], 1, false],
      [[1], [], 1, false],
    ]);
    expect(graph.workflow.name).toBe('test');
  });

  it('keys the input of a join by source and uses the sinks as outputs when there is no output node', () => {
    const graph = graphOf(
      wf([input('a'), input('b'), llm('x'), llm('y'), transform('join')], ['a>x', 'b>y', 'x>join', 'y>join']),
    );
    expect(graph.entries).toEqual([0, 1]);
    expect(graph.outputs).toEqual([4]);
    expect(graph.byId.get('join')).toMatchObject({ keyedInput: true, forwardIn: 2 });
    expect(graph.byId.get('x')).toMatchObject({ keyedInput: false, forwardIn: 1 });
  });

  it('treats a node whose only outgoing connections are onError edges as a sink', () => {
    const graph = graphOf(
      wf(
        [input(), { id: 'call', type: 'tool', config: { tool: 't' } }, transform('recover')],
        ['in>call', { id: 'err', sourceAgentId: 'call', targetAgentId: 'recover', on: 'error' }],
      ),
    );
    expect(graph.outputs).toEqual([1, 2]);
    expect(graph.byId.get('call')).toMatchObject({ hasErrorEdge: true, hasFallback: false });
    expect(graph.edges[1]).toMatchObject({ onError: true });
  });

  it('applies type default retry and timeout, the workflow default retry, and agent overrides', () => {
    const graph = graphOf(
      wf([input(), { ...llm('a'), fallback: 'n/a' }, { ...transform('t'), timeoutMs: 50 }], ['in>a', 'a>t'], {
        config: { retry: { maxAttempts: 5 } },
      }),
    );
    const a = graph.byId.get('a')!;
    expect(a.retry).toMatchObject({ maxAttempts: 5, multiplier: 2, jitter: 'full' });
    expect(a.timeoutMs).toBe(600_000);
    expect(a.hasFallback).toBe(true);
    const t = graph.byId.get('t')!;
    expect(t.retry).toMatchObject({ maxAttempts: 5, initialDelayMs: 200 });
    expect(t.timeoutMs).toBe(50);
    expect(graph.byId.get('in')!.timeoutMs).toBeUndefined();
  });

  it('a partial retry policy keeps the fields it does not set from the defaults below it', () => {
    const perAgent = graphOf(
      wf([input(), { ...llm('a'), retry: { initialDelayMs: 10 } }], ['in>a'], {
        config: { retry: { maxAttempts: 5 } },
      }),
    );
    expect(perAgent.byId.get('a')!.retry).toMatchObject({ maxAttempts: 5, initialDelayMs: 10 });
    const typeDefaults = graphOf(
      wf([input(), llm('a')], ['in>a'], { config: { retry: { maxAttempts: 5 } } }),
    );
    expect(typeDefaults.byId.get('a')!.retry).toMatchObject({ maxAttempts: 5, initialDelayMs: 500 });
    const perWorkflow = graphOf(wf([input(), llm('a')], ['in>a'], { config: { retry: { multiplier: 3 } } }));
    expect(perWorkflow.byId.get('a')!.retry).toMatchObject({
      maxAttempts: 3,
      initialDelayMs: 500,
      multiplier: 3,
    });
  });

  it('compiles conditions once, ready to evaluate', () => {
    const graph = graphOf(
      wf(
        [input(), output()],
        [{ id: 'e', sourceAgentId: 'in', targetAgentId: 'out', condition: 'output.n > 1.0' }],
      ),
    );
    const condition = graph.edges[0]!.condition!;
    expect(condition.source).toBe('output.n > 1.0');
    expect(condition.evaluate({ output: { n: 2 } })).toBe(true);
  });
});
