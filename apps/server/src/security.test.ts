import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import { auth, bearer, createTestRuntime, json, useTestServer } from './test-support/fixtures.js';

/** `a; b c` -> { a: [], b: ['c'] } */
function csp(res: LightMyRequestResponse): Record<string, string[]> {
  const header = res.headers['content-security-policy'];
  expect(typeof header, `CSP on ${res.statusCode}`).toBe('string');
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim())
      .filter((d) => d !== '')
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!.toLowerCase(), values];
      }),
  );
}

function expectHardened(res: LightMyRequestResponse): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-frame-options']).toBe('DENY');
  const policy = csp(res);
  expect(policy['frame-ancestors']).toEqual(["'none'"]);
  // No inline script anywhere: neither 'unsafe-inline' nor 'unsafe-eval' in the script sources.
  const scripts = policy['script-src'] ?? policy['default-src'] ?? [];
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
}

describe('security headers', () => {
  const t = useTestServer();

  it('hardens every kind of response: success, 4xx from auth, routing, validation, and probes', async () => {
    const responses = [
      await t.app.inject({ method: 'GET', url: '/api/v1/workflows', headers: bearer('viewer') }),
      await t.app.inject({ method: 'GET', url: '/api/v1/workflows' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/workflows', headers: { authorization: 'Basic x' } }),
      await t.app.inject({ method: 'GET', url: '/nowhere' }),
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/workflows',
        headers: { ...bearer('member'), 'content-type': 'application/json' },
        payload: '{"name": ',
      }),
      await t.app.inject({ method: 'GET', url: '/health' }),
      await t.app.inject({ method: 'GET', url: '/metrics' }),
      await t.app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ __typename }' } }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 401, 404, 400, 200, 200, 401]);
    for (const res of responses) {
      expectHardened(res);
      // API responses load nothing at all.
      expect(csp(res)['default-src']).toEqual(["'none'"]);
    }
  });

  it('sends every header helmet sets, identical on each response (built once, not per request)', async () => {
    const expected = {
      'content-security-policy':
        "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-site',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'DENY',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    for (const request of [
      { method: 'GET' as const, url: '/api/v1/workflows', headers: bearer('viewer') },
      { method: 'GET' as const, url: '/api/v1/workflows' },
      { method: 'GET' as const, url: '/health' },
      { method: 'GET' as const, url: '/health' },
    ]) {
      const res = await t.app.inject(request);
      for (const [name, value] of Object.entries(expected)) expect(res.headers[name], name).toBe(value);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('gives the docs page a policy that loads its own scripts, still no inline script', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expectHardened(page);
    const policy = csp(page);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['script-src-attr']).toEqual(["'none'"]);
    // The page itself has no inline script: every <script> has a src.
    const scripts = page.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\ssrc="/);
    for (const asset of ['/docs/static/swagger-initializer.js', '/docs/json']) {
      const res = await t.app.inject({ method: 'GET', url: asset });
      expect(res.statusCode, asset).toBe(200);
      expectHardened(res);
    }
  });

  it('sends no CORS headers by default, even to a preflight', async () => {
    const simple = await t.app.inject({
      method: 'GET',
      url: '/api/v1/workflows',
      headers: { ...bearer('viewer'), origin: 'https://evil.example' },
    });
    expect(simple.statusCode).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/workflows',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.statusCode).toBe(404);
    expect(json<{ error: { code: string } }>(preflight).error.code).toBe('AF_NOT_FOUND');
  });

  it('answers 413 with an AF_ error over the body limit', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: { ...bearer('member'), 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(t.runtime.config.maxBodyBytes) }),
    });
    expect(res.statusCode).toBe(413);
    const body = json<{ error: { code: string; message: string; requestId: string } }>(res);
    expect(body.error.code).toBe('AF_LIMIT_EXCEEDED');
    expect(body.error.message).toMatch(/too large/i);
    expect(body.error.requestId).toBe(res.headers['x-request-id']);
    expectHardened(res);
  });
});

describe('CORS with configured origins', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  const allowed = 'https://app.example';
  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = await buildServer({
      runtime,
      auth,
      rateLimiter: false,
      logger: false,
      cors: { origins: [allowed, 'http://localhost:5173'] },
    });
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it('allows the listed origins with credentials, preflight included', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/workflows',
      headers: {
        origin: allowed,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-csrf-token',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(allowed);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('x-csrf-token');
    expect(preflight.headers.vary).toContain('Origin');

    const simple = await app.inject({
      method: 'GET',
      url: '/api/v1/workflows',
      headers: { ...bearer('viewer'), origin: allowed },
    });
    expect(simple.statusCode).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBe(allowed);
    expect(simple.headers['access-control-allow-credentials']).toBe('true');
    expect(String(simple.headers['access-control-expose-headers'])).toContain('x-request-id');
    expect(simple.headers['x-content-type-options']).toBe('nosniff');
  });

  it('gives other origins nothing', async () => {
    for (const origin of ['https://evil.example', 'https://app.example.evil.example', 'null']) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/workflows',
        headers: { ...bearer('viewer'), origin },
      });
      // Without Access-Control-Allow-Origin the browser hides the response (the plugin still sends
      // Allow-Credentials, which grants nothing on its own).
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin'], origin).toBeUndefined();
    }
  });

  it('keeps authentication in force for allowed origins', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/workflows', headers: { origin: allowed } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe(allowed);
  });
});
