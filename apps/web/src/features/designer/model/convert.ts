/**
 * The canvas model and the workflow JSON, converted both ways without loss: every field of every agent and
 * connection survives (`toWorkflow(fromWorkflow(w))` equals `w`; property-tested). Agents without a stored
 * position get a display position and stay without one until the user moves them or runs auto-layout.
 *
 * Handles: every node has a target handle `in`; sources are `out` (success), `error` (an `on: "error"`
 * connection) and, on routers, `route:<name>` per named route (a connection's `sourceHandle`).
 */
import type { Agent, Connection, Workflow } from '@agentflow/protocol';
import type { Edge, Node } from '@xyflow/react';

/** What a node carries: its agent without id and position (those live on the node itself). */
export interface AgentNodeData extends Record<string, unknown> {
  agent: Omit<Agent, 'id' | 'position'>;
  /** Whether `position` is written back (the agent had one, or the user placed it). */
  placed: boolean;
}
export type AgentNode = Node<AgentNodeData, 'agent'>;

export interface ConnectionEdgeData extends Record<string, unknown> {
  connection: Omit<Connection, 'id' | 'sourceAgentId' | 'targetAgentId'>;
}
export type ConnectionEdge = Edge<ConnectionEdgeData, 'connection'>;

/** Everything of the workflow but its graph (name, status, config, ...), kept as is. */
export type WorkflowMeta = Omit<Workflow, 'agents' | 'connections'>;

export interface CanvasModel {
  meta: WorkflowMeta;
  nodes: AgentNode[];
  edges: ConnectionEdge[];
}

export const ERROR_HANDLE = 'error';
export const OUT_HANDLE = 'out';
export const ROUTE_PREFIX = 'route:';

/** The source handle of a connection. */
export function handleOf(connection: Pick<Connection, 'on' | 'sourceHandle'>): string {
  if (connection.on === 'error') return ERROR_HANDLE;
  if (connection.sourceHandle !== undefined) return `${ROUTE_PREFIX}${connection.sourceHandle}`;
  return OUT_HANDLE;
}

/** The connection fields a source handle implies (`on`, `sourceHandle`). */
export function connectionFieldsOf(
  handle: string | null | undefined,
): Pick<Connection, 'on' | 'sourceHandle'> {
  if (handle === ERROR_HANDLE) return { on: 'error' };
  if (handle?.startsWith(ROUTE_PREFIX))
    return { on: 'success', sourceHandle: handle.slice(ROUTE_PREFIX.length) };
  return { on: 'success' };
}

const GRID_X = 260;
const GRID_Y = 140;

export function fromWorkflow(workflow: Workflow): CanvasModel {
  const { agents, connections, ...meta } = workflow;
  const nodes = agents.map((agent, index): AgentNode => {
    const { id, position, ...rest } = agent;
    return {
      id,
      type: 'agent',
      position: position ?? { x: (index % 6) * GRID_X, y: Math.floor(index / 6) * GRID_Y },
      data: { agent: rest, placed: position !== undefined },
    };
  });
  const edges = connections.map((connection): ConnectionEdge => {
    const { id, sourceAgentId, targetAgentId, ...rest } = connection;
    return {
      id,
      type: 'connection',
      source: sourceAgentId,
      target: targetAgentId,
      sourceHandle: handleOf(connection),
      targetHandle: 'in',
      data: { connection: rest },
    };
  });
  return { meta, nodes, edges };
}

export function toWorkflow(model: CanvasModel): Workflow {
  const agents = model.nodes.map((node): Agent => {
    const agent = { id: node.id, ...node.data.agent } as Agent;
    if (node.data.placed) agent.position = { x: node.position.x, y: node.position.y };
    return agent;
  });
  const connections = model.edges.map(
    (edge): Connection => ({
      id: edge.id,
      sourceAgentId: edge.source,
      targetAgentId: edge.target,
      ...(edge.data?.connection ?? { on: 'success' }),
    }),
  );
  return { ...model.meta, agents, connections } as Workflow;
}

/** A fresh id not in `taken`: `base`, `base-2`, `base-3`, ... (ids are `[A-Za-z0-9_-]{1,64}`). */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 56) || 'node';
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i++) {
    const id = `${clean}-${i}`;
    if (!taken.has(id)) return id;
  }
}
