/**
 * Operations read models (issue 14): the executions list with cost and duration, the workspace's cost, the
 * approvals inbox and the monitoring aggregates. Shared by the stores (which compute them), the runtime, the
 * REST/GraphQL APIs and the web app. Every query is scoped to one workspace by the caller.
 */
import { z } from 'zod';
import type { ExecutionRecord, StepRecord } from './execution.js';

/** The dashboard's windows, in ms. */
export const ANALYTICS_WINDOWS = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
} as const;
export const AnalyticsWindow = z.enum(['1h', '24h', '7d', '30d']);
export type AnalyticsWindow = z.infer<typeof AnalyticsWindow>;

/** Bucket sizes of the time series, in ms. */
export const ANALYTICS_BUCKETS = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '6h': 21_600_000,
  '1d': 86_400_000,
} as const;
export const AnalyticsBucket = z.enum(['1m', '5m', '15m', '1h', '6h', '1d']);
export type AnalyticsBucket = z.infer<typeof AnalyticsBucket>;

/** The bucket a window gets when none is asked for (60 to 170 points). */
export const DEFAULT_BUCKET: Readonly<Record<AnalyticsWindow, AnalyticsBucket>> = {
  '1h': '1m',
  '24h': '15m',
  '7d': '1h',
  '30d': '6h',
};

/** At most this many buckets per series (30 days by the minute is refused). */
export const MAX_ANALYTICS_BUCKETS = 1500;

export interface AnalyticsQuery {
  workspaceId?: string;
  window: AnalyticsWindow;
  bucket?: AnalyticsBucket;
  workflowId?: string;
  /** The end of the window (ms). (Default: now) */
  now?: number;
}

/**
 * The resolved range: buckets are aligned on multiples of the bucket size since the epoch (UTC); `from` is the
 * start of the bucket holding `now - window`, `to` is `now` (exclusive). Executions count in the window and bucket
 * of their `createdAt`; the step-level figures (agents, providers, models) are those of the executions counted.
 */
export interface AnalyticsRange {
  from: number;
  to: number;
  bucketMs: number;
}

export function analyticsRange(query: AnalyticsQuery, now = query.now ?? Date.now()): AnalyticsRange {
  const bucketMs = ANALYTICS_BUCKETS[query.bucket ?? DEFAULT_BUCKET[query.window]];
  const from = Math.floor((now - ANALYTICS_WINDOWS[query.window]) / bucketMs) * bucketMs;
  return { from, to: now, bucketMs };
}

/** How many buckets a query's series has (to refuse too fine a bucket before querying). */
export function bucketCount(range: AnalyticsRange): number {
  return Math.ceil((range.to - range.from) / range.bucketMs);
}

export const ExecutionBucket = z.object({
  start: z.number().meta({ description: 'Start of the bucket (ms since the epoch)' }),
  total: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  /** queued, running or paused. */
  active: z.number().int().meta({ description: 'Still queued, running or paused' }),
  p50DurationMs: z.number().nullable(),
  p95DurationMs: z.number().nullable(),
  costUsd: z.number(),
});
export type ExecutionBucket = z.infer<typeof ExecutionBucket>;

export const ExecutionTotals = ExecutionBucket.omit({ start: true }).extend({
  successRate: z.number().nullable().meta({
    description: 'succeeded / (succeeded + failed + cancelled); null when none finished',
  }),
});
export type ExecutionTotals = z.infer<typeof ExecutionTotals>;

export const ExecutionStats = z.object({
  from: z.number(),
  to: z.number(),
  bucketMs: z.number().int(),
  /** Every bucket of the range, empty ones included, oldest first. */
  buckets: z.array(ExecutionBucket),
  totals: ExecutionTotals,
});
export type ExecutionStats = z.infer<typeof ExecutionStats>;

export const AgentStat = z.object({
  workflowId: z.string(),
  agentId: z.string(),
  /** Steps that ran to an end (succeeded or failed); skipped, waiting and reused (forked) steps are not counted. */
  steps: z.number().int(),
  failed: z.number().int(),
  errorRate: z.number().meta({ description: 'failed / steps' }),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number(),
});
export type AgentStat = z.infer<typeof AgentStat>;

export const ModelStat = z.object({
  provider: z.string(),
  model: z.string(),
  workflowId: z.string(),
  /** Provider attempts (each model call recorded on a step: retries and fallbacks are calls of their own). */
  calls: z.number().int(),
  errors: z.number().int(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number(),
});
export type ModelStat = z.infer<typeof ModelStat>;

/** Step-level aggregates: per node and per (provider, model, workflow); group them further as needed. */
export const StepStats = z.object({
  from: z.number(),
  to: z.number(),
  agents: z.array(AgentStat),
  models: z.array(ModelStat),
});
export type StepStats = z.infer<typeof StepStats>;

export interface CostQuery {
  workspaceId?: string;
  /** (Default: now) */
  now?: number;
  /** The caller's offset from UTC in minutes (east positive) deciding where "today" and "this month" start. */
  utcOffsetMinutes?: number;
}

export const WorkflowCost = z.object({
  workflowId: z.string(),
  todayUsd: z.number(),
  monthUsd: z.number(),
  monthExecutions: z.number().int(),
});
export type WorkflowCost = z.infer<typeof WorkflowCost>;

export const CostSummary = z.object({
  currency: z.literal('USD'),
  dayStart: z.number(),
  monthStart: z.number(),
  todayUsd: z.number(),
  monthUsd: z.number(),
  /** Workflows with executions this month, most expensive first. */
  workflows: z.array(WorkflowCost),
});
export type CostSummary = z.infer<typeof CostSummary>;

/** Where "today" and "this month" start for a UTC offset. */
export function costPeriods(now: number, utcOffsetMinutes = 0): { dayStart: number; monthStart: number } {
  const shift = utcOffsetMinutes * 60_000;
  const local = new Date(now + shift);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - shift;
  const month = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - shift;
  return { dayStart: day, monthStart: month };
}

/** One node of one execution waiting for a person (a human node, or a tool call waiting for approval). */
export interface WaitingNode {
  executionId: string;
  workflowId: string;
  workflowVersion: number;
  agentId: string;
  /** The waiting step record. */
  stepId: string;
  /** When the node started waiting (the waiting step's completion). */
  waitingSince: number;
  /** The execution's pinned definition (the node's schema and prompt are read from it). */
  execution: ExecutionRecord;
  /** The waiting step's output: a tool call's paused state (`{approval: {...}}`), else undefined. */
  state?: unknown;
}

export interface ListWaitingQuery {
  workspaceId?: string;
  workflowId?: string;
  limit?: number;
  cursor?: string;
}

/**
 * A step without its data (input, output, tool calls): what an execution's graph and timeline draw. The detail
 * view lists these for every step and reads one step in full when it is opened.
 */
export type StepSummary = Omit<StepRecord, 'input' | 'output' | 'toolCalls'>;

/** `step` without its input, output and tool calls. */
export function summarizeStep(step: StepRecord): StepSummary {
  const { input: _input, output: _output, ...rest } = step;
  delete (rest as { toolCalls?: unknown }).toolCalls;
  return rest;
}

/** How many messages flowed along one connection of an execution. */
export interface ConnectionMessageCount {
  connectionId: string;
  count: number;
}

/** Messages of one connection of an execution, in the order they were sent, a page at a time. */
export interface ConnectionMessagesQuery {
  connectionId: string;
  /** Max items. (Default: 100, max 500) */
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

/** Page size bounds of `ConnectionMessagesQuery`. */
export const CONNECTION_MESSAGES_PAGE = { default: 100, max: 500 } as const;

/** `limit` within CONNECTION_MESSAGES_PAGE. */
export function connectionMessagesLimit(limit: number | undefined): number {
  const n = Math.floor(limit ?? CONNECTION_MESSAGES_PAGE.default);
  return Math.min(Math.max(n, 1), CONNECTION_MESSAGES_PAGE.max);
}

/** The cursor of a page of a connection's messages: how many of them come before it. */
export function encodeOffsetCursor(offset: number): string {
  return `o${offset.toString(36)}`;
}

/** The offset of a cursor from `encodeOffsetCursor`; undefined for anything else. */
export function decodeOffsetCursor(cursor: string): number | undefined {
  if (!/^o[0-9a-z]{1,10}$/.test(cursor)) return undefined;
  const n = Number.parseInt(cursor.slice(1), 36);
  return Number.isSafeInteger(n) ? n : undefined;
}
