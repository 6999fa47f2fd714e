/** The React Flow canvas over the editor store: drop from the palette, connect, move, select, minimap. */
import {
  Background,
  Controls,
  type Edge,
  type EdgeTypes,
  MarkerType,
  MiniMap,
  type Node,
  type NodeTypes,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import type { DragEvent } from 'react';
import { useTheme } from '../../../lib/theme.js';
import { useDesigner } from '../context.js';
import { AgentNodeView } from './agent-node.js';
import { ConnectionEdgeView } from './connection-edge.js';
import { DRAG_TYPE } from './palette.js';

// Outside any component (React Flow's performance rules).
const nodeTypes: NodeTypes = { agent: AgentNodeView };
const edgeTypes: EdgeTypes = { connection: ConnectionEdgeView };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };

export function Canvas() {
  const nodes = useDesigner((s) => s.nodes);
  const edges = useDesigner((s) => s.edges);
  const readOnly = useDesigner((s) => s.readOnly);
  const onNodesChange = useDesigner((s) => s.onNodesChange);
  const onEdgesChange = useDesigner((s) => s.onEdgesChange);
  const connect = useDesigner((s) => s.connect);
  const reconnect = useDesigner((s) => s.reconnect);
  const beginMove = useDesigner((s) => s.beginMove);
  const endMove = useDesigner((s) => s.endMove);
  const addNode = useDesigner((s) => s.addNode);
  const flow = useReactFlow();
  const theme = useTheme();

  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(DRAG_TYPE);
    if (!type || readOnly) return;
    event.preventDefault();
    const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    addNode(type, { x: Math.round(position.x - 96), y: Math.round(position.y - 28) });
  };

  return (
    <div className="h-full w-full" data-testid="canvas">
      <ReactFlow<Node, Edge>
        nodes={nodes as Node[]}
        edges={edges as Edge[]}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={(changes) => onNodesChange(changes as never)}
        onEdgesChange={(changes) => onEdgesChange(changes as never)}
        onConnect={(c) => connect(c.source, c.sourceHandle ?? null, c.target)}
        onReconnect={(old, c) => reconnect(old.id, c.source, c.sourceHandle ?? null, c.target)}
        onNodeDragStart={beginMove}
        onNodeDragStop={endMove}
        onSelectionDragStart={beginMove}
        onSelectionDragStop={endMove}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
        }}
        onDrop={onDrop}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        deleteKeyCode={null}
        multiSelectionKeyCode="Shift"
        selectionOnDrag={false}
        colorMode={theme}
        fitView
        fitViewOptions={{ padding: 0.25, maxZoom: 1.2 }}
        minZoom={0.1}
        onlyRenderVisibleElements={nodes.length > 200}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <MiniMap
          pannable
          zoomable
          ariaLabel="Minimap"
          style={{ width: 160, height: 100 }}
          nodeColor={theme === 'dark' ? '#475569' : '#cbd5e1'}
          nodeBorderRadius={4}
        />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
