/**
 * The dashboard's server state and derived series: executions, steps (refreshed every 15 s) and the workspace's
 * costs (every 30 s) from the aggregate API for a window and optionally one workflow, the chart series and the
 * per-provider, per-model, per-workflow and per-node rows.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '../../lib/api.js';
import { formatCost, formatDuration } from '../executions/model/format.js';
import { useWorkflowNames } from '../executions/queries.js';
import type { ChartSeries } from './chart.js';
import { groupModels, type Window } from './dashboard-data.js';

export function useDashboardData(span: Window, workflowId: string) {
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
  return {
    names,
    nameOf,
    executions,
    steps,
    costs,
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
  };
}
