/**
 * Graph commands of the designer store: add, connect, reconnect and remove nodes and edges, set positions,
 * configure nodes, and patch agents, connections and the workflow's meta. Each records one undo step through
 * `record`; repeated edits of the same fields coalesce (the key names the node, edge or meta and the fields).
 */
import { type AgentNode, connectionFieldsOf, freshId, handleOf } from './convert.js';
import type { DesignerState, StoreContext } from './store-state.js';

type CommandsSlice = Pick<
  DesignerState,
  | 'addNode'
  | 'connect'
  | 'reconnect'
  | 'remove'
  | 'removeSelected'
  | 'setPositions'
  | 'configure'
  | 'updateAgent'
  | 'updateConnection'
  | 'setMeta'
>;

export function commandsSlice({ get, record }: StoreContext): CommandsSlice {
  return {
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
  };
}
