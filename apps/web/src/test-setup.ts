/**
 * Component tests have no server: they seed TanStack Query's cache. A request that still goes out (a live poll's
 * refetch, a filter that changed the key) gets a 503 here at once, instead of a connection to happy-dom's origin
 * that fails later, outside the test, as noise in the run's output.
 */
globalThis.fetch = async () =>
  new Response(
    JSON.stringify({ error: { code: 'AF_UNAVAILABLE', message: 'component tests have no server' } }),
    { status: 503, headers: { 'content-type': 'application/json' } },
  );
