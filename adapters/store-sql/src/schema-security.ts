/**
 * Security records: the append-only audit trail, credentials encrypted under a key kept outside the database, and
 * API keys stored as hashes.
 */
import {
  bigint,
  customType,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { tz, uuidDefault } from './schema-columns.js';
import { users, workspaces } from './schema-workspaces.js';

/** Append-only record of who did what. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: text('workspace_id'),
    /** User id or API key id. */
    actorId: text('actor_id'),
    actorType: varchar('actor_type', { length: 20 }),
    action: varchar('action', { length: 100 }).notNull(),
    targetType: varchar('target_type', { length: 50 }),
    targetId: text('target_id'),
    details: jsonb('details'),
    ip: text('ip'),
    /** The client's User-Agent header (at most 512 characters), when the action came from a request. */
    userAgent: text('user_agent'),
    at: timestamp('at', tz).notNull().defaultNow(),
  },
  (t) => [
    index('idx_audit_workspace').on(t.workspaceId, t.at.desc()),
    index('idx_audit_target').on(t.targetType, t.targetId),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** Provider keys and tool credentials, AES-256-GCM encrypted under a key kept outside the database. */
export const credentials = pgTable(
  'credentials',
  {
    id: text('id').primaryKey().default(uuidDefault),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 255 }).notNull(),
    /** What the secret is for: `openai`, `slack`, `http-header`, ... */
    type: varchar('type', { length: 100 }).notNull(),
    ciphertext: bytea('ciphertext').notNull(),
    iv: bytea('iv').notNull(),
    authTag: bytea('auth_tag').notNull(),
    /** Which encryption key sealed it (for rotation). */
    keyId: text('key_id').notNull(),
    /**
     * Provider keys: the base URLs (origin + path) the key may be sent to. Null: the provider's configured endpoint
     * only (what every credential stored before this column is bound to).
     */
    baseUrls: jsonb('base_urls').$type<string[]>(),
    createdBy: text('created_by').references(() => users.id),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('idx_credentials_workspace_name').on(t.workspaceId, t.name)],
);

/** Bearer API keys: only a hash is stored; the key is shown once. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey().default(uuidDefault),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 255 }).notNull(),
    /** First characters of the key, for display (`af_k3x9...`). */
    prefix: varchar('prefix', { length: 32 }).notNull(),
    keyHash: text('key_hash').notNull(),
    scopes: jsonb('scopes'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', tz),
    expiresAt: timestamp('expires_at', tz),
    revokedAt: timestamp('revoked_at', tz),
  },
  (t) => [uniqueIndex('idx_api_keys_hash').on(t.keyHash), index('idx_api_keys_user').on(t.userId)],
);
