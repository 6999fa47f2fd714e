import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize } from '../auth/authorize.js';
import {
  PERMISSIONS,
  type Permission,
  type Principal,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
} from '../auth/permissions.js';
import {
  memberWithRole,
  openSecurityFixture,
  registerUser,
  type SecurityFixture,
} from '../test-support/security-fixture.js';
import { runInWorkspace } from './context.js';

let f: SecurityFixture;
beforeAll(async () => {
  f = await openSecurityFixture();
});
afterAll(() => f.close());

/** The brief's model: owner > admin > member (read/write workflows) > viewer (read-only). */
const EXPECTED: Record<Role, Permission[]> = {
  viewer: ['workflow:read', 'execution:read', 'template:read', 'member:read', 'provider:read'],
  member: [
    'workflow:read',
    'execution:read',
    'template:read',
    'member:read',
    'provider:read',
    'workflow:create',
    'workflow:update',
    'workflow:delete',
    'workflow:execute',
    'execution:cancel',
    'execution:approve',
    'credential:read',
  ],
  admin: [
    'workflow:read',
    'execution:read',
    'template:read',
    'member:read',
    'provider:read',
    'workflow:create',
    'workflow:update',
    'workflow:delete',
    'workflow:execute',
    'execution:cancel',
    'execution:approve',
    'credential:read',
    'template:publish',
    'credential:manage',
    'member:manage',
    'apikey:manage',
    'audit:read',
    'provider:manage',
  ],
  owner: [...PERMISSIONS],
};

describe('roles and permissions', () => {
  it('walks every role x permission pair through authorize', () => {
    for (const role of ROLES) {
      const principal: Principal = { kind: 'user', userId: 'u', workspaceId: 'w', role, plan: 'free' };
      for (const permission of PERMISSIONS) {
        const allowed = EXPECTED[role].includes(permission);
        expect(ROLE_PERMISSIONS[role].has(permission), `${role} ${permission}`).toBe(allowed);
        if (allowed) expect(() => authorize(principal, permission)).not.toThrow();
        else {
          expect(() => authorize(principal, permission), `${role} ${permission}`).toThrow(
            expect.objectContaining({ code: 'AF_FORBIDDEN' }),
          );
        }
      }
    }
  });

  it('enforces the table in the services for every role', async () => {
    const owner = await registerUser(f.security, 'matrix-owner');
    const principals: Record<Role, Principal> = {
      owner: owner.principal,
      admin: (await memberWithRole(f.security, owner.principal, 'admin')).principal,
      member: (await memberWithRole(f.security, owner.principal, 'member')).principal,
      viewer: (await memberWithRole(f.security, owner.principal, 'viewer')).principal,
    };
    const t = f.security.tenancy;
    const actions: [Permission, (p: Principal, role: Role) => Promise<unknown>][] = [
      ['member:read', (p) => t.members.list(p)],
      ['credential:read', (p) => t.credentials.list(p)],
      [
        'credential:manage',
        (p, role) => t.credentials.create(p, { name: `c-${role}`, type: 'openai', value: 'v' }),
      ],
      ['apikey:manage', (p) => t.apiKeys.list(p)],
      ['audit:read', (p) => t.audit.list(p)],
    ];
    for (const role of ROLES) {
      for (const [permission, act] of actions) {
        const outcome = await act(principals[role], role).then(
          () => 'allowed',
          (e) => e.code,
        );
        expect(outcome, `${role} ${permission}`).toBe(
          EXPECTED[role].includes(permission) ? 'allowed' : 'AF_FORBIDDEN',
        );
      }
    }
  });
});

describe('members', () => {
  it('only owners grant or take the owner role; admins manage the rest; the last owner stays', async () => {
    const owner = await registerUser(f.security, 'm-owner');
    const admin = await memberWithRole(f.security, owner.principal, 'admin');
    const member = await memberWithRole(f.security, owner.principal, 'member');
    const m = f.security.tenancy.members;

    await expect(m.changeRole(admin.principal, member.user.id, 'owner')).rejects.toMatchObject({
      code: 'AF_FORBIDDEN',
    });
    await expect(m.changeRole(admin.principal, owner.user.id, 'viewer')).rejects.toMatchObject({
      code: 'AF_FORBIDDEN',
    });
    await expect(m.remove(admin.principal, owner.user.id)).rejects.toMatchObject({ code: 'AF_FORBIDDEN' });
    await expect(m.changeRole(member.principal, admin.user.id, 'viewer')).rejects.toMatchObject({
      code: 'AF_FORBIDDEN',
    });
    expect((await m.changeRole(admin.principal, member.user.id, 'viewer')).role).toBe('viewer');

    // The last owner can neither be demoted nor removed, not even by itself.
    await expect(m.changeRole(owner.principal, owner.user.id, 'admin')).rejects.toMatchObject({
      code: 'AF_CONFLICT',
    });
    await expect(m.remove(owner.principal, owner.user.id)).rejects.toMatchObject({ code: 'AF_CONFLICT' });
    await m.changeRole(owner.principal, admin.user.id, 'owner');
    await m.changeRole(owner.principal, owner.user.id, 'member');
    const roles = Object.fromEntries((await m.list(admin.principal)).map((x) => [x.userId, x.role]));
    expect(roles).toEqual({
      [owner.user.id]: 'member',
      [admin.user.id]: 'owner',
      [member.user.id]: 'viewer',
    });

    // Any member may leave.
    await m.remove(member.principal, member.user.id);
    expect((await m.list(admin.principal)).map((x) => x.userId)).not.toContain(member.user.id);

    const actions = (await f.security.tenancy.audit.list(admin.principal, { action: 'member.' })).items;
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['member.add', 'member.role_change', 'member.leave']),
    );
    const change = actions.find((a) => a.action === 'member.role_change' && a.targetId === member.user.id);
    expect(change?.details).toEqual({ from: 'member', to: 'viewer' });
  });

  it('treats another workspace as missing at the service level', async () => {
    const a = await registerUser(f.security, 'x-a');
    const b = await registerUser(f.security, 'x-b');
    const cred = await f.security.tenancy.credentials.create(b.principal, {
      name: 'k',
      type: 'openai',
      value: 'v',
    });
    const key = await f.security.tenancy.apiKeys.create(b.principal, { name: 'k' });
    await expect(f.security.tenancy.workspaces.get(a.principal, b.workspace.id)).rejects.toMatchObject({
      code: 'AF_NOT_FOUND',
    });
    await expect(f.security.tenancy.credentials.remove(a.principal, cred.id)).rejects.toMatchObject({
      code: 'AF_NOT_FOUND',
    });
    await expect(f.security.tenancy.apiKeys.revoke(a.principal, key.record.id)).rejects.toMatchObject({
      code: 'AF_NOT_FOUND',
    });
    await expect(
      f.security.tenancy.members.changeRole(a.principal, b.user.id, 'viewer'),
    ).rejects.toMatchObject({
      code: 'AF_NOT_FOUND',
    });
    await expect(f.security.tenancy.members.remove(a.principal, b.user.id)).rejects.toMatchObject({
      code: 'AF_NOT_FOUND',
    });
    expect(await f.security.tenancy.credentials.list(a.principal)).toEqual([]);
    expect(
      (await f.security.tenancy.audit.list(a.principal)).items.every((r) => r.workspaceId === a.workspace.id),
    ).toBe(true);
    // A's key for its own workspace cannot be pointed at B's.
    expect(await f.security.tenancy.credentials.resolveSecret(a.workspace.id, 'k')).toBeUndefined();
  });

  it('creates workspaces for users and applies plan changes to the principal', async () => {
    const u = await registerUser(f.security, 'ws');
    const ws = await f.security.tenancy.workspaces.create(u.principal, { name: 'Second' });
    expect((await f.security.tenancy.workspaces.list(u.principal)).map((m) => m.workspace.id)).toEqual([
      u.workspace.id,
      ws.id,
    ]);
    await f.security.tenancy.workspaces.setPlan(u.workspace.id, 'enterprise');
    expect((await f.security.auth.authenticateToken(u.tokens.accessToken)).plan).toBe('enterprise');
  });
});

describe('credentials', () => {
  it('stores only ciphertext, lists metadata only, and resolves the value for its workspace', async () => {
    const u = await registerUser(f.security, 'cred');
    const value = 'sk-live-0123456789abcdef';
    const rec = await f.security.tenancy.credentials.create(u.principal, {
      name: 'openai',
      type: 'openai',
      value,
    });
    const raw = (await f.store.db.execute(
      sql`select * from credentials where id = ${rec.id}`,
    )) as unknown as {
      rows: Record<string, unknown>[];
    };
    const row = raw.rows[0]!;
    for (const column of Object.values(row)) {
      const text =
        Buffer.isBuffer(column) || column instanceof Uint8Array
          ? Buffer.from(column).toString('latin1')
          : String(column);
      expect(text).not.toContain(value);
    }
    expect(Buffer.from(row.iv as Uint8Array)).toHaveLength(12);
    const listed = await f.security.tenancy.credentials.list(u.principal);
    expect(JSON.stringify(listed)).not.toContain(value);
    expect(listed[0]).not.toHaveProperty('ciphertext');

    expect(await f.security.tenancy.credentials.resolveSecret(u.workspace.id, 'openai')).toBe(value);
    expect(await f.security.tenancy.credentials.resolveProviderKey(u.workspace.id, 'openai')).toBe(value);
    expect(await f.security.tenancy.credentials.resolveSecret(u.workspace.id, 'missing')).toBeUndefined();

    const source = f.security.tenancy.credentials.secretSource;
    expect(source.get('openai')).toBeUndefined(); // no workspace context
    await f.security.tenancy.credentials.preload(u.workspace.id);
    expect(runInWorkspace(u.workspace.id, () => source.get('openai'))).toBe(value);
    expect(runInWorkspace('another-workspace', () => source.get('openai'))).toBeUndefined();

    await f.security.tenancy.credentials.update(u.principal, rec.id, 'sk-rotated-value');
    expect(await f.security.tenancy.credentials.resolveSecret(u.workspace.id, 'openai')).toBe(
      'sk-rotated-value',
    );
    await f.security.tenancy.credentials.remove(u.principal, rec.id);
    expect(await f.security.tenancy.credentials.resolveSecret(u.workspace.id, 'openai')).toBeUndefined();

    const actions = (await f.security.tenancy.audit.list(u.principal, { action: 'credential.' })).items.map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'credential.create',
        'credential.use',
        'credential.update',
        'credential.delete',
      ]),
    );
  });

  it('rejects bad input without echoing the value, and duplicate names', async () => {
    const u = await registerUser(f.security, 'cred-bad');
    const secret = 'x'.repeat(20_000);
    const error = await f.security.tenancy.credentials
      .create(u.principal, { name: 'big', type: 'openai', value: secret })
      .catch((e) => e);
    expect(error.code).toBe('AF_VALIDATION');
    expect(JSON.stringify({ message: error.message, issues: error.issues })).not.toContain('x'.repeat(100));
    await expect(
      f.security.tenancy.credentials.create(u.principal, { name: '../etc', type: 'openai', value: 'v' }),
    ).rejects.toMatchObject({ code: 'AF_VALIDATION' });
    await f.security.tenancy.credentials.create(u.principal, { name: 'one', type: 'slack', value: 'v' });
    await expect(
      f.security.tenancy.credentials.create(u.principal, { name: 'one', type: 'slack', value: 'w' }),
    ).rejects.toMatchObject({ code: 'AF_CONFLICT' });
  });
});
