/**
 * A cold load of `/workflows/:id` starts the designer's code and data at startup, alongside the session check
 * (kept apart from queries.ts, which the page itself imports).
 */
import type { QueryClient } from '@tanstack/react-query';
import { client } from '../../lib/api.js';
import { nodeTypesQuery, workflowQuery } from './queries.js';

export function preloadDesigner(queryClient: QueryClient, pathname: string, page: () => Promise<void>): void {
  const id = /^\/workflows\/([^/]+)\/?$/.exec(pathname)?.[1];
  if (!id || !client.csrfToken()) return;
  void page().catch(() => {}); // the page shows the failure when it renders
  void queryClient.prefetchQuery(workflowQuery(decodeURIComponent(id)));
  void queryClient.prefetchQuery(nodeTypesQuery);
}
