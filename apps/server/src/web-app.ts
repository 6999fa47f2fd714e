/**
 * The web app (`apps/web`, built by Vite into `apps/web/dist`) served at `/`.
 *
 * - `index.html` for the app's own client-side routes only (`WEB_APP_ROUTES`): never for `/api`, `/ws`,
 *   `/graphql`, `/mcp`, `/docs`, `/health`, `/metrics`, which keep their JSON 404. Sent `no-cache` with the
 *   page's CSP (`webAppCsp`): scripts and styles from this origin only, no inline script, no style attribute
 *   in markup; one per-response nonce for the few `<style>` elements the dialog library inserts.
 * - Hashed files under `/assets/` with `Cache-Control: public, max-age=31536000, immutable`.
 * - Without a build (tests, a fresh checkout before `npm run build`), `/` answers a short text saying how to
 *   build it; the API is unaffected.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export interface WebAppOptions {
  /**
   * Directory of the built app (holding `index.html` and `assets/`); `false` serves no app.
   * (Default: `AGENTFLOW_WEB_DIST`, else `apps/web/dist` of this checkout)
   */
  root?: string | false;
}

/** The client-side routes of the web app (ARCHITECTURE.md §6b); everything else keeps the API's 404. */
export const WEB_APP_ROUTES = [
  '/',
  '/login',
  '/register',
  '/workflows',
  '/workflows/*',
  '/executions',
  '/executions/*',
  '/approvals',
  '/templates',
  '/templates/*',
  '/dashboard',
  '/settings',
  '/settings/*',
] as const;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
const NONCE_PLACEHOLDER = '__AGENTFLOW_CSP_NONCE__';

/** The page's CSP. `nonce` admits the `<style>` elements the dialog library creates (scroll locking). */
export function webAppCsp(nonce: string): string {
  return [
    "default-src 'self'",
    "base-uri 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function defaultRoot(): string {
  // apps/server/src or apps/server/dist -> apps/web/dist
  return fileURLToPath(new URL('../../web/dist/', import.meta.url));
}

export async function registerWebApp(app: FastifyInstance, options: WebAppOptions = {}): Promise<void> {
  if (options.root === false) return;
  const root = options.root ?? defaultRoot();
  const indexPath = join(root, 'index.html');
  const built = existsSync(indexPath);
  const page = built ? readFileSync(indexPath, 'utf8') : undefined;

  const sendPage = (reply: FastifyReply) => {
    if (page === undefined) {
      return reply
        .code(200)
        .header('cache-control', 'no-cache')
        .type('text/plain; charset=utf-8')
        .send(
          'AgentFlow is running, but the web app is not built.\n' +
            'Run `npm run build` (or `npm install`, which builds it) and restart; the API is at /api/v1, ' +
            'its documentation at /docs.\n',
        );
    }
    const nonce = randomBytes(16).toString('base64');
    return reply
      .header('content-security-policy', webAppCsp(nonce))
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(page.replaceAll(NONCE_PLACEHOLDER, nonce));
  };
  for (const url of WEB_APP_ROUTES) {
    app.get(url, { config: { permission: 'public' } }, (_request, reply) => sendPage(reply));
  }

  if (built && existsSync(join(root, 'assets'))) {
    await app.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      index: false,
      cacheControl: false,
      etag: true,
      lastModified: false,
      setHeaders: (reply) => {
        reply.header('cache-control', IMMUTABLE);
      },
    });
  }
}
