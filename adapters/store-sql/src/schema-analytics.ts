/**
 * The monitoring rollups analytics.ts folds ended executions into: step, model and execution aggregates per hour
 * and per UTC day, with duration histograms, and the one-row watermark of what has been folded.
 */
import { doublePrecision, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { tz } from './schema-columns.js';

// ---------------------------------------------------------------------------------------------------------------
// Monitoring rollups (analytics.ts): step-level aggregates of ended executions, per hour of the execution's
// creation, folded in lazily up to `analytics_state.folded_until` (executions completed later are read raw).

export const analyticsAgentRollups = pgTable(
  'analytics_agent_rollups',
  {
    /** '' for executions without a workspace. */
    workspaceId: text('workspace_id').notNull(),
    hour: timestamp('hour', tz).notNull(),
    workflowId: text('workflow_id').notNull(),
    agentId: text('agent_id').notNull(),
    steps: integer('steps').notNull(),
    failed: integer('failed').notNull(),
    inputTokens: doublePrecision('input_tokens').notNull(),
    outputTokens: doublePrecision('output_tokens').notNull(),
    costUsd: doublePrecision('cost_usd').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.hour, t.workflowId, t.agentId] })],
);

export const analyticsModelRollups = pgTable(
  'analytics_model_rollups',
  {
    workspaceId: text('workspace_id').notNull(),
    hour: timestamp('hour', tz).notNull(),
    workflowId: text('workflow_id').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    calls: integer('calls').notNull(),
    errors: integer('errors').notNull(),
    inputTokens: doublePrecision('input_tokens').notNull(),
    outputTokens: doublePrecision('output_tokens').notNull(),
    costUsd: doublePrecision('cost_usd').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.hour, t.workflowId, t.provider, t.model] })],
);

/** The same figures per UTC day (long windows read these for their whole days, the hourly rows for the rest). */
export const analyticsAgentDaily = pgTable(
  'analytics_agent_daily',
  {
    workspaceId: text('workspace_id').notNull(),
    day: timestamp('day', tz).notNull(),
    workflowId: text('workflow_id').notNull(),
    agentId: text('agent_id').notNull(),
    steps: integer('steps').notNull(),
    failed: integer('failed').notNull(),
    inputTokens: doublePrecision('input_tokens').notNull(),
    outputTokens: doublePrecision('output_tokens').notNull(),
    costUsd: doublePrecision('cost_usd').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.workflowId, t.agentId] })],
);

export const analyticsModelDaily = pgTable(
  'analytics_model_daily',
  {
    workspaceId: text('workspace_id').notNull(),
    day: timestamp('day', tz).notNull(),
    workflowId: text('workflow_id').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    calls: integer('calls').notNull(),
    errors: integer('errors').notNull(),
    inputTokens: doublePrecision('input_tokens').notNull(),
    outputTokens: doublePrecision('output_tokens').notNull(),
    costUsd: doublePrecision('cost_usd').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.workflowId, t.provider, t.model] })],
);

/**
 * Ended top-level executions per hour of creation and workflow, and per hour for the whole workspace (workflow_id
 * ''): outcome counts, cost, and a histogram of their durations (percentiles within about 2 %, read from a bounded
 * number of bins however many executions there are; a dashboard query reads ~720 rows for 30 days).
 */
export const analyticsExecutionRollups = pgTable(
  'analytics_execution_rollups',
  {
    workspaceId: text('workspace_id').notNull(),
    hour: timestamp('hour', tz).notNull(),
    workflowId: text('workflow_id').notNull(),
    total: integer('total').notNull(),
    succeeded: integer('succeeded').notNull(),
    failed: integer('failed').notNull(),
    cancelled: integer('cancelled').notNull(),
    costUsd: doublePrecision('cost_usd').notNull(),
    /**
     * The ended executions' durations as a histogram of fixed log-scale bins (analytics-sql.ts): bins ascending,
     * and how many durations fell in each (parallel arrays).
     */
    durationBins: integer('duration_bins').array().notNull(),
    durationCounts: integer('duration_counts').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.hour, t.workflowId] })],
);

/** One row (id 1): executions completed at or before `folded_until` are in the rollups. */
export const analyticsState = pgTable('analytics_state', {
  id: integer('id').primaryKey(),
  foldedUntil: timestamp('folded_until', tz).notNull(),
});
