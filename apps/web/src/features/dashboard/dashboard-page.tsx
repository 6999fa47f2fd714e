/**
 * The monitoring dashboard over the aggregate API (`/api/v1/analytics/...`, computed in the store): executions
 * per bucket with their outcomes, success rate, p50/p95 duration, cost; per-node and per-provider error rates;
 * tokens and cost per provider, model and workflow; the workspace's cost today and this month. Windows: last
 * hour, day, 7 days, 30 days; optionally one workflow. Charts with uPlot (loaded with this route only).
 */
import type { paths } from '@agentflow/client';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, errorText, unwrap } from '../../lib/api.js';
import { inputClass } from '../../ui/field.js';
import { AppShell } from '../auth/app-shell.js';
import { formatCost, formatDuration, formatTokens, percent } from '../executions/model/format.js';
import { useWorkflowNames } from '../executions/queries.js';
import { AlertsCard } from './alerts-card.js';
import { type ChartSeries, TimeChart } from './chart.js';

type Window = '1h' | '24h' | '7d' | '30d';
const WINDOWS: { key: Window; label: string }[] = [
  { key: '1h', label: 'Last hour' },
  { key: '24h', label: 'Last 24 hours' },
  { key: '7d', label: 'Last 7 days' },
  { key: '30d', label: 'Last 30 days' },
];

type Ok<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer B } } } };
}
  ? B
  : never;
type StepStats = Ok<'/api/v1/analytics/steps'>;

export interface GroupRow {
  key: string;
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** Model stats summed per key (provider, provider/model, or workflow), most expensive first. */
export function groupModels(
  models: StepStats['models'],
  keyOf: (m: StepStats['models'][number]) => string,
): GroupRow[] {
  const groups = new Map<string, GroupRow>();
  for (const m of models) {
    const key = keyOf(m);
    const g = groups.get(key) ?? { key, calls: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    g.calls += m.calls;
    g.errors += m.errors;
    g.inputTokens += m.inputTokens;
    g.outputTokens += m.outputTokens;
    g.costUsd += m.costUsd;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.costUsd - a.costUsd || b.calls - a.calls);
}

export default function DashboardPage() {
  const [span, setSpan] = useState<Window>('24h');
  const [workflowId, setWorkflowId] = useState('');
  const query = { window: span, ...(workflowId ? { workflowId } : {}) };
  const names = useWorkflowNames();
  const nameOf = useMemo(() => new Map((names.data ?? []).map((w) => [w.id, w.name])), [names.data]);
  const executions = useQuery({
    queryKey: ['analytics', 'executions', query],
    queryFn: async () => unwrap(await api.GET('/api/v1/analytics/executions', { params: { query } })),
    refetchInterval: 15_000,
  });
  const steps = useQuery({
    queryKey: ['analytics', 'steps', query],
    queryFn: async () => unwrap(await api.GET('/api/v1/analytics/steps', { params: { query } })),
    refetchInterval: 15_000,
  });
  const costs = useQuery({
    queryKey: ['analytics', 'costs'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/analytics/costs', {
          params: { query: { utcOffsetMinutes: -new Date().getTimezoneOffset() } },
        }),
      ),
    refetchInterval: 30_000,
  });

  const stats = executions.data;
  const times = useMemo(() => stats?.buckets.map((b) => b.start) ?? [], [stats]);
  const countSeries = useMemo(
    (): ChartSeries[] =>
      stats
        ? [
            {
              label: 'Executions',
              values: stats.buckets.map((b) => b.total),
              color: '#6366f1',
              kind: 'bars',
            },
            { label: 'Failed', values: stats.buckets.map((b) => b.failed), color: '#dc2626' },
          ]
        : [],
    [stats],
  );
  const durationSeries = useMemo(
    (): ChartSeries[] =>
      stats
        ? [
            {
              label: 'p50',
              values: stats.buckets.map((b) => b.p50DurationMs),
              color: '#0ea5e9',
              format: formatDuration,
            },
            {
              label: 'p95',
              values: stats.buckets.map((b) => b.p95DurationMs),
              color: '#f59e0b',
              format: formatDuration,
            },
          ]
        : [],
    [stats],
  );
  const costSeries = useMemo(
    (): ChartSeries[] =>
      stats
        ? [
            {
              label: 'Cost',
              values: stats.buckets.map((b) => b.costUsd),
              color: '#10b981',
              kind: 'bars',
              format: formatCost,
            },
          ]
        : [],
    [stats],
  );
  const models = steps.data?.models ?? [];
  const providers = useMemo(() => groupModels(models, (m) => m.provider), [models]);
  const perModel = useMemo(() => groupModels(models, (m) => `${m.provider} / ${m.model}`), [models]);
  const perWorkflow = useMemo(() => groupModels(models, (m) => m.workflowId), [models]);
  const agents = useMemo(
    () => [...(steps.data?.agents ?? [])].sort((a, b) => b.errorRate - a.errorRate || b.steps - a.steps),
    [steps.data],
  );
  const totals = stats?.totals;
  const empty = stats !== undefined && stats.totals.total === 0;
  const error = executions.error ?? steps.error;

  return (
    <AppShell>
      <main className="h-full overflow-auto">
        <div className="mx-auto max-w-7xl space-y-4 px-6 py-5">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="mr-auto text-xl font-semibold">Dashboard</h1>
            <select
              aria-label="Workflow"
              className={`${inputClass} max-w-56`}
              value={workflowId}
              onChange={(e) => setWorkflowId(e.target.value)}
            >
              <option value="">All workflows</option>
              {(names.data ?? []).map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
            <fieldset className="flex rounded-md border border-slate-300 p-0.5 dark:border-slate-600">
              <legend className="sr-only">Window</legend>
              {WINDOWS.map((w) => (
                <label
                  key={w.key}
                  className={`cursor-pointer rounded px-2.5 py-1 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
                    span === w.key
                      ? 'bg-indigo-600 font-medium text-white'
                      : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800'
                  }`}
                >
                  <input
                    type="radio"
                    name="window"
                    value={w.key}
                    className="sr-only"
                    checked={span === w.key}
                    onChange={() => setSpan(w.key)}
                  />
                  {w.label}
                </label>
              ))}
            </fieldset>
          </div>
          {error && (
            <p
              role="alert"
              className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
            >
              {errorText(error)}
            </p>
          )}
          <AlertsCard />
          <section aria-label="Key figures" className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
            <Kpi
              label="Executions"
              value={totals ? totals.total.toLocaleString() : '…'}
              testId="kpi-executions"
            />
            <Kpi
              label="Success rate"
              value={totals ? percent(totals.successRate ?? undefined) : '…'}
              testId="kpi-success"
            />
            <Kpi
              label="p50 duration"
              value={totals ? formatDuration(totals.p50DurationMs ?? undefined) : '…'}
            />
            <Kpi
              label="p95 duration"
              value={totals ? formatDuration(totals.p95DurationMs ?? undefined) : '…'}
            />
            <Kpi label="Cost in window" value={totals ? formatCost(totals.costUsd) : '…'} testId="kpi-cost" />
            <Kpi
              label="Cost today"
              value={costs.data ? formatCost(costs.data.todayUsd) : '…'}
              testId="kpi-today"
            />
            <Kpi
              label="Cost this month"
              value={costs.data ? formatCost(costs.data.monthUsd) : '…'}
              testId="kpi-month"
            />
          </section>
          {empty && (
            <p className="rounded-lg border border-dashed border-slate-300 px-6 py-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
              No execution in this window.{' '}
              <Link to="/workflows" className="text-indigo-700 underline dark:text-indigo-300">
                Run a workflow
              </Link>{' '}
              or pick a longer window.
            </p>
          )}
          {stats && !empty && (
            <div className="grid gap-3 lg:grid-cols-3">
              <TimeChart
                title="Executions"
                summary={`${stats.totals.total} executions, ${stats.totals.failed} failed`}
                times={times}
                series={countSeries}
                testId="chart-executions"
              />
              <TimeChart
                title="Duration (p50, p95)"
                summary={`p50 ${formatDuration(stats.totals.p50DurationMs ?? undefined)}, p95 ${formatDuration(
                  stats.totals.p95DurationMs ?? undefined,
                )}`}
                times={times}
                series={durationSeries}
              />
              <TimeChart
                title="Cost"
                summary={`${formatCost(stats.totals.costUsd)} in the window`}
                times={times}
                series={costSeries}
              />
            </div>
          )}
          {steps.data && !empty && (
            <div className="grid gap-3 lg:grid-cols-2">
              <StatTable
                title="Providers"
                testId="table-providers"
                head={['Provider', 'Calls', 'Error rate', 'Tokens', 'Cost']}
                rows={providers.map((p) => [
                  p.key,
                  String(p.calls),
                  percent(p.calls > 0 ? p.errors / p.calls : undefined),
                  formatTokens(p.inputTokens + p.outputTokens),
                  formatCost(p.costUsd),
                ])}
                empty="No model call in this window."
              />
              <StatTable
                title="Models"
                head={['Provider / model', 'Calls', 'Errors', 'Tokens', 'Cost']}
                rows={perModel.map((p) => [
                  p.key,
                  String(p.calls),
                  String(p.errors),
                  formatTokens(p.inputTokens + p.outputTokens),
                  formatCost(p.costUsd),
                ])}
                empty="No model call in this window."
              />
              <StatTable
                title="Nodes (error rate)"
                testId="table-agents"
                textColumns={2}
                head={['Workflow', 'Node', 'Steps', 'Error rate', 'Cost']}
                rows={agents.map((a) => [
                  nameOf.get(a.workflowId) ?? a.workflowId,
                  a.agentId,
                  String(a.steps),
                  percent(a.errorRate),
                  formatCost(a.costUsd),
                ])}
                empty="No step in this window."
              />
              <StatTable
                title="Workflows"
                testId="table-workflows"
                head={['Workflow', 'Model calls', 'Tokens', 'Cost (window)', 'This month']}
                rows={mergeWorkflows(perWorkflow, costs.data?.workflows ?? [], workflowId).map((w) => [
                  nameOf.get(w.workflowId) ?? w.workflowId,
                  String(w.calls),
                  formatTokens(w.tokens),
                  formatCost(w.costUsd),
                  w.monthUsd === undefined ? '—' : formatCost(w.monthUsd),
                ])}
                empty="No workflow ran in this window."
              />
            </div>
          )}
        </div>
      </main>
    </AppShell>
  );
}

function mergeWorkflows(
  perWorkflow: GroupRow[],
  month: { workflowId: string; monthUsd: number }[],
  only: string,
): { workflowId: string; calls: number; tokens: number; costUsd: number; monthUsd?: number }[] {
  const monthOf = new Map(month.map((w) => [w.workflowId, w.monthUsd]));
  return perWorkflow
    .filter((w) => !only || w.key === only)
    .map((w) => {
      const monthUsd = monthOf.get(w.key);
      return {
        workflowId: w.key,
        calls: w.calls,
        tokens: w.inputTokens + w.outputTokens,
        costUsd: w.costUsd,
        ...(monthUsd !== undefined ? { monthUsd } : {}),
      };
    });
}

function Kpi({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2.5 dark:border-slate-800 dark:bg-slate-900">
      <div className="text-xs text-slate-600 dark:text-slate-400">{label}</div>
      <div className="mt-0.5 text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

function StatTable({
  title,
  head,
  rows,
  empty,
  testId,
  textColumns = 1,
}: {
  title: string;
  head: string[];
  rows: string[][];
  empty: string;
  testId?: string;
  /** Leading columns of text (left-aligned); the rest are numbers. */
  textColumns?: number;
}) {
  return (
    <section className="min-w-0 rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <h2 className="px-3 pt-2.5 pb-1.5 text-sm font-medium">{title}</h2>
      <div className="max-h-72 overflow-auto">
        <table className="w-full text-left text-sm" data-testid={testId}>
          <thead className="sticky top-0 bg-slate-50 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              {head.map((h, i) => (
                <th key={h} className={`px-3 py-1.5 font-medium ${i >= textColumns ? 'text-right' : ''}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.join('\u0000')} className="border-t border-slate-100 dark:border-slate-800">
                {r.map((cell, i) => (
                  <td
                    key={head[i]}
                    className={`px-3 py-1.5 ${i >= textColumns ? 'text-right tabular-nums' : 'max-w-48 truncate'}`}
                  >
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td
                  colSpan={head.length}
                  className="px-3 py-6 text-center text-slate-500 dark:text-slate-400"
                >
                  {empty}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
