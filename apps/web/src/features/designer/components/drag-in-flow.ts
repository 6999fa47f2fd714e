/**
 * A drag stays inside React Flow until it stops.
 *
 * The canvas's nodes are controlled by the editor store. Sending every pointer move of a drag through that store
 * re-rendered the canvas, ran every store subscriber and made React Flow adopt all of its nodes again from the
 * new array: 7-13 ms of work in each frame of a drag in a 500-node workflow. So during a drag the moving nodes'
 * positions (React Flow's position changes marked `dragging`) are applied to React Flow's own store only
 * (`useStoreApi`, the store the `nodes` prop is copied into): the editor store does not change and the canvas
 * does not re-render. React Flow's last change of the drag (`dragging: false`, the final positions) goes to the
 * editor store like any other change, and `endMove` records the drag as one undo step.
 *
 * If the editor store changes in the middle of a drag (a node measured as it scrolls into view), the canvas
 * hands React Flow its nodes again: `withDragPositions` keeps the moving ones where the pointer has them.
 */
import {
  applyNodeChanges,
  type Edge,
  type Node,
  type NodeChange,
  useStoreApi,
  type XYPosition,
} from '@xyflow/react';
import { useCallback, useRef } from 'react';
import type { DesignerStore } from '../model/store.js';

export function useDragInFlow(store: DesignerStore) {
  const flow = useStoreApi<Node, Edge>();
  /** The moving nodes' positions while a drag is under way (empty otherwise). */
  const moving = useRef(new Map<string, XYPosition>());

  const onDragStart = useCallback(() => {
    moving.current.clear();
    store.getState().beginMove();
  }, [store]);
  const onDragStop = useCallback(() => {
    moving.current.clear();
    store.getState().endMove();
  }, [store]);

  /** Applies a drag's moves to React Flow's store; returns the other changes (for the editor store). */
  const takeMoves = useCallback(
    (changes: NodeChange<Node>[]): NodeChange<Node>[] => {
      const moves: NodeChange<Node>[] = [];
      const rest: NodeChange<Node>[] = [];
      for (const c of changes) (c.type === 'position' && c.dragging ? moves : rest).push(c);
      if (moves.length > 0) {
        for (const m of moves) if (m.type === 'position' && m.position) moving.current.set(m.id, m.position);
        const { nodes, setNodes } = flow.getState();
        setNodes(applyNodeChanges(moves, nodes));
      }
      // The drag's final positions (or a move by keyboard) go to the editor store from here on.
      if (rest.some((c) => c.type === 'position')) moving.current.clear();
      return rest;
    },
    [flow],
  );

  /** `nodes` with the moving nodes where the drag has them (the same array when no drag is under way). */
  const withDragPositions = useCallback((nodes: Node[]): Node[] => {
    const live = moving.current;
    if (live.size === 0) return nodes;
    return nodes.map((n) => {
      const position = live.get(n.id);
      return position ? { ...n, position, dragging: true } : n;
    });
  }, []);

  return { onDragStart, onDragStop, takeMoves, withDragPositions };
}
