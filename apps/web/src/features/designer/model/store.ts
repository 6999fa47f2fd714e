/**
 * The designer's one editor store (Zustand): the canvas model plus an undo history. Every change the user
 * makes goes through a command (`add`, `connect`, `remove`, `move`, `configure`, ...); each command records
 * one undo step (at most `HISTORY_LIMIT`, default 200). Components only render and dispatch.
 *
 * Transient changes (dragging, selection, measured sizes from React Flow) do not record steps; a drag records
 * one step when it ends (`beginMove`/`endMove`). Rapid edits of the same field coalesce into one step.
 */
import type { Agent, Workflow } from '@agentflow/protocol';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
  Position,
  type XYPosition,
} from '@xyflow/react';
import { create } from 'zustand';
import {
  type AgentNode,
  type CanvasModel,
  type ConnectionEdge,
  type ConnectionEdgeData,
  connectionFieldsOf,
  freshId,
  fromWorkflow,
  handleOf,
  toWorkflow,
  type WorkflowMeta,
} from './convert.js';

export const HISTORY_LIMIT = 200;

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

function dropEstimate(node: AgentNode): AgentNode {
  const { handles: _h, initialWidth: _w, initialHeight: _ht, ...measured } = node;
  return measured;
}
const COALESCE_MS = 800;

interface Snapshot {
  meta: WorkflowMeta;
  nodes: AgentNode[];
  edges: ConnectionEdge[];
}

export interface ClipboardContent {
  nodes: AgentNode[];
  edges: ConnectionEdge[];
}

export interface DesignerState extends CanvasModel {
  past: Snapshot[];
  future: Snapshot[];
  /** Bumped by every recorded change: the validation and "unsaved" markers watch it. */
  revision: number;
  /** Revision at the last load or save. */
  savedRevision: number;
  clipboard: ClipboardContent | undefined;
  /** When set, the canvas is read-only (viewer role). */
  readOnly: boolean;
  lastCoalesceKey: string | undefined;
  lastCoalesceAt: number;
  dragStart: Snapshot | undefined;

  load(workflow: Workflow, options?: { readOnly?: boolean }): void;
  markSaved(): void;
  workflow(): Workflow;
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;

  /** React Flow's own changes (selection, dimensions, drag positions, removals by keyboard). */
  onNodesChange(changes: NodeChange<AgentNode>[]): void;
  onEdgesChange(changes: EdgeChange<ConnectionEdge>[]): void;
  /** Adds a node (selected); `name` names it (an agent template's name, dropped from the agent library). */
  addNode(type: string, position: XYPosition, config?: Record<string, unknown>, name?: string): string;
  connect(source: string, sourceHandle: string | null, target: string): string | undefined;
  reconnect(edgeId: string, source: string, sourceHandle: string | null, target: string): void;
  removeSelected(): void;
  remove(ids: { nodes?: string[]; edges?: string[] }): void;
  beginMove(): void;
  endMove(): void;
  setPositions(positions: Record<string, XYPosition>): void;
  configure(nodeId: string, config: Record<string, unknown>): void;
  updateAgent(nodeId: string, patch: Partial<Omit<Agent, 'id' | 'position' | 'config'>>): void;
  updateConnection(edgeId: string, patch: Partial<ConnectionEdgeData['connection']>): void;
  setMeta(patch: Partial<WorkflowMeta>): void;
  copySelection(): void;
  paste(offset?: XYPosition): void;
  selectAll(): void;
}

function snapshot(s: CanvasModel): Snapshot {
  return { meta: s.meta, nodes: s.nodes, edges: s.edges };
}

const EMPTY: CanvasModel = {
  meta: { name: 'Untitled', status: 'draft', config: { maxSteps: 1000, concurrency: 64 } } as WorkflowMeta,
  nodes: [],
  edges: [],
};

/** Creates a store (one per open designer; tests make their own). */
export function createDesignerStore() {
  return create<DesignerState>()((set, get) => {
    /** Applies `change` to the model as one undo step (or merges it into the last when `coalesce` matches). */
    const record = (change: (s: DesignerState) => Partial<CanvasModel>, coalesce?: string) => {
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

    return {
      ...EMPTY,
      past: [],
      future: [],
      revision: 0,
      savedRevision: 0,
      clipboard: undefined,
      readOnly: false,
      lastCoalesceKey: undefined,
      lastCoalesceAt: 0,
      dragStart: undefined,

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

      addNode(type, position, config = {}, name) {
        const id = freshId(type, new Set(get().nodes.map((n) => n.id)));
        record((s) => ({
          nodes: [
            ...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
            {
              id,
              type: 'agent',
              position,
              selected: true,
              data: { agent: { type, config, ...(name ? { name } : {}) }, placed: true },
            },
          ],
        }));
        return id;
      },
      connect(source, sourceHandle, target) {
        const s = get();
        if (source === target) return undefined;
        const fields = connectionFieldsOf(sourceHandle);
        const handle = handleOf(fields);
        const exists = s.edges.some(
          (e) => e.source === source && e.target === target && e.sourceHandle === handle,
        );
        if (exists) return undefined;
        const id = freshId(`${source}-${target}`, new Set(s.edges.map((e) => e.id)));
        record((st) => ({
          edges: [
            ...st.edges,
            {
              id,
              type: 'connection',
              source,
              target,
              sourceHandle: handle,
              targetHandle: 'in',
              data: { connection: fields },
            },
          ],
        }));
        return id;
      },
      reconnect(edgeId, source, sourceHandle, target) {
        const fields = connectionFieldsOf(sourceHandle);
        record((s) => ({
          edges: s.edges.map((e) => {
            if (e.id !== edgeId) return e;
            const { on: _on, sourceHandle: _h, ...kept } = e.data?.connection ?? { on: 'success' as const };
            return {
              ...e,
              source,
              target,
              sourceHandle: handleOf(fields),
              data: { connection: { ...kept, ...fields } },
            };
          }),
        }));
      },
      remove({ nodes = [], edges = [] }) {
        if (nodes.length === 0 && edges.length === 0) return;
        const goneNodes = new Set(nodes);
        const goneEdges = new Set(edges);
        record((s) => ({
          nodes: s.nodes.filter((n) => !goneNodes.has(n.id)),
          edges: s.edges.filter(
            (e) => !goneEdges.has(e.id) && !goneNodes.has(e.source) && !goneNodes.has(e.target),
          ),
        }));
      },
      removeSelected() {
        const s = get();
        get().remove({
          nodes: s.nodes.filter((n) => n.selected).map((n) => n.id),
          edges: s.edges.filter((e) => e.selected).map((e) => e.id),
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
            before.get(n.id) === n.position || n.data.placed
              ? n
              : { ...n, data: { ...n.data, placed: true } },
          ),
          past: [...s.past, start].slice(-HISTORY_LIMIT),
          future: [],
          revision: s.revision + 1,
          dragStart: undefined,
          lastCoalesceKey: undefined,
        });
      },
      setPositions(positions) {
        record((s) => ({
          nodes: s.nodes.map((n) => {
            const p = positions[n.id];
            return p ? { ...n, position: p, data: { ...n.data, placed: true } } : n;
          }),
        }));
      },
      configure(nodeId, config) {
        record(
          (s) => ({
            nodes: s.nodes.map((n) =>
              n.id === nodeId ? { ...n, data: { ...n.data, agent: { ...n.data.agent, config } } } : n,
            ),
          }),
          `config:${nodeId}`,
        );
      },
      updateAgent(nodeId, patch) {
        record(
          (s) => ({
            nodes: s.nodes.map((n) => {
              if (n.id !== nodeId) return n;
              const agent = { ...n.data.agent, ...patch } as AgentNode['data']['agent'];
              for (const [k, v] of Object.entries(patch))
                if (v === undefined) delete (agent as Record<string, unknown>)[k];
              return { ...n, data: { ...n.data, agent } };
            }),
          }),
          `agent:${nodeId}:${Object.keys(patch).join(',')}`,
        );
      },
      updateConnection(edgeId, patch) {
        record(
          (s) => ({
            edges: s.edges.map((e) => {
              if (e.id !== edgeId) return e;
              const connection = { ...(e.data?.connection ?? { on: 'success' as const }), ...patch };
              for (const [k, v] of Object.entries(patch))
                if (v === undefined) delete (connection as Record<string, unknown>)[k];
              return { ...e, sourceHandle: handleOf(connection), data: { connection } };
            }),
          }),
          `edge:${edgeId}:${Object.keys(patch).join(',')}`,
        );
      },
      setMeta(patch) {
        record((s) => ({ meta: { ...s.meta, ...patch } }), `meta:${Object.keys(patch).join(',')}`);
      },
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
      selectAll() {
        set({ nodes: get().nodes.map((n) => ({ ...n, selected: true })) });
      },
    };
  });
}

export type DesignerStore = ReturnType<typeof createDesignerStore>;
