/** Server state of the operations views (TanStack Query over `@agentflow/client`): keys, types, hooks. */
import type { paths } from '@agentflow/client';
import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api.js';
import type { ExecutionQuery } from './model/filters.js';
import { overviewKey, overviewQuery } from './overview-query.js';

type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type ExecutionSummary = Ok<'/api/v1/executions', 'get'>['items'][number];
/** What the detail view reads first: the execution, every step without its data, message counts. */
export type ExecutionOverview = Ok<'/api/v1/executions/{id}/overview', 'get'>;
/** A step without input, output and tool calls. */
export type StepSummary = ExecutionOverview['steps'][number];
/** A step in full, read when its panel opens. */
export type StepRecord = Ok<'/api/v1/executions/{id}/steps/{stepId}', 'get'>;
export type MessageRecord = Ok<'/api/v1/executions/{id}/messages', 'get'>['items'][number];
export type LogLine = Ok<'/api/v1/executions/{id}/logs', 'get'>['items'][number];
export type PendingApproval = Ok<'/api/v1/executions/{id}/approvals', 'get'>['items'][number];

export const opsKeys = {
  executions: ['executions'] as const,
  list: (query: ExecutionQuery) => ['executions', 'list', query] as const,
  head: (query: ExecutionQuery) => ['executions', 'head', query] as const,
  /** Everything read about one execution (overview, steps, messages, logs): invalidated together. */
  detail: (id: string) => ['executions', id] as const,
  overview: overviewKey,
  step: (id: string, stepId: string) => ['executions', id, 'steps', stepId] as const,
  messages: (id: string, connectionId: string) => ['executions', id, 'messages', connectionId] as const,
  approvals: ['approvals'] as const,
  workflowNames: ['workflows', 'names'] as const,
};

export const PAGE_SIZE = 200;
export const HEAD_SIZE = 50;
/** How often the list asks for what changed (no workspace-wide event stream exists: see §11b). */
export const LIVE_INTERVAL_MS = 3000;

export function useExecutionPages(query: ExecutionQuery) {
  return useInfiniteQuery({
    queryKey: opsKeys.list(query),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/executions', {
          params: { query: { ...query, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * The newest executions matching `query`. Asked again when the workspace's execution stream reports a change;
 * every few seconds (while the page is visible) only when `poll` (the stream is down).
 */
export function useExecutionHead(query: ExecutionQuery, poll = true) {
  return useQuery({
    queryKey: opsKeys.head(query),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/executions', { params: { query: { ...query, limit: HEAD_SIZE } } })),
    refetchInterval: poll ? LIVE_INTERVAL_MS : false,
    refetchIntervalInBackground: false,
  });
}

/** The execution with its step summaries: what the graph and the timeline draw (no step's data). */
export function useExecution(id: string) {
  return useQuery(overviewQuery(id));
}

/** One step in full (input, output, tool calls): a committed step record never changes. */
export function stepQuery(executionId: string, stepId: string) {
  return {
    queryKey: opsKeys.step(executionId, stepId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/executions/{id}/steps/{stepId}', {
          params: { path: { id: executionId, stepId } },
        }),
      ),
    staleTime: Number.POSITIVE_INFINITY,
  };
}

/** The full records of `summaries` (one request each, cached): each summary until its record is read. */
export function useStepRecords(summaries: readonly StepSummary[]): {
  records: StepRecord[];
  loading: boolean;
} {
  const results = useQueries({ queries: summaries.map((s) => stepQuery(s.executionId, s.id)) });
  return {
    records: summaries.map((s, i) => results[i]?.data ?? s),
    loading: results.some((r) => r.isPending),
  };
}

/** The messages of one connection, a page of 100 at a time (loaded when the connection is opened). */
export function useConnectionMessages(executionId: string, connectionId: string | undefined) {
  return useInfiniteQuery({
    queryKey: opsKeys.messages(executionId, connectionId ?? ''),
    enabled: connectionId !== undefined,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/executions/{id}/messages', {
          params: {
            path: { id: executionId },
            query: {
              connectionId: connectionId ?? '',
              limit: 100,
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Workflow names by id (for the list's workflow column and filter). */
export function useWorkflowNames() {
  return useQuery({
    queryKey: opsKeys.workflowNames,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/workflows', { params: { query: { limit: 500 } } })).items.map((w) => ({
        id: w.id,
        name: w.name,
      })),
    staleTime: 30_000,
  });
}
