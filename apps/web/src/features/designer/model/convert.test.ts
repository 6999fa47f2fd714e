import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workflowArbitrary } from './arbitraries.fixture.js';
import { connectionFieldsOf, fromWorkflow, handleOf, toWorkflow } from './convert.js';
import { createDesignerStore } from './store.js';

describe('graph <-> workflow', () => {
  it('any valid workflow round-trips through the canvas model unchanged', () => {
    fc.assert(
      fc.property(workflowArbitrary, (workflow) => {
        expect(toWorkflow(fromWorkflow(workflow))).toStrictEqual(workflow);
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips through the editor store, and after edits undone', () => {
    fc.assert(
      fc.property(workflowArbitrary, fc.integer({ min: 1, max: 8 }), (workflow, edits) => {
        const store = createDesignerStore();
        store.getState().load(workflow);
        expect(store.getState().workflow()).toStrictEqual(workflow);
        const s = store.getState;
        for (let i = 0; i < edits; i++) {
          const first = s().nodes[0]!;
          if (i % 3 === 0) s().addNode('transform', { x: i, y: i });
          else if (i % 3 === 1) s().configure(first.id, { edited: i });
          else s().remove({ nodes: [first.id] });
          // Separate steps: no coalescing between commands of the test.
          store.setState({ lastCoalesceKey: undefined });
        }
        while (s().canUndo()) s().undo();
        expect(s().workflow()).toStrictEqual(workflow);
      }),
      { numRuns: 100 },
    );
  });

  it('maps handles to connection fields and back', () => {
    expect(handleOf({ on: 'error' })).toBe('error');
    expect(handleOf({ on: 'success', sourceHandle: 'yes' })).toBe('route:yes');
    expect(handleOf({ on: 'success' })).toBe('out');
    for (const handle of ['error', 'route:yes', 'out'])
      expect(handleOf(connectionFieldsOf(handle))).toBe(handle);
  });

  it('keeps agents without a position unplaced until moved', () => {
    const model = fromWorkflow({
      name: 'w',
      status: 'draft',
      config: { maxSteps: 10, concurrency: 1 },
      agents: [{ id: 'a', type: 'input', config: {} }],
      connections: [],
    });
    expect(model.nodes[0]!.data.placed).toBe(false);
    expect(toWorkflow(model).agents[0]).not.toHaveProperty('position');
  });
});
