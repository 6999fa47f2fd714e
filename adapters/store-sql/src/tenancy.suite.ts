/**
 * Behaviour of the tenancy repositories (tenancy.ts), run on PGlite (tenancy.test.ts) and on PostgreSQL
 * (tenancy.int.test.ts), where concurrent transactions really interleave.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from './db.js';
import type { SqlStore } from './sql-store.js';
import {
  createTenancyRepositories,
  hashApiKey,
  type TenancyRepositories,
  tenancyTransaction,
} from './tenancy.js';

export function defineTenancyTests(getStore: () => SqlStore): void {
  let n = 0;
  const email = () => `user${++n}-${randomBytes(3).toString('hex')}@example.com`;
  let cached: TenancyRepositories | undefined;
  const store = new Proxy({} as SqlStore, { get: (_t, p) => Reflect.get(getStore(), p) });
  const repos = new Proxy({} as TenancyRepositories, {
    get: (_t, p) => {
      cached ??= createTenancyRepositories(getStore().db);
      return Reflect.get(cached, p);
    },
  });

  async function userWithWorkspace() {
    const user = await repos.users.createUser({ email: email(), passwordHash: '$argon2id$fake' });
    const ws = await repos.workspaces.createWorkspace({ name: 'ws', ownerId: user.id });
    return { user, ws };
  }

  describe('tenancy migration', () => {
    it('creates the session, refresh-token and login-failure tables after the existing migrations', async () => {
      const tables = await rows<{ name: string }>(
        store.db,
        sql`select table_name as name from information_schema.tables where table_schema = current_schema()`,
      );
      const names = tables.map((t) => t.name);
      for (const t of ['auth_sessions', 'refresh_tokens', 'login_failures', 'users', 'api_keys']) {
        expect(names).toContain(t);
      }
    });
  });

  describe('users', () => {
    it('stores emails lower-cased, refuses duplicates in any case, and keeps the hash out of records', async () => {
      const address = email();
      const user = await repos.users.createUser({ email: `  ${address.toUpperCase()} `, passwordHash: 'h1' });
      expect(user.email).toBe(address);
      expect(user).not.toHaveProperty('passwordHash');
      await expect(repos.users.createUser({ email: address })).rejects.toMatchObject({ code: 'AF_CONFLICT' });
      expect((await repos.users.getUserByEmail(address.toUpperCase()))?.id).toBe(user.id);
      expect(await repos.users.getPasswordHash(address)).toEqual({ userId: user.id, passwordHash: 'h1' });
      expect(await repos.users.getUser('missing')).toBeUndefined();
    });

    it('rolls back the user when its workspace cannot be created in the same transaction', async () => {
      const address = email();
      await expect(
        tenancyTransaction(store.db, async (tx) => {
          const u = await tx.users.createUser({ email: address });
          await tx.workspaces.createWorkspace({ name: 'x', ownerId: u.id, id: 'dup-ws' });
          await tx.workspaces.createWorkspace({ name: 'y', ownerId: u.id, id: 'dup-ws' });
        }),
      ).rejects.toMatchObject({ code: 'AF_CONFLICT' });
      expect(await repos.users.getUserByEmail(address)).toBeUndefined();
    });
  });

  describe('workspaces and members', () => {
    it('creates a workspace with its owner, lists it for the user, and reads membership with the plan', async () => {
      const { user, ws } = await userWithWorkspace();
      expect(ws.plan).toBe('free');
      expect(await repos.workspaces.listWorkspacesForUser(user.id)).toEqual([
        { workspace: ws, role: 'owner' },
      ]);
      expect(await repos.workspaces.getMembership(ws.id, user.id)).toEqual({ role: 'owner', plan: 'free' });
      await repos.workspaces.setWorkspacePlan(ws.id, 'pro');
      expect(await repos.workspaces.getMembership(ws.id, user.id)).toEqual({ role: 'owner', plan: 'pro' });
    });

    it('never demotes or removes the last owner, and allows it once another owner exists', async () => {
      const { user: owner, ws } = await userWithWorkspace();
      const other = await repos.users.createUser({ email: email() });
      await expect(repos.workspaces.changeMemberRole(ws.id, owner.id, 'admin')).rejects.toMatchObject({
        code: 'AF_CONFLICT',
      });
      await expect(repos.workspaces.removeMember(ws.id, owner.id)).rejects.toMatchObject({
        code: 'AF_CONFLICT',
      });
      expect((await repos.workspaces.changeMemberRole(ws.id, owner.id, 'owner'))?.role).toBe('owner');

      const added = await repos.workspaces.addMember(ws.id, other.id, 'member');
      expect(added).toMatchObject({ userId: other.id, role: 'member', email: other.email });
      await expect(repos.workspaces.addMember(ws.id, other.id, 'viewer')).rejects.toMatchObject({
        code: 'AF_CONFLICT',
      });
      await repos.workspaces.changeMemberRole(ws.id, other.id, 'owner');
      // Two concurrent demotions of the two owners: exactly one succeeds.
      const results = await Promise.allSettled([
        repos.workspaces.changeMemberRole(ws.id, owner.id, 'viewer'),
        repos.workspaces.changeMemberRole(ws.id, other.id, 'viewer'),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const owners = (await repos.workspaces.listMembers(ws.id)).filter((m) => m.role === 'owner');
      expect(owners).toHaveLength(1);
      expect(await repos.workspaces.removeMember(ws.id, 'nobody')).toBe(false);
      expect(await repos.workspaces.changeMemberRole(ws.id, 'nobody', 'admin')).toBeUndefined();
    });
  });

  describe('sessions and refresh tokens', () => {
    it('rotates a refresh token once; reusing the old one revokes the whole family', async () => {
      const { user, ws } = await userWithWorkspace();
      const first = await repos.sessions.startSession({
        userId: user.id,
        workspaceId: ws.id,
        sessionTtlMs: 3_600_000,
        refreshTtlMs: 60_000,
      });
      const stored = await rows<{ token_hash: string }>(
        store.db,
        sql`select token_hash from refresh_tokens where session_id = ${first.session.id}`,
      );
      expect(stored.map((r) => r.token_hash)).not.toContain(first.refreshToken);

      const second = await repos.sessions.rotateRefreshToken(first.refreshToken, 60_000);
      expect(second.ok).toBe(true);
      if (!second.ok) return;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.session.id).toBe(first.session.id);

      const reused = await repos.sessions.rotateRefreshToken(first.refreshToken, 60_000);
      expect(reused).toEqual({ ok: false, reason: 'reuse', sessionId: first.session.id });
      expect((await repos.sessions.getSession(first.session.id))?.revokeReason).toBe('reuse');
      // The newest token of the family is dead too.
      expect(await repos.sessions.rotateRefreshToken(second.refreshToken, 60_000)).toMatchObject({
        ok: false,
        reason: 'revoked',
      });
      expect(await repos.sessions.rotateRefreshToken('afr_unknown', 60_000)).toEqual({
        ok: false,
        reason: 'unknown',
      });
    });

    it('lets only one of two concurrent exchanges of the same token win', async () => {
      const { user, ws } = await userWithWorkspace();
      const start = await repos.sessions.startSession({
        userId: user.id,
        workspaceId: ws.id,
        sessionTtlMs: 3_600_000,
        refreshTtlMs: 60_000,
      });
      const both = await Promise.all([
        repos.sessions.rotateRefreshToken(start.refreshToken, 60_000),
        repos.sessions.rotateRefreshToken(start.refreshToken, 60_000),
      ]);
      expect(both.filter((r) => r.ok)).toHaveLength(1);
      expect(both.find((r) => !r.ok)).toMatchObject({ reason: 'reuse' });
    });

    it('refuses expired refresh tokens and reads session access with the current role', async () => {
      const { user, ws } = await userWithWorkspace();
      const start = await repos.sessions.startSession({
        userId: user.id,
        workspaceId: ws.id,
        sessionTtlMs: 3_600_000,
        refreshTtlMs: 1,
      });
      await new Promise((r) => setTimeout(r, 10));
      expect(await repos.sessions.rotateRefreshToken(start.refreshToken, 60_000)).toMatchObject({
        ok: false,
        reason: 'expired',
      });
      expect(await repos.sessions.getSessionAccess(start.session.id, ws.id)).toMatchObject({
        role: 'owner',
        plan: 'free',
      });
      const elsewhere = await repos.sessions.getSessionAccess(start.session.id, 'other-ws');
      expect(elsewhere?.role).toBeUndefined();
    });

    it('counts login failures in a window and clears them', async () => {
      await repos.sessions.recordLoginFailure(['k1', 'k2']);
      await repos.sessions.recordLoginFailure(['k1']);
      const counted = await repos.sessions.countLoginFailures('k1', Date.now() - 60_000);
      expect(counted.count).toBe(2);
      expect(counted.oldestAt).toBeGreaterThan(Date.now() - 60_000);
      expect(counted.newestAt).toBeGreaterThanOrEqual(counted.oldestAt!);
      expect((await repos.sessions.countLoginFailures('k1', Date.now() + 60_000)).count).toBe(0);
      await repos.sessions.clearLoginFailures(['k1']);
      expect((await repos.sessions.countLoginFailures('k1', 0)).count).toBe(0);
      expect((await repos.sessions.countLoginFailures('k2', 0)).count).toBe(1);
    });
  });

  describe('invitations', () => {
    it('replaces a pending invitation for the same email, accepts once, and revokes only pending ones', async () => {
      const { user, ws } = await userWithWorkspace();
      const base = { workspaceId: ws.id, role: 'member' as const, invitedBy: user.id };
      const expiresAt = Date.now() + 60_000;
      const first = await repos.invitations.createInvitation({
        ...base,
        email: 'Guest@Example.com',
        tokenHash: `h1-${ws.id}`,
        expiresAt,
      });
      expect(first.email).toBe('guest@example.com');
      const second = await repos.invitations.createInvitation({
        ...base,
        email: 'guest@example.com',
        tokenHash: `h2-${ws.id}`,
        tokenSealed: 'k.iv.tag.ct',
        expiresAt,
      });
      expect((await repos.invitations.listPendingInvitations(ws.id)).map((i) => i.id)).toEqual([second.id]);
      expect((await repos.invitations.findInvitationByTokenHash(`h1-${ws.id}`))?.revokedAt).toBeDefined();
      expect((await repos.invitations.findInvitationByTokenHash(`h2-${ws.id}`))?.tokenSealed).toBe(
        'k.iv.tag.ct',
      );
      expect(await repos.invitations.markInvitationAccepted(first.id, user.id)).toBe(false);
      expect(await repos.invitations.markInvitationAccepted(second.id, user.id)).toBe(true);
      expect(await repos.invitations.markInvitationAccepted(second.id, user.id)).toBe(false);
      expect(await repos.invitations.revokeInvitation(ws.id, second.id)).toBe(false);
      const expired = await repos.invitations.createInvitation({
        ...base,
        email: 'late@example.com',
        tokenHash: `h3-${ws.id}`,
        expiresAt: Date.now() - 1,
      });
      expect(await repos.invitations.listPendingInvitations(ws.id)).toEqual([]);
      expect(await repos.invitations.markInvitationAccepted(expired.id, user.id)).toBe(false);
    });
  });

  describe('api keys', () => {
    it('returns the key once, stores only its hash and prefix, and finds it by hash with membership', async () => {
      const { user, ws } = await userWithWorkspace();
      const { key, record } = await repos.apiKeys.createApiKey({
        userId: user.id,
        workspaceId: ws.id,
        name: 'ci',
        role: 'member',
      });
      expect(key).toMatch(/^af_[A-Za-z0-9_-]{43}$/);
      expect(record).toMatchObject({ role: 'member', prefix: key.slice(0, 11), workspaceId: ws.id });
      const raw = await rows<Record<string, unknown>>(
        store.db,
        sql`select * from api_keys where id = ${record.id}`,
      );
      expect(JSON.stringify(raw)).not.toContain(key);
      expect(raw[0]?.key_hash).toBe(hashApiKey(key));
      expect(await repos.apiKeys.findApiKeyByHash(hashApiKey(key))).toMatchObject({
        key: { id: record.id },
        memberRole: 'owner',
        plan: 'free',
      });
      expect(await repos.apiKeys.revokeApiKey('other', record.id)).toBeUndefined();
      expect((await repos.apiKeys.revokeApiKey(ws.id, record.id))?.revokedAt).toBeGreaterThan(0);
      expect(await repos.apiKeys.revokeApiKey(ws.id, record.id)).toBeUndefined();
      await repos.apiKeys.touchApiKey(record.id);
      expect((await repos.apiKeys.getApiKey(ws.id, record.id))?.lastUsedAt).toBeGreaterThan(0);
    });
  });

  describe('credentials', () => {
    it('stores sealed bytes, lists metadata only, and scopes every read to the workspace', async () => {
      const { ws } = await userWithWorkspace();
      const sealed = {
        ciphertext: Buffer.from('cipher'),
        iv: randomBytes(12),
        authTag: randomBytes(16),
        keyId: 'k_test',
      };
      const rec = await repos.credentials.createCredential({
        workspaceId: ws.id,
        name: 'openai',
        type: 'openai',
        sealed,
      });
      expect(Object.keys(rec).sort()).toEqual([
        'createdAt',
        'id',
        'keyId',
        'name',
        'type',
        'updatedAt',
        'workspaceId',
      ]);
      await expect(
        repos.credentials.createCredential({ workspaceId: ws.id, name: 'openai', type: 'openai', sealed }),
      ).rejects.toMatchObject({ code: 'AF_CONFLICT' });
      expect(await repos.credentials.listCredentials(ws.id)).toEqual([rec]);
      expect((await repos.credentials.getSealedCredential(ws.id, 'openai'))?.sealed.ciphertext).toEqual(
        Buffer.from('cipher'),
      );
      expect(await repos.credentials.getSealedCredential('other', 'openai')).toBeUndefined();
      expect(await repos.credentials.deleteCredential('other', rec.id)).toBeUndefined();
      expect((await repos.credentials.deleteCredential(ws.id, rec.id))?.name).toBe('openai');
      expect(await repos.credentials.listCredentials(ws.id)).toEqual([]);
    });
  });

  describe('audit log', () => {
    it('appends and pages newest first, filtered by workspace, action prefix and time', async () => {
      const { ws } = await userWithWorkspace();
      for (let i = 0; i < 5; i++) {
        await repos.audit.appendAudit({
          workspaceId: ws.id,
          action: i % 2 ? 'member.add' : 'credential.use',
          details: { i },
        });
      }
      await repos.audit.appendAudit({ workspaceId: 'elsewhere', action: 'member.add' });
      const first = await repos.audit.listAudit({ workspaceId: ws.id, limit: 2 });
      expect(first.items.map((r) => r.details?.i)).toEqual([4, 3]);
      const second = await repos.audit.listAudit({ workspaceId: ws.id, limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((r) => r.details?.i)).toEqual([2, 1]);
      const third = await repos.audit.listAudit({ workspaceId: ws.id, limit: 2, cursor: second.nextCursor! });
      expect(third.items.map((r) => r.details?.i)).toEqual([0]);
      expect(third.nextCursor).toBeUndefined();
      const members = await repos.audit.listAudit({ workspaceId: ws.id, action: 'member.' });
      expect(members.items.map((r) => r.details?.i)).toEqual([3, 1]);
      expect((await repos.audit.listAudit({ workspaceId: ws.id, since: Date.now() + 60_000 })).items).toEqual(
        [],
      );
      expect((await repos.audit.listAudit({ workspaceId: ws.id, cursor: 'garbage!' })).items).toEqual([]);
    });

    it('groups concurrent appends; each gets its own row, and a faulty one fails alone', async () => {
      const { ws } = await userWithWorkspace();
      const appends = Array.from({ length: 40 }, (_, i) =>
        repos.audit.appendAudit({
          workspaceId: ws.id,
          action: 'workflow.execute',
          // A BigInt cannot be stored as JSON: this entry fails, the others of its group are retried alone.
          details: i === 17 ? { i, bad: 1n } : { i },
        }),
      );
      const settled = await Promise.allSettled(appends);
      expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(1);
      expect(settled[17]!.status).toBe('rejected');
      settled.forEach((s, i) => {
        if (i !== 17) expect(s.status === 'fulfilled' && s.value.details?.i).toBe(i);
      });
      const stored = await repos.audit.listAudit({ workspaceId: ws.id, limit: 100 });
      expect(stored.items.map((r) => r.details?.i)).toEqual(
        Array.from({ length: 40 }, (_, i) => 39 - i).filter((i) => i !== 17),
      );
    });
  });
}
