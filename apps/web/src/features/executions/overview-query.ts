/** The detail page's first read (shared by the page and preload.ts, which the app's start imports). */
import { api, unwrap } from '../../lib/api.js';

export const overviewKey = (id: string) => ['executions', id, 'overview'] as const;

/** The execution with every step's summary and the message counts: what the graph and the timeline draw. */
export const overviewQuery = (id: string) => ({
  queryKey: overviewKey(id),
  queryFn: async () =>
    unwrap(await api.GET('/api/v1/executions/{id}/overview', { params: { path: { id } } })),
  // A cold load's prefetch is fresh when the page mounts; a live execution is refetched on its events.
  staleTime: 5000,
});
