/**
 * A cold load of `/executions/:id` starts the detail page's code and its overview at startup, alongside the
 * session check, instead of one after the other (as preloadDesigner does for the designer).
 */
import type { QueryClient } from '@tanstack/react-query';
import { client } from '../../lib/api.js';
import { overviewQuery } from './overview-query.js';

export function preloadExecution(
  queryClient: QueryClient,
  pathname: string,
  page: () => Promise<void>,
): void {
  const id = /^\/executions\/([^/]+)\/?$/.exec(pathname)?.[1];
  if (!id || !client.csrfToken()) return;
  void page().catch(() => {}); // the page shows the failure when it renders
  void queryClient.prefetchQuery(overviewQuery(decodeURIComponent(id)));
}
