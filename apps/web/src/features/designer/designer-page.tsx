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
import { Toolbar } from './components/toolbar.js';
import { VersionsDialog } from './components/versions-dialog.js';
import { DesignerContext, type DesignerContextValue, useDesigner, useDesignerApi } from './context.js';
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
  const readOnly = useDesigner((s) => s.readOnly);
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

  return (
    <AppShell>
      <div className="flex h-full flex-col">
        <Toolbar
          version={version}
          actions={actions}
          saving={save.isPending}
          triggerCount={triggers.data?.length ?? 0}
          chatOpen={chatOpen}
          mayRun={mayRun}
          mayPublish={mayPublish}
          onVersions={() => setVersionsOpen(true)}
          onTriggers={() => setTriggersOpen(true)}
          onChat={() => setChatOpen((open) => !open)}
          onPublish={() => setPublishing(true)}
          onRun={() => setRunning(true)}
        />
        {notice && (
          <p
            role="status"
            className="fixed left-1/2 top-28 z-30 -translate-x-1/2 max-w-sm rounded-md bg-slate-900 px-4 py-2 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
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
