import type {
  AnalyticsQuery,
  ConnectionMessageCount,
  ConnectionMessagesQuery,
  CostQuery,
  CostSummary,
  ExecutionStats,
  ListWaitingQuery,
  MessageRecord,
  StepRecord,
  StepStats,
  StepSummary,
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
  /**
   * An execution's steps in seq order without their data (input, output, tool calls): what the detail view's
   * graph and timeline draw, without reading every step's data.
   */
  listStepSummaries(executionId: string): Promise<StepSummary[]>;
  /** One step record in full (as `listSteps` has it); undefined when the execution has no step of that id. */
  getStep(executionId: string, stepId: string): Promise<StepRecord | undefined>;
  /** How many messages flowed along each connection of an execution (connections without any are absent). */
  countMessages(executionId: string): Promise<ConnectionMessageCount[]>;
  /** One connection's messages in the order `listMessages` gives them, a page at a time. */
  listConnectionMessages(executionId: string, query: ConnectionMessagesQuery): Promise<Page<MessageRecord>>;
}

/** The execution detail view's on-demand reads (a part of `OperationsStore` every store can answer). */
export type ExecutionReads = Pick<
  OperationsStore,
  'listStepSummaries' | 'getStep' | 'countMessages' | 'listConnectionMessages'
>;
