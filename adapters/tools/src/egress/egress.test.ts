import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { isAgentFlowError } from '@agentflow/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/http-server.js';
import { blockedReason, parseAllowList } from './address-policy.js';
import { createEgressGuard, type EgressGuard, type Resolver } from './guard.js';

/** Resolves test names only; everything else fails (no real DNS in tests). */
function fakeResolver(table: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAgentFlowError(error)).toBe(true);
  if (!isAgentFlowError(error)) throw error;
  return error;
}

describe('blockedReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.100.100.200', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:169.254.169.254', 'IPv4-mapped'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::7f00:1', 'IPv4-compatible'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052'],
    ['2002:a9fe:a9fe::1', '6to4'],
    ['2001:db8::1', 'reserved'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(blockedReason(address)).toContain(kind);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '2a00:1450:4001::200e'])(
    'allows %s',
    (address) => {
      expect(blockedReason(address)).toBeUndefined();
    },
  );

  it('parses allow-lists of hosts, wildcards, IPs and CIDRs, and rejects junk', () => {
    const allow = parseAllowList(['api.internal', '*.corp.example', '127.0.0.1', '10.0.0.0/8', '::1']);
    expect(allow.allowsHost('API.internal.')).toBe(true);
    expect(allow.allowsHost('x.corp.example')).toBe(true);
    expect(allow.allowsHost('corp.example.evil')).toBe(false);
    expect(allow.allowsAddress('10.9.8.7')).toBe(true);
    expect(allow.allowsAddress('127.0.0.2')).toBe(false);
    expect(allow.allowsAddress('::ffff:127.0.0.1')).toBe(false);
    expect(allow.allowsAddress('::1')).toBe(true);
    expect(() => parseAllowList(['http://x'])).toThrow(TypeError);
    expect(() => parseAllowList(['10.0.0.0/99'])).toThrow(TypeError);
  });
});

describe('createEgressGuard', () => {
  let server: TestServer;
  let strict: EgressGuard;
  let loopback: EgressGuard;
  const resolver = fakeResolver({
    'public.test': ['93.184.216.34'],
    'internal.test': ['10.0.0.5'],
    'mixed.test': ['93.184.216.34', '127.0.0.3'],
    'pinned.test': ['127.0.0.1'],
    'sneaky.test': ['127.0.0.3'],
  });

  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      const path = req.url;
      if (path === '/hello') return void res.end('hello');
      if (path.startsWith('/redirect?to=')) {
        res.writeHead(302, { location: decodeURIComponent(path.slice('/redirect?to='.length)) });
        return void res.end();
      }
      if (path === '/loop') {
        res.writeHead(302, { location: '/loop' });
        return void res.end();
      }
      if (path === '/big') return void res.end('x'.repeat(5000));
      if (path === '/big-chunked') {
        res.write('x'.repeat(600)); // no Content-Length: chunked
        return void res.end('x'.repeat(600));
      }
      if (path === '/gzip-bomb') {
        // 5,000 bytes once decoded, ~40 on the wire (the Content-Length counts the coded bytes).
        const coded = gzipSync('x'.repeat(5000));
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': coded.length });
        return void res.end(coded);
      }
      if (path === '/fits') return void res.end('y'.repeat(1000));
      if (path === '/slow') return void setTimeout(() => res.end('late'), 2000);
      if (path === '/post-redirect') {
        res.writeHead(303, { location: '/echo' });
        return void res.end();
      }
      if (path === '/echo') return void res.end(`${req.method} ${req.headers.authorization ?? '-'}`);
      res.statusCode = 404;
      res.end('no');
    });
    strict = createEgressGuard({ resolver });
    loopback = createEgressGuard({ resolver, allow: ['127.0.0.1'], maxResponseBytes: 1000 });
  });
  afterAll(async () => {
    await Promise.all([strict.close(), loopback.close(), server.close()]);
  });

  it('resolve (TCP clients: PostgreSQL, SMTP) applies the same address policy and returns checked addresses', async () => {
    for (const host of [
      '127.0.0.1',
      '::1',
      '[::1]',
      '10.0.0.1',
      'internal.test',
      'mixed.test',
      '169.254.169.254',
    ]) {
      const error = await refusal(strict.resolve(host));
      expect(error.details).toMatchObject({ reason: 'egress' });
    }
    expect(await strict.resolve('public.test')).toEqual([{ address: '93.184.216.34', family: 4 }]);
    expect(await strict.resolve('93.184.216.34')).toEqual([{ address: '93.184.216.34', family: 4 }]);
    expect(await loopback.resolve('127.0.0.1')).toEqual([{ address: '127.0.0.1', family: 4 }]);
    expect(await loopback.resolve('pinned.test')).toEqual([{ address: '127.0.0.1', family: 4 }]);
    await expect(loopback.resolve('sneaky.test')).rejects.toMatchObject({ code: 'AF_TOOL_ERROR' });
  });

  it.each([
    'http://127.0.0.1/',
    'http://[::1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://10.0.0.1/',
    'http://0.0.0.0/',
  ])('refuses %s before connecting', async (url) => {
    const error = await refusal(strict.check(url));
    expect(error.code).toBe('AF_TOOL_ERROR');
    expect(error.message).toMatch(/^egress refused/);
    expect(error.details).toMatchObject({ reason: 'egress', kind: 'address' });
  });

  it('refuses loopback literals on fetch too (nothing is sent)', async () => {
    const before = server.requests.length;
    for (const url of [
      `${server.url}/hello`,
      `http://0x7f000001:${server.port}/hello`,
      `http://[::1]:${server.port}/`,
    ]) {
      const error = await refusal(strict.fetch(url));
      expect(error.message).toMatch(/egress refused/);
    }
    expect(server.requests.length).toBe(before);
  });

  it('refuses a DNS name that resolves to a private address, or to any blocked address', async () => {
    expect((await refusal(strict.check('http://internal.test/'))).message).toMatch(/10\.0\.0\.5/);
    expect((await refusal(strict.check('http://mixed.test/'))).message).toMatch(/127\.0\.0\.3/);
    await expect(strict.check('http://public.test/')).resolves.toBeUndefined();
    const error = await refusal(loopback.fetch(`http://sneaky.test:${server.port}/hello`));
    expect(error.message).toMatch(/sneaky\.test resolves to 127\.0\.0\.3/);
  });

  it('refuses other schemes and credentials in URLs', async () => {
    expect((await refusal(strict.check('file:///etc/passwd'))).details).toMatchObject({ kind: 'scheme' });
    expect((await refusal(strict.check('ftp://public.test/'))).details).toMatchObject({ kind: 'scheme' });
    expect((await refusal(strict.check('http://user:pw@public.test/'))).details).toMatchObject({
      kind: 'scheme',
    });
  });

  it('reaches an allow-listed address and connects to the address it checked', async () => {
    const response = await loopback.request(`${server.url}/hello`);
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('hello');
    // `pinned.test` exists only in the injected resolver: the connection used the checked answer.
    const viaName = await loopback.request(`http://pinned.test:${server.port}/hello`);
    expect(viaName.body.toString()).toBe('hello');
    expect(resolver.calls).toContain('pinned.test');
  });

  it('re-checks every redirect and refuses one to a private address', async () => {
    const targets = [
      `http://127.0.0.2:${server.port}/hello`,
      `http://sneaky.test:${server.port}/hello`,
      `http://[::ffff:127.0.0.1]:${server.port}/hello`,
      'http://169.254.169.254/latest/meta-data/',
    ];
    for (const target of targets) {
      const error = await refusal(loopback.fetch(`${server.url}/redirect?to=${encodeURIComponent(target)}`));
      expect(error.message).toMatch(/egress refused/);
    }
    const ok = await loopback.request(`${server.url}/redirect?to=${encodeURIComponent('/hello')}`);
    expect(ok.body.toString()).toBe('hello');
    expect(ok.url).toBe(`${server.url}/hello`);
  });

  it('stops after the redirect limit', async () => {
    const error = await refusal(loopback.fetch(`${server.url}/loop`));
    expect(error.message).toMatch(/more than 5 redirects/);
  });

  it('turns a POST into a GET on 303 and drops credentials across origins only', async () => {
    const response = await loopback.request(`${server.url}/post-redirect`, {
      method: 'POST',
      body: 'x',
      headers: { authorization: 'Bearer t' },
    });
    expect(response.body.toString()).toBe('GET Bearer t');
  });

  it('caps the response size and the time', async () => {
    const big = await refusal(loopback.request(`${server.url}/big`));
    expect(big.code).toBe('AF_LIMIT_EXCEEDED');
    // Without a Content-Length, or with one that counts coded bytes, the decoded body is counted as it streams.
    expect((await refusal(loopback.request(`${server.url}/big-chunked`))).code).toBe('AF_LIMIT_EXCEEDED');
    expect((await refusal(loopback.request(`${server.url}/gzip-bomb`))).code).toBe('AF_LIMIT_EXCEEDED');
    expect((await loopback.request(`${server.url}/fits`)).body.length).toBe(1000);
    const slow = await refusal(loopback.request(`${server.url}/slow`, {}, { timeoutMs: 100 }));
    expect(slow.code).toBe('AF_TIMEOUT');
  });

  it('reports a cancelled request as AF_CANCELLED', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await refusal(loopback.request(`${server.url}/slow`, { signal: controller.signal }));
    expect(error.code).toBe('AF_CANCELLED');
  });

  it('reuses kept-alive connections only to the address it checked; a new one re-resolves and refuses a rebound name', async () => {
    // Both answer with the address the connection reached; `/close` ends the connection after answering.
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/close') res.setHeader('connection', 'close');
      res.end(req.socket.localAddress);
    };
    const allowed = createServer(handler);
    await new Promise<void>((resolve) => allowed.listen(0, '127.0.0.1', resolve));
    const { port } = allowed.address() as AddressInfo;
    const blocked = createServer(handler);
    await new Promise<void>((resolve) => blocked.listen(port, '127.0.0.3', resolve));
    const table: Record<string, string[]> = { 'rebind.test': ['127.0.0.1'] };
    const dns = fakeResolver(table);
    const guard = createEgressGuard({ resolver: dns, allow: ['127.0.0.1'] });
    const answer = (path: string) =>
      guard.request(`http://rebind.test:${port}${path}`).then(
        (response) => response.body.toString(),
        (error: unknown) =>
          (isAgentFlowError(error) && error.message.match(/resolves to [\d.]+/)?.[0]) || error,
      );
    try {
      for (let i = 0; i < 5; i++) expect(await answer('/')).toBe('127.0.0.1');
      const lookups = dns.calls.length;
      expect(lookups).toBeLessThan(5); // connections were reused
      table['rebind.test'] = ['127.0.0.3'];
      // Kept-alive connections still reach the checked address; each `/close` ends one, and the first new
      // connection resolves again and is refused.
      const seen: unknown[] = [];
      for (let i = 0; i < 10 && seen.at(-1) !== 'resolves to 127.0.0.3'; i++)
        seen.push(await answer('/close'));
      expect(seen.at(-1)).toBe('resolves to 127.0.0.3');
      expect(seen.slice(0, -1).every((a) => a === '127.0.0.1')).toBe(true);
      expect(dns.calls.length).toBe(lookups + 1);
    } finally {
      await guard.close();
      for (const server of [allowed, blocked]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
  });
});
