/** The React Flow canvas over the editor store: drop from the palette, connect, move, select, minimap. */
import {
  Background,
  Controls,
  type Edge,
  type EdgeTypes,
  MarkerType,
  type Node,
  type NodeTypes,
  type OnConnect,
  type OnEdgesChange,
  type OnNodesChange,
  type OnReconnect,
  ReactFlow,
  useReactFlow,
  type Viewport,
} from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTheme } from '../../../lib/theme.js';
import { useDesigner, useDesignerApi } from '../context.js';
import { useKeepCenter } from '../hooks/use-keep-center.js';
import type { AgentNode } from '../model/convert.js';
import { BIG_GRAPH } from '../model/store.js';
import { ENTRY_PREFIX, EntryNodeView } from '../triggers/entry-nodes.js';
import { AgentNodeView } from './agent-node.js';
import { CanvasMiniMap, type CanvasMiniMapHandle } from './canvas-minimap.js';
import { ConnectionEdgeView } from './connection-edge.js';
import { useDragInFlow } from './drag-in-flow.js';
import { DRAG_PRESET, DRAG_TYPE, type NodePreset } from './palette.js';

// Outside any component (React Flow's performance rules).
const nodeTypes: NodeTypes = { agent: AgentNodeView, entry: EntryNodeView };
const edgeTypes: EdgeTypes = { connection: ConnectionEdgeView };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };
const fitViewOptions = { padding: 0.25, maxZoom: 1.2 };
const proOptions = { hideAttribution: true };
const onDragOver = (e: DragEvent) => {
  e.preventDefault();
  e.dataTransfer.dropEffect = 'move';
};

/**
 * A big graph (`BIG_GRAPH` nodes) opens on its first screenful (around the input node, at a readable zoom)
 * instead of fitting every node, and renders only the nodes and edges in view: fitting 500 nodes draws all
 * of them, and every drag frame then updates all of them.
 */
const BIG_GRAPH_ZOOM = 0.9;

/** The first viewport of a big graph: the input node (or the top-left node) near the top-left corner. */
export function openingViewport(nodes: readonly AgentNode[]): Viewport | undefined {
  if (nodes.length <= BIG_GRAPH) return undefined;
  let anchor = nodes.find((n) => n.data.agent.type === 'input');
  if (!anchor)
    for (const n of nodes)
      if (!anchor || n.position.x + n.position.y < anchor.position.x + anchor.position.y) anchor = n;
  const { x, y } = anchor!.position;
  // Show what lies above the anchor among the first columns too (a layered graph's input sits mid-height).
  let top = y;
  for (const n of nodes)
    if (n.position.x >= x && n.position.x < x + 1200 && n.position.y < top && n.position.y >= y - 300)
      top = n.position.y;
  return { x: 48 - x * BIG_GRAPH_ZOOM, y: 48 - top * BIG_GRAPH_ZOOM, zoom: BIG_GRAPH_ZOOM };
}

/** Not part of the workflow: drawn beside it (a workflow's triggers as its entry nodes), clicked to open. */
export interface CanvasExtras {
  nodes: readonly Node[];
  edges: readonly Edge[];
  onOpen: (id: string) => void;
}

const NO_EXTRAS: CanvasExtras = { nodes: [], edges: [], onOpen: () => {} };
const isExtra = (change: { id?: string; type: string }) =>
  'id' in change && typeof change.id === 'string' && change.id.startsWith(ENTRY_PREFIX);

export function Canvas({ extras = NO_EXTRAS }: { extras?: CanvasExtras }) {
  const storeNodes = useDesigner((s) => s.nodes);
  const storeEdges = useDesigner((s) => s.edges);
  const readOnly = useDesigner((s) => s.readOnly);
  const { store } = useDesignerApi();
  const { addNode } = store.getState();
  const drag = useDragInFlow(store);
  const { withDragPositions, takeMoves } = drag;
  const nodes = useMemo(
    () =>
      withDragPositions(
        extras.nodes.length > 0 ? [...extras.nodes, ...(storeNodes as Node[])] : (storeNodes as Node[]),
      ),
    [extras.nodes, storeNodes, withDragPositions],
  );
  const edges = useMemo(
    () => (extras.edges.length > 0 ? [...extras.edges, ...(storeEdges as Edge[])] : (storeEdges as Edge[])),
    [extras.edges, storeEdges],
  );
  // Stable handlers (the store's commands never change): React Flow re-renders nothing for them. Changes to
  // the extras (measurements) stay with React Flow: the store holds the workflow only. A drag's moves stay
  // with React Flow until it stops (`drag-in-flow.ts`).
  const onNodesChange = useCallback<OnNodesChange>(
    (changes) => {
      const own = takeMoves(changes).filter((c) => !isExtra(c));
      if (own.length > 0) store.getState().onNodesChange(own as never);
    },
    [store, takeMoves],
  );
  const onEdgesChange = useCallback<OnEdgesChange>(
    (changes) => {
      const own = changes.filter((c) => !isExtra(c));
      if (own.length > 0) store.getState().onEdgesChange(own as never);
    },
    [store],
  );
  const onNodeClick = useCallback(
    (_: unknown, node: Node) => {
      if (node.id.startsWith(ENTRY_PREFIX)) extras.onOpen(node.id.slice(ENTRY_PREFIX.length));
    },
    [extras],
  );
  const onConnect = useCallback<OnConnect>(
    (c) => store.getState().connect(c.source, c.sourceHandle ?? null, c.target),
    [store],
  );
  const onReconnect = useCallback<OnReconnect>(
    (old, c) => store.getState().reconnect(old.id, c.source, c.sourceHandle ?? null, c.target),
    [store],
  );
  // A big graph's minimap holds still during a drag (canvas-minimap.tsx).
  const miniMap = useRef<CanvasMiniMapHandle>(null);
  const onDragStart = useCallback(() => {
    miniMap.current?.hold();
    drag.onDragStart();
  }, [drag.onDragStart]);
  const onDragStop = useCallback(() => {
    drag.onDragStop();
    miniMap.current?.resume();
  }, [drag.onDragStop]);
  const [opening] = useState(() => openingViewport(store.getState().nodes));
  const flow = useReactFlow();
  const theme = useTheme();
  const container = useRef<HTMLDivElement>(null);
  useKeepCenter(container);
  // Extras arrive after the first fit (a query): when their number changes, fit again so they are in view
  // (not on a big graph, which opens on its first screenful).
  const extraCount = useRef(0);
  useEffect(() => {
    if (extras.nodes.length === extraCount.current) return;
    extraCount.current = extras.nodes.length;
    if (store.getState().nodes.length > BIG_GRAPH) return;
    const timer = setTimeout(() => void flow.fitView({ ...fitViewOptions, duration: 150 }), 50);
    return () => clearTimeout(timer);
  }, [extras.nodes.length, flow, store]);

  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(DRAG_TYPE);
    if (!type || readOnly) return;
    event.preventDefault();
    const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    let preset: NodePreset | undefined;
    try {
      const raw = event.dataTransfer.getData(DRAG_PRESET);
      if (raw) preset = JSON.parse(raw) as NodePreset;
    } catch {
      preset = undefined;
    }
    addNode(
      type,
      { x: Math.round(position.x - 96), y: Math.round(position.y - 28) },
      preset?.config,
      preset?.name,
    );
  };

  return (
    <div ref={container} className="h-full w-full" data-testid="canvas">
      <ReactFlow<Node, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeClick={onNodeClick}
        onReconnect={onReconnect}
        onNodeDragStart={onDragStart}
        onNodeDragStop={onDragStop}
        onSelectionDragStart={onDragStart}
        onSelectionDragStop={onDragStop}
        onDragOver={onDragOver}
        onDrop={onDrop}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        deleteKeyCode={null}
        multiSelectionKeyCode="Shift"
        selectionOnDrag={false}
        colorMode={theme}
        {...(opening ? { defaultViewport: opening } : { fitView: true })}
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
        onlyRenderVisibleElements={storeNodes.length > BIG_GRAPH}
        proOptions={proOptions}
      >
        <Background gap={20} />
        <CanvasMiniMap ref={miniMap} big={storeNodes.length > BIG_GRAPH} dark={theme === 'dark'} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
