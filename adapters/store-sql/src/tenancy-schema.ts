/**
 * Tables of the security and tenancy services that schema.ts does not hold: login sessions with their rotating
 * refresh tokens, failed logins (brute-force limit) and workspace invitations. drizzle-kit reads this file next to schema.ts (see
 * drizzle.config.ts); the SQL is in `../drizzle/0002_tenancy.sql`.
 */
import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users, workspaces } from './schema.js';

const tz = { withTimezone: true, mode: 'date' } as const;

/**
 * One login: a refresh-token family. Access tokens carry its id (`sid`), so revoking the session (logout, refresh
 * token reuse) rejects its access tokens too. A session is bound to one workspace at a time.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    /** Absolute end of the session, however often it is refreshed. */
    expiresAt: timestamp('expires_at', tz).notNull(),
    revokedAt: timestamp('revoked_at', tz),
    /** `logout`, `reuse`, `password`, ... */
    revokeReason: varchar('revoke_reason', { length: 50 }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('idx_auth_sessions_user').on(t.userId)],
);

/** Opaque refresh tokens, stored as SHA-256 hashes; each is used once (rotation), then marked used. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => authSessions.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', tz).notNull(),
    /** Set when the token was exchanged for a new one; presenting it again is reuse. */
    usedAt: timestamp('used_at', tz),
  },
  (t) => [index('idx_refresh_tokens_session').on(t.sessionId)],
);

/** Failed logins by a hashed key (`email`, `email|ip`), counted over a sliding window. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').notNull(),
    at: timestamp('at', tz).notNull().default(sql`now()`),
  },
  (t) => [index('idx_login_failures_key').on(t.key, t.at)],
);

/**
 * Invitations to join a workspace: whoever signs in with `email` and presents the token becomes a member with
 * `role`. The token is stored as a SHA-256 hash (lookup) and, when no mail delivery is configured, also sealed
 * (AES-256-GCM, `token_sealed`) so that workspace admins can read it from the invitation list and pass it on.
 */
export const workspaceInvitations = pgTable(
  'workspace_invitations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Normalized (trimmed, lower-case). */
    email: text('email').notNull(),
    role: varchar('role', { length: 20 }).notNull(),
    tokenHash: text('token_hash').notNull(),
    /** `keyId.iv.tag.ciphertext` (base64url), or null when the token was delivered by mail. */
    tokenSealed: text('token_sealed'),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', tz).notNull(),
    acceptedAt: timestamp('accepted_at', tz),
    acceptedBy: text('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', tz),
  },
  (t) => [
    uniqueIndex('idx_workspace_invitations_token').on(t.tokenHash),
    index('idx_workspace_invitations_workspace').on(t.workspaceId, t.email),
  ],
);
