/**
 * The operations read models on SQL (`OperationsStore`): monitoring aggregates, cost, approvals inbox. The same
 * definitions as core's reference implementation (`createStoreOperations`), computed in the database:
 *
 * - executions: buckets under an hour read the window's executions (`idx_executions_analytics`), the buckets and
 *   the totals in one GROUP BY GROUPING SETS, exact percentiles with `percentile_cont`; buckets of an hour or more
 *   read the hourly execution rollups (one row per workflow and one for the whole workspace), whose durations are
 *   histograms: percentiles within DURATION_ERROR (about 2 %, analytics-sql.ts) of the exact ones;
 * - steps: hourly and daily (UTC) rollups (`analytics_agent_rollups`/`_daily`, `analytics_model_rollups`/`_daily`,
 *   by the hour and day of the execution's creation) of ended executions (whole days of a window read the daily
 *   rows, the hours around them the hourly ones), folded in lazily (`fold`, at most every `foldEveryMs` before a query) up to
 *   `analytics_state.folded_until` (the database's now minus `FOLD_MARGIN_MS`, so that a commit still in flight is
 *   not passed over), plus the raw steps of what the rollups do not cover: executions created in the partial
 *   hours at either end of the window, and executions not folded yet (still running, or ended after the
 *   watermark). The query reads the watermark, the rollups and the raw rows in one statement (one snapshot).
 *   Known limit: an execution whose completion is committed more than FOLD_MARGIN_MS after its `completed_at`
 *   (a clock far off between processes) is missed by both. Pruned executions stay in the rollups.
 *
 * Each read model is its own module (analytics-executions.ts, analytics-steps.ts, analytics-costs.ts,
 * waiting-nodes.ts, their SQL building blocks in analytics-sql.ts); this one composes them over one database
 * handle and owns the fold's throttle (at most one fold every `foldEveryMs`, shared by concurrent queries).
 */
import type { OperationsStore } from '@agentflow/core';
import { costSummary } from './analytics-costs.js';
import { executionStats } from './analytics-executions.js';
import { foldAnalytics } from './analytics-fold.js';
import { stepStats } from './analytics-steps.js';
import { createExecutionReads } from './execution-reads.js';
import type { RawDb } from './raw.js';
import { listWaiting } from './waiting-nodes.js';

export { FOLD_MARGIN_MS } from './analytics-fold.js';

export interface OperationsRepository extends OperationsStore {
  /**
   * Folds the steps of executions ended since the last fold (up to `until`, default the database's now minus
   * FOLD_MARGIN_MS) into the hourly rollups. Runs before step queries by itself; exposed for tests and benches.
   */
  foldAnalytics(until?: number): Promise<void>;
}

export function createOperationsRepository(
  db: RawDb,
  options: { foldEveryMs?: number } = {},
): OperationsRepository {
  const foldEveryMs = options.foldEveryMs ?? 10_000;
  let lastFold = 0;
  let folding: Promise<void> | undefined;

  const foldNow = (until?: number) => foldAnalytics(db, until);

  /** Folds unless done lately; concurrent callers share one fold. */
  async function maybeFold(): Promise<void> {
    if (Date.now() - lastFold < foldEveryMs) return;
    folding ??= foldNow().finally(() => {
      lastFold = Date.now();
      folding = undefined;
    });
    await folding;
  }

  return {
    ...createExecutionReads(db),
    foldAnalytics: foldNow,
    executionStats: (query) => executionStats(db, maybeFold, query),
    stepStats: (query) => stepStats(db, maybeFold, query),
    costSummary: (query) => costSummary(db, query),
    listWaiting: (query) => listWaiting(db, query),
  };
}
