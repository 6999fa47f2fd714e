/**
 * The cost summary of the operations read models (`costSummary`): what executions created today and this month
 * (in the caller's UTC offset) cost, in total and per workflow, read from the executions' own totals.
 */
import { type CostQuery, type CostSummary, costPeriods } from '@agentflow/protocol';
import { Params, scope } from './analytics-sql.js';
import type { RawDb } from './raw.js';

/** `OperationsStore.costSummary`: today's and this month's cost, in total and per workflow, for a UTC offset. */
export async function costSummary(db: RawDb, query: CostQuery): Promise<CostSummary> {
  const now = query.now ?? Date.now();
  const { dayStart, monthStart } = costPeriods(now, query.utcOffsetMinutes);
  const p = new Params();
  const day = p.ts(dayStart);
  const month = p.ts(monthStart);
  const rows = await db.query<CostRow>(
    `SELECT e.workflow_id, coalesce(sum(e.cost_usd) FILTER (WHERE e.created_at >= ${day}), 0)::float8 AS today,
      coalesce(sum(e.cost_usd) FILTER (WHERE e.created_at >= ${month}), 0)::float8 AS month,
      (count(*) FILTER (WHERE e.created_at >= ${month}))::int AS n
    FROM workflow_executions e
    WHERE ${scope(p, query)} AND e.created_at >= least(${day}, ${month}) AND e.created_at < ${p.ts(now)}
    GROUP BY e.workflow_id`,
    p.values,
  );
  let todayUsd = 0;
  let monthUsd = 0;
  const workflows = [];
  for (const r of rows) {
    todayUsd += r.today;
    monthUsd += r.month;
    if (r.n > 0)
      workflows.push({
        workflowId: r.workflow_id,
        todayUsd: r.today,
        monthUsd: r.month,
        monthExecutions: r.n,
      });
  }
  workflows.sort((a, b) => b.monthUsd - a.monthUsd || (a.workflowId < b.workflowId ? -1 : 1));
  return { currency: 'USD', dayStart, monthStart, todayUsd, monthUsd, workflows };
}

interface CostRow {
  workflow_id: string;
  today: number;
  month: number;
  n: number;
}
