/**
 * Every execution of the workspace, newest first: filters (workflow, status, time range) in the URL, cursor
 * pages loaded as the list scrolls, rows virtualized (only the visible ones are in the DOM, so 10,000 rows
 * scroll smoothly), live (the workspace's execution stream asks the newest page again at each change, merged
 * into the list; polled every few seconds only while the stream is down), cost and duration.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../lib/api.js';
import { Badge } from '../../ui/badge.js';
import { Button } from '../../ui/button.js';
import { inputClass } from '../../ui/field.js';
import { AppShell } from '../auth/app-shell.js';
import {
  EXECUTION_STATUSES,
  type ExecutionFilters,
  mergeRows,
  parseFilters,
  RANGES,
  type RangeKey,
  serializeFilters,
  toQuery,
} from './model/filters.js';
import {
  executionDuration,
  formatCost,
  formatDuration,
  formatTime,
  formatTokens,
  STATUS_TONE,
} from './model/format.js';
import { LIVE_INTERVAL_MS, useExecutionHead, useExecutionPages, useWorkflowNames } from './queries.js';
import { useExecutionStream } from './use-execution-stream.js';

const ROW_HEIGHT = 44;

const TRIGGER_KIND: Record<string, string> = {
  webhook: 'Webhook',
  schedule: 'Schedule',
  workflow_event: 'Workflow event',
  chat: 'Chat',
};

/** What started an execution: a trigger (kind and name), else a person or an API client. */
function TriggerLabel({ trigger }: { trigger?: { id: string; kind: string; name?: string } }) {
  if (!trigger) return <span className="text-xs text-slate-500 dark:text-slate-400">Manual / API</span>;
  const kind = TRIGGER_KIND[trigger.kind] ?? trigger.kind;
  return (
    <span className="text-xs" title={`${kind}${trigger.name ? `: ${trigger.name}` : ''} (${trigger.id})`}>
      <span className="font-medium text-slate-700 dark:text-slate-200">{kind}</span>
      {trigger.name && <span className="ml-1 text-slate-500 dark:text-slate-400">{trigger.name}</span>}
    </span>
  );
}

function toLocalInput(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export default function ExecutionsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const [minute, setMinute] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setMinute(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const query = useMemo(() => toQuery(filters, minute), [filters, minute]);
  const pages = useExecutionPages(query);
  const streamOpen = useExecutionStream();
  const head = useExecutionHead(query, !streamOpen);
  const names = useWorkflowNames();
  const nameOf = useMemo(() => new Map((names.data ?? []).map((w) => [w.id, w.name])), [names.data]);
  const navigate = useNavigate();

  const rows = useMemo(
    () =>
      mergeRows(
        head.data?.items ?? [],
        (pages.data?.pages ?? []).flatMap((p) => p.items),
      ),
    [head.data, pages.data],
  );

  const set = (patch: Partial<ExecutionFilters>) => setParams(serializeFilters({ ...filters, ...patch }));

  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Before the first measurement (and where there is no layout): a typical viewport.
    initialRect: { width: 1200, height: 800 },
  });
  const items = virtual.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1]!.index : -1;
  useEffect(() => {
    if (lastIndex >= rows.length - 30 && pages.hasNextPage && !pages.isFetchingNextPage) {
      void pages.fetchNextPage();
    }
  }, [lastIndex, rows.length, pages]);

  const padTop = items.length > 0 ? items[0]!.start : 0;
  const padBottom = items.length > 0 ? virtual.getTotalSize() - items[items.length - 1]!.end : 0;
  const filtered =
    filters.workflowId !== undefined || filters.status !== undefined || filters.range !== 'all';
  const now = Date.now();

  return (
    <AppShell>
      <main className="mx-auto flex h-full max-w-7xl flex-col px-6 py-5">
        <div className="mb-4 flex flex-wrap items-center gap-3">
          <h1 className="mr-auto text-xl font-semibold">Executions</h1>
          <span
            className="flex items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400"
            title={streamOpen ? 'Updated as executions change' : `Updated every ${LIVE_INTERVAL_MS / 1000} s`}
            data-live={streamOpen ? 'stream' : 'poll'}
          >
            <span
              aria-hidden
              className={`inline-block h-2 w-2 rounded-full ${head.isError ? 'bg-red-500' : 'bg-emerald-500'}`}
            />
            {head.isError ? 'Live updates paused' : 'Live'}
          </span>
        </div>
        <search className="mb-3 flex flex-wrap items-end gap-3" aria-label="Filter executions">
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
            Workflow
            <select
              className={`${inputClass} w-56`}
              value={filters.workflowId ?? ''}
              onChange={(e) => set({ workflowId: e.target.value || undefined })}
            >
              <option value="">All workflows</option>
              {(names.data ?? []).map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
              {filters.workflowId && !nameOf.has(filters.workflowId) && (
                <option value={filters.workflowId}>{filters.workflowId}</option>
              )}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
            Status
            <select
              className={`${inputClass} w-40`}
              value={filters.status ?? ''}
              onChange={(e) => set({ status: (e.target.value || undefined) as ExecutionFilters['status'] })}
            >
              <option value="">All statuses</option>
              {EXECUTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s[0]!.toUpperCase() + s.slice(1)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
            Time
            <select
              className={`${inputClass} w-44`}
              value={filters.range}
              onChange={(e) => {
                const range = e.target.value as RangeKey;
                set(
                  range === 'custom'
                    ? { range, since: Date.now() - 86_400_000, until: undefined }
                    : { range, since: undefined, until: undefined },
                );
              }}
            >
              {Object.entries(RANGES).map(([key, r]) => (
                <option key={key} value={key}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          {filters.range === 'custom' && (
            <>
              <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
                From
                <input
                  type="datetime-local"
                  className={`${inputClass} w-52`}
                  value={toLocalInput(filters.since)}
                  onChange={(e) =>
                    set({ since: e.target.value ? new Date(e.target.value).getTime() : undefined })
                  }
                />
              </label>
              <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
                To
                <input
                  type="datetime-local"
                  className={`${inputClass} w-52`}
                  value={toLocalInput(filters.until)}
                  onChange={(e) =>
                    set({ until: e.target.value ? new Date(e.target.value).getTime() : undefined })
                  }
                />
              </label>
            </>
          )}
          {filtered && (
            <Button variant="ghost" onClick={() => setParams(new URLSearchParams())}>
              Clear filters
            </Button>
          )}
        </search>
        {pages.isError && (
          <p
            role="alert"
            className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
          >
            {errorText(pages.error)}{' '}
            <Button size="sm" variant="ghost" onClick={() => void pages.refetch()}>
              Retry
            </Button>
          </p>
        )}
        <div
          ref={scroller}
          data-testid="executions-scroller"
          className="min-h-0 flex-1 overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
        >
          <table className="w-full table-fixed text-left text-sm" aria-rowcount={rows.length + 1}>
            <thead className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
              <tr aria-rowindex={1}>
                <th className="w-28 px-3 py-2.5 font-medium">Status</th>
                <th className="px-3 py-2.5 font-medium">Workflow</th>
                <th className="w-44 px-3 py-2.5 font-medium">Trigger</th>
                <th className="w-36 px-3 py-2.5 font-medium">Execution</th>
                <th className="w-44 px-3 py-2.5 font-medium">Started</th>
                <th className="w-28 px-3 py-2.5 text-right font-medium">Duration</th>
                <th className="w-16 px-3 py-2.5 text-right font-medium">Steps</th>
                <th className="w-24 px-3 py-2.5 text-right font-medium">Tokens</th>
                <th className="w-24 px-3 py-2.5 text-right font-medium">Cost</th>
              </tr>
            </thead>
            <tbody>
              {padTop > 0 && (
                <tr aria-hidden>
                  <td colSpan={9} style={{ height: padTop }} />
                </tr>
              )}
              {items.map((item) => {
                const e = rows[item.index]!;
                const tokens = e.usage.inputTokens + e.usage.outputTokens;
                return (
                  <tr
                    key={e.id}
                    data-index={item.index}
                    aria-rowindex={item.index + 2}
                    data-testid="execution-row"
                    data-status={e.status}
                    className="h-11 cursor-pointer border-b border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/60"
                    onClick={(ev) => {
                      if ((ev.target as HTMLElement).closest('a')) return;
                      navigate(`/executions/${e.id}`);
                    }}
                  >
                    <td className="px-3">
                      <Badge tone={STATUS_TONE[e.status] ?? 'slate'}>{e.status}</Badge>
                    </td>
                    <td className="truncate px-3">
                      {nameOf.get(e.workflowId) ?? <span className="font-mono text-xs">{e.workflowId}</span>}
                      <span className="ml-1.5 text-xs text-slate-500 dark:text-slate-400">
                        v{e.workflowVersion}
                      </span>
                      {e.forkedFrom && (
                        <span
                          className="ml-1.5 rounded bg-slate-100 px-1 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300"
                          title={`From execution ${e.forkedFrom.executionId}`}
                        >
                          {e.forkedFrom.nodeId ? `fork at ${e.forkedFrom.nodeId}` : 're-run'}
                        </span>
                      )}
                    </td>
                    <td className="truncate px-3" data-testid="execution-trigger">
                      <TriggerLabel trigger={e.trigger} />
                    </td>
                    <td className="truncate px-3">
                      <Link
                        to={`/executions/${e.id}`}
                        className="font-mono text-xs text-indigo-700 hover:underline dark:text-indigo-300"
                        title={e.id}
                      >
                        {e.id.slice(0, 12)}
                      </Link>
                    </td>
                    <td className="truncate px-3 text-slate-600 tabular-nums dark:text-slate-300">
                      {formatTime(e.startedAt ?? e.createdAt)}
                    </td>
                    <td className="px-3 text-right tabular-nums">
                      {formatDuration(executionDuration(e, now))}
                    </td>
                    <td className="px-3 text-right tabular-nums">{e.stepCount}</td>
                    <td className="px-3 text-right tabular-nums">{formatTokens(tokens)}</td>
                    <td className="px-3 text-right tabular-nums" data-testid="execution-cost">
                      {formatCost(e.usage.costUsd)}
                    </td>
                  </tr>
                );
              })}
              {padBottom > 0 && (
                <tr aria-hidden>
                  <td colSpan={9} style={{ height: padBottom }} />
                </tr>
              )}
              {pages.isPending && (
                <tr>
                  <td colSpan={9} className="px-4 py-10 text-center text-slate-500 dark:text-slate-400">
                    Loading executions…
                  </td>
                </tr>
              )}
              {pages.isSuccess && rows.length === 0 && (
                <tr>
                  <td colSpan={9} className="px-4 py-12 text-center text-slate-500 dark:text-slate-400">
                    {filtered ? (
                      'No execution matches these filters.'
                    ) : (
                      <>
                        No executions yet. Run a workflow from the{' '}
                        <Link to="/workflows" className="text-indigo-700 underline dark:text-indigo-300">
                          designer
                        </Link>{' '}
                        and it shows up here.
                      </>
                    )}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
          {rows.length > 0 &&
            `${rows.length.toLocaleString()} shown${pages.hasNextPage ? ', more as you scroll' : ''}${
              pages.isFetchingNextPage ? ' (loading…)' : ''
            }`}
        </p>
      </main>
    </AppShell>
  );
}
