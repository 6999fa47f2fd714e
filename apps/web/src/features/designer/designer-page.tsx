/**
 * The visual designer of one workflow (`/workflows/:id`): palette, canvas, properties, validation as you type,
 * save (a new version), run with live node states from the WebSocket monitor, cancel.
 */
import '@xyflow/react/dist/style.css';
import type { Workflow } from '@agentflow/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { api, client, errorText, keys, unwrap } from '../../lib/api.js';
import { Badge } from '../../ui/badge.js';
import { Button } from '../../ui/button.js';
import { AppShell } from '../auth/app-shell.js';
import { canEdit, useMe } from '../auth/session.js';
import { agentLibraryQuery } from '../templates/queries.js';
import { ChatPanel } from './chat/chat-panel.js';
import { Canvas } from './components/canvas.js';
import { type NodePreset, Palette } from './components/palette.js';
import { PropertiesPanel, preloadConfigForm } from './components/properties-panel.js';
import { PublishDialog } from './components/publish-dialog.js';
import { RunPanel } from './components/run-panel.js';
import { ShortcutsDialog } from './components/shortcuts-dialog.js';
import { VersionsDialog } from './components/versions-dialog.js';
import {
  DesignerContext,
  type DesignerContextValue,
  useDesigner,
  useDesignerApi,
  useIssues,
} from './context.js';
import { type ShortcutActions, useShortcuts } from './hooks/use-shortcuts.js';
import { useLiveValidation } from './hooks/use-validation.js';
import { createRunStore } from './model/run-state.js';
import { createDesignerStore } from './model/store.js';
import { nodeTypesQuery, workflowQuery } from './queries.js';
import { entryElements } from './triggers/entry-nodes.js';
import { triggersQuery } from './triggers/queries.js';
import { TriggersDialog } from './triggers/triggers-dialog.js';

// The run dialog's input form comes from the form library: loaded the first time the dialog opens.
const RunDialog = lazy(() => import('./components/run-dialog.js').then((m) => ({ default: m.RunDialog })));

export default function DesignerPage() {
  const { id = '' } = useParams();
  const me = useMe().data;
  const workflow = useQuery(workflowQuery(id));
  const types = useQuery(nodeTypesQuery);
  const [ctx] = useState<DesignerContextValue>(() => ({
    store: createDesignerStore(),
    run: createRunStore(),
    nodeTypes: new Map(),
  }));
  const loadedVersion = useRef<string>('');
  // The canvas mounts with its nodes already loaded: it picks its first viewport from them.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const w = workflow.data;
    if (!w || me === undefined) return;
    const key = `${w.id}@${w.version}`;
    if (loadedVersion.current === key) return;
    loadedVersion.current = key;
    const definition = { ...(w.definition as Workflow), name: w.name, version: w.version };
    const load = (wf: Workflow) => {
      ctx.store.getState().load(wf, { readOnly: !canEdit(me) });
      setLoaded(true);
    };
    // A workflow none of whose nodes has a position (one installed from a template, or written by hand) opens
    // auto-laid-out rather than on the grid; the positions are saved with the next save.
    if (definition.agents.length > 2 && definition.agents.every((a) => !a.position)) {
      void import('./model/layout.js').then(({ layoutPositions }) => {
        const positions = layoutPositions(
          definition.agents.map((a) => ({ id: a.id, width: 200, height: 64 })),
          definition.connections.map((c) => ({ source: c.sourceAgentId, target: c.targetAgentId })),
        );
        load({
          ...definition,
          agents: definition.agents.map((a) => ({ ...a, position: positions[a.id] ?? { x: 0, y: 0 } })),
        });
      });
    } else load(definition);
  }, [workflow.data, me, ctx]);
  if (types.data) for (const t of types.data) ctx.nodeTypes.set(t.type, t);

  if (workflow.isError)
    return (
      <AppShell>
        <p role="alert" className="p-6">
          {errorText(workflow.error)}
        </p>
      </AppShell>
    );
  if (!workflow.data || !types.data || !loaded)
    return (
      <AppShell>
        <p className="p-6 text-sm text-slate-500">Loading…</p>
      </AppShell>
    );
  return (
    <DesignerContext.Provider value={ctx}>
      <ReactFlowProvider>
        <Designer workflowId={id} version={workflow.data.version} />
      </ReactFlowProvider>
    </DesignerContext.Provider>
  );
}

function Designer({ workflowId, version }: { workflowId: string; version: number }) {
  const { store, run, nodeTypes } = useDesignerApi();
  const location = useLocation();
  const queryClient = useQueryClient();
  const flow = useReactFlow();
  useLiveValidation();
  const name = useDesigner((s) => s.meta.name);
  const readOnly = useDesigner((s) => s.readOnly);
  const dirty = useDesigner((s) => s.revision !== s.savedRevision);
  const canUndo = useDesigner((s) => s.past.length > 0);
  const canRedo = useDesigner((s) => s.future.length > 0);
  const problemCount = useIssues(
    (s) => Object.values(s.nodes).flat().length + Object.values(s.edges).flat().length + s.general.length,
  );
  const me = useMe().data;
  const mayRun = me?.permissions.includes('workflow:execute') ?? false;
  const mayPublish = me?.permissions.includes('template:publish') ?? false;
  const [publishing, setPublishing] = useState(false);
  const library = useQuery(agentLibraryQuery);
  const description = useDesigner((s) => s.meta.description);
  const [help, setHelp] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [triggersOpen, setTriggersOpen] = useState(false);
  const [chatOpen, setChatOpen] = useState(false);
  // The workflow's triggers, drawn as its entry nodes left of the input node.
  const triggers = useQuery(triggersQuery(workflowId));
  const inputNode = useDesigner((s) => s.nodes.find((n) => n.data.agent.type === 'input'));
  const extras = useMemo(
    () => ({ ...entryElements(triggers.data ?? [], inputNode), onOpen: () => setTriggersOpen(true) }),
    [triggers.data, inputNode],
  );
  const [running, setRunning] = useState(false);
  // Mounted from its first opening on (it keeps the input typed for the next run).
  const [runDialogUsed, setRunDialogUsed] = useState(false);
  if (running && !runDialogUsed) setRunDialogUsed(true);
  const [notice, setNotice] = useState<string>();
  // Arriving from a template's install: the run dialog starts with the template's sample input.
  const [sampleInput] = useState<unknown>(
    () => (location.state as { sampleInput?: unknown } | null)?.sampleInput,
  );
  const monitor = useRef<{ close(): void } | undefined>(undefined);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(undefined), 5000);
    return () => clearTimeout(timer);
  }, [notice]);
  useEffect(() => () => monitor.current?.close(), []);

  /** Streams one execution onto the canvas (replayed from its first event, then live). */
  const follow = (executionId: string) => {
    monitor.current?.close();
    run.getState().reset({ executionId, status: 'starting' });
    monitor.current = client.monitor(workflowId, {
      executionId,
      onEvent: (event) => {
        run.getState().apply(event);
        if (event.type === 'execution.completed') monitor.current?.close();
      },
    });
  };
  // After a reload in the middle of a run: follow the workflow's unfinished execution again, without gaps.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per opened workflow
  useEffect(() => {
    let stale = false;
    void (async () => {
      const latest = unwrap(
        await api.GET('/api/v1/executions', { params: { query: { workflowId, limit: 1 } } }),
      ).items[0];
      if (!stale && latest && ['queued', 'running', 'paused'].includes(latest.status)) follow(latest.id);
    })().catch(() => {});
    return () => {
      stale = true;
    };
  }, [workflowId]);

  const save = useMutation({
    mutationFn: async () => {
      const { id: _id, version: _v, workspaceId: _ws, ...body } = store.getState().workflow();
      return unwrap(
        await api.PUT('/api/v1/workflows/{id}', {
          params: { path: { id: workflowId } },
          body: body as never,
        }),
      );
    },
    onSuccess: (saved) => {
      store.getState().markSaved();
      setNotice(`Saved as version ${saved.version}.`);
      queryClient.setQueryData(keys.workflows.one(workflowId), saved);
      void queryClient.invalidateQueries({ queryKey: keys.workflows.all });
    },
    onError: (error) => setNotice(errorText(error)),
  });

  const execute = useMutation({
    mutationFn: async (input: unknown) => {
      if (store.getState().revision !== store.getState().savedRevision && !readOnly) await save.mutateAsync();
      return unwrap(
        await api.POST('/api/v1/workflows/{id}/execute', {
          params: { path: { id: workflowId } },
          body: { input },
        }),
      );
    },
    onSuccess: ({ executionId }) => {
      setRunning(false);
      follow(executionId);
    },
  });
  const cancel = useMutation({
    mutationFn: async () => {
      const executionId = run.getState().executionId;
      if (executionId)
        await api.POST('/api/v1/executions/{id}/cancel', { params: { path: { id: executionId } } });
    },
    onError: (error) => setNotice(errorText(error)),
  });

  // The form library and auto-layout load after the canvas has drawn (neither is needed to draw it).
  useEffect(() => {
    const handle = requestIdleCallback(preloadConfigForm, { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }, []);
  const layout = async () => {
    const { layoutPositions } = await import('./model/layout.js');
    const { nodes, edges } = store.getState();
    store.getState().setPositions(
      layoutPositions(
        nodes.map((n) => ({
          id: n.id,
          ...(n.measured?.width ? { width: n.measured.width } : {}),
          ...(n.measured?.height ? { height: n.measured.height } : {}),
        })),
        edges,
      ),
    );
    requestAnimationFrame(() => void flow.fitView({ padding: 0.25, duration: 200 }));
  };
  const actions: ShortcutActions = {
    undo: () => store.getState().undo(),
    redo: () => store.getState().redo(),
    copy: () => store.getState().copySelection(),
    paste: () => store.getState().paste(),
    selectAll: () => store.getState().selectAll(),
    remove: () => store.getState().removeSelected(),
    save: () => {
      if (!store.getState().readOnly) save.mutate();
    },
    layout,
    fit: () => void flow.fitView({ padding: 0.25, duration: 200 }),
    help: () => setHelp(true),
  };
  useShortcuts(actions);

  const addAtCenter = (type: string, preset?: NodePreset) => {
    const rect = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const p = flow.screenToFlowPosition({
      x: (rect?.left ?? 0) + (rect?.width ?? 600) / 2,
      y: (rect?.top ?? 0) + (rect?.height ?? 400) / 2,
    });
    store
      .getState()
      .addNode(type, { x: Math.round(p.x - 96), y: Math.round(p.y - 28) }, preset?.config, preset?.name);
  };
  const inputSchema = useDesigner((s) => {
    const input = s.nodes.find((n) => n.data.agent.type === 'input');
    const schema = input?.data.agent.config.schema;
    return typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>) : undefined;
  });

  const toolbar = (
    <>
      {readOnly && <Badge tone="amber">Read-only</Badge>}
      <Badge tone={problemCount > 0 ? 'red' : 'green'}>
        <span data-testid="problem-count">
          {problemCount > 0 ? `${problemCount} problem${problemCount > 1 ? 's' : ''}` : 'Valid'}
        </span>
      </Badge>
      <Button size="sm" variant="ghost" onClick={() => setVersionsOpen(true)} title="Versions">
        <span data-testid="version">v{version}</span>
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setTriggersOpen(true)}
        title="Webhooks, schedules and workflow events that start this workflow"
      >
        Triggers
        {(triggers.data?.length ?? 0) > 0 && (
          <span data-testid="trigger-count" className="text-xs text-slate-500 dark:text-slate-400">
            {triggers.data!.length}
          </span>
        )}
      </Button>
      <Button
        size="sm"
        variant={chatOpen ? 'primary' : 'ghost'}
        onClick={() => setChatOpen((open) => !open)}
        aria-pressed={chatOpen}
        title="Chat with this workflow (each message runs it)"
      >
        Chat
      </Button>
    </>
  );

  return (
    <AppShell actions={toolbar}>
      <div className="flex h-full flex-col">
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
          <input
            aria-label="Workflow name"
            className="h-8 min-w-0 flex-1 rounded border border-transparent bg-transparent px-2 text-base font-semibold hover:border-slate-300 focus:border-indigo-500 focus:outline-none sm:max-w-sm dark:hover:border-slate-600"
            value={name}
            readOnly={readOnly}
            onChange={(e) => store.getState().setMeta({ name: e.target.value })}
          />
          {dirty && !readOnly && (
            <span className="text-xs text-amber-600 dark:text-amber-400">Unsaved changes</span>
          )}
          <div className="ml-auto flex flex-wrap items-center gap-1.5">
            <Button
              size="sm"
              variant="ghost"
              onClick={actions.undo}
              disabled={!canUndo || readOnly}
              aria-label="Undo"
              title="Undo (Ctrl+Z)"
            >
              ↶
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={actions.redo}
              disabled={!canRedo || readOnly}
              aria-label="Redo"
              title="Redo (Ctrl+Shift+Z)"
            >
              ↷
            </Button>
            <Button size="sm" onClick={layout} disabled={readOnly} title="Auto-layout (Shift+L)">
              Auto-layout
            </Button>
            <Button size="sm" onClick={actions.fit} title="Zoom to fit (Shift+F)">
              Fit
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setHelp(true)}
              aria-label="Keyboard shortcuts"
              title="Keyboard shortcuts (?)"
            >
              ?
            </Button>
            {!readOnly && (
              <Button
                size="sm"
                onClick={() => save.mutate()}
                disabled={save.isPending}
                title="Save a new version (Ctrl+S)"
              >
                Save
              </Button>
            )}
            <Button
              size="sm"
              onClick={() => setPublishing(true)}
              disabled={!mayPublish}
              title={
                mayPublish
                  ? 'Publish what is on the canvas as a template others can install'
                  : 'Your role may not publish templates (template:publish)'
              }
            >
              Publish as template
            </Button>
            <Button size="sm" variant="primary" onClick={() => setRunning(true)} disabled={!mayRun}>
              ▶ Run
            </Button>
          </div>
        </div>
        {notice && (
          <p
            role="status"
            className="fixed right-4 top-28 z-30 max-w-sm rounded-md bg-slate-900 px-4 py-2 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
          >
            {notice}
          </p>
        )}
        <div className="flex min-h-0 flex-1">
          <Palette
            types={[...nodeTypes.values()]}
            onAdd={addAtCenter}
            disabled={readOnly}
            library={library.data ?? []}
          />
          <div className="flex min-w-0 flex-1 flex-col">
            <div className="min-h-0 flex-1">
              <Canvas extras={extras} />
            </div>
            <RunPanel onCancel={() => cancel.mutate()} onClose={() => run.getState().reset()} />
          </div>
          {/* The chat takes the properties' place beside the canvas (under the toolbar, never over it). */}
          {chatOpen ? (
            <ChatPanel workflowId={workflowId} readOnly={readOnly} onClose={() => setChatOpen(false)} />
          ) : (
            <PropertiesPanel />
          )}
        </div>
      </div>
      <ShortcutsDialog open={help} onOpenChange={setHelp} />
      <TriggersDialog
        workflowId={workflowId}
        open={triggersOpen}
        onOpenChange={setTriggersOpen}
        readOnly={readOnly}
      />
      <VersionsDialog
        workflowId={workflowId}
        current={version}
        open={versionsOpen}
        onOpenChange={setVersionsOpen}
        readOnly={readOnly}
      />
      <PublishDialog
        open={publishing}
        onOpenChange={setPublishing}
        workflow={store.getState().workflow}
        description={description}
      />
      {runDialogUsed && (
        <Suspense fallback={null}>
          <RunDialog
            open={running}
            onOpenChange={setRunning}
            inputSchema={inputSchema}
            onRun={(input) => execute.mutate(input)}
            pending={execute.isPending}
            error={execute.error ? errorText(execute.error) : undefined}
            initialInput={sampleInput}
          />
        </Suspense>
      )}
    </AppShell>
  );
}
