import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressGuard } from './guard.js';
import { createGuardedFetch } from './standard-fetch.js';

interface Listener {
  url: string;
  port: number;
  seen: IncomingHttpHeaders[];
  server: Server;
}

async function listen(host: string, handler: (url: string) => [number, Record<string, string>]) {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    const [status, headers] = handler(req.url ?? '');
    res.writeHead(status, headers).end(status === 200 ? '{"ok":true}' : '');
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, port, seen, server } satisfies Listener;
}

let target: Listener;
let other: Listener;
beforeAll(async () => {
  target = await listen('127.0.0.1', () => [200, { 'content-type': 'application/json' }]);
  // Same address, another origin (port): redirects from here to `target` change origin.
  other = await listen('127.0.0.1', () => [307, { location: `${target.url}/landed` }]);
});
afterAll(async () => {
  for (const l of [target, other]) await new Promise((done) => l.server.close(done));
});

describe('createGuardedFetch', () => {
  it('refuses loopback with AF_EGRESS_REFUSED and sends nothing', async () => {
    const fetch = createGuardedFetch(createEgressGuard());
    const before = target.seen.length;
    await expect(fetch(`${target.url}/x`, { method: 'POST', body: '{}' })).rejects.toMatchObject({
      code: 'AF_EGRESS_REFUSED',
      retryable: false,
    });
    expect(target.seen.length).toBe(before);
  });

  it('reaches an allowed origin exactly (not another port of the same host)', async () => {
    const fetch = createGuardedFetch(createEgressGuard({ allowOrigins: [target.url] }));
    const response = await fetch(`${target.url}/v1/chat`, { method: 'POST', body: '{"a":1}' });
    expect(await response.json()).toEqual({ ok: true });
    await expect(fetch(`${other.url}/v1/chat`)).rejects.toMatchObject({ code: 'AF_EGRESS_REFUSED' });
  });

  it('drops provider key headers when a redirect changes origin', async () => {
    const fetch = createGuardedFetch(createEgressGuard({ allow: ['127.0.0.1'] }));
    target.seen.length = 0;
    const response = await fetch(`${other.url}/start`, {
      method: 'POST',
      headers: { 'x-api-key': 'k1', 'x-goog-api-key': 'k2', authorization: 'Bearer k3', 'x-keep': 'yes' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(target.seen).toHaveLength(1);
    const headers = target.seen[0]!;
    expect(headers['x-keep']).toBe('yes');
    expect([headers['x-api-key'], headers['x-goog-api-key'], headers.authorization]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reports a connection failure the way a platform fetch does', async () => {
    const fetch = createGuardedFetch(createEgressGuard({ allow: ['127.0.0.1'] }));
    const error = await fetch('http://127.0.0.1:1/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
  });
});
