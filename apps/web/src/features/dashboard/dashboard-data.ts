/**
 * The dashboard's data shaping, free of React: the windows it offers, model stats summed per provider, model or
 * workflow, and the per-workflow table that joins the window's figures with this month's cost.
 */
import type { paths } from '@agentflow/client';

export type Window = '1h' | '24h' | '7d' | '30d';
export const WINDOWS: { key: Window; label: string }[] = [
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

/** The "Workflows" table rows: the window's model calls (of `only` when set) with the month's cost where known. */
export function mergeWorkflows(
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
