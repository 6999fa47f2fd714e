import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  openSecurityFixture,
  registerUser,
  type SecurityFixture,
  uniqueEmail,
} from '../test-support/security-fixture.js';
import { createLoginGuard } from './login-guard.js';

let f: SecurityFixture;
beforeAll(async () => {
  // A long first delay, so that a back-off cannot lapse while a test runs.
  f = await openSecurityFixture({ login: { maxFailures: 5, baseDelayMs: 60_000 } });
});
afterAll(() => f.close());

const rowsOf = async <T>(query: ReturnType<typeof sql>) =>
  ((await f.store.db.execute(query)) as unknown as { rows: T[] }).rows;

describe('register', () => {
  it('creates the user with an argon2id hash and a personal workspace it owns', async () => {
    const email = uniqueEmail('reg');
    const result = await f.security.auth.register({
      email: email.toUpperCase(),
      password: 'correct horse battery',
    });
    expect(result.user.email).toBe(email);
    expect(result.role).toBe('owner');
    expect(result.workspace.plan).toBe('free');
    const [row] = await rowsOf<{ password_hash: string }>(
      sql`select password_hash from users where id = ${result.user.id}`,
    );
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(row!.password_hash).not.toContain('correct horse battery');
    const principal = await f.security.auth.authenticateToken(result.tokens.accessToken);
    expect(principal).toEqual({
      kind: 'user',
      userId: result.user.id,
      workspaceId: result.workspace.id,
      role: 'owner',
      plan: 'free',
      sessionId: result.tokens.sessionId,
    });
  });

  it('refuses a duplicate email (any case) with AF_CONFLICT, and weak or malformed input', async () => {
    const { email } = await registerUser(f.security, 'dup');
    await expect(
      f.security.auth.register({ email: ` ${email.toUpperCase()} `, password: 'another password' }),
    ).rejects.toMatchObject({ code: 'AF_CONFLICT' });
    await expect(f.security.auth.register({ email: uniqueEmail(), password: 'short' })).rejects.toMatchObject(
      {
        code: 'AF_VALIDATION',
        issues: [expect.objectContaining({ path: 'password' })],
      },
    );
    await expect(
      f.security.auth.register({ email: 'not-an-email', password: 'long enough pw' }),
    ).rejects.toMatchObject({ code: 'AF_VALIDATION', issues: [expect.objectContaining({ path: 'email' })] });
  });
});

describe('login, refresh, logout', () => {
  it('logs in with the right password only, with one message for unknown email and wrong password', async () => {
    const { email, password, user } = await registerUser(f.security, 'login');
    const ok = await f.security.auth.login({ email, password }, { ip: '203.0.113.1' });
    expect(ok.user.id).toBe(user.id);
    const wrong = await f.security.auth
      .login({ email, password: 'nope-nope' }, { ip: '203.0.113.1' })
      .catch((e) => e);
    const unknown = await f.security.auth
      .login({ email: uniqueEmail('ghost'), password: 'nope-nope' }, { ip: '203.0.113.1' })
      .catch((e) => e);
    expect(wrong).toMatchObject({ code: 'AF_UNAUTHENTICATED', message: 'wrong email or password' });
    expect(unknown).toMatchObject({ code: 'AF_UNAUTHENTICATED', message: 'wrong email or password' });
    const audit = await f.security.repos.audit.listAudit({ action: 'auth.' });
    const actions = audit.items.map((a) => a.action);
    expect(actions).toContain('auth.login');
    expect(actions).toContain('auth.login_failed');
  });

  it('rotates the refresh token on every use; reusing an old one revokes the whole family', async () => {
    const { email, password } = await registerUser(f.security, 'rotate');
    const login = await f.security.auth.login({ email, password });
    const r1 = await f.security.auth.refresh(login.tokens.refreshToken);
    expect(r1.tokens.refreshToken).not.toBe(login.tokens.refreshToken);
    expect(r1.tokens.sessionId).toBe(login.tokens.sessionId);
    const r2 = await f.security.auth.refresh(r1.tokens.refreshToken);
    expect((await f.security.auth.authenticateToken(r2.tokens.accessToken)).userId).toBe(login.user.id);

    // The token of r1 was already exchanged: presenting it again is reuse.
    await expect(f.security.auth.refresh(r1.tokens.refreshToken)).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
      details: { reason: 'reuse' },
    });
    // The whole family is gone: the newest refresh token and every access token of the session.
    await expect(f.security.auth.refresh(r2.tokens.refreshToken)).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
    });
    for (const token of [login.tokens.accessToken, r2.tokens.accessToken]) {
      await expect(f.security.auth.authenticateToken(token)).rejects.toMatchObject({
        code: 'AF_UNAUTHENTICATED',
        details: { reason: 'revoked' },
      });
    }
    const reuse = await f.security.repos.audit.listAudit({ action: 'auth.refresh_reuse' });
    expect(reuse.items.some((a) => a.targetId === login.tokens.sessionId)).toBe(true);
    // Other sessions of the same user are untouched.
    const other = await f.security.auth.login({ email, password });
    await expect(f.security.auth.authenticateToken(other.tokens.accessToken)).resolves.toBeTruthy();
  });

  it('refuses malformed and unknown refresh tokens', async () => {
    await expect(f.security.auth.refresh('garbage')).rejects.toMatchObject({ code: 'AF_UNAUTHENTICATED' });
    await expect(f.security.auth.refresh(`afr_${'A'.repeat(43)}`)).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
      details: { reason: 'unknown' },
    });
  });

  it('remembers a verified token only until it expires, and never a tampered one', async () => {
    const { email, password } = await registerUser(f.security, 'expiry');
    const { accessToken } = (await f.security.auth.login({ email, password })).tokens;
    await f.security.auth.authenticateToken(accessToken);
    await f.security.auth.authenticateToken(accessToken); // served from the verified-token cache
    const [head, body, signature] = accessToken.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(f.security.auth.authenticateToken(`${head}.${body}.${flipped}`)).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
    });
    vi.useFakeTimers({ now: Date.now() + 25 * 3_600_000, toFake: ['Date'] });
    try {
      await expect(f.security.auth.authenticateToken(accessToken)).rejects.toMatchObject({
        code: 'AF_UNAUTHENTICATED',
        details: { reason: 'expired' },
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('logout (by principal or by refresh token) revokes the session and its access tokens', async () => {
    const { email, password } = await registerUser(f.security, 'logout');
    const a = await f.security.auth.login({ email, password });
    const principal = await f.security.auth.authenticateToken(a.tokens.accessToken);
    await f.security.auth.logout({ principal });
    await expect(f.security.auth.authenticateToken(a.tokens.accessToken)).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
    });
    await expect(f.security.auth.refresh(a.tokens.refreshToken)).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
    });
    const b = await f.security.auth.login({ email, password });
    await f.security.auth.logout({ refreshToken: b.tokens.refreshToken });
    await expect(f.security.auth.authenticateToken(b.tokens.accessToken)).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
    });
    await f.security.auth.logout({ refreshToken: b.tokens.refreshToken }); // idempotent
    const c = await f.security.auth.login({ email, password });
    const d = await f.security.auth.login({ email, password });
    const pc = await f.security.auth.authenticateToken(c.tokens.accessToken);
    // The registration's session, c and d (a and b already ended).
    expect(await f.security.auth.logoutAll(pc)).toBe(3);
    await expect(f.security.auth.authenticateToken(d.tokens.accessToken)).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
    });
  });

  it('me returns the user, workspace, role, permissions and workspaces; never a hash', async () => {
    const { principal, user } = await registerUser(f.security, 'me');
    const me = await f.security.auth.me(principal);
    expect(me).toMatchObject({ kind: 'user', user: { id: user.id }, role: 'owner' });
    expect(me.permissions).toContain('workspace:manage');
    expect(me.workspaces).toHaveLength(1);
    expect(JSON.stringify(me)).not.toMatch(/argon2|password/i);
  });

  it('binds a token to one workspace; switching needs membership and gives a token for the other one', async () => {
    const a = await registerUser(f.security, 'switch-a');
    const b = await registerUser(f.security, 'switch-b');
    await expect(f.security.auth.switchWorkspace(a.principal, b.workspace.id)).rejects.toMatchObject({
      code: 'AF_NOT_FOUND',
    });
    await f.security.tenancy.members.add(b.principal, { email: a.email, role: 'viewer' });
    const switched = await f.security.auth.switchWorkspace(a.principal, b.workspace.id);
    expect(switched.role).toBe('viewer');
    const p = await f.security.auth.authenticateToken(switched.accessToken);
    expect(p).toMatchObject({ workspaceId: b.workspace.id, role: 'viewer', userId: a.user.id });
    // Refreshing keeps the session on the workspace it switched to.
    const refreshed = await f.security.auth.refresh(a.tokens.refreshToken);
    expect(refreshed.workspace.id).toBe(b.workspace.id);
    // Removal from the workspace ends access with tokens for it at once.
    await f.security.tenancy.members.remove(b.principal, a.user.id);
    await expect(f.security.auth.authenticateToken(switched.accessToken)).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
      details: { reason: 'not_member' },
    });
  });
});

describe('brute-force limit', () => {
  it('makes an account wait after 5 failures from one IP, even with the right password', async () => {
    const { email, password } = await registerUser(f.security, 'brute');
    const ip = '198.51.100.7';
    for (let i = 0; i < 5; i++) {
      await expect(f.security.auth.login({ email, password: `guess-${i}-xx` }, { ip })).rejects.toMatchObject(
        { code: 'AF_UNAUTHENTICATED' },
      );
    }
    const locked = await f.security.auth.login({ email, password }, { ip }).catch((e) => e);
    expect(locked).toMatchObject({ code: 'AF_RATE_LIMITED' });
    expect(locked.retryAfterMs).toBeGreaterThan(50_000);
    expect(locked.retryAfterMs).toBeLessThanOrEqual(60_000);
    // Another IP is not held back by this one; a success there clears only its own counter.
    await expect(f.security.auth.login({ email, password }, { ip: '198.51.100.8' })).resolves.toBeTruthy();
    await expect(f.security.auth.login({ email, password }, { ip })).rejects.toMatchObject({
      code: 'AF_RATE_LIMITED',
    });
  });

  it('does not let 50 failures from other addresses lock the owner out of their own', async () => {
    const { email, password } = await registerUser(f.security, 'owner-dos');
    for (let i = 0; i < 50; i++) {
      await f.security.auth
        .login({ email, password: `guess-${i}-xx` }, { ip: `203.0.113.${i + 1}` })
        .catch(() => {});
    }
    await expect(f.security.auth.login({ email, password }, { ip: '192.0.2.200' })).resolves.toBeTruthy();
  });

  it('counts unknown emails too, so a back-off does not reveal which accounts exist', async () => {
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < 5; i++) {
      await f.security.auth
        .login({ email: ghost, password: 'whatever-pw' }, { ip: '192.0.2.1' })
        .catch(() => {});
    }
    await expect(
      f.security.auth.login({ email: ghost, password: 'whatever-pw' }, { ip: '192.0.2.1' }),
    ).rejects.toMatchObject({ code: 'AF_RATE_LIMITED' });
  });
});

describe('login back-off', () => {
  it('doubles the delay with each failure up to the maximum, and per source over all accounts', async () => {
    const guard = createLoginGuard(f.security.repos.sessions, {
      maxFailures: 1,
      maxFailuresPerSource: 3,
      baseDelayMs: 1_000,
      maxDelayMs: 2_000,
    });
    const email = uniqueEmail('backoff');
    const ip = '198.51.100.77';
    const waitOf = (e: string, from = ip) =>
      guard.check(e, from).then(
        () => 0,
        (error: { retryAfterMs: number }) => error.retryAfterMs,
      );
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await guard.failed(email, ip);
    const first = await waitOf(email);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(1_000);
    await sleep(first + 50);
    expect(await waitOf(email)).toBe(0);
    await guard.failed(email, ip);
    const second = await waitOf(email);
    expect(second).toBeGreaterThan(1_000);
    expect(second).toBeLessThanOrEqual(2_000);
    // The other account from the same source: its source has had 2 of its 3 free failures.
    const other = uniqueEmail('backoff-other');
    expect(await waitOf(other)).toBe(0);
    await guard.failed(other, ip);
    // Capped at maxDelayMs, and the source now waits for every account, not this address elsewhere.
    expect(await waitOf(uniqueEmail('fresh'))).toBeGreaterThan(0);
    expect(await waitOf(uniqueEmail('fresh'), '198.51.100.78')).toBe(0);
    await sleep(second + 50);
    await guard.failed(email, ip);
    expect(await waitOf(email)).toBeLessThanOrEqual(2_000);
  });
});

describe('API keys', () => {
  it('shows the key once, stores only a hash, authenticates it, and rejects it once revoked', async () => {
    const { principal } = await registerUser(f.security, 'keys');
    const { key, record } = await f.security.tenancy.apiKeys.create(principal, {
      name: 'ci',
      role: 'member',
    });
    expect(key).toMatch(/^af_/);
    const raw = await rowsOf<Record<string, unknown>>(sql`select * from api_keys where id = ${record.id}`);
    expect(JSON.stringify(raw)).not.toContain(key);
    expect(JSON.stringify(await f.security.tenancy.apiKeys.list(principal))).not.toContain(key);

    const viaKey = await f.security.auth.authenticateBearer(key);
    expect(viaKey).toEqual({
      kind: 'apiKey',
      userId: principal.userId,
      workspaceId: principal.workspaceId,
      role: 'member',
      plan: 'free',
      apiKeyId: record.id,
    });
    await f.security.tenancy.apiKeys.revoke(principal, record.id);
    await expect(f.security.auth.authenticateApiKey(key)).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
      details: { reason: 'revoked' },
    });
    await expect(f.security.auth.authenticateApiKey(`af_${'x'.repeat(43)}`)).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
    });
    await expect(f.security.auth.authenticateApiKey('af_short')).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
    });
    const actions = (await f.security.tenancy.audit.list(principal)).items.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['apikey.create', 'apikey.revoke']));
  });

  it('never acts above its creator: no higher role at creation, demotion caps it, expiry ends it', async () => {
    const owner = await registerUser(f.security, 'kowner');
    const admin = await registerUser(f.security, 'kadmin');
    await f.security.tenancy.members.add(owner.principal, { userId: admin.user.id, role: 'admin' });
    const adminHere = await f.security.auth.authenticateToken(
      (await f.security.auth.switchWorkspace(admin.principal, owner.workspace.id)).accessToken,
    );
    await expect(
      f.security.tenancy.apiKeys.create(adminHere, { name: 'too-high', role: 'owner' }),
    ).rejects.toMatchObject({ code: 'AF_FORBIDDEN' });
    const { key } = await f.security.tenancy.apiKeys.create(adminHere, { name: 'adm' });
    expect((await f.security.auth.authenticateApiKey(key)).role).toBe('admin');
    await f.security.tenancy.members.changeRole(owner.principal, admin.user.id, 'viewer');
    expect((await f.security.auth.authenticateApiKey(key)).role).toBe('viewer');
    await f.security.tenancy.members.remove(owner.principal, admin.user.id);
    await expect(f.security.auth.authenticateApiKey(key)).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
    });

    const soon = await f.security.tenancy.apiKeys.create(owner.principal, {
      name: 'short-lived',
      expiresAt: Date.now() + 50,
    });
    await new Promise((r) => setTimeout(r, 80));
    await expect(f.security.auth.authenticateApiKey(soon.key)).rejects.toMatchObject({
      code: 'AF_UNAUTHENTICATED',
      details: { reason: 'expired' },
    });
    // An API key cannot mint keys or switch workspaces.
    const ownerKey = await f.security.tenancy.apiKeys.create(owner.principal, { name: 'owner-key' });
    const keyPrincipal = await f.security.auth.authenticateApiKey(ownerKey.key);
    await expect(f.security.tenancy.apiKeys.create(keyPrincipal, { name: 'child' })).rejects.toMatchObject({
      code: 'AF_FORBIDDEN',
    });
    await expect(f.security.auth.switchWorkspace(keyPrincipal, owner.workspace.id)).rejects.toMatchObject({
      code: 'AF_FORBIDDEN',
    });
  });
});

describe('CSRF tokens', () => {
  it('verify only for the session they were issued for', async () => {
    const { tokens } = await registerUser(f.security, 'csrf');
    const token = f.security.auth.csrfToken(tokens.sessionId);
    expect(() => f.security.auth.verifyCsrf(tokens.sessionId, token)).not.toThrow();
    for (const [session, bad] of [
      ['another-session', token],
      [tokens.sessionId, undefined],
      [tokens.sessionId, ''],
      [tokens.sessionId, `${token}x`],
      [tokens.sessionId, token.split('.')[0]],
      [undefined, token],
    ] as const) {
      expect(() => f.security.auth.verifyCsrf(session, bad)).toThrow(
        expect.objectContaining({ code: 'AF_CSRF' }),
      );
    }
  });
});
