/**
 * Session cookies carry `Secure` whenever the request came over HTTPS: served directly with TLS (a real HTTPS
 * listener with a self-signed certificate), or through a trusted proxy's X-Forwarded-Proto; always in production.
 * An untrusted X-Forwarded-Proto changes nothing.
 */
import { request as httpsRequest } from 'node:https';
import type { Runtime } from '@agentflow/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildServerOptions, buildServer } from './app.js';
import { startServer } from './start.js';
import { createTestRuntime } from './test-support/fixtures.js';
import { selfSignedCertificate, type TestCertificate } from './test-support/tls.js';

const PASSWORD = 'a long enough passphrase';
let runtime: Runtime;
let tls: TestCertificate;
let users = 0;

beforeAll(async () => {
  tls = selfSignedCertificate();
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

interface Reply {
  status: number;
  cookies: string[];
}

/** Registers a new user at `base` and returns the Set-Cookie headers. */
async function register(base: string, headers: Record<string, string> = {}): Promise<Reply> {
  const body = JSON.stringify({ email: `user${++users}@example.test`, password: PASSWORD, name: 'U' });
  if (base.startsWith('https:')) {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        `${base}/api/v1/auth/register`,
        { method: 'POST', ca: tls.cert, headers: { 'content-type': 'application/json', ...headers } },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, cookies: (res.headers['set-cookie'] ?? []) as string[] }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  const res = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, cookies: res.headers.getSetCookie() };
}

async function listening(options: Omit<BuildServerOptions, 'runtime'>) {
  const app = await buildServer({ runtime, logger: false, rateLimiter: false, ...options });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url: options.https ? url.replace('http:', 'https:') : url };
}

function expectAllSecure(reply: Reply, secure: boolean) {
  expect(reply.status).toBe(201);
  const names = reply.cookies.map((c) => c.split('=')[0]);
  expect(names.sort()).toEqual(['af_access', 'af_csrf', 'af_refresh']);
  for (const cookie of reply.cookies) expect(/;\s*Secure/i.test(cookie), cookie).toBe(secure);
}

describe('Secure session cookies', () => {
  it('are Secure when served over HTTPS directly (real TLS listener)', async () => {
    const { app, url } = await listening({ https: { cert: tls.cert, key: tls.key } });
    try {
      expect(url).toMatch(/^https:/);
      expectAllSecure(await register(url), true);
    } finally {
      await app.close();
    }
  });

  it('are Secure behind a trusted proxy that says https, and not when the proxy is not trusted', async () => {
    const trusted = await listening({ trustProxy: '127.0.0.1' });
    const untrusted = await listening({});
    try {
      expectAllSecure(await register(trusted.url, { 'x-forwarded-proto': 'https' }), true);
      expectAllSecure(await register(trusted.url), false);
      // Anyone can send the header: without trustProxy it is ignored.
      expectAllSecure(await register(untrusted.url, { 'x-forwarded-proto': 'https' }), false);
    } finally {
      await trusted.app.close();
      await untrusted.app.close();
    }
  });

  it('are always Secure in production (NODE_ENV=production in the config), even over plain HTTP', async () => {
    // loadConfig reads NODE_ENV into `production` (config.test.ts); the server reads the runtime's config.
    const production = { ...runtime, config: { ...runtime.config, production: true } };
    const app = await buildServer({ runtime: production, logger: false, rateLimiter: false });
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      expectAllSecure(await register(url), true);
    } finally {
      await app.close();
    }
  });
});

describe('TLS and trustProxy from the configuration', () => {
  it('startServer serves HTTPS from AGENTFLOW_TLS_CERT / AGENTFLOW_TLS_KEY', async () => {
    const configured = await createTestRuntime({
      env: {
        AGENTFLOW_TLS_CERT: tls.certFile,
        AGENTFLOW_TLS_KEY: tls.keyFile,
      },
    });
    const lines: string[] = [];
    const server = await startServer({
      runtime: configured,
      host: '127.0.0.1',
      port: 0,
      logger: false,
      rateLimiter: false,
      handleSignals: false,
      print: (line) => lines.push(line),
    });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(lines.join('\n')).toContain(server.url);
      expectAllSecure(await register(server.url), true);
    } finally {
      await server.close();
    }
  });
});
