/**
 * A template's graph, read-only: the designer's own canvas and node rendering over a read-only designer store
 * (nothing can be moved, connected or saved). Agents without a position are laid out with the designer's
 * auto-layout (dagre, left to right) first. An agent template is shown as its one node.
 */
import '@xyflow/react/dist/style.css';
import type { Agent, Workflow } from '@agentflow/protocol';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { Canvas } from '../../designer/components/canvas.js';
import { DesignerContext, type DesignerContextValue } from '../../designer/context.js';
import { layoutPositions } from '../../designer/model/layout.js';
import { createRunStore } from '../../designer/model/run-state.js';
import { createDesignerStore } from '../../designer/model/store.js';
import type { Template } from '../queries.js';

/** The workflow to draw for a template: its definition (positions filled in), or the agent template's node. */
export function previewWorkflow(template: Template): Workflow {
  if (template.kind === 'agent' || !template.workflow) {
    return {
      name: template.name,
      agents: [
        {
          id: 'agent',
          type: template.nodeType ?? 'agent',
          name: template.name,
          config: template.defaultConfig ?? {},
          position: { x: 0, y: 0 },
        },
      ],
      connections: [],
    } as unknown as Workflow;
  }
  const wf = template.workflow as unknown as Workflow;
  const agents = (Array.isArray(wf.agents) ? wf.agents : []) as Agent[];
  const connections = Array.isArray(wf.connections) ? wf.connections : [];
  if (agents.every((a) => a.position)) return { ...wf, name: template.name };
  const positions = layoutPositions(
    agents.map((a) => ({ id: a.id, width: 210, height: 64 })),
    connections.map((c) => ({ source: c.sourceAgentId, target: c.targetAgentId })),
  );
  return {
    ...wf,
    name: template.name,
    agents: agents.map((a) => ({ ...a, position: a.position ?? positions[a.id] ?? { x: 0, y: 0 } })),
  };
}

export function GraphPreview({ template }: { template: Template }) {
  const ctx = useMemo<DesignerContextValue>(() => {
    const store = createDesignerStore();
    store.getState().load(previewWorkflow(template), { readOnly: true });
    return { store, run: createRunStore(), nodeTypes: new Map() };
  }, [template]);
  return (
    <section className="h-full w-full" data-testid="template-graph" aria-label={`Graph of ${template.name}`}>
      <DesignerContext.Provider value={ctx}>
        <ReactFlowProvider>
          <Canvas />
        </ReactFlowProvider>
      </DesignerContext.Provider>
    </section>
  );
}
