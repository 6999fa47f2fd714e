/**
 * Authentication and tenancy through the real runtime services: cookie sessions with CSRF, refresh rotation,
 * sign-out, API keys, members and roles, credentials (never returned), the audit log and rate limits.
 */
import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import { createTestRuntime, greetWorkflow } from './test-support/fixtures.js';

type Cookie = LightMyRequestResponse['cookies'][number];
interface Session {
  access: string;
  refresh: string;
  csrf: string;
  workspaceId: string;
  userId: string;
}

const PASSWORD = 'a long enough passphrase';
const CANARY = 'sk-canary-7f3a9c1e5b';

describe('auth and tenancy over HTTP', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  const bodies: string[] = [];
  let owner: Session;

  async function call(options: InjectOptions): Promise<LightMyRequestResponse> {
    const res = await app.inject(options);
    bodies.push(res.body, JSON.stringify(res.headers));
    return res;
  }
  const cookieOf = (res: LightMyRequestResponse, name: string): Cookie | undefined =>
    res.cookies.find((c) => c.name === name);
  function sessionOf(res: LightMyRequestResponse): Session {
    const body = res.json() as { workspace: { id: string }; user: { id: string } };
    return {
      access: cookieOf(res, 'af_access')!.value,
      refresh: cookieOf(res, 'af_refresh')!.value,
      csrf: cookieOf(res, 'af_csrf')!.value,
      workspaceId: body.workspace.id,
      userId: body.user.id,
    };
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const withCookies = (s: Session) => ({ af_access: s.access });

  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = await buildServer({ runtime, logger: false, rateLimiter: false });
    const res = await call({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'Owner@Example.test', password: PASSWORD, name: 'Olive' },
    });
    expect(res.statusCode, res.body).toBe(201);
    owner = sessionOf(res);
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it('signs in with cookies only: httpOnly access and refresh tokens, a readable CSRF token', async () => {
    const res = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'owner@example.test', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const access = cookieOf(res, 'af_access')!;
    expect(access).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(access.maxAge).toBeGreaterThan(23 * 3600);
    expect(cookieOf(res, 'af_refresh')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/v1/auth',
    });
    expect(cookieOf(res, 'af_csrf')?.httpOnly).toBeUndefined();
    const body = res.json() as Record<string, unknown>;
    expect(body).toMatchObject({ role: 'owner', user: { email: 'owner@example.test' } });
    expect(body.csrfToken).toBe(cookieOf(res, 'af_csrf')!.value);
    expect(res.body).not.toContain(access.value);

    const me = await call({ method: 'GET', url: '/api/v1/auth/me', cookies: { af_access: access.value } });
    expect(me.json()).toMatchObject({ kind: 'user', role: 'owner', workspace: { id: owner.workspaceId } });

    const wrong = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'owner@example.test', password: 'not the password' },
    });
    const unknown = await call({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.test', password: 'not the password' },
    });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect((wrong.json() as { error: { message: string } }).error.message).toBe(
      (unknown.json() as { error: { message: string } }).error.message,
    );
  });

  it('requires the CSRF token on cookie-authenticated changes, not on bearer ones', async () => {
    const without = await call({
      method: 'POST',
      url: '/api/v1/workflows',
      cookies: withCookies(owner),
      payload: greetWorkflow(),
    });
    expect(without.statusCode).toBe(403);
    expect((without.json() as { error: { code: string } }).error.code).toBe('AF_CSRF');
    const forged = await call({
      method: 'POST',
      url: '/api/v1/workflows',
      cookies: withCookies(owner),
      headers: { 'x-csrf-token': 'abc.def' },
      payload: greetWorkflow(),
    });
    expect(forged.statusCode).toBe(403);
    const ok = await call({
      method: 'POST',
      url: '/api/v1/workflows',
      cookies: withCookies(owner),
      headers: { 'x-csrf-token': owner.csrf },
      payload: greetWorkflow(),
    });
    expect(ok.statusCode).toBe(201);
    const viaBearer = await call({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer(owner.access),
      payload: greetWorkflow(),
    });
    expect(viaBearer.statusCode).toBe(201);
  });

  it('rotates refresh tokens; reusing an old one ends the session', async () => {
    const login = sessionOf(
      await call({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'owner@example.test', password: PASSWORD },
      }),
    );
    const rotated = await call({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: { af_refresh: login.refresh },
    });
    expect(rotated.statusCode).toBe(200);
    const next = sessionOf(rotated);
    expect(next.refresh).not.toBe(login.refresh);
    const me = await call({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(next.access) });
    expect(me.statusCode).toBe(200);

    const reused = await call({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: { af_refresh: login.refresh },
    });
    expect(reused.statusCode).toBe(401);
    expect(cookieOf(reused, 'af_access')?.value).toBe('');
    const after = await call({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(next.access) });
    expect(after.statusCode).toBe(401);
  });

  it('signs out: the session ends and the cookies are cleared with the attributes they were set with', async () => {
    const s = sessionOf(
      await call({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'owner@example.test', password: PASSWORD },
      }),
    );
    const out = await call({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { af_access: s.access, af_refresh: s.refresh },
    });
    expect(out.statusCode).toBe(204);
    expect(cookieOf(out, 'af_access')).toMatchObject({
      value: '',
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
    });
    expect(cookieOf(out, 'af_refresh')).toMatchObject({
      value: '',
      path: '/api/v1/auth',
      sameSite: 'Strict',
    });
    expect(cookieOf(out, 'af_access')!.expires!.getTime()).toBeLessThanOrEqual(Date.now());
    const me = await call({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(s.access) });
    expect(me.statusCode).toBe(401);
  });

  it('creates API keys shown once, which act with their role until revoked', async () => {
    const created = await call({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(owner.access),
      payload: { name: 'ci', role: 'viewer' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { key, apiKey } = created.json() as { key: string; apiKey: { id: string; prefix: string } };
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const list = await call({ method: 'GET', url: '/api/v1/api-keys', headers: bearer(owner.access) });
    expect(list.body).not.toContain(key);

    expect((await call({ method: 'GET', url: '/api/v1/workflows', headers: bearer(key) })).statusCode).toBe(
      200,
    );
    const write = await call({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer(key),
      payload: greetWorkflow(),
    });
    expect(write.statusCode).toBe(403);

    const revoked = await call({
      method: 'DELETE',
      url: `/api/v1/api-keys/${apiKey.id}`,
      headers: bearer(owner.access),
    });
    expect(revoked.statusCode).toBe(200);
    expect((await call({ method: 'GET', url: '/api/v1/workflows', headers: bearer(key) })).statusCode).toBe(
      401,
    );
  });

  it('manages members and roles; only owners touch the owner role; the last owner cannot leave', async () => {
    const joiner = sessionOf(
      await call({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email: 'ann@example.test', password: PASSWORD },
      }),
    );
    const invited = await call({
      method: 'POST',
      url: '/api/v1/members',
      headers: bearer(owner.access),
      payload: { email: 'ann@example.test', role: 'admin' },
    });
    expect(invited.statusCode).toBe(202);
    const added = await call({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: bearer(joiner.access),
      payload: { token: (invited.json() as { token: string }).token },
    });
    expect(added.statusCode).toBe(200);
    const switched = await call({
      method: 'POST',
      url: '/api/v1/auth/switch-workspace',
      headers: bearer(joiner.access),
      payload: { workspaceId: owner.workspaceId },
    });
    expect(switched.statusCode).toBe(200);
    const annAccess = cookieOf(switched, 'af_access')!.value;
    const promote = await call({
      method: 'PATCH',
      url: `/api/v1/members/${owner.userId}`,
      headers: bearer(annAccess),
      payload: { role: 'viewer' },
    });
    expect(promote.statusCode).toBe(403);
    const members = await call({ method: 'GET', url: '/api/v1/members', headers: bearer(annAccess) });
    expect((members.json() as { items: { role: string }[] }).items.map((m) => m.role).sort()).toEqual([
      'admin',
      'owner',
    ]);

    const demoted = await call({
      method: 'PATCH',
      url: `/api/v1/members/${joiner.userId}`,
      headers: bearer(owner.access),
      payload: { role: 'viewer' },
    });
    expect(demoted.json()).toMatchObject({ role: 'viewer' });
    // The demotion applies at once to the token already issued.
    const asViewer = await call({ method: 'GET', url: '/api/v1/members', headers: bearer(annAccess) });
    expect(asViewer.statusCode).toBe(200);
    const cannotManage = await call({
      method: 'POST',
      url: '/api/v1/members',
      headers: bearer(annAccess),
      payload: { email: 'owner@example.test', role: 'viewer' },
    });
    expect(cannotManage.statusCode).toBe(403);

    const lastOwner = await call({
      method: 'DELETE',
      url: '/api/v1/members/me',
      headers: bearer(owner.access),
    });
    expect(lastOwner.statusCode).toBe(409);
    const leaves = await call({ method: 'DELETE', url: '/api/v1/members/me', headers: bearer(annAccess) });
    expect(leaves.statusCode).toBe(204);
    expect(
      (await call({ method: 'GET', url: '/api/v1/members', headers: bearer(annAccess) })).statusCode,
    ).toBe(401);
  });

  it('stores credentials encrypted and never returns their value', async () => {
    const created = await call({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: bearer(owner.access),
      payload: { name: 'openai', type: 'openai', value: CANARY },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    const list = await call({ method: 'GET', url: '/api/v1/credentials', headers: bearer(owner.access) });
    expect((list.json() as { items: { name: string }[] }).items.map((c) => c.name)).toEqual(['openai']);
    const updated = await call({
      method: 'PUT',
      url: `/api/v1/credentials/${id}`,
      headers: bearer(owner.access),
      payload: { value: `${CANARY}-2` },
    });
    expect(updated.statusCode).toBe(200);
    const duplicate = await call({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: bearer(owner.access),
      payload: { name: 'openai', type: 'openai', value: 'x' },
    });
    expect(duplicate.statusCode).toBe(409);
    const removed = await call({
      method: 'DELETE',
      url: `/api/v1/credentials/${id}`,
      headers: bearer(owner.access),
    });
    expect(removed.statusCode).toBe(204);
    for (const body of bodies) expect(body).not.toContain(CANARY);
  });

  it('keeps an audit log of security-relevant actions, readable by admins', async () => {
    const log = await call({ method: 'GET', url: '/api/v1/audit?limit=500', headers: bearer(owner.access) });
    expect(log.statusCode).toBe(200);
    const actions = new Set((log.json() as { items: { action: string }[] }).items.map((e) => e.action));
    for (const action of [
      'auth.register',
      'auth.login',
      'auth.refresh_reuse',
      'apikey.create',
      'member.invite',
      'member.invite_accept',
      'member.role_change',
      'credential.create',
    ]) {
      expect(actions, action).toContain(action);
    }
    const filtered = await call({
      method: 'GET',
      url: '/api/v1/audit?action=credential.',
      headers: bearer(owner.access),
    });
    expect(
      (filtered.json() as { items: { action: string }[] }).items.every((e) =>
        e.action.startsWith('credential.'),
      ),
    ).toBe(true);
  });

  it('limits requests per plan tier with 429 and Retry-After', async () => {
    const limited = await createTestRuntime({
      security: { rateLimit: { limits: { anonymous: { limit: 3, windowMs: 60_000 } } } },
    });
    const server = await buildServer({ runtime: limited, logger: false });
    try {
      const statuses: number[] = [];
      let last: LightMyRequestResponse | undefined;
      for (let i = 0; i < 4; i++) {
        last = await server.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'x@example.test', password: 'whatever it is' },
        });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      expect(last!.headers['x-ratelimit-remaining']).toBe('0');
      expect((last!.json() as { error: { code: string } }).error.code).toBe('AF_RATE_LIMITED');
      const health = await server.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(200);
    } finally {
      await server.close();
      await limited.close();
    }
  });
});
