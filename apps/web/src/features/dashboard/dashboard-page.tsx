/**
 * The monitoring dashboard over the aggregate API (`/api/v1/analytics/...`, computed in the store): executions
 * per bucket with their outcomes, success rate, p50/p95 duration, cost; per-node and per-provider error rates;
 * tokens and cost per provider, model and workflow; the workspace's cost today and this month. Windows: last
 * hour, day, 7 days, 30 days; optionally one workflow. Charts with uPlot (loaded with this route only).
 *
 * This file lays the page out; the data is use-dashboard-data.ts (queries, series) and dashboard-data.ts
 * (grouping), the parts dashboard-header.tsx, dashboard-widgets.tsx, chart.tsx and alerts-card.tsx.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../lib/api.js';
import { AppShell } from '../auth/app-shell.js';
import { formatCost, formatDuration, formatTokens, percent } from '../executions/model/format.js';
import { AlertsCard } from './alerts-card.js';
import { TimeChart } from './chart.js';
import { mergeWorkflows, type Window } from './dashboard-data.js';
import { DashboardHeader } from './dashboard-header.js';
import { Kpi, StatTable } from './dashboard-widgets.js';
import { useDashboardData } from './use-dashboard-data.js';

export default function DashboardPage() {
  const [span, setSpan] = useState<Window>('24h');
  const [workflowId, setWorkflowId] = useState('');
  const {
    names,
    nameOf,
    costs,
    steps,
    stats,
    times,
    countSeries,
    durationSeries,
    costSeries,
    providers,
    perModel,
    perWorkflow,
    agents,
    totals,
    empty,
    error,
  } = useDashboardData(span, workflowId);

  return (
    <AppShell>
      <main className="h-full overflow-auto">
        <div className="mx-auto max-w-7xl space-y-4 px-6 py-5">
          <DashboardHeader
            workflows={names.data ?? []}
            workflowId={workflowId}
            onWorkflowId={setWorkflowId}
            span={span}
            onSpan={setSpan}
          />
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
