/** A workflow's triggers (webhooks, schedules, workflow events) through the API client. */
import type { paths } from '@agentflow/client';
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api.js';

export type TriggerItem = Awaited<ReturnType<typeof listTriggers>>[number];
export type TriggerDraft =
  paths['/api/v1/workflows/{id}/triggers']['post']['requestBody']['content']['application/json'];

export const triggerKeys = {
  list: (workflowId: string) => ['triggers', workflowId] as const,
  nextRuns: (triggerId: string) => ['triggers', 'next-runs', triggerId] as const,
  firings: (triggerId: string) => ['triggers', 'firings', triggerId] as const,
};

async function listTriggers(workflowId: string) {
  return unwrap(await api.GET('/api/v1/workflows/{id}/triggers', { params: { path: { id: workflowId } } }))
    .items;
}

export const triggersQuery = (workflowId: string) =>
  queryOptions({ queryKey: triggerKeys.list(workflowId), queryFn: () => listTriggers(workflowId) });

export async function createTrigger(workflowId: string, body: TriggerDraft) {
  return unwrap(
    await api.POST('/api/v1/workflows/{id}/triggers', { params: { path: { id: workflowId } }, body }),
  );
}

export async function setTriggerEnabled(id: string, enabled: boolean) {
  return unwrap(await api.PATCH('/api/v1/triggers/{id}', { params: { path: { id } }, body: { enabled } }));
}

export async function deleteTrigger(id: string) {
  unwrap(await api.DELETE('/api/v1/triggers/{id}', { params: { path: { id } } }));
}

export async function rotateTriggerSecret(id: string) {
  return unwrap(await api.POST('/api/v1/triggers/{id}/rotate-secret', { params: { path: { id } } }));
}

export const nextRunsQuery = (id: string) =>
  queryOptions({
    queryKey: triggerKeys.nextRuns(id),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/triggers/{id}/next-runs', {
          params: { path: { id }, query: { count: 3 } },
        }),
      ).items,
  });

export const firingsQuery = (id: string) =>
  queryOptions({
    queryKey: triggerKeys.firings(id),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/triggers/{id}/firings', { params: { path: { id }, query: { limit: 5 } } }),
      ).items,
  });
