/**
 * The designer's server state (its workflow and the node types), shared by the page and by `preloadDesigner`
 * (preload.ts), which a cold load of `/workflows/:id` calls at startup: the designer's code and data then load alongside
 * the session check instead of after it (and the data no longer waits for the code).
 */
import { api, keys, unwrap } from '../../lib/api.js';

export const workflowQuery = (id: string) => ({
  queryKey: keys.workflows.one(id),
  queryFn: async () => unwrap(await api.GET('/api/v1/workflows/{id}', { params: { path: { id } } })),
  // The prefetch of a cold load is fresh when the page mounts (no second 500-node download then).
  staleTime: 10_000,
});

export const nodeTypesQuery = {
  queryKey: keys.nodeTypes,
  queryFn: async () => unwrap(await api.GET('/api/v1/agents/types')).items,
  staleTime: Number.POSITIVE_INFINITY,
};
