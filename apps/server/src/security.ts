/**
 * Response hardening: security headers on every response (helmet) and CORS, which is off unless origins are
 * configured. API responses are JSON: their CSP allows nothing at all. The docs page (`/docs`, Swagger UI) loads
 * its own scripts and styles from this origin, never inline script: its relaxed policy is set by the docs plugin
 * for its routes only (`DOCS_CSP`); the web app's pages set theirs with a nonce (web-app.ts).
 */
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export interface CorsOptions {
  /** Origins allowed to call the API from a browser, with credentials. (Default: `AGENTFLOW_CORS_ORIGINS`) */
  origins?: readonly string[];
}

/** The CSP of every response except the docs UI: no content may load, nothing may frame it. */
export const API_CSP = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The docs UI: scripts and styles from this origin only (no inline script; Swagger UI sets inline style
 * attributes, hence 'unsafe-inline' for styles), the OpenAPI document fetched from this origin, not framable.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** helmet's options: every header it sets by default, with these policies. */
const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
  referrerPolicy: { policy: 'no-referrer' },
  frameguard: { action: 'deny' },
  // The API is called cross-origin when CORS allows it; CORP would block embedding, which is all it adds.
  crossOriginResourcePolicy: { policy: 'same-site' },
  // helmet's default, kept on purpose: no window of another origin (an opener, a popup) keeps a reference to
  // the app's. Its cost is a renderer process for the page when the tab held another policy's document: a user
  // opening the app from a new tab or another site needs a new process anyway (bench/README.md, `GET /` FCP).
  crossOriginOpenerPolicy: { policy: 'same-origin' },
};

/**
 * Registers the headers (and CORS when origins are given). Register before the routes and the auth hook.
 *
 * helmet's middleware is built once here and run on every request. (`@fastify/helmet`, used before, rebuilt it
 * from the options on every request, validating them and formatting the CSP again: measurable on the cheapest
 * replies. No route here uses its per-route options or `reply.helmet()`; a page with its own policy sets it with
 * `reply.header`, which replaces helmet's.)
 */
export async function registerSecurity(app: FastifyInstance, options: CorsOptions = {}): Promise<void> {
  const setHeaders = helmet(HELMET_OPTIONS);
  app.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
  const origins = options.origins ?? [];
  if (origins.length > 0) {
    await app.register(cors, {
      origin: [...origins],
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-csrf-token', 'x-request-id'],
      exposedHeaders: [
        'x-request-id',
        'retry-after',
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
      ],
      maxAge: 600,
    });
  }
}

/**
 * The headers helmet sets, for the few responses Fastify sends before any hook runs (a malformed URL, an
 * over-long path parameter).
 */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': Object.entries(API_CSP)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join(';'),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};
