/**
 * The typed HTTP client: `openapi-fetch` over the generated OpenAPI types (`openapi.gen.ts`), with the
 * API's authentication rules built in. Works wherever a global `fetch` exists (Node >= 20, browsers).
 *
 * - API key or session JWT: sent as `Authorization: Bearer ...`; no CSRF token is needed.
 * - Cookie session (browser, or Node with `cookies: 'memory'`): state-changing requests carry the CSRF token
 *   in `X-CSRF-Token` (from the `af_csrf` cookie); a 401 triggers one refresh (`POST /api/v1/auth/refresh`)
 *   and one retry of the request.
 * - Every non-2xx answer is thrown as an `ApiError` with its AF_ code; a successful call's `data` is set.
 */
import createFetchClient, { type Client } from 'openapi-fetch';
import { type CookieStore, createMemoryCookies, documentCookie } from './cookies.js';
import { ApiError, toApiError } from './errors.js';
import type { paths } from './openapi.gen.js';

export const CSRF_COOKIE = 'af_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const REFRESH_PATH = '/api/v1/auth/refresh';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface HttpOptions {
  /** Origin of the server, e.g. `http://127.0.0.1:3000`. (Default: `''`, the page's own origin in a browser) */
  baseUrl?: string;
  /** An API key (`af_...`) or session JWT, sent as a bearer token. (Default: none: cookies authenticate) */
  apiKey?: string;
  /**
   * Where session cookies live: `'browser'` (the browser keeps them) or `'memory'` (this client keeps them, for
   * Node scripts that sign in with a password). (Default: `'browser'` when `document` exists, else `'memory'`)
   */
  cookies?: 'browser' | 'memory';
  /** (Default: `globalThis.fetch`) */
  fetch?: typeof fetch;
  /** Refresh the session once on a 401 and retry. (Default: true for cookie sessions) */
  autoRefresh?: boolean;
  /** Called when a cookie session could not be refreshed (signed out). */
  onSignedOut?: () => void;
}

export type ApiClient = Client<paths>;

export interface Http {
  api: ApiClient;
  /** The CSRF token of the current cookie session, if any. */
  csrfToken(): string | undefined;
  /** Cookie header value for a WebSocket upgrade from Node (memory cookies), if any. */
  cookieHeader(): string | undefined;
  baseUrl: string;
  /** The authenticated fetch under `api` (cookies or key, CSRF header, one refresh; ApiError on non-2xx). */
  fetch(request: Request): Promise<Response>;
}

export function createHttp(options: HttpOptions = {}): Http {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const inBrowser = typeof (globalThis as { document?: unknown }).document !== 'undefined';
  const jar: CookieStore | undefined =
    (options.cookies ?? (inBrowser ? 'browser' : 'memory')) === 'memory' ? createMemoryCookies() : undefined;
  const csrfToken = () => (jar ? jar.get(CSRF_COOKIE) : documentCookie(CSRF_COOKIE));
  const bearer = options.apiKey;
  const autoRefresh = options.autoRefresh ?? bearer === undefined;

  async function send(request: Request): Promise<Response> {
    const headers = new Headers(request.headers);
    if (bearer !== undefined) headers.set('authorization', `Bearer ${bearer}`);
    else {
      const cookie = jar?.header();
      if (cookie) headers.set('cookie', cookie);
      const token = csrfToken();
      if (!SAFE_METHODS.has(request.method) && token) headers.set(CSRF_HEADER, token);
    }
    let response: Response;
    try {
      response = await baseFetch(new Request(request, { headers }));
    } catch (error) {
      throw new ApiError(0, 'AF_NETWORK', `cannot reach the server: ${(error as Error).message}`);
    }
    jar?.update(response);
    return response;
  }

  async function refresh(): Promise<boolean> {
    const response = await send(
      new Request(`${baseUrl}${REFRESH_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        credentials: 'include',
      }),
    );
    await response.body?.cancel();
    return response.ok;
  }

  let refreshing: Promise<boolean> | undefined;
  const wrappedFetch = async (input: Request): Promise<Response> => {
    const retry = autoRefresh && !new URL(input.url, 'http://x').pathname.startsWith('/api/v1/auth/');
    const copy = retry ? input.clone() : undefined;
    let response = await send(input);
    if (response.status === 401 && copy) {
      refreshing ??= refresh().finally(() => {
        refreshing = undefined;
      });
      if (await refreshing) response = await send(copy);
      else options.onSignedOut?.();
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  };

  const api = createFetchClient<paths>({
    baseUrl,
    fetch: wrappedFetch,
    credentials: 'include',
  });
  return { api, csrfToken, cookieHeader: () => jar?.header(), baseUrl, fetch: wrappedFetch };
}

/** The data of a successful call (errors were thrown as `ApiError` already). */
export function unwrap<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined && result.response.status !== 204) {
    throw new ApiError(result.response.status, 'AF_NETWORK', 'the server answered without a body');
  }
  return result.data as T;
}
