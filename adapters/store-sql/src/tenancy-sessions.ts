/**
 * Login sessions and their refresh tokens, plus failed-login counters.
 *
 * A refresh token is an opaque random string; only its SHA-256 is stored. Each is exchanged once (rotation): the
 * exchange marks it used and issues the next one in the same session (the token family). Presenting a used token
 * again means it was copied: the whole session is revoked, so neither the thief nor the victim can go on with it.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { workspaceMembers, workspaces } from './schema.js';
import { authSessions, loginFailures, refreshTokens } from './tenancy-schema.js';
import { toPlan, type WorkspacePlan, type WorkspaceRole } from './tenancy-workspaces.js';

export interface SessionRecord {
  id: string;
  userId: string;
  workspaceId: string;
  createdAt: number;
  expiresAt: number;
  revokedAt?: number;
  revokeReason?: string;
}

export interface IssuedRefreshToken {
  session: SessionRecord;
  /** The plaintext token: give it to the client, it is not stored. */
  refreshToken: string;
  refreshExpiresAt: number;
}

export type RotateResult =
  | ({ ok: true } & IssuedRefreshToken)
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reuse'; sessionId?: string };

export interface SessionAccess {
  session: SessionRecord;
  /** The user's current role in `workspaceId` (undefined when not a member any more). */
  role?: WorkspaceRole;
  plan?: WorkspacePlan;
}

export interface SessionRepository {
  startSession(input: {
    userId: string;
    workspaceId: string;
    sessionTtlMs: number;
    refreshTtlMs: number;
    ip?: string;
    userAgent?: string;
  }): Promise<IssuedRefreshToken>;
  /** Exchanges a refresh token for the next one (atomically; a second use of the same token is `reuse`). */
  rotateRefreshToken(token: string, refreshTtlMs: number): Promise<RotateResult>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /** The session plus the user's membership of `workspaceId`, in one query (access-token checks). */
  getSessionAccess(sessionId: string, workspaceId: string): Promise<SessionAccess | undefined>;
  /** Binds the session to another workspace (workspace switching). */
  setSessionWorkspace(id: string, workspaceId: string): Promise<boolean>;
  revokeSession(id: string, reason: string): Promise<boolean>;
  /** Revokes every live session of the user; returns their ids. */
  revokeUserSessions(userId: string, reason: string): Promise<string[]>;
  /** The session a refresh token belongs to, without using it (logout by refresh token). */
  findSessionByRefreshToken(token: string): Promise<SessionRecord | undefined>;
  recordLoginFailure(keys: string[]): Promise<void>;
  /** Failures of `key` since `sinceMs`, and the times of the oldest and the newest of them. */
  countLoginFailures(
    key: string,
    sinceMs: number,
  ): Promise<{ count: number; oldestAt?: number; newestAt?: number }>;
  clearLoginFailures(keys: string[]): Promise<void>;
  /** Deletes login failures older than `beforeMs` and sessions (with their refresh tokens) that ended before it. */
  pruneAuth(beforeMs: number): Promise<void>;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function newRefreshToken(): string {
  return `afr_${randomBytes(32).toString('base64url')}`;
}

type SessionRow = typeof authSessions.$inferSelect;

export function createSessionRepository(db: Db): SessionRepository {
  async function issue(tx: Db, session: SessionRecord, refreshTtlMs: number): Promise<IssuedRefreshToken> {
    const refreshToken = newRefreshToken();
    // A refresh token never outlives its session.
    const refreshExpiresAt = Math.min(Date.now() + refreshTtlMs, session.expiresAt);
    await tx.insert(refreshTokens).values({
      tokenHash: hashToken(refreshToken),
      sessionId: session.id,
      expiresAt: new Date(refreshExpiresAt),
    });
    return { session, refreshToken, refreshExpiresAt };
  }

  async function revoke(tx: Db, id: string, reason: string): Promise<boolean> {
    const done = await tx
      .update(authSessions)
      .set({ revokedAt: sql`now()`, revokeReason: reason })
      .where(and(eq(authSessions.id, id), isNull(authSessions.revokedAt)))
      .returning({ id: authSessions.id });
    return done.length > 0;
  }

  return {
    async startSession(input) {
      return db.transaction(async (t) => {
        const tx = t as unknown as Db;
        const [row] = await tx
          .insert(authSessions)
          .values({
            id: randomUUID(),
            userId: input.userId,
            workspaceId: input.workspaceId,
            expiresAt: new Date(Date.now() + input.sessionTtlMs),
            ip: input.ip ?? null,
            userAgent: input.userAgent?.slice(0, 512) ?? null,
          })
          .returning();
        return issue(tx, toSession(row!), input.refreshTtlMs);
      });
    },

    async rotateRefreshToken(token, refreshTtlMs) {
      const tokenHash = hashToken(token);
      return db.transaction(async (t): Promise<RotateResult> => {
        const tx = t as unknown as Db;
        // Only one exchange can mark the token used: a concurrent second one waits for the row lock, then finds
        // it used (PostgreSQL re-checks the WHERE clause on the updated row).
        const [used] = await tx
          .update(refreshTokens)
          .set({ usedAt: sql`now()` })
          .where(
            and(
              eq(refreshTokens.tokenHash, tokenHash),
              isNull(refreshTokens.usedAt),
              gt(refreshTokens.expiresAt, sql`now()`),
            ),
          )
          .returning({ sessionId: refreshTokens.sessionId });
        if (!used) {
          const [row] = await tx
            .select({ sessionId: refreshTokens.sessionId, usedAt: refreshTokens.usedAt })
            .from(refreshTokens)
            .where(eq(refreshTokens.tokenHash, tokenHash));
          if (!row) return { ok: false, reason: 'unknown' };
          if (row.usedAt !== null) {
            await revoke(tx, row.sessionId, 'reuse');
            return { ok: false, reason: 'reuse', sessionId: row.sessionId };
          }
          return { ok: false, reason: 'expired', sessionId: row.sessionId };
        }
        const [session] = await tx
          .select()
          .from(authSessions)
          .where(eq(authSessions.id, used.sessionId))
          .for('update');
        if (!session || session.revokedAt !== null || session.expiresAt.getTime() <= Date.now()) {
          return { ok: false, reason: 'revoked', sessionId: used.sessionId };
        }
        return { ok: true, ...(await issue(tx, toSession(session), refreshTtlMs)) };
      });
    },

    async getSession(id) {
      const [row] = await db.select().from(authSessions).where(eq(authSessions.id, id));
      return row ? toSession(row) : undefined;
    },

    async getSessionAccess(sessionId, workspaceId) {
      const [row] = await db
        .select({ session: authSessions, role: workspaceMembers.role, plan: workspaces.plan })
        .from(authSessions)
        .leftJoin(
          workspaceMembers,
          and(
            eq(workspaceMembers.userId, authSessions.userId),
            eq(workspaceMembers.workspaceId, workspaceId),
          ),
        )
        .leftJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
        .where(eq(authSessions.id, sessionId));
      if (!row) return undefined;
      const access: SessionAccess = { session: toSession(row.session) };
      if (row.role !== null) access.role = row.role as WorkspaceRole;
      if (row.plan !== null) access.plan = toPlan(row.plan);
      return access;
    },

    async setSessionWorkspace(id, workspaceId) {
      const done = await db
        .update(authSessions)
        .set({ workspaceId })
        .where(and(eq(authSessions.id, id), isNull(authSessions.revokedAt)))
        .returning({ id: authSessions.id });
      return done.length > 0;
    },

    revokeSession: (id, reason) => revoke(db, id, reason),

    async revokeUserSessions(userId, reason) {
      const done = await db
        .update(authSessions)
        .set({ revokedAt: sql`now()`, revokeReason: reason })
        .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt)))
        .returning({ id: authSessions.id });
      return done.map((r) => r.id);
    },

    async findSessionByRefreshToken(token) {
      const [row] = await db
        .select({ session: authSessions })
        .from(refreshTokens)
        .innerJoin(authSessions, eq(authSessions.id, refreshTokens.sessionId))
        .where(eq(refreshTokens.tokenHash, hashToken(token)));
      return row ? toSession(row.session) : undefined;
    },

    async recordLoginFailure(keys) {
      if (keys.length > 0) await db.insert(loginFailures).values(keys.map((key) => ({ key })));
    },

    async countLoginFailures(key, sinceMs) {
      const [row] = await db
        .select({
          count: sql<number>`count(*)::int`,
          oldest: sql<number | null>`(extract(epoch from min(${loginFailures.at})) * 1000)::float8`,
          newest: sql<number | null>`(extract(epoch from max(${loginFailures.at})) * 1000)::float8`,
        })
        .from(loginFailures)
        .where(and(eq(loginFailures.key, key), gt(loginFailures.at, new Date(sinceMs))));
      const out: { count: number; oldestAt?: number; newestAt?: number } = { count: row?.count ?? 0 };
      if (row?.oldest !== null && row?.oldest !== undefined) out.oldestAt = Number(row.oldest);
      if (row?.newest !== null && row?.newest !== undefined) out.newestAt = Number(row.newest);
      return out;
    },

    async clearLoginFailures(keys) {
      if (keys.length > 0) await db.delete(loginFailures).where(inArray(loginFailures.key, keys));
    },

    async pruneAuth(beforeMs) {
      const before = new Date(beforeMs);
      await db.delete(loginFailures).where(lt(loginFailures.at, before));
      await db.delete(authSessions).where(lt(authSessions.expiresAt, before));
    },
  };
}

function toSession(row: SessionRow): SessionRecord {
  const s: SessionRecord = {
    id: row.id,
    userId: row.userId,
    workspaceId: row.workspaceId,
    createdAt: row.createdAt.getTime(),
    expiresAt: row.expiresAt.getTime(),
  };
  if (row.revokedAt !== null) s.revokedAt = row.revokedAt.getTime();
  if (row.revokeReason !== null) s.revokeReason = row.revokeReason;
  return s;
}
