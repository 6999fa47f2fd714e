import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { keys } from '../../lib/api.js';
import { preloadDesigner } from './preload.js';

/** The session as the client sees it in a browser: its CSRF cookie (readable by the page). */
function session(on: boolean) {
  // biome-ignore lint/suspicious/noDocumentCookie: the client reads this cookie from document.cookie
  document.cookie = on ? 'af_csrf=token; path=/' : 'af_csrf=; max-age=0; path=/';
}

afterEach(() => session(false));

function fetching(queryClient: QueryClient) {
  return queryClient
    .getQueryCache()
    .getAll()
    .map((q) => JSON.stringify(q.queryKey))
    .sort();
}

describe('preloadDesigner', () => {
  it("on a cold load of a workflow's URL with a session, starts the page's module and its data", () => {
    session(true);
    const queryClient = new QueryClient();
    let pages = 0;
    preloadDesigner(queryClient, '/workflows/wf%201', async () => {
      pages++;
    });
    expect(pages).toBe(1);
    expect(fetching(queryClient)).toEqual(
      [JSON.stringify(keys.nodeTypes), JSON.stringify(keys.workflows.one('wf 1'))].sort(),
    );
  });

  it('does nothing elsewhere or without a session', () => {
    const queryClient = new QueryClient();
    let pages = 0;
    const page = async () => {
      pages++;
    };
    preloadDesigner(queryClient, '/workflows/wf1', page); // no session cookie
    session(true);
    preloadDesigner(queryClient, '/workflows', page);
    preloadDesigner(queryClient, '/workflows/wf1/extra', page);
    expect(pages).toBe(0);
    expect(fetching(queryClient)).toEqual([]);
  });
});
