import type { Workflow } from '@agentflow/protocol';
import { act, renderHook } from '@testing-library/react';
import { type Node, type NodeChange, ReactFlowProvider, useStoreApi } from '@xyflow/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { createDesignerStore } from '../model/store.js';
import { useDragInFlow } from './drag-in-flow.js';

const workflow = {
  name: 'Drag',
  status: 'draft',
  config: { maxSteps: 100, concurrency: 4 },
  agents: [
    { id: 'a', type: 'input', config: {}, position: { x: 0, y: 0 } },
    { id: 'b', type: 'output', config: {}, position: { x: 300, y: 0 } },
  ],
  connections: [{ id: 'c', sourceAgentId: 'a', targetAgentId: 'b', on: 'success' }],
} as Workflow;

const wrapper = ({ children }: { children: ReactNode }) => <ReactFlowProvider>{children}</ReactFlowProvider>;
const move = (id: string, x: number, y: number, dragging: boolean): NodeChange<Node> => ({
  id,
  type: 'position',
  position: { x, y },
  dragging,
});

function setup() {
  const store = createDesignerStore();
  store.getState().load(workflow);
  const { result } = renderHook(() => ({ drag: useDragInFlow(store), flow: useStoreApi() }), { wrapper });
  // What the canvas does: React Flow starts from the editor store's nodes.
  act(() => result.current.flow.getState().setNodes(store.getState().nodes as Node[]));
  return { store, result };
}

describe('a drag inside React Flow', () => {
  it('moves the node in React Flow only, then commits one undo step when it stops', () => {
    const { store, result } = setup();
    const before = store.getState().nodes;
    act(() => result.current.drag.onDragStart());
    for (let i = 1; i <= 5; i++) {
      const rest = result.current.drag.takeMoves([move('a', i * 10, i * 5, true)]);
      expect(rest).toEqual([]);
    }
    // The editor store has not changed: nothing re-rendered from it.
    expect(store.getState().nodes).toBe(before);
    expect(store.getState().revision).toBe(1);
    const inFlow = result.current.flow.getState().nodes.find((n) => n.id === 'a');
    expect(inFlow?.position).toEqual({ x: 50, y: 25 });
    // While the drag is under way the canvas keeps the moving node where the pointer has it.
    const shown = result.current.drag.withDragPositions(store.getState().nodes as Node[]);
    expect(shown.find((n) => n.id === 'a')?.position).toEqual({ x: 50, y: 25 });
    expect(shown.find((n) => n.id === 'b')).toBe(before[1]);

    // React Flow's last change (not dragging) goes to the editor store, then the stop records the step.
    const final = result.current.drag.takeMoves([move('a', 50, 25, false)]);
    expect(final).toHaveLength(1);
    store.getState().onNodesChange(final as never);
    act(() => result.current.drag.onDragStop());
    const after = store.getState();
    expect(after.nodes.find((n) => n.id === 'a')?.position).toEqual({ x: 50, y: 25 });
    expect(after.past).toHaveLength(1);
    expect(after.revision).toBe(2);
    expect(result.current.drag.withDragPositions(after.nodes as Node[])).toBe(after.nodes);

    after.undo();
    expect(store.getState().nodes.find((n) => n.id === 'a')?.position).toEqual({ x: 0, y: 0 });
  });

  it('moves a multi-selection together as one undo step', () => {
    const { store, result } = setup();
    act(() => result.current.drag.onDragStart());
    expect(result.current.drag.takeMoves([move('a', 10, 10, true), move('b', 310, 10, true)])).toEqual([]);
    const inFlow = result.current.flow.getState().nodes.map((n) => n.position);
    expect(inFlow).toEqual([
      { x: 10, y: 10 },
      { x: 310, y: 10 },
    ]);
    store
      .getState()
      .onNodesChange(
        result.current.drag.takeMoves([move('a', 20, 20, false), move('b', 320, 20, false)]) as never,
      );
    act(() => result.current.drag.onDragStop());
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().nodes.map((n) => n.position)).toEqual([
      { x: 0, y: 0 },
      { x: 300, y: 0 },
    ]);
  });

  it('passes every other change through (selection, measurements, removals)', () => {
    const { result } = setup();
    const changes: NodeChange<Node>[] = [
      { id: 'a', type: 'select', selected: true },
      { id: 'b', type: 'dimensions', dimensions: { width: 192, height: 58 } },
      { id: 'b', type: 'remove' },
    ];
    expect(result.current.drag.takeMoves(changes)).toEqual(changes);
  });
});
