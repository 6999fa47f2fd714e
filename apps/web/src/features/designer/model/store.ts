/**
 * The designer's one editor store (Zustand): the canvas model plus an undo history. Every change the user
 * makes goes through a command (`add`, `connect`, `remove`, `move`, `configure`, ...); each command records
 * one undo step (at most `HISTORY_LIMIT`, default 200). Components only render and dispatch.
 *
 * Transient changes (dragging, selection, measured sizes from React Flow) do not record steps; a drag records
 * one step when it ends (`beginMove`/`endMove`). Rapid edits of the same field coalesce into one step.
 *
 * This file owns the document's lifecycle (`load`, `markSaved`, `workflow`, read-only) and puts the store
 * together from its parts, each built once per store:
 * - `store-state.ts`: the store's types (`DesignerState`) and the context its parts are built with;
 * - `store-history.ts`: `record`, undo/redo and a drag as one step;
 * - `store-commands.ts`: the graph commands (add, connect, remove, configure, ...);
 * - `store-clipboard.ts`: copy and paste;
 * - `store-transient.ts`: React Flow's changes and select-all (no undo step);
 * - `store-geometry.ts`: `BIG_GRAPH` and the estimated geometry of unmeasured nodes.
 */
import { create } from 'zustand';
import { type CanvasModel, fromWorkflow, toWorkflow, type WorkflowMeta } from './convert.js';
import { clipboardSlice } from './store-clipboard.js';
import { commandsSlice } from './store-commands.js';
import { BIG_GRAPH, estimateGeometry } from './store-geometry.js';
import { createRecord, historySlice } from './store-history.js';
import type { DesignerState, StoreContext } from './store-state.js';
import { transientSlice } from './store-transient.js';

export { BIG_GRAPH, estimateGeometry } from './store-geometry.js';
export { HISTORY_LIMIT } from './store-history.js';
export type { ClipboardContent, DesignerState } from './store-state.js';

const EMPTY: CanvasModel = {
  meta: { name: 'Untitled', status: 'draft', config: { maxSteps: 1000, concurrency: 64 } } as WorkflowMeta,
  nodes: [],
  edges: [],
};

/** Creates a store (one per open designer; tests make their own). */
export function createDesignerStore() {
  return create<DesignerState>()((set, get) => {
    const ctx: StoreContext = { set, get, record: createRecord({ set, get }) };

    return {
      ...EMPTY,
      revision: 0,
      savedRevision: 0,
      readOnly: false,
      ...historySlice(ctx),
      ...commandsSlice(ctx),
      ...clipboardSlice(ctx),
      ...transientSlice(ctx),

      load(workflow, options) {
        // A load is a new revision (so live validation re-checks what was loaded) that is also the saved one.
        const revision = get().revision + 1;
        const model = fromWorkflow(workflow);
        if (model.nodes.length > BIG_GRAPH) model.nodes = model.nodes.map(estimateGeometry);
        set({
          ...model,
          past: [],
          future: [],
          revision,
          savedRevision: revision,
          readOnly: options?.readOnly ?? false,
        });
      },
      markSaved: () => set({ savedRevision: get().revision }),
      workflow: () => toWorkflow(get()),
    };
  });
}

export type DesignerStore = ReturnType<typeof createDesignerStore>;
