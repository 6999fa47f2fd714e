/**
 * Unknown body fields and query parameters are refused with 400 AF_VALIDATION and the path of each (they used to
 * be dropped silently, so a misspelt field looked accepted).
 */
import { describe, expect, it } from 'vitest';
import { bearer, greetWorkflow, json, useTestServer } from './test-support/fixtures.js';

interface ErrorReply {
  error: { code: string; issues: { path: string; message: string; code: string }[] };
}

describe('unknown fields', () => {
  const t = useTestServer();

  it('refuses an unknown body field on create, with its path; the same body without it is accepted', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer('member'),
      payload: { ...greetWorkflow(), descripton: 'typo' },
    });
    expect(res.statusCode).toBe(400);
    expect(json<ErrorReply>(res).error).toMatchObject({
      code: 'AF_VALIDATION',
      issues: [{ path: 'descripton', message: 'unknown field', code: 'AF_VALIDATION' }],
    });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer('member'),
      payload: greetWorkflow(),
    });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses unknown keys next to the execution input, but not inside the free-form input', async () => {
    const { id } = json<{ id: string }>(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/workflows',
        headers: bearer('member'),
        payload: greetWorkflow(),
      }),
    );
    const typo = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${id}/execute`,
      headers: bearer('member'),
      payload: { input: { name: 'Ada' }, inputs: { name: 'Ada' } },
    });
    expect(typo.statusCode).toBe(400);
    expect(json<ErrorReply>(typo).error.issues.map((i) => i.path)).toEqual(['inputs']);
    const fine = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${id}/execute`,
      headers: bearer('member'),
      payload: { input: { name: 'Ada', extra: true } },
    });
    expect(fine.statusCode).toBe(202);
  });

  it('refuses unknown query parameters, on routes with a query schema and on routes without one', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/workflows?limit=5&stauts=active',
      headers: bearer('viewer'),
    });
    expect(list.statusCode).toBe(400);
    expect(json<ErrorReply>(list).error.issues.map((i) => i.path)).toEqual(['query.stauts']);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/workflows?limit=5', headers: bearer('viewer') }))
        .statusCode,
    ).toBe(200);
    const none = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agents/types?verbose=1',
      headers: bearer('viewer'),
    });
    expect(none.statusCode).toBe(400);
    expect(json<ErrorReply>(none).error.issues.map((i) => i.path)).toEqual(['query.verbose']);
  });

  it('reports every unknown key of a login body (a public route) at once', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.test', password: 'a long enough passphrase', remember: true, otp: '1' },
    });
    expect(res.statusCode).toBe(400);
    expect(
      json<ErrorReply>(res)
        .error.issues.map((i) => i.path)
        .sort(),
    ).toEqual(['otp', 'remember']);
  });
});
