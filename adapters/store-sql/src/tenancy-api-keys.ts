/**
 * Bearer API keys (`af_<43 base64url chars>`, 256 random bits). The key is returned once, on creation; only its
 * SHA-256 (enough for a random 256-bit secret: there is nothing to brute-force) and a short display prefix are
 * stored. A key is scoped to one workspace and carries a role (kept in the `scopes` column as `{ role }`).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { encodeJson, unwrapJson } from './json.js';
import { apiKeys, workspaceMembers, workspaces } from './schema.js';
import { toPlan, WORKSPACE_ROLES, type WorkspacePlan, type WorkspaceRole } from './tenancy-workspaces.js';

export const API_KEY_PREFIX = 'af_';

export interface ApiKeyRecord {
  id: string;
  userId: string;
  workspaceId: string;
  name: string;
  /** First characters of the key, for display: `af_k3x9AbQ2`. */
  prefix: string;
  role: WorkspaceRole;
  createdAt: number;
  lastUsedAt?: number;
  expiresAt?: number;
  revokedAt?: number;
}

/** A key found by its hash, with its creator's current membership of the key's workspace. */
export interface ApiKeyAccess {
  key: ApiKeyRecord;
  /** The creator's role now (undefined when no longer a member). */
  memberRole?: WorkspaceRole;
  plan?: WorkspacePlan;
}

export interface ApiKeyRepository {
  createApiKey(input: {
    userId: string;
    workspaceId: string;
    name: string;
    role: WorkspaceRole;
    expiresAt?: number;
  }): Promise<{ key: string; record: ApiKeyRecord }>;
  listApiKeys(workspaceId: string): Promise<ApiKeyRecord[]>;
  getApiKey(workspaceId: string, id: string): Promise<ApiKeyRecord | undefined>;
  /** Marks the key revoked; undefined when it is not in this workspace or already revoked. */
  revokeApiKey(workspaceId: string, id: string): Promise<ApiKeyRecord | undefined>;
  findApiKeyByHash(keyHash: string): Promise<ApiKeyAccess | undefined>;
  /** Sets last-used to now unless it was set less than `minIntervalMs` ago (saves a write per request). */
  touchApiKey(id: string, minIntervalMs?: number): Promise<void>;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

type ApiKeyRow = typeof apiKeys.$inferSelect;
const PREFIX_LENGTH = 11;

export function createApiKeyRepository(db: Db): ApiKeyRepository {
  return {
    async createApiKey(input) {
      const key = generateApiKey();
      const [row] = await db
        .insert(apiKeys)
        .values({
          id: randomUUID(),
          userId: input.userId,
          workspaceId: input.workspaceId,
          name: input.name,
          prefix: key.slice(0, PREFIX_LENGTH),
          keyHash: hashApiKey(key),
          scopes: sql`${encodeJson({ role: input.role })}::jsonb`,
          expiresAt: input.expiresAt === undefined ? null : new Date(input.expiresAt),
        })
        .returning();
      return { key, record: toApiKey(row!) };
    },

    async listApiKeys(workspaceId) {
      const found = await db
        .select()
        .from(apiKeys)
        .where(eq(apiKeys.workspaceId, workspaceId))
        .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
      return found.map(toApiKey);
    },

    async getApiKey(workspaceId, id) {
      const [row] = await db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)));
      return row ? toApiKey(row) : undefined;
    },

    async revokeApiKey(workspaceId, id) {
      const [row] = await db
        .update(apiKeys)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning();
      return row ? toApiKey(row) : undefined;
    },

    async findApiKeyByHash(keyHash) {
      const [row] = await db
        .select({ key: apiKeys, memberRole: workspaceMembers.role, plan: workspaces.plan })
        .from(apiKeys)
        .leftJoin(
          workspaceMembers,
          and(
            eq(workspaceMembers.userId, apiKeys.userId),
            eq(workspaceMembers.workspaceId, apiKeys.workspaceId),
          ),
        )
        .leftJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
        .where(eq(apiKeys.keyHash, keyHash));
      if (!row || row.key.workspaceId === null) return undefined;
      const access: ApiKeyAccess = { key: toApiKey(row.key) };
      if (row.memberRole !== null) access.memberRole = row.memberRole as WorkspaceRole;
      if (row.plan !== null) access.plan = toPlan(row.plan);
      return access;
    },

    async touchApiKey(id, minIntervalMs = 60_000) {
      const before = new Date(Date.now() - minIntervalMs);
      await db
        .update(apiKeys)
        .set({ lastUsedAt: sql`now()` })
        .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, before))));
    },
  };
}

function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  const scopes = unwrapJson(row.scopes) as { role?: unknown } | undefined;
  const role = (WORKSPACE_ROLES as readonly unknown[]).includes(scopes?.role)
    ? (scopes!.role as WorkspaceRole)
    : 'viewer';
  const r: ApiKeyRecord = {
    id: row.id,
    userId: row.userId,
    workspaceId: row.workspaceId ?? '',
    name: row.name,
    prefix: row.prefix,
    role,
    createdAt: row.createdAt.getTime(),
  };
  if (row.lastUsedAt !== null) r.lastUsedAt = row.lastUsedAt.getTime();
  if (row.expiresAt !== null) r.expiresAt = row.expiresAt.getTime();
  if (row.revokedAt !== null) r.revokedAt = row.revokedAt.getTime();
  return r;
}
