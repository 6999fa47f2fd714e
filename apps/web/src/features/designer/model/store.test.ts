import { describe, expect, it } from 'vitest';
import { BIG_GRAPH, createDesignerStore, HISTORY_LIMIT } from './store.js';

const base = {
  name: 'w',
  status: 'draft' as const,
  config: { maxSteps: 100, concurrency: 4 },
  agents: [
    { id: 'in', type: 'input', config: {}, position: { x: 0, y: 0 } },
    { id: 'out', type: 'output', config: {}, position: { x: 300, y: 0 } },
  ],
  connections: [],
};

function fresh() {
  const store = createDesignerStore();
  store.getState().load(base);
  return store;
}

describe('designer store', () => {
  it('undoes and redoes at least 100 steps exactly', () => {
    const store = fresh();
    const s = store.getState;
    const states: unknown[] = [s().workflow()];
    for (let i = 0; i < 120; i++) {
      s().addNode('transform', { x: i * 10, y: 200 });
      states.push(s().workflow());
    }
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(100);
    for (let i = 119; i >= 0; i--) {
      s().undo();
      expect(s().workflow()).toStrictEqual(states[i]);
    }
    expect(s().canUndo()).toBe(false);
    for (let i = 1; i <= 120; i++) {
      s().redo();
      expect(s().workflow()).toStrictEqual(states[i]);
    }
    expect(s().canRedo()).toBe(false);
  });

  it('connects handles into connections (route, error) and refuses self-loops and duplicates', () => {
    const store = fresh();
    const s = store.getState;
    const router = s().addNode('router', { x: 0, y: 100 });
    expect(s().connect('in', 'out', router)).toBeDefined();
    expect(s().connect(router, 'route:yes', 'out')).toBeDefined();
    expect(s().connect('in', 'error', 'out')).toBeDefined();
    expect(s().connect('in', 'out', 'in')).toBeUndefined();
    expect(s().connect('in', 'out', router)).toBeUndefined();
    const connections = s().workflow().connections;
    expect(connections.map((c) => [c.sourceAgentId, c.targetAgentId, c.on, c.sourceHandle])).toEqual([
      ['in', router, 'success', undefined],
      [router, 'out', 'success', 'yes'],
      ['in', 'out', 'error', undefined],
    ]);
  });

  it('deleting a node removes its connections, in one undo step', () => {
    const store = fresh();
    const s = store.getState;
    s().connect('in', 'out', 'out');
    s().remove({ nodes: ['out'] });
    expect(s().workflow().connections).toEqual([]);
    s().undo();
    expect(s().workflow().connections).toHaveLength(1);
    expect(s().workflow().agents).toHaveLength(2);
  });

  it('coalesces rapid edits of the same node config into one step', () => {
    const store = fresh();
    const s = store.getState;
    s().configure('in', { a: 1 });
    s().configure('in', { a: 12 });
    s().configure('in', { a: 123 });
    s().undo();
    expect(s().workflow().agents[0]!.config).toEqual({});
  });

  it('records a drag as one step and marks the node placed', () => {
    const store = createDesignerStore();
    store.getState().load({ ...base, agents: [{ id: 'a', type: 'input', config: {} }] });
    const s = store.getState;
    s().beginMove();
    for (let i = 1; i <= 10; i++)
      s().onNodesChange([{ type: 'position', id: 'a', position: { x: i, y: i }, dragging: true }]);
    s().endMove();
    expect(s().workflow().agents[0]!.position).toEqual({ x: 10, y: 10 });
    s().undo();
    expect(s().workflow().agents[0]).not.toHaveProperty('position');
  });

  it('copies and pastes the selection with fresh ids and the connections between them', () => {
    const store = fresh();
    const s = store.getState;
    s().connect('in', 'out', 'out');
    s().selectAll();
    s().copySelection();
    s().paste();
    const w = s().workflow();
    expect(w.agents.map((a) => a.id)).toEqual(['in', 'out', 'in-2', 'out-2']);
    expect(w.connections.map((c) => `${c.sourceAgentId}>${c.targetAgentId}`)).toEqual([
      'in>out',
      'in-2>out-2',
    ]);
  });

  it('makes a load a new revision that is saved, so validation re-checks what was loaded', () => {
    const store = createDesignerStore();
    const seen: number[] = [];
    store.subscribe((state, previous) => {
      if (state.revision !== previous.revision) seen.push(state.revision);
    });
    store.getState().load(base);
    expect(seen).toHaveLength(1);
    expect(store.getState().revision).toBe(store.getState().savedRevision);
    store.getState().addNode('agent', { x: 0, y: 0 });
    expect(store.getState().revision).not.toBe(store.getState().savedRevision);
    store.getState().load(base);
    expect(seen).toHaveLength(3);
    expect(store.getState().revision).toBe(store.getState().savedRevision);
  });

  it('changes nothing when read-only', () => {
    const store = createDesignerStore();
    store.getState().load(base, { readOnly: true });
    store.getState().addNode('agent', { x: 0, y: 0 });
    store.getState().remove({ nodes: ['in'] });
    expect(store.getState().workflow()).toStrictEqual(base);
  });
});

describe('big graphs', () => {
  const big = {
    ...base,
    agents: Array.from({ length: BIG_GRAPH + 1 }, (_, i) => ({
      id: `n${i}`,
      type: i === 0 ? 'input' : 'delay',
      config: {},
      position: { x: i * 10, y: 0 },
    })),
    connections: [{ id: 'c0', sourceAgentId: 'n0', targetAgentId: 'n1', on: 'success' as const }],
  };

  it('starts big graphs with an estimated geometry, dropped when a node is measured; the workflow is unchanged', () => {
    const store = createDesignerStore();
    store.getState().load(big);
    const [input, delay] = store.getState().nodes;
    expect(input!.handles?.map((h) => h.id)).toEqual(['out', 'error']);
    expect(delay!.handles?.map((h) => h.id)).toEqual(['in', 'out', 'error']);
    expect(delay!.initialWidth).toBeGreaterThan(0);
    expect(store.getState().workflow()).toStrictEqual(big);

    store
      .getState()
      .onNodesChange([
        { type: 'dimensions', id: 'n1', dimensions: { width: 200, height: 60 }, setAttributes: false },
      ]);
    const measured = store.getState().nodes[1]!;
    expect(measured.measured).toEqual({ width: 200, height: 60 });
    expect(measured.handles).toBeUndefined();
    expect(measured.initialWidth).toBeUndefined();
    expect(store.getState().nodes[2]!.handles).toBeDefined();
    expect(store.getState().workflow()).toStrictEqual(big);
  });

  it('leaves small graphs to be measured by the canvas', () => {
    const store = fresh();
    expect(store.getState().nodes.every((n) => n.handles === undefined)).toBe(true);
  });

  it('a drag records one undo step at its end, not one per frame', () => {
    const store = createDesignerStore();
    store.getState().load(big);
    const s = store.getState;
    s().beginMove();
    for (let i = 1; i <= 30; i++)
      s().onNodesChange([{ type: 'position', id: 'n5', position: { x: 50 + i, y: i }, dragging: true }]);
    expect(s().past).toHaveLength(0);
    s().endMove();
    expect(s().past).toHaveLength(1);
    expect(s().workflow().agents[5]!.position).toEqual({ x: 80, y: 30 });
    s().undo();
    expect(s().workflow().agents[5]!.position).toEqual({ x: 50, y: 0 });
  });
});
