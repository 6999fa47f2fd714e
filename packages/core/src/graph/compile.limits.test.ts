import { DEFAULT_LIMITS } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine.js';
import { compile, input, issuesOf, llm, loop, output, summary, transform, wf } from './test/fixtures.js';

/** A chain in -> t1 -> ... -> t(n-1) of n agents. */
function chain(n: number) {
  const agents = [input('t0'), ...Array.from({ length: n - 1 }, (_, i) => transform(`t${i + 1}`))];
  return wf(
    agents,
    agents.slice(1).map((_, i) => `t${i}>t${i + 1}`),
  );
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('size limits', () => {
  it('reports too many agents and too many connections together, at the lists', () => {
    const issues = issuesOf(chain(4), { limits: { maxAgents: 3, maxConnections: 2 } });
    expect(summary(issues)).toEqual(['AF_LIMIT_EXCEEDED agents', 'AF_LIMIT_EXCEEDED connections']);
    expect(issues[0]!.message).toContain('3');
  });

  it('defaults to DEFAULT_LIMITS and lets callers raise them', () => {
    const big = chain(DEFAULT_LIMITS.maxAgents + 1);
    expect(summary(issuesOf(big))).toEqual(['AF_LIMIT_EXCEEDED agents']);
    expect(compile(big, { limits: { maxAgents: DEFAULT_LIMITS.maxAgents + 1 } }).ok).toBe(true);
    expect(compile(chain(DEFAULT_LIMITS.maxAgents)).ok).toBe(true);
  });

  it('engine.validate applies the limits the engine was created with', () => {
    const engine = createEngine({ limits: { maxAgents: 2 } });
    const result = engine.validate(chain(3));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(summary(result.issues)).toEqual(['AF_LIMIT_EXCEEDED agents']);
    expect(createEngine().validate(chain(3)).ok).toBe(true);
  });

  it('reports every string over maxStringLength at its own path', () => {
    const raw = wf(
      [input(), llm('a', { prompt: 'p'.repeat(101), systemPrompt: 's'.repeat(101) })],
      ['in>a'],
      {
        description: 'd'.repeat(101),
      },
    );
    const issues = issuesOf(raw, { limits: { maxStringLength: 100 } });
    expect(summary(issues)).toEqual([
      'AF_LIMIT_EXCEEDED agents[1].config.prompt',
      'AF_LIMIT_EXCEEDED agents[1].config.systemPrompt',
      'AF_LIMIT_EXCEEDED description',
    ]);
    expect(compile(raw).ok).toBe(true);
    const huge = wf([input(), output()], ['in>out'], {
      name: 'n'.repeat(DEFAULT_LIMITS.maxStringLength + 1),
    });
    expect(summary(issuesOf(huge))).toEqual(['AF_LIMIT_EXCEEDED name']);
  });

  it('reports nesting deeper than maxDepth once, at the first value too deep', () => {
    const raw = wf([input(), { ...output(), fallback: nested(40) }], ['in>out']);
    const issues = issuesOf(raw);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe('AF_LIMIT_EXCEEDED');
    expect(issues[0]!.path).toMatch(/^agents\[1\]\.fallback(\.a)+$/);
    expect(issues[0]!.message).toContain(String(DEFAULT_LIMITS.maxDepth));
    expect(compile(raw, { limits: { maxDepth: 64 } }).ok).toBe(true);
    expect(
      compile(wf([input(), { ...output(), fallback: nested(5) }], ['in>out']), { limits: { maxDepth: 6 } })
        .ok,
    ).toBe(false);
  });

  it('reports a definition over maxDefinitionBytes at the root', () => {
    const raw = wf([input(), output()], ['in>out'], { description: 'x'.repeat(2000) });
    const issues = issuesOf(raw, { limits: { maxDefinitionBytes: 1000 } });
    expect(summary(issues)).toEqual(['AF_LIMIT_EXCEEDED ']);
    expect(issues[0]!.message).toContain('1000');
    expect(compile(raw).ok).toBe(true);
  });

  it('rejects values that are not a JSON tree: shared and cyclic references', () => {
    const shared = { expression: 'input' };
    const dag = wf(
      [
        input(),
        { id: 'a', type: 'transform', config: shared },
        { id: 'b', type: 'transform', config: shared },
      ],
      ['in>a', 'in>b'],
    );
    expect(summary(issuesOf(dag))).toEqual(['AF_LIMIT_EXCEEDED agents[2].config']);
    const cyclic = wf([input(), output()], ['in>out']) as Record<string, unknown>;
    cyclic.self = cyclic;
    expect(summary(issuesOf(cyclic))).toEqual(['AF_LIMIT_EXCEEDED self']);
  });

  it('does not walk the items of an array that claims more entries than the size budget', () => {
    // Regression: a sparse `new Array(1e9)` used to be walked item by item (minutes, then out of memory).
    let reads = 0;
    const sparse = new Proxy(new Array(1e9), {
      get(target, key, receiver) {
        reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const issues = issuesOf({ ...wf([input(), output()], ['in>out']), extra: sparse });
    expect(summary(issues)).toEqual(['AF_LIMIT_EXCEEDED ']);
    expect(reads).toBeLessThan(10);
  });

  it('counts the agents of a loop body against maxAgents on their own', () => {
    const body = (n: number) => ({
      agents: [input('i'), ...Array.from({ length: n - 1 }, (_, k) => transform(`b${k}`))],
    });
    const ok = wf([input(), loop('l', body(2))], ['in>l']);
    expect(compile(ok, { limits: { maxAgents: 2 } }).ok).toBe(true);
    const tooMany = wf([input(), loop('l', body(3))], ['in>l']);
    expect(summary(issuesOf(tooMany, { limits: { maxAgents: 2 } }))).toEqual([
      'AF_LIMIT_EXCEEDED agents[1].config.body.agents',
    ]);
  });

  it('reports holes in a sparse agents array at their index', () => {
    const agents = [input(), output()];
    agents.length = 4;
    const issues = issuesOf({ name: 'w', agents, connections: [] });
    expect(summary(issues)).toEqual(['AF_VALIDATION agents[2]', 'AF_VALIDATION agents[3]']);
  });
});
