/**
 * Refusals that say what is wrong and where (issue 12 items 4 and 5), against the real server: prototype keys
 * named as such with their path; malformed, empty and wrongly typed bodies with a path; one `id` rule for
 * create and validate; and workflow limits (agents, connections) checked in the raw body before it is parsed.
 */
import { describe, expect, it } from 'vitest';
import { bearer, greetWorkflow, useTestServer } from './test-support/fixtures.js';

const t = useTestServer();

interface ErrorReply {
  error: { code: string; message: string; issues?: { path: string; code: string; message: string }[] };
}

async function send(method: 'POST' | 'PUT', url: string, payload: string, contentType = 'application/json') {
  const res = await t.app.inject({
    method,
    url,
    headers: { ...bearer('owner'), 'content-type': contentType },
    payload,
  });
  return { status: res.statusCode, body: res.json() as ErrorReply & { ok?: boolean } };
}

const agents = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `a${i}`, type: 'output' }));

describe('refusals say what is wrong and where', () => {
  it('names a __proto__ or constructor.prototype key with its path instead of "not valid JSON"', async () => {
    const wf = JSON.stringify(greetWorkflow());
    const top = await send(
      'POST',
      '/api/v1/workflows',
      wf.replace('{"name"', '{"__proto__":{"admin":true},"name"'),
    );
    expect(top.status).toBe(400);
    expect(top.body.error.code).toBe('AF_VALIDATION');
    expect(top.body.error.message).not.toMatch(/not valid JSON/);
    expect(top.body.error.issues?.[0]).toMatchObject({ path: '__proto__', code: 'AF_VALIDATION' });
    const nested = await send(
      'POST',
      '/api/v1/workflows/validate',
      wf.replace('"config":{', '"config":{"constructor":{"prototype":{"x":1}},'),
    );
    expect(nested.status).toBe(400);
    expect(nested.body.error.issues?.[0]?.path).toBe('agents[0].config.constructor.prototype');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('gives malformed, empty and unsupported bodies a path', async () => {
    const malformed = await send('POST', '/api/v1/workflows', '{"name": "x",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.issues?.[0]).toMatchObject({ path: 'body', code: 'AF_VALIDATION' });
    expect(malformed.body.error.issues?.[0]?.message).toMatch(/not valid JSON: /);
    const empty = await send('POST', '/api/v1/workflows', '');
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues?.[0]?.path).toBe('body');
    const xml = await send('POST', '/api/v1/workflows', '<workflow/>', 'application/xml');
    expect(xml.status).toBe(415);
    expect(xml.body.error.issues?.[0]?.path).toBe('headers.content-type');
  });

  it('applies one rule to a top-level id: refused with the path by create, update and validate', async () => {
    const created = await send('POST', '/api/v1/workflows', JSON.stringify(greetWorkflow()));
    const id = (created.body as unknown as { id: string }).id;
    for (const bad of [5, { x: 1 }, 'has space']) {
      const body = JSON.stringify({ ...greetWorkflow(), id: bad });
      const create = await send('POST', '/api/v1/workflows', body);
      expect(create.status).toBe(400);
      expect(create.body.error.issues?.map((i) => i.path)).toContain('id');
      const update = await send('PUT', `/api/v1/workflows/${id}`, body);
      expect(update.status).toBe(400);
      expect(update.body.error.issues?.map((i) => i.path)).toContain('id');
      const validate = await send('POST', '/api/v1/workflows/validate', body);
      expect(validate.body.ok).toBe(false);
      expect(
        (validate.body as unknown as { issues: { path: string }[] }).issues.map((i) => i.path),
      ).toContain('id');
    }
  });

  it('refuses too many agents or connections in the raw body, before parsing it', async () => {
    // 30,000 agents (under the body limit), and the text is cut short: the count is refused before JSON.parse
    // could see the syntax error.
    const cut = JSON.stringify({ name: 'big', agents: agents(30_000) }).slice(0, -10);
    for (const [method, url] of [
      ['POST', '/api/v1/workflows'],
      ['POST', '/api/v1/workflows/validate'],
      ['PUT', '/api/v1/workflows/wf-none'],
    ] as const) {
      const cpu = process.cpuUsage();
      const res = await send(method, url, cut);
      const used = process.cpuUsage(cpu);
      if (process.env.AF_TEST_VERBOSE) console.log(url, 'cpu ms', (used.user + used.system) / 1000);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('AF_VALIDATION');
      expect(res.body.error.issues).toEqual([
        { path: 'agents', code: 'AF_LIMIT_EXCEEDED', message: 'more than 500 agents' },
      ]);
    }
    const connections = Array.from({ length: 2001 }, (_, i) => ({
      id: `c${i}`,
      sourceAgentId: 'a',
      targetAgentId: 'b',
    }));
    const many = await send(
      'POST',
      '/api/v1/workflows',
      JSON.stringify({ name: 'c', agents: agents(2), connections }),
    );
    expect(many.status).toBe(400);
    expect(many.body.error.issues?.[0]).toMatchObject({ path: 'connections', code: 'AF_LIMIT_EXCEEDED' });
    // At the limit: parsed and validated as usual (no limit issue).
    const atLimit = await send(
      'POST',
      '/api/v1/workflows/validate',
      JSON.stringify({ name: 'ok', agents: agents(500) }),
    );
    expect(atLimit.status).toBe(200);
    expect(JSON.stringify(atLimit.body)).not.toContain('AF_LIMIT_EXCEEDED');
  });

  it('refuses an over-long string with its path before the schema parse', async () => {
    const wf = greetWorkflow();
    const res = await send(
      'POST',
      '/api/v1/workflows',
      JSON.stringify({ ...wf, description: 'x'.repeat(100_001) }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.[0]).toMatchObject({
      path: 'description',
      code: 'AF_LIMIT_EXCEEDED',
    });
  });
});
