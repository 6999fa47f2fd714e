/**
 * Clipboard of the designer store: `copySelection` keeps a deep copy of the selected nodes and the edges
 * between them; `paste` adds them (fresh ids, selected, offset) as one undo step, each paste further along.
 */
import { freshId } from './convert.js';
import type { DesignerState, StoreContext } from './store-state.js';

type ClipboardSlice = Pick<DesignerState, 'clipboard' | 'copySelection' | 'paste'>;

export function clipboardSlice({ set, get, record }: StoreContext): ClipboardSlice {
  return {
    clipboard: undefined,

    copySelection() {
      const s = get();
      const nodes = s.nodes.filter((n) => n.selected);
      const ids = new Set(nodes.map((n) => n.id));
      const edges = s.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
      if (nodes.length > 0) set({ clipboard: structuredClone({ nodes, edges }) });
    },
    paste(offset = { x: 40, y: 40 }) {
      const clip = get().clipboard;
      if (!clip || clip.nodes.length === 0) return;
      record((s) => {
        const takenNodes = new Set(s.nodes.map((n) => n.id));
        const takenEdges = new Set(s.edges.map((e) => e.id));
        const rename = new Map<string, string>();
        const nodes = clip.nodes.map((n) => {
          const id = freshId(n.id, takenNodes);
          takenNodes.add(id);
          rename.set(n.id, id);
          return {
            ...structuredClone(n),
            id,
            selected: true,
            position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
            data: { ...structuredClone(n.data), placed: true },
          };
        });
        const edges = clip.edges.map((e) => {
          const id = freshId(e.id, takenEdges);
          takenEdges.add(id);
          return {
            ...structuredClone(e),
            id,
            selected: false,
            source: rename.get(e.source)!,
            target: rename.get(e.target)!,
          };
        });
        return {
          nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...nodes],
          edges: [...s.edges, ...edges],
        };
      });
      // The next paste lands further along.
      set({
        clipboard: {
          nodes: clip.nodes.map((n) => ({
            ...n,
            position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
          })),
          edges: clip.edges,
        },
      });
    },
  };
}
