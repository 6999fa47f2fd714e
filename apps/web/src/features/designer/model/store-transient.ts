/**
 * Transient changes of the designer store, which record no undo step: React Flow's own changes (selection,
 * measured sizes, drag positions) and select-all. Removals among React Flow's changes go to `remove`, a command.
 */
import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import { dropEstimate } from './store-geometry.js';
import type { DesignerState, StoreContext } from './store-state.js';

type TransientSlice = Pick<DesignerState, 'onNodesChange' | 'onEdgesChange' | 'selectAll'>;

export function transientSlice({ set, get }: StoreContext): TransientSlice {
  return {
    onNodesChange(changes) {
      const removals = changes.filter((c) => c.type === 'remove').map((c) => c.id);
      const transient = changes.filter((c) => c.type !== 'remove');
      if (transient.length > 0) {
        let nodes = applyNodeChanges(transient, get().nodes);
        // Measured nodes drop their estimated geometry (React Flow then keeps the measured handles).
        if (transient.some((c) => c.type === 'dimensions'))
          nodes = nodes.map((n) => (n.handles && n.measured ? dropEstimate(n) : n));
        set({ nodes });
      }
      if (removals.length > 0) get().remove({ nodes: removals });
    },
    onEdgesChange(changes) {
      const removals = changes.filter((c) => c.type === 'remove').map((c) => c.id);
      const transient = changes.filter((c) => c.type !== 'remove');
      if (transient.length > 0) set({ edges: applyEdgeChanges(transient, get().edges) });
      if (removals.length > 0) get().remove({ edges: removals });
    },
    selectAll() {
      set({ nodes: get().nodes.map((n) => ({ ...n, selected: true })) });
    },
  };
}
