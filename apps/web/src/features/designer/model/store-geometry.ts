/**
 * Big-graph geometry for the designer store: the `BIG_GRAPH` threshold and the estimated node size and handle
 * positions that nodes start with on a big canvas until React Flow measures them.
 */
import { Position } from '@xyflow/react';
import type { AgentNode } from './convert.js';

/**
 * Above this many nodes the canvas opens on its first screenful and draws only the nodes and edges in view
 * (`canvas.tsx`). Their nodes then start with an estimated size and handle positions (`estimateGeometry`):
 * React Flow otherwise draws every unmeasured node once to measure it, all 500 of them. A node drops the
 * estimate when React Flow measures it (it comes into view).
 */
export const BIG_GRAPH = 150;
const NODE_WIDTH = 192;
const NODE_HEIGHT = 58;
const HANDLE = 10;

/** The estimated geometry of a node as drawn by `agent-node.tsx` (routers, whose handles vary, excepted). */
export function estimateGeometry(node: AgentNode): AgentNode {
  const type = node.data.agent.type;
  if (type === 'router' || node.measured) return node;
  const handles: NonNullable<AgentNode['handles']> = [];
  const half = HANDLE / 2;
  if (type !== 'input')
    handles.push({ id: 'in', type: 'target', position: Position.Left, x: -half, y: NODE_HEIGHT / 2 - half });
  if (type !== 'output') {
    handles.push({
      id: 'out',
      type: 'source',
      position: Position.Right,
      x: NODE_WIDTH - half,
      y: NODE_HEIGHT / 2 - half,
    });
    handles.push({
      id: 'error',
      type: 'source',
      position: Position.Bottom,
      x: NODE_WIDTH / 2 - half,
      y: NODE_HEIGHT - half,
    });
  }
  for (const h of handles) Object.assign(h, { width: HANDLE, height: HANDLE });
  return { ...node, initialWidth: NODE_WIDTH, initialHeight: NODE_HEIGHT, handles };
}

/** The node without its estimated geometry (once measured, React Flow keeps the measured handles). */
export function dropEstimate(node: AgentNode): AgentNode {
  const { handles: _h, initialWidth: _w, initialHeight: _ht, ...measured } = node;
  return measured;
}
