/**
 * The executed workflow (the execution's pinned snapshot), read-only: each node with its final or live state,
 * attempts, duration and cost; each connection with the number of messages that flowed along it (a button:
 * click it, or the edge, to read them). Positions are the workflow's own, or an automatic layout.
 */
import {
  Background,
  BaseEdge,
  Controls,
  type Edge,
  EdgeLabelRenderer,
  type EdgeProps,
  getBezierPath,
  Handle,
  MarkerType,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useMemo } from 'react';
import { useTheme } from '../../../lib/theme.js';
import { layoutPositions } from '../../designer/model/layout.js';
import { formatCost, formatDuration } from '../model/format.js';

export type NodeState = 'pending' | 'not-run' | 'running' | 'retrying' | 'waiting' | string;

export interface GraphAgent {
  id: string;
  type: string;
  name?: string;
  position?: { x: number; y: number };
}
export interface GraphConnection {
  id: string;
  sourceAgentId: string;
  targetAgentId: string;
  on?: string;
  sourceHandle?: string;
  condition?: string;
}
export interface NodeSummary {
  state: NodeState;
  durationMs?: number;
  attempts: number;
  costUsd: number;
  critical: boolean;
}

interface StateNodeData extends Record<string, unknown> {
  agent: GraphAgent;
  summary: NodeSummary;
  selected: boolean;
}
interface CountEdgeData extends Record<string, unknown> {
  count: number;
  kind: string;
  selected: boolean;
  onOpen: (id: string) => void;
}

export const STATE_STYLE: Record<string, string> = {
  pending: 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
  'not-run': 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300',
  running: 'bg-sky-600 text-white',
  retrying: 'bg-amber-600 text-white',
  succeeded: 'bg-emerald-700 text-white',
  resumed: 'bg-emerald-700 text-white',
  failed: 'bg-red-700 text-white',
  cancelled: 'bg-slate-600 text-white',
  skipped: 'bg-slate-500 text-white',
  waiting: 'bg-violet-700 text-white',
  reused: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
};

const StateNode = memo(function StateNode({ data }: NodeProps<Node<StateNodeData>>) {
  const { agent, summary } = data;
  return (
    <div
      data-testid={`exec-node-${agent.id}`}
      data-state={summary.state}
      className={`min-w-44 max-w-60 rounded-lg border bg-white px-3 py-2 text-left shadow-sm dark:bg-slate-900 ${
        data.selected
          ? 'border-indigo-500 ring-2 ring-indigo-500'
          : summary.critical
            ? 'border-amber-500 dark:border-amber-400'
            : 'border-slate-300 dark:border-slate-600'
      }`}
    >
      <Handle
        type="target"
        position={Position.Left}
        id="in"
        isConnectable={false}
        className="af-exec-handle"
      />
      <div className="flex items-center justify-between gap-2">
        <span className="text-[11px] font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
          {agent.type}
        </span>
        <span
          className={`rounded px-1.5 py-0.5 text-[10px] font-semibold ${STATE_STYLE[summary.state] ?? ''}`}
        >
          {summary.state === 'waiting'
            ? 'needs approval'
            : summary.state === 'not-run'
              ? 'not run'
              : summary.state}
        </span>
      </div>
      <div className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">
        {agent.name || agent.id}
      </div>
      {(summary.durationMs !== undefined || summary.attempts > 1 || summary.costUsd > 0) && (
        <div className="mt-0.5 flex gap-2 text-[11px] tabular-nums text-slate-600 dark:text-slate-400">
          {summary.durationMs !== undefined && <span>{formatDuration(summary.durationMs)}</span>}
          {summary.attempts > 1 && (
            <span className="font-medium text-amber-700 dark:text-amber-300">
              {summary.attempts} attempts
            </span>
          )}
          {summary.costUsd > 0 && <span>{formatCost(summary.costUsd)}</span>}
        </div>
      )}
      <Handle
        type="source"
        position={Position.Right}
        id="out"
        isConnectable={false}
        className="af-exec-handle"
      />
      <Handle
        type="source"
        position={Position.Bottom}
        id="error"
        isConnectable={false}
        className="af-exec-handle"
      />
    </div>
  );
});

const CountEdge = memo(function CountEdge(props: EdgeProps<Edge<CountEdgeData>>) {
  const { id, data, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const count = data?.count ?? 0;
  const kind = data?.kind ?? 'success';
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        {...(markerEnd ? { markerEnd } : {})}
        className={
          data?.selected
            ? 'af-exec-edge-selected'
            : kind === 'on error'
              ? 'af-exec-edge-error'
              : 'af-exec-edge'
        }
      />
      <EdgeLabelRenderer>
        <button
          type="button"
          data-testid={`edge-${id}`}
          onClick={() => data?.onOpen(id)}
          aria-pressed={data?.selected ?? false}
          className={`nodrag nopan af-exec-edge-label absolute rounded-full border px-2 py-0.5 text-[11px] font-medium tabular-nums ${
            data?.selected
              ? 'border-indigo-500 bg-indigo-600 text-white'
              : count > 0
                ? 'border-slate-300 bg-white text-slate-800 hover:border-indigo-400 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100'
                : 'border-slate-200 bg-white text-slate-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400'
          }`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          <span className="sr-only">Messages on {id}: </span>
          {count} {count === 1 ? 'msg' : 'msgs'}
        </button>
      </EdgeLabelRenderer>
    </>
  );
});

const nodeTypes = { state: StateNode };
const edgeTypes = { count: CountEdge };
const markerEnd = { type: MarkerType.ArrowClosed, width: 16, height: 16 };

export function kindOf(c: GraphConnection): string {
  if (c.on === 'error') return 'on error';
  if (c.sourceHandle) return `route ${c.sourceHandle}`;
  return c.condition ? `when ${c.condition}` : 'on success';
}

export function GraphView({
  agents,
  connections,
  summaries,
  messageCounts,
  selectedNode,
  selectedEdge,
  onSelectNode,
  onSelectEdge,
}: {
  agents: readonly GraphAgent[];
  connections: readonly GraphConnection[];
  summaries: Readonly<Record<string, NodeSummary>>;
  messageCounts: ReadonlyMap<string, number>;
  selectedNode?: string | undefined;
  selectedEdge?: string | undefined;
  onSelectNode: (id: string) => void;
  onSelectEdge: (id: string) => void;
}) {
  const theme = useTheme();
  const positions = useMemo(() => {
    if (agents.every((a) => a.position)) {
      return Object.fromEntries(agents.map((a) => [a.id, a.position!]));
    }
    return layoutPositions(
      agents.map((a) => ({ id: a.id, width: 220, height: 72 })),
      connections.map((c) => ({ source: c.sourceAgentId, target: c.targetAgentId })),
    );
  }, [agents, connections]);
  const nodes = useMemo(
    (): Node<StateNodeData>[] =>
      agents.map((agent) => ({
        id: agent.id,
        type: 'state',
        position: positions[agent.id] ?? { x: 0, y: 0 },
        draggable: false,
        connectable: false,
        data: {
          agent,
          summary: summaries[agent.id] ?? { state: 'pending', attempts: 0, costUsd: 0, critical: false },
          selected: agent.id === selectedNode,
        },
      })),
    [agents, positions, summaries, selectedNode],
  );
  const edges = useMemo(
    (): Edge<CountEdgeData>[] =>
      connections.map((c) => ({
        id: c.id,
        type: 'count',
        source: c.sourceAgentId,
        target: c.targetAgentId,
        sourceHandle: c.on === 'error' ? 'error' : 'out',
        targetHandle: 'in',
        markerEnd,
        data: {
          count: messageCounts.get(c.id) ?? 0,
          kind: kindOf(c),
          selected: c.id === selectedEdge,
          onOpen: onSelectEdge,
        },
      })),
    [connections, messageCounts, selectedEdge, onSelectEdge],
  );
  return (
    <div className="h-full w-full" data-testid="execution-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onNodeClick={(_, node) => onSelectNode(node.id)}
        onEdgeClick={(_, edge) => onSelectEdge(edge.id)}
        deleteKeyCode={null}
        colorMode={theme}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1.1 }}
        minZoom={0.1}
        onlyRenderVisibleElements={agents.length > 200}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
