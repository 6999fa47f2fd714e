/** Server state of the operations views (TanStack Query over `@agentflow/client`): keys, types, hooks. */
import type { paths } from '@agentflow/client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api.js';
import type { ExecutionQuery } from './model/filters.js';

type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type ExecutionSummary = Ok<'/api/v1/executions', 'get'>['items'][number];
export type ExecutionDetail = Ok<'/api/v1/executions/{id}', 'get'>;
export type StepRecord = ExecutionDetail['steps'][number];
export type MessageRecord = ExecutionDetail['messages'][number];
export type LogLine = ExecutionDetail['logs'][number];
export type PendingApproval = Ok<'/api/v1/executions/{id}/approvals', 'get'>['items'][number];

export const opsKeys = {
  executions: ['executions'] as const,
  list: (query: ExecutionQuery) => ['executions', 'list', query] as const,
  head: (query: ExecutionQuery) => ['executions', 'head', query] as const,
  detail: (id: string) => ['executions', id] as const,
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

/** The newest executions matching `query`, asked again every few seconds while the page is visible. */
export function useExecutionHead(query: ExecutionQuery) {
  return useQuery({
    queryKey: opsKeys.head(query),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/executions', { params: { query: { ...query, limit: HEAD_SIZE } } })),
    refetchInterval: LIVE_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });
}

export function useExecution(id: string) {
  return useQuery({
    queryKey: opsKeys.detail(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/executions/{id}', { params: { path: { id } } })),
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
