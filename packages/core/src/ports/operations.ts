import type {
  AnalyticsQuery,
  CostQuery,
  CostSummary,
  ExecutionStats,
  ListWaitingQuery,
  StepStats,
  WaitingNode,
} from '@agentflow/protocol';
import type { Page } from './store.js';

/**
 * Read models of the operations views (issue 14), computed by the store: the monitoring aggregates, the
 * workspace's cost and the approvals inbox. Every query names its workspace (absent: every execution, for a
 * single-tenant CLI). Only top-level executions count (loop bodies and subworkflows are accounted for by their
 * parent's step); reused steps of forks (`reusedFrom`) are not counted again.
 */
export interface OperationsStore {
  /** Executions per bucket (by `createdAt`), outcome counts, success rate, p50/p95 duration, cost. */
  executionStats(query: AnalyticsQuery): Promise<ExecutionStats>;
  /** Per node error rate and usage; per provider, model and workflow calls, errors, tokens and cost. */
  stepStats(query: AnalyticsQuery): Promise<StepStats>;
  /** Cost today, this month, and per workflow this month. */
  costSummary(query: CostQuery): Promise<CostSummary>;
  /** Nodes waiting for a person, longest waiting first. */
  listWaiting(query: ListWaitingQuery): Promise<Page<WaitingNode>>;
}
