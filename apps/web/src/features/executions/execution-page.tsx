/**
 * One execution, running or finished: the workflow graph with each node's state (click a node for its step,
 * a connection for its messages), the timeline of steps, the log, input and output, cost; re-run and cancel.
 * Unfinished executions follow the live monitor.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Tabs } from 'radix-ui';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorText, unwrap } from '../../lib/api.js';
import { AppShell } from '../auth/app-shell.js';
import { useMe } from '../auth/session.js';
import { JsonViewer } from '../designer/components/json-viewer.js';
import { DeadLetterRetry, mayBeDeadLettered } from './components/dead-letter-retry.js';
import { ExecutionHeader } from './components/execution-header.js';
import { ForkDialog } from './components/fork-dialog.js';
import {
  type GraphAgent,
  type GraphConnection,
  GraphView,
  kindOf,
  type NodeSummary,
} from './components/graph-view.js';
import { LogViewer } from './components/log-viewer.js';
import { MessagesPanel } from './components/messages-panel.js';
import { StepPanel } from './components/step-panel.js';
import { TimelineView } from './components/timeline-view.js';
import './executions.css';
import { executionDuration } from './model/format.js';
import { buildTimeline } from './model/timeline.js';
import {
  type ExecutionOverview,
  opsKeys,
  stepQuery,
  useConnectionMessages,
  useExecution,
  useStepRecords,
} from './queries.js';
import { useExecutionLogs } from './use-execution-logs.js';
import { useLiveExecution } from './use-live-execution.js';

type Selection = { kind: 'node'; agentId: string; iteration?: number } | { kind: 'edge'; id: string };

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);
const tabClass =
  'rounded-t-md border-b-2 border-transparent px-3 py-1.5 text-sm font-medium text-slate-600 data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700 dark:text-slate-300 dark:data-[state=active]:border-indigo-400 dark:data-[state=active]:text-indigo-300';

export default function ExecutionPage() {
  const { id = '' } = useParams();
  const detail = useExecution(id);
  return (
    <AppShell>
      {detail.isPending && (
        <p className="p-6 text-sm text-slate-500 dark:text-slate-400">Loading the execution…</p>
      )}
      {detail.isError && (
        <div className="p-6">
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {errorText(detail.error)}
          </p>
          <Link
            to="/executions"
            className="mt-2 inline-block text-sm text-indigo-700 underline dark:text-indigo-300"
          >
            Back to executions
          </Link>
        </div>
      )}
      {detail.data && <ExecutionView data={detail.data} />}
    </AppShell>
  );
}

function ExecutionView({ data }: { data: ExecutionOverview }) {
  const { execution, steps, messageCounts: counted, logs: overviewLogs } = data;
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const finished = FINISHED.has(execution.status);
  const live = useLiveExecution(execution.id, execution.workflowId, finished);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (finished) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [finished]);

  const workflow = execution.workflow as {
    name?: string;
    agents?: (GraphAgent & { config?: Record<string, unknown> })[];
    connections?: GraphConnection[];
  };
  const agents = workflow.agents ?? [];
  const connections = workflow.connections ?? [];

  const timeline = useMemo(
    () =>
      buildTimeline({
        steps,
        connections,
        running: finished ? {} : live.running,
        ...(execution.startedAt !== undefined ? { executionStart: execution.startedAt } : {}),
        ...(execution.completedAt !== undefined ? { executionEnd: execution.completedAt } : {}),
        now: finished ? (execution.completedAt ?? now) : now,
      }),
    [steps, connections, live.running, finished, execution.startedAt, execution.completedAt, now],
  );

  const summaries = useMemo(() => {
    const out: Record<string, NodeSummary> = {};
    const critical = new Set(timeline.criticalPath.map((k) => k.slice(0, k.lastIndexOf('#'))));
    for (const agent of agents) {
      const mine = steps.filter((s) => s.agentId === agent.id).sort((a, b) => a.seq - b.seq);
      const last = mine.findLast((s) => s.status !== 'waiting') ?? mine[mine.length - 1];
      let state: string = last?.status ?? (finished ? 'not-run' : 'pending');
      const reused = mine.length > 0 && mine.every((s) => s.reusedFrom !== undefined);
      if (reused) state = 'reused';
      if (execution.waiting.includes(agent.id)) state = 'waiting';
      if (!finished && live.running[agent.id]) state = 'running';
      out[agent.id] = {
        state,
        ...(last && last.status !== 'waiting' && !reused
          ? { durationMs: last.completedAt - last.startedAt }
          : {}),
        attempts: reused ? 0 : Math.max(0, ...mine.map((s) => s.attempt)),
        costUsd: reused ? 0 : mine.reduce((sum, s) => sum + (s.usage?.costUsd ?? 0), 0),
        critical: critical.has(agent.id),
      };
    }
    return out;
  }, [agents, steps, execution.waiting, live.running, finished, timeline.criticalPath]);

  const messageCounts = useMemo(
    () => new Map(counted.map((c) => [c.connectionId, c.count] as const)),
    [counted],
  );

  const [selection, setSelection] = useState<Selection | undefined>();
  const selectNode = useCallback((agentId: string) => setSelection({ kind: 'node', agentId }), []);
  const selectEdge = useCallback((edgeId: string) => setSelection({ kind: 'edge', id: edgeId }), []);

  const { allLogs, logLines } = useExecutionLogs(execution.id, steps, overviewLogs);

  const can = (permission: string) => me?.permissions.includes(permission as never) ?? false;
  const opened = async ({ executionId }: { executionId: string }) => {
    await queryClient.invalidateQueries({ queryKey: opsKeys.executions });
    navigate(`/executions/${executionId}`);
  };
  const rerun = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/executions/{id}/rerun', { params: { path: { id: execution.id } } })),
    onSuccess: opened,
  });
  const [forking, setForking] = useState(false);
  const fork = useMutation({
    mutationFn: async ({ nodeId, input }: { nodeId: string; input: { value: unknown } | undefined }) =>
      unwrap(
        await api.POST('/api/v1/executions/{id}/fork', {
          params: { path: { id: execution.id } },
          body: { nodeId, ...(input ? { input: input.value } : {}) },
        }),
      ),
    onSuccess: async (result) => {
      setForking(false);
      await opened(result);
    },
  });
  const forkable = finished || execution.status === 'paused';
  const cancel = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/executions/{id}/cancel', { params: { path: { id: execution.id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: opsKeys.detail(execution.id) }),
  });

  const duration = executionDuration(execution, now);
  const selectedConnection =
    selection?.kind === 'edge' ? connections.find((c) => c.id === selection.id) : undefined;
  const selectedAgent =
    selection?.kind === 'node' ? agents.find((a) => a.id === selection.agentId) : undefined;
  // The selected node's steps; those of the activation shown are read in full (input, output, tool calls).
  const nodeSteps = useMemo(
    () =>
      selection?.kind === 'node'
        ? steps.filter((s) => s.agentId === selection.agentId).sort((a, b) => a.seq - b.seq)
        : [],
    [steps, selection],
  );
  const shownIteration =
    selection?.kind === 'node' ? (selection.iteration ?? nodeSteps.at(-1)?.iteration) : undefined;
  const full = useStepRecords(nodeSteps.filter((s) => s.iteration === shownIteration));
  const panelSteps = useMemo(() => {
    const byId = new Map(full.records.map((r) => [r.id, r]));
    return nodeSteps.map((s) => byId.get(s.id) ?? s);
  }, [nodeSteps, full.records]);
  const connectionMessages = useConnectionMessages(
    execution.id,
    selection?.kind === 'edge' ? selection.id : undefined,
  );
  /** The input a node was given (its last activation's), read when the fork dialog asks for it. */
  const inputOf = async (nodeId: string) => {
    const last = steps.findLast((s) => s.agentId === nodeId && s.status !== 'waiting');
    if (!last) return undefined;
    return (await queryClient.fetchQuery(stepQuery(execution.id, last.id))).input;
  };
  const actionError = rerun.error ?? cancel.error;

  return (
    <main className="h-full overflow-auto">
      <div className="mx-auto max-w-[1600px] space-y-4 px-5 py-4">
        <ExecutionHeader
          execution={execution}
          workflowName={workflow.name}
          finished={finished}
          live={live.status === 'open'}
          durationMs={duration}
          can={can}
          forkable={forkable}
          cancelling={cancel.isPending}
          rerunning={rerun.isPending}
          onCancel={() => cancel.mutate()}
          onFork={() => setForking(true)}
          onRerun={() => rerun.mutate()}
        />
        <ForkDialog
          open={forking}
          onOpenChange={setForking}
          nodes={agents.map((a) => ({ id: a.id, label: a.name ? `${a.name} (${a.id})` : a.id }))}
          initialNode={selection?.kind === 'node' ? selection.agentId : undefined}
          inputOf={inputOf}
          pending={fork.isPending}
          error={fork.error ? errorText(fork.error) : undefined}
          onFork={(nodeId, input) => fork.mutate({ nodeId, input })}
          connections={connections}
        />
        {actionError && (
          <p
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
          >
            {errorText(actionError)}
          </p>
        )}
        {execution.error && (
          <div
            role="note"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/60 dark:text-red-200"
          >
            <span className="font-mono font-semibold">{execution.error.code}</span> {execution.error.message}
            {mayBeDeadLettered(execution.status, execution.error) && can('workflow:execute') && (
              <DeadLetterRetry executionId={execution.id} />
            )}
          </div>
        )}
        {execution.waiting.length > 0 && (
          <p className="rounded-md bg-violet-50 px-3 py-2 text-sm text-violet-900 dark:bg-violet-950/60 dark:text-violet-200">
            Waiting for a person at {execution.waiting.join(', ')}.{' '}
            <Link to="/approvals" className="font-medium underline">
              Answer in the approvals inbox
            </Link>
          </p>
        )}
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_24rem] xl:grid-cols-[minmax(0,1fr)_28rem]">
          <div className="h-[26rem] overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <GraphView
              agents={agents}
              connections={connections}
              summaries={summaries}
              messageCounts={messageCounts}
              selectedNode={selection?.kind === 'node' ? selection.agentId : undefined}
              selectedEdge={selection?.kind === 'edge' ? selection.id : undefined}
              onSelectNode={selectNode}
              onSelectEdge={selectEdge}
            />
          </div>
          <aside
            aria-label="Details"
            className="h-[26rem] overflow-auto rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
          >
            {selectedConnection ? (
              <MessagesPanel
                connectionId={selectedConnection.id}
                kind={kindOf(selectedConnection)}
                from={selectedConnection.sourceAgentId}
                to={selectedConnection.targetAgentId}
                count={messageCounts.get(selectedConnection.id) ?? 0}
                messages={connectionMessages.data?.pages.flatMap((p) => p.items) ?? []}
                loading={connectionMessages.isPending}
                onMore={
                  connectionMessages.hasNextPage && !connectionMessages.isFetchingNextPage
                    ? () => void connectionMessages.fetchNextPage()
                    : undefined
                }
              />
            ) : selection?.kind === 'node' ? (
              <StepPanel
                agentId={selection.agentId}
                agentType={selectedAgent?.type}
                agentName={selectedAgent?.name}
                steps={panelSteps}
                loadingData={full.loading}
                iteration={selection.iteration}
                onIteration={(iteration) =>
                  setSelection({ kind: 'node', agentId: selection.agentId, iteration })
                }
                toolCalls={live.toolCalls}
                logs={allLogs}
                live={finished ? undefined : live.running[selection.agentId]}
              />
            ) : (
              <div className="space-y-2 text-sm text-slate-600 dark:text-slate-300">
                <p>Click a node to see its input, output, attempts, provider calls and logs.</p>
                <p>Click a connection's message count to read the messages that flowed along it.</p>
                {timeline.criticalPath.length > 0 && (
                  <p>
                    Critical path:{' '}
                    <span className="font-medium text-amber-700 dark:text-amber-300">
                      {timeline.criticalPath.map((k) => k.replace(/#0$/, '')).join(' → ')}
                    </span>
                  </p>
                )}
              </div>
            )}
          </aside>
        </div>
        <Tabs.Root
          defaultValue="timeline"
          className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
        >
          <Tabs.List
            aria-label="Execution views"
            className="flex gap-1 border-b border-slate-200 px-2 pt-1 dark:border-slate-800"
          >
            <Tabs.Trigger value="timeline" className={tabClass}>
              Timeline
            </Tabs.Trigger>
            <Tabs.Trigger value="logs" className={tabClass}>
              Logs ({allLogs.length})
            </Tabs.Trigger>
            <Tabs.Trigger value="io" className={tabClass}>
              Input and output
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="timeline" className="p-3">
            <TimelineView
              timeline={timeline}
              selected={
                selection?.kind === 'node'
                  ? `${selection.agentId}#${selection.iteration ?? timeline.rows.findLast((r) => r.agentId === selection.agentId)?.iteration ?? 0}`
                  : undefined
              }
              onSelect={(agentId, iteration) => setSelection({ kind: 'node', agentId, iteration })}
            />
          </Tabs.Content>
          <Tabs.Content value="logs" className="p-3">
            <LogViewer
              lines={logLines}
              start={execution.startedAt ?? execution.createdAt}
              onOpenNode={selectNode}
            />
          </Tabs.Content>
          <Tabs.Content value="io" className="grid gap-3 p-3 md:grid-cols-2">
            <JsonViewer label="Input" value={execution.input} />
            <JsonViewer label="Output" value={execution.output} />
          </Tabs.Content>
        </Tabs.Root>
      </div>
    </main>
  );
}
