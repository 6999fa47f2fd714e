import { act, render } from '@testing-library/react';
import { type Node, ReactFlowProvider, useStoreApi } from '@xyflow/react';
import { createRef, useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { CanvasMiniMap, type CanvasMiniMapHandle } from './canvas-minimap.js';

const nodes: Node[] = [
  { id: 'a', position: { x: 0, y: 0 }, data: {}, width: 100, height: 40 },
  { id: 'b', position: { x: 300, y: 0 }, data: {}, width: 100, height: 40 },
];

function Nodes() {
  const flow = useStoreApi();
  useEffect(() => flow.getState().setNodes(nodes), [flow]);
  return null;
}

function setup(big: boolean) {
  const ref = createRef<CanvasMiniMapHandle>();
  const view = render(
    <ReactFlowProvider>
      <Nodes />
      <CanvasMiniMap ref={ref} big={big} dark={false} />
    </ReactFlowProvider>,
  );
  const drawing = () => view.container.querySelector('.react-flow__minimap');
  const live = () => view.container.querySelector('[aria-hidden="true"] .react-flow__minimap') === null;
  return { ref, drawing, live };
}

describe('the canvas minimap during a drag', () => {
  it('holds a still copy of its drawing in a big graph, then comes back live', () => {
    const { ref, drawing, live } = setup(true);
    const before = drawing();
    expect(before).not.toBeNull();
    expect(live()).toBe(true);
    act(() => ref.current?.hold());
    // A copy in the same place: the live minimap (subscribed to every pointer move) is unmounted.
    expect(drawing()).not.toBe(before);
    expect(drawing()?.outerHTML).toBe(before?.outerHTML);
    expect(live()).toBe(false);
    act(() => ref.current?.resume());
    expect(live()).toBe(true);
    expect(drawing()).not.toBeNull();
  });

  it('stays live in a small graph', () => {
    const { ref, drawing, live } = setup(false);
    const before = drawing();
    act(() => ref.current?.hold());
    expect(drawing()).toBe(before);
    expect(live()).toBe(true);
  });
});
