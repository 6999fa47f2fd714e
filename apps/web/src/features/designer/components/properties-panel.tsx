/**
 * The right panel: the selected node's settings (name, description, and its config as a form generated from
 * the node type's JSON Schema), the selected connection's condition, or the workflow's own settings. Problems
 * from validation appear on their fields with their AF_ code.
 */
import { lazy, Suspense, useDeferredValue, useMemo } from 'react';
import { inputClass } from '../../../ui/field.js';
import { useDesigner, useDesignerApi, useIssues } from '../context.js';
import { configErrorSchema } from '../model/issues.js';
import { formSchema, uiSchemaFor } from '../model/schema-form.js';
import { type Fallback, FallbackPicker } from './fallback-picker.js';
import { ModelSelector } from './model-selector.js';
import { ToolsPicker } from './tools-picker.js';

const loadConfigForm = () => import('./config-form.js');
const ConfigForm = lazy(loadConfigForm);
/** Fetches the form library while the canvas opens, so the first selection does not wait for it. */
export function preloadConfigForm(): void {
  void loadConfigForm();
}

const label = 'block text-xs font-medium text-slate-600 dark:text-slate-300';

export function PropertiesPanel() {
  const selectedNodeNow = useDesigner((s) => {
    const selected = s.nodes.filter((n) => n.selected);
    return selected.length === 1 ? selected[0]!.id : undefined;
  });
  const selectedEdgeNow = useDesigner((s) => {
    const selected = s.edges.filter((e) => e.selected);
    return selectedNodeNow === undefined && selected.length === 1 ? selected[0]!.id : undefined;
  });
  // The canvas shows a selection at once; the panel (a generated form) follows in a background render.
  const selectedNode = useDeferredValue(selectedNodeNow);
  const selectedEdge = useDeferredValue(selectedEdgeNow);
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
    // The agent's provider and model, tools and fallback chain have their own pickers above the form.
    const hidden = { 'ui:widget': 'hidden' };
    return isAgent ? { ...ui, provider: hidden, model: hidden, tools: hidden, fallback: hidden } : ui;
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
      {isAgent && (
        <ToolsPicker
          value={Array.isArray(agent.config.tools) ? (agent.config.tools as string[]) : undefined}
          readOnly={readOnly}
          onChange={(tools) => configure(id, withField(agent.config, 'tools', tools))}
          error={issuesUnder(issues, 'config.tools')}
        />
      )}
      {isAgent && (
        <FallbackPicker
          value={Array.isArray(agent.config.fallback) ? (agent.config.fallback as Fallback[]) : undefined}
          readOnly={readOnly}
          onChange={(fallback) => configure(id, withField(agent.config, 'fallback', fallback))}
          errors={fallbackErrors(issues)}
        />
      )}
      {schema && uiSchema ? (
        <div className="af-form">
          <Suspense fallback={<p className="text-sm text-slate-500">Loading settings…</p>}>
            <ConfigForm
              nodeId={id}
              schema={schema}
              uiSchema={uiSchema}
              config={agent.config}
              extraErrors={extraErrors}
              readOnly={readOnly}
              onChange={(config) => configure(id, config)}
            />
          </Suspense>
        </div>
      ) : (
        <p className="text-sm text-slate-500">
          Unknown node type “{agent.type}”: its settings cannot be edited here.
        </p>
      )}
    </div>
  );
}

/** The config with `key` set, or removed when `value` is undefined. */
function withField(config: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...config };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

type FieldIssues = readonly { field: string; code: string; message: string }[] | undefined;

/** Every problem at or under `field` (`config.tools`, `config.tools[2]`), one per line. */
function issuesUnder(issues: FieldIssues, field: string): string | undefined {
  const found = (issues ?? []).filter((i) => i.field === field || i.field.startsWith(`${field}[`));
  return found.length > 0 ? found.map((i) => `${i.code}: ${i.message}`).join('\n') : undefined;
}

/** Problems of the fallback chain by index (`config.fallback[1].model` -> 1). */
function fallbackErrors(issues: FieldIssues): Record<number, string> {
  const out: Record<number, string> = {};
  for (const i of issues ?? []) {
    const m = /^config\.fallback\[(\d+)\]/.exec(i.field);
    if (m) out[Number(m[1])] = `${i.code}: ${i.message}`;
  }
  return out;
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
      {readOnly ? (
        // A viewer reads the workflow: text, not fields that look editable and are not.
        <dl className="space-y-3 text-sm">
          <div>
            <dt className={label}>Description</dt>
            <dd className="mt-1 whitespace-pre-wrap text-slate-700 dark:text-slate-200">
              {meta.description || <span className="text-slate-500 dark:text-slate-400">No description</span>}
            </dd>
          </div>
          <div>
            <dt className={label}>Status</dt>
            <dd className="mt-1 capitalize text-slate-700 dark:text-slate-200" data-testid="workflow-status">
              {meta.status}
            </dd>
          </div>
        </dl>
      ) : (
        <>
          <div className="space-y-1">
            <label className={label} htmlFor="wf-description">
              Description
            </label>
            <textarea
              id="wf-description"
              rows={3}
              className={`${inputClass} h-auto py-2`}
              value={meta.description ?? ''}
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
              onChange={(e) => setMeta({ status: e.target.value as 'draft' | 'active' | 'archived' })}
            >
              <option value="draft">Draft</option>
              <option value="active">Active</option>
              <option value="archived">Archived</option>
            </select>
          </div>
        </>
      )}
      {general.map((i) => (
        <p key={`${i.code}${i.path}`} role="alert" className="text-xs text-red-600 dark:text-red-400">
          <span className="font-mono font-semibold">{i.code}</span> {i.path ? `${i.path}: ` : ''}
          {i.message}
        </p>
      ))}
      <p className="text-xs text-slate-500 dark:text-slate-400">
        {readOnly
          ? 'Select a node or a connection to see its settings. Your role can read this workflow, not change it.'
          : "Select a node or a connection to edit it. Drag node types from the palette; connect a node's right handle to another's left handle; the red bottom handle carries errors."}
      </p>
    </div>
  );
}
