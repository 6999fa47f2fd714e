import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, defineNodeType } from '../index.js';

const upper = defineNodeType({
  type: 'upper',
  configSchema: z.object({}),
  run: async ({ input }) => String(input).toUpperCase(),
});
const lower = defineNodeType({
  type: 'upper',
  configSchema: z.object({}),
  run: async ({ input }) => String(input).toLowerCase(),
});

function chain(type: string) {
  return {
    name: 'x',
    agents: [
      { id: 'in', type: 'input' },
      { id: 'u', type },
      { id: 'out', type: 'output' },
    ],
    connections: [
      { id: 'c1', sourceAgentId: 'in', targetAgentId: 'u' },
      { id: 'c2', sourceAgentId: 'u', targetAgentId: 'out' },
    ],
  };
}

describe('the compiled-graph cache never serves a stale graph', () => {
  it('a definition edited in place after a run throws on the edit instead of running the old graph', async () => {
    const engine = createEngine({ nodeTypes: [upper] });
    const wf = chain('upper');
    expect((await engine.run(wf, 'Hi')).output).toBe('HI');
    expect(() => {
      wf.agents[1]!.type = 'other';
    }).toThrow(TypeError);
    expect(() => {
      wf.agents.push({ id: 'more', type: 'input' });
    }).toThrow(TypeError);
    // A copy is a new object: compiled from what it holds.
    const copy = structuredClone(wf);
    copy.connections[1]!.sourceAgentId = 'in';
    copy.agents.splice(1, 1);
    copy.connections.splice(0, 1);
    expect((await engine.run(copy, 'Hi')).output).toBe('Hi');
  });

  it('a node type registered after a failed validation makes the same object valid', async () => {
    const engine = createEngine();
    const wf = chain('upper');
    expect(engine.validate(wf).ok).toBe(false);
    engine.registerNodeType(upper);
    expect(engine.validate(wf).ok).toBe(true);
    expect((await engine.run(wf, 'Hi')).output).toBe('HI');
  });

  it('a node type registered again replaces the one a cached graph was compiled with', async () => {
    const engine = createEngine({ nodeTypes: [upper] });
    const wf = chain('upper');
    expect((await engine.run(wf, 'Hi')).output).toBe('HI');
    engine.registerNodeType(lower);
    expect((await engine.run(wf, 'Hi')).output).toBe('hi');
  });

  it('a definition holding a throwing getter is validated without a throw and left unfrozen', () => {
    const engine = createEngine({ nodeTypes: [upper] });
    const wf = chain('upper');
    // On an array, beside its items: the validator reads the items only; freezing it reads every own property.
    Object.defineProperty(wf.agents, 'note', {
      enumerable: true,
      get() {
        throw new Error('getter says no');
      },
    });
    expect(() => engine.validate(wf)).not.toThrow();
    expect(Object.isFrozen(wf)).toBe(false);
    expect(Object.isFrozen(wf.agents)).toBe(false);
  });

  it('a definition holding a getter is compiled again each time (the getter may answer differently)', () => {
    const engine = createEngine({ nodeTypes: [upper] });
    const wf: Record<string, unknown> = chain('upper');
    let reads = 0;
    Object.defineProperty(wf, 'name', {
      enumerable: true,
      get() {
        reads++;
        return 'x';
      },
    });
    expect(engine.validate(wf).ok).toBe(true);
    const first = reads;
    expect(first).toBeGreaterThan(0);
    expect(engine.validate(wf).ok).toBe(true);
    expect(reads).toBe(first * 2);
  });

  it('a definition holding a class instance is not frozen or cached', () => {
    const engine = createEngine({ nodeTypes: [upper] });
    const wf = chain('upper');
    Object.assign(wf.agents, { note: new Map([['a', 1]]) });
    expect(engine.validate(wf).ok).toBe(true);
    expect(Object.isFrozen(wf)).toBe(false);
  });
});
