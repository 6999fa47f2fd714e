/** Auto-layout (dagre, left to right): new positions for every node, keeping the graph's reading order. */
import dagre from '@dagrejs/dagre';

export interface LayoutNode {
  id: string;
  width?: number;
  height?: number;
}

export function layoutPositions(
  nodes: readonly LayoutNode[],
  edges: readonly { source: string; target: string }[],
): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width ?? 200, height: n.height ?? 64 });
  for (const e of edges) if (e.source !== e.target) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of nodes) {
    const p = g.node(n.id);
    out[n.id] = { x: Math.round(p.x - (n.width ?? 200) / 2), y: Math.round(p.y - (n.height ?? 64) / 2) };
  }
  return out;
}
