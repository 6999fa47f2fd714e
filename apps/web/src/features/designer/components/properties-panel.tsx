/**
 * The right panel: the selected node's settings (name, description, and its config as a form generated from
 * the node type's JSON Schema), the selected connection's condition, or the workflow's own settings. Problems
 * from validation appear on their fields with their AF_ code.
 */
import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import { useMemo } from 'react';
import { inputClass } from '../../../ui/field.js';
import { useDesigner, useDesignerApi, useIssues } from '../context.js';
import { configErrorSchema } from '../model/issues.js';
import { jsonValidator } from '../model/json-validator.js';
import { formSchema, uiSchemaFor } from '../model/schema-form.js';
import { ModelSelector } from './model-selector.js';

const label = 'block text-xs font-medium text-slate-600 dark:text-slate-300';

export function PropertiesPanel() {
  const selectedNode = useDesigner((s) => {
    const selected = s.nodes.filter((n) => n.selected);
    return selected.length === 1 ? selected[0]!.id : undefined;
  });
  const selectedEdge = useDesigner((s) => {
    const selected = s.edges.filter((e) => e.selected);
    return selectedNode === undefined && selected.length === 1 ? selected[0]!.id : undefined;
  });
  return (
    <aside
      aria-label="Properties"
      className="w-72 shrink-0 overflow-y-auto border-l xl:w-80 border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      {selectedNode ? (
        <NodeProperties id={selectedNode} />
      ) : selectedEdge ? (
        <EdgeProperties id={selectedEdge} />
      ) : (
        <WorkflowProperties />
      )}
    </aside>
  );
}

function NodeProperties({ id }: { id: string }) {
  const { nodeTypes } = useDesignerApi();
  const agent = useDesigner((s) => s.nodes.find((n) => n.id === id)?.data.agent);
  const readOnly = useDesigner((s) => s.readOnly);
  const configure = useDesigner((s) => s.configure);
  const updateAgent = useDesigner((s) => s.updateAgent);
  const issues = useIssues((s) => s.nodes[id]);
  const info = agent ? nodeTypes.get(agent.type) : undefined;
  const schema = useMemo(() => (info ? formSchema(info.configSchema) : undefined), [info]);
  const isAgent = agent?.type === 'agent';
  const uiSchema = useMemo(() => {
    if (!schema) return undefined;
    const ui = uiSchemaFor(schema);
    // The agent's provider and model have their own selector above the form.
    return isAgent ? { ...ui, provider: { 'ui:widget': 'hidden' }, model: { 'ui:widget': 'hidden' } } : ui;
  }, [schema, isAgent]);
  const extraErrors = useMemo(() => configErrorSchema(issues ?? []), [issues]);
  if (!agent) return null;
  const nodeLevel = (issues ?? []).filter((i) => !i.field.startsWith('config'));
  return (
    <div className="space-y-3">
      <div>
        <p className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">
          {agent.type} · {id}
        </p>
        {info && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{info.description}</p>}
      </div>
      <div className="space-y-1">
        <label className={label} htmlFor="node-name">
          Name
        </label>
        <input
          id="node-name"
          className={inputClass}
          value={agent.name ?? ''}
          readOnly={readOnly}
          onChange={(e) => updateAgent(id, { name: e.target.value || undefined })}
        />
      </div>
      {nodeLevel.map((i) => (
        <p key={`${i.code}${i.path}`} role="alert" className="text-xs text-red-600 dark:text-red-400">
          <span className="font-mono font-semibold">{i.code}</span> {i.message}
        </p>
      ))}
      {isAgent && (
        <ModelSelector
          config={agent.config}
          readOnly={readOnly}
          onChange={(config) => configure(id, config)}
          errors={{
            provider: fieldError(issues, 'config.provider'),
            model: fieldError(issues, 'config.model'),
          }}
        />
      )}
      {schema && uiSchema ? (
        <div className="af-form">
          <Form
            key={id}
            schema={schema as RJSFSchema}
            uiSchema={uiSchema}
            formData={agent.config}
            validator={jsonValidator}
            extraErrors={extraErrors as never}
            showErrorList={false}
            noHtml5Validate
            readonly={readOnly}
            idPrefix={`cfg-${id}`}
            onChange={(e) => {
              if (!readOnly) configure(id, (e.formData ?? {}) as Record<string, unknown>);
            }}
          />
        </div>
      ) : (
        <p className="text-sm text-slate-500">
          Unknown node type “{agent.type}”: its settings cannot be edited here.
        </p>
      )}
    </div>
  );
}

function fieldError(
  issues: readonly { field: string; code: string; message: string }[] | undefined,
  field: string,
) {
  const issue = issues?.find((i) => i.field === field);
  return issue ? `${issue.code}: ${issue.message}` : undefined;
}

function EdgeProperties({ id }: { id: string }) {
  const edge = useDesigner((s) => s.edges.find((e) => e.id === id));
  const readOnly = useDesigner((s) => s.readOnly);
  const update = useDesigner((s) => s.updateConnection);
  const issues = useIssues((s) => s.edges[id]);
  if (!edge) return null;
  const connection = edge.data?.connection ?? { on: 'success' as const };
  const conditionIssues = (issues ?? []).filter((i) => i.field.startsWith('condition'));
  return (
    <div className="space-y-3">
      <p className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">
        Connection · {edge.source} → {edge.target}
      </p>
      <div className="space-y-1">
        <label className={label} htmlFor="edge-on">
          Carries
        </label>
        <select
          id="edge-on"
          className={inputClass}
          value={connection.on ?? 'success'}
          disabled={readOnly}
          onChange={(e) => update(id, { on: e.target.value as 'success' | 'error' })}
        >
          <option value="success">The output (on success)</option>
          <option value="error">The error (on failure)</option>
        </select>
      </div>
      <div className="space-y-1">
        <label className={label} htmlFor="edge-condition">
          Condition (CEL)
        </label>
        <textarea
          id="edge-condition"
          rows={3}
          className={`${inputClass} h-auto py-2 font-mono`}
          placeholder="e.g. output.score > 0.5"
          value={connection.condition ?? ''}
          readOnly={readOnly}
          aria-invalid={conditionIssues.length > 0 ? true : undefined}
          aria-describedby="edge-condition-help"
          onChange={(e) => update(id, { condition: e.target.value === '' ? undefined : e.target.value })}
        />
        <p id="edge-condition-help" className="text-xs text-slate-500 dark:text-slate-400">
          Variables: <code>output</code> (the source's output), <code>input</code> (the execution input).
          Empty: always.
        </p>
        {(issues ?? []).map((i) => (
          <p
            key={`${i.code}${i.path}`}
            role="alert"
            className="text-xs text-red-600 dark:text-red-400"
            data-testid="edge-issue"
          >
            <span className="font-mono font-semibold">{i.code}</span> {i.message}
          </p>
        ))}
      </div>
    </div>
  );
}

function WorkflowProperties() {
  const meta = useDesigner((s) => s.meta);
  const readOnly = useDesigner((s) => s.readOnly);
  const setMeta = useDesigner((s) => s.setMeta);
  const general = useIssues((s) => s.general);
  return (
    <div className="space-y-3">
      <p className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">Workflow</p>
      <div className="space-y-1">
        <label className={label} htmlFor="wf-description">
          Description
        </label>
        <textarea
          id="wf-description"
          rows={3}
          className={`${inputClass} h-auto py-2`}
          value={meta.description ?? ''}
          readOnly={readOnly}
          onChange={(e) => setMeta({ description: e.target.value || undefined })}
        />
      </div>
      <div className="space-y-1">
        <label className={label} htmlFor="wf-status">
          Status
        </label>
        <select
          id="wf-status"
          className={inputClass}
          value={meta.status}
          disabled={readOnly}
          onChange={(e) => setMeta({ status: e.target.value as 'draft' | 'active' | 'archived' })}
        >
          <option value="draft">Draft</option>
          <option value="active">Active</option>
          <option value="archived">Archived</option>
        </select>
      </div>
      {general.map((i) => (
        <p key={`${i.code}${i.path}`} role="alert" className="text-xs text-red-600 dark:text-red-400">
          <span className="font-mono font-semibold">{i.code}</span> {i.path ? `${i.path}: ` : ''}
          {i.message}
        </p>
      ))}
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Select a node or a connection to edit it. Drag node types from the palette; connect a node's right
        handle to another's left handle; the red bottom handle carries errors.
      </p>
    </div>
  );
}
