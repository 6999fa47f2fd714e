import { createEngine } from '@agentflow/core';
import { describe, expect, it } from 'vitest';
import { filterNode } from './custom-node-type.js';

const workflow = (keep: string) => ({
  name: 'filter',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'big', type: 'filter', config: { keep } },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'a', sourceAgentId: 'in', targetAgentId: 'big' },
    { id: 'b', sourceAgentId: 'big', targetAgentId: 'out' },
  ],
});

describe('filter node type', () => {
  const engine = createEngine({ nodeTypes: [filterNode] });

  it('keeps the items the predicate accepts', async () => {
    const result = await engine.run(workflow('item.size >= 10.0'), [{ size: 3 }, { size: 12 }, { size: 10 }]);
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual([{ size: 12 }, { size: 10 }]);
  });

  it('reports a bad expression and a missing field with their paths at validation', () => {
    const bad = engine.validate(workflow('item.size >='));
    expect(bad.ok ? [] : bad.issues).toEqual([
      expect.objectContaining({ code: 'AF_INVALID_EXPRESSION', path: 'agents[1].config.keep' }),
    ]);
    const missing = engine.validate({ ...workflow('true'), agents: [{ id: 'in', type: 'filter' }] });
    expect(missing.ok ? [] : missing.issues).toContainEqual(
      expect.objectContaining({
        code: 'AF_INVALID_CONFIG',
        path: 'agents[0].config.keep',
        message: 'required',
      }),
    );
  });

  it('fails the step when its input is not a list', async () => {
    const result = await engine.run(workflow('true'), 'not a list');
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'AF_NODE_FAILED', message: 'filter expects a list' });
  });

  it('is unknown to an engine that did not register it', () => {
    const result = createEngine().validate(workflow('true'));
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual(['AF_UNKNOWN_NODE_TYPE']);
  });
});
