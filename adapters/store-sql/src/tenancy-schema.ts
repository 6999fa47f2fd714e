/**
 * Tables of the security and tenancy services that schema.ts does not hold: login sessions with their rotating
 * refresh tokens, and failed logins (brute-force limit). drizzle-kit reads this file next to schema.ts (see
 * drizzle.config.ts); the SQL is in `../drizzle/0002_tenancy.sql`.
 */
import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
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
