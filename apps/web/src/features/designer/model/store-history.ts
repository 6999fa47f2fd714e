/**
 * Undo history of the designer store: `record` (one undo step per command, rapid edits of one field coalesced),
 * `undo`/`redo`, and a drag as one step (`beginMove` snapshots, `endMove` records it if anything moved).
 */
import type { CanvasModel } from './convert.js';
import type { DesignerState, RecordChange, Snapshot, StoreContext } from './store-state.js';

/** Undo steps kept (older ones are dropped). */
export const HISTORY_LIMIT = 200;
/** Edits with the same coalesce key closer together than this merge into one undo step. */
const COALESCE_MS = 800;

export function snapshot(s: CanvasModel): Snapshot {
  return { meta: s.meta, nodes: s.nodes, edges: s.edges };
}

/** Builds the store's `record` (see `RecordChange`). */
export function createRecord({ set, get }: Pick<StoreContext, 'set' | 'get'>): RecordChange {
  return (change, coalesce) => {
    const state = get();
    if (state.readOnly) return;
    const now = Date.now();
    const merge =
      coalesce !== undefined &&
      coalesce === state.lastCoalesceKey &&
      now - state.lastCoalesceAt < COALESCE_MS;
    const past = merge ? state.past : [...state.past, snapshot(state)].slice(-HISTORY_LIMIT);
    set({
      ...change(state),
      past,
      future: [],
      revision: state.revision + 1,
      lastCoalesceKey: coalesce,
      lastCoalesceAt: now,
    });
  };
}

type HistorySlice = Pick<
  DesignerState,
  | 'past'
  | 'future'
  | 'lastCoalesceKey'
  | 'lastCoalesceAt'
  | 'dragStart'
  | 'undo'
  | 'redo'
  | 'canUndo'
  | 'canRedo'
  | 'beginMove'
  | 'endMove'
>;

export function historySlice({ set, get }: StoreContext): HistorySlice {
  return {
    past: [],
    future: [],
    lastCoalesceKey: undefined,
    lastCoalesceAt: 0,
    dragStart: undefined,

    canUndo: () => get().past.length > 0,
    canRedo: () => get().future.length > 0,
    undo() {
      const s = get();
      const previous = s.past.at(-1);
      if (!previous || s.readOnly) return;
      set({
        ...previous,
        past: s.past.slice(0, -1),
        future: [snapshot(s), ...s.future],
        revision: s.revision + 1,
        lastCoalesceKey: undefined,
      });
    },
    redo() {
      const s = get();
      const next = s.future[0];
      if (!next || s.readOnly) return;
      set({
        ...next,
        past: [...s.past, snapshot(s)].slice(-HISTORY_LIMIT),
        future: s.future.slice(1),
        revision: s.revision + 1,
        lastCoalesceKey: undefined,
      });
    },

    beginMove() {
      set({ dragStart: snapshot(get()) });
    },
    endMove() {
      const s = get();
      const start = s.dragStart;
      if (!start || s.readOnly) return set({ dragStart: undefined });
      const before = new Map(start.nodes.map((n) => [n.id, n.position]));
      const moved = s.nodes.some((n) => {
        const p = before.get(n.id);
        return p !== undefined && (p.x !== n.position.x || p.y !== n.position.y);
      });
      if (!moved) return set({ dragStart: undefined });
      set({
        nodes: s.nodes.map((n) =>
          before.get(n.id) === n.position || n.data.placed ? n : { ...n, data: { ...n.data, placed: true } },
        ),
        past: [...s.past, start].slice(-HISTORY_LIMIT),
        future: [],
        revision: s.revision + 1,
        dragStart: undefined,
        lastCoalesceKey: undefined,
      });
    },
  };
}
