import { createToolRegistry, type ToolResult } from '@agentflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressGuard, type EgressGuard } from '../egress/guard.js';
import { toolContext } from '../test-support/context.js';
import { sendJson, startTestServer, type TestServer } from '../test-support/http-server.js';
import { createHttpRequestTool } from './http-request.js';
import { createWebFetchTool } from './web-fetch.js';

const PAGE = `<!doctype html><html><head><title> Quarterly  report </title><style>p{color:red}</style>
<script>alert('x')</script></head><body><nav>Home | About</nav>
<article><h1>Results</h1><p>Revenue grew <b>12%</b>.</p><ul><li>North</li><li>South</li></ul></article>
<table class="prices"><tr><td>Apple</td><td>1.20</td></tr></table><noscript>enable js</noscript></body></html>`;

function output(result: ToolResult): Record<string, unknown> {
  if (!result.ok) throw new Error(`tool failed: ${result.error.code} ${result.error.message}`);
  return result.output as Record<string, unknown>;
}

describe('http_request and web_fetch', () => {
  let server: TestServer;
  let egress: EgressGuard;
  let strict: EgressGuard;
  let tools: ReturnType<typeof createToolRegistry>;
  let strictTools: ReturnType<typeof createToolRegistry>;

  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      if (req.url.startsWith('/echo')) {
        return sendJson(res, 201, {
          method: req.method,
          url: req.url,
          contentType: req.headers['content-type'] ?? null,
          idempotencyKey: req.headers['idempotency-key'] ?? null,
          custom: req.headers['x-custom'] ?? null,
          body: req.body.toString(),
        });
      }
      if (req.url === '/page') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end(PAGE);
      }
      if (req.url === '/long') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end(`<p>${'z'.repeat(500)}</p>`);
      }
      if (req.url === '/plain') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.end('just text');
      }
      if (req.url === '/binary') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return void res.end(Buffer.from([0, 1, 2, 255]));
      }
      if (req.url === '/huge') return void res.end('y'.repeat(3000));
      if (req.url === '/missing') return sendJson(res, 404, { error: 'nope' });
      if (req.url === '/to-metadata') {
        res.writeHead(302, { location: 'http://[::ffff:169.254.169.254]/latest/meta-data/' });
        return void res.end();
      }
      res.statusCode = 500;
      res.end('?');
    });
    egress = createEgressGuard({ allow: ['127.0.0.1'] });
    strict = createEgressGuard();
    tools = createToolRegistry([
      createHttpRequestTool({ egress, maxResponseBytes: 2000 }),
      createWebFetchTool({ egress }),
    ]);
    strictTools = createToolRegistry([
      createHttpRequestTool({ egress: strict }),
      createWebFetchTool({ egress: strict }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([egress.close(), strict.close(), server.close()]);
  });

  it('sends JSON with the idempotency key and parses the JSON answer', async () => {
    const ctx = toolContext();
    const out = output(
      await tools.call(
        'http_request',
        {
          url: `${server.url}/echo`,
          method: 'POST',
          json: { a: 1 },
          headers: { 'X-Custom': 'yes' },
          query: { q: 'x y', n: 2 },
        },
        ctx,
      ),
    );
    expect(out).toMatchObject({ status: 201, encoding: 'json', url: `${server.url}/echo?q=x+y&n=2` });
    expect(out.body).toEqual({
      method: 'POST',
      url: '/echo?q=x+y&n=2',
      contentType: 'application/json',
      idempotencyKey: ctx.idempotencyKey,
      custom: 'yes',
      body: '{"a":1}',
    });
  });

  it('sends form bodies, keeps a caller-set Idempotency-Key, and sends none on GET', async () => {
    const form = output(
      await tools.call(
        'http_request',
        {
          url: `${server.url}/echo`,
          method: 'PUT',
          form: { a: '1', b: 'two words' },
          headers: { 'Idempotency-Key': 'mine' },
        },
        toolContext(),
      ),
    );
    expect(form.body).toMatchObject({
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
      body: 'a=1&b=two+words',
      idempotencyKey: 'mine',
    });
    const get = output(await tools.call('http_request', { url: `${server.url}/echo` }, toolContext()));
    expect(get.body).toMatchObject({ method: 'GET', idempotencyKey: null });
  });

  it('returns HTTP errors as results, binary as base64', async () => {
    expect(
      output(await tools.call('http_request', { url: `${server.url}/missing` }, toolContext())),
    ).toMatchObject({
      status: 404,
      body: { error: 'nope' },
    });
    expect(
      output(await tools.call('http_request', { url: `${server.url}/binary` }, toolContext())),
    ).toMatchObject({
      encoding: 'base64',
      body: Buffer.from([0, 1, 2, 255]).toString('base64'),
    });
  });

  it('refuses bad input, forbidden headers, oversized answers and private targets as tool errors', async () => {
    const cases: [unknown, string][] = [
      [{ url: `${server.url}/echo`, method: 'GET', json: {} }, 'cannot have a body'],
      [{ url: `${server.url}/echo`, method: 'POST', json: {}, body: 'x' }, 'at most one'],
      [{ url: `${server.url}/echo`, headers: { Host: 'evil' } }, 'may not be set'],
      [{ url: `${server.url}/huge` }, 'larger than 2000 bytes'],
      [{ url: `${server.url}/to-metadata` }, 'egress refused'],
      [{ url: 'not a url' }, 'Invalid URL'],
      [{ url: `${server.url}/echo`, method: 'TRACE' }, 'inputSchema'],
    ];
    for (const [input, message] of cases) {
      const result = await tools.call('http_request', input, toolContext());
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain(message);
    }
    const refused = await strictTools.call('http_request', { url: `${server.url}/echo` }, toolContext());
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'AF_TOOL_ERROR', details: { reason: 'egress' } },
    });
  });

  it('web_fetch returns readable text and the title', async () => {
    const out = output(await tools.call('web_fetch', { url: `${server.url}/page` }, toolContext()));
    expect(out.title).toBe('Quarterly report');
    expect(out.text).toBe('Home | About\n\nResults\n\nRevenue grew 12%.\n\n- North\n\n- South\n\nApple 1.20');
    expect(out.text).not.toMatch(/alert|color:red|enable js/);
    expect(out.truncated).toBe(false);
  });

  it('web_fetch keeps only what a CSS selector matches, and truncates', async () => {
    const table = output(
      await tools.call(
        'web_fetch',
        { url: `${server.url}/page`, selector: 'table.prices td' },
        toolContext(),
      ),
    );
    expect(table).toMatchObject({ text: 'Apple\n\n1.20', matched: 2 });
    const none = output(
      await tools.call('web_fetch', { url: `${server.url}/page`, selector: '#absent' }, toolContext()),
    );
    expect(none).toMatchObject({ text: '', matched: 0 });
    const short = output(
      await tools.call('web_fetch', { url: `${server.url}/long`, maxChars: 100 }, toolContext()),
    );
    expect(short).toMatchObject({ truncated: true, text: 'z'.repeat(100) });
    const plain = output(await tools.call('web_fetch', { url: `${server.url}/plain` }, toolContext()));
    expect(plain).toMatchObject({ text: 'just text', title: '' });
  });

  it('web_fetch reports bad selectors, HTTP errors, binaries and private targets', async () => {
    const cases: [unknown, string][] = [
      [{ url: `${server.url}/page`, selector: 'p[[' }, 'invalid CSS selector'],
      [{ url: `${server.url}/missing` }, 'HTTP 404'],
      [{ url: `${server.url}/binary` }, 'not a text page'],
    ];
    for (const [input, message] of cases) {
      const result = await tools.call('web_fetch', input, toolContext());
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain(message);
    }
    const refused = await strictTools.call('web_fetch', { url: 'http://2130706433/' }, toolContext());
    expect(refused).toMatchObject({ ok: false, error: { details: { reason: 'egress' } } });
  });
});
