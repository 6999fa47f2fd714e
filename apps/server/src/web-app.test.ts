/**
 * The web app at `/`: index.html for the app's routes only (with the page CSP and no-cache), hashed assets
 * immutable, JSON 404 kept for every API prefix, and a clear answer when the app is not built.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import { auth, createTestRuntime } from './test-support/fixtures.js';
import { IMMUTABLE } from './web-app.js';

const INDEX =
  '<!doctype html><html><head><meta name="csp-nonce" content="__AGENTFLOW_CSP_NONCE__">' +
  '<script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';

let runtime: Runtime;
let dir: string;
let app: FastifyInstance;
let bare: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'af-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log("app")');
  writeFileSync(join(dir, 'assets', 'index-AbC123.css'), 'body{margin:0}');
  runtime = await createTestRuntime();
  app = await buildServer({ runtime, auth, rateLimiter: false, logger: false, web: { root: dir } });
  bare = await buildServer({
    runtime,
    auth,
    rateLimiter: false,
    logger: false,
    web: { root: join(dir, 'not-built') },
  });
});
afterAll(async () => {
  await app?.close();
  await bare?.close();
  await runtime?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('web app', () => {
  it.each(['/', '/login', '/workflows', '/workflows/wf-1', '/executions/x', '/settings/keys'])(
    'serves index.html at %s with the page CSP, no-cache and a fresh nonce',
    async (url) => {
      const first = await app.inject({ method: 'GET', url });
      const second = await app.inject({ method: 'GET', url });
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toMatch(/^text\/html/);
      expect(first.headers['cache-control']).toBe('no-cache');
      const csp = String(first.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("script-src-attr 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(first.body).toContain(`content="${nonce}"`);
      expect(first.body).not.toContain('__AGENTFLOW_CSP_NONCE__');
      expect(second.headers['content-security-policy']).not.toBe(csp);
      // The page is a top-level document, the one response COOP acts on: no other origin's window may hold it.
      expect(first.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(first.headers['x-frame-options']).toBe('DENY');
    },
  );

  it('serves hashed assets immutable, with their content type', async () => {
    const js = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toBe(IMMUTABLE);
    expect(js.headers['content-type']).toMatch(/javascript/);
    const css = await app.inject({ method: 'GET', url: '/assets/index-AbC123.css' });
    expect(css.headers['cache-control']).toBe(IMMUTABLE);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it.each([
    '/api/v1/nope',
    '/api/v1/workflows/x/nope',
    '/ws/nope',
    '/graphql/nope',
    '/mcp/nope',
    '/docs/nope',
    '/health/nope',
    '/metrics/nope',
    '/assets/missing-123.js',
    '/unknown-page',
    '/index.html',
  ])('keeps the JSON 404 for %s (never index.html)', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().error.code).toBe('AF_NOT_FOUND');
  });

  it('still serves the API and health beside the app', async () => {
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const api = await app.inject({ method: 'GET', url: '/api/v1/workflows' });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('starts without a build and says how to build the app', async () => {
    const res = await bare.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('npm run build');
    expect((await bare.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await bare.inject({ method: 'GET', url: '/assets/index-AbC123.js' })).statusCode).toBe(404);
  });
});
