/**
 * Workspace credentials (provider keys, tool secrets), stored sealed: AES-256-GCM ciphertext, IV, auth tag and the
 * id of the key that sealed them. Encryption happens in the caller (the key never reaches the database); this
 * repository never returns sealed bytes from its listing functions, only metadata.
 */
import { randomUUID } from 'node:crypto';
import { AgentFlowError } from '@agentflow/protocol';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { sqlState } from './errors.js';
import { credentials } from './schema.js';

export interface SealedSecret {
  ciphertext: Buffer;
  iv: Buffer;
  authTag: Buffer;
  keyId: string;
}

/** What may be shown about a credential: never its value. */
export interface CredentialRecord {
  id: string;
  workspaceId: string;
  name: string;
  type: string;
  keyId: string;
  /** Provider keys: the base URLs the key may be sent to; absent: the provider's configured endpoint only. */
  baseURLs?: string[];
  createdBy?: string;
  createdAt: number;
  updatedAt: number;
}

export interface SealedCredential {
  record: CredentialRecord;
  sealed: SealedSecret;
}

export interface CredentialRepository {
  /** AF_CONFLICT when the workspace already has a credential with this name. */
  createCredential(input: {
    workspaceId: string;
    name: string;
    type: string;
    sealed: SealedSecret;
    baseURLs?: string[];
    createdBy?: string;
  }): Promise<CredentialRecord>;
  listCredentials(workspaceId: string): Promise<CredentialRecord[]>;
  getCredential(workspaceId: string, id: string): Promise<CredentialRecord | undefined>;
  getSealedCredential(workspaceId: string, name: string): Promise<SealedCredential | undefined>;
  listSealedCredentials(workspaceId: string): Promise<SealedCredential[]>;
  /** Replaces the sealed value (new secret, or re-encryption under a new key). */
  updateSealed(workspaceId: string, id: string, sealed: SealedSecret): Promise<boolean>;
  /** Replaces the base URLs a provider key is bound to (null: the provider's configured endpoint). */
  updateBaseURLs(workspaceId: string, id: string, baseURLs: string[] | null): Promise<boolean>;
  /** Deletes and returns the deleted credential's metadata. */
  deleteCredential(workspaceId: string, id: string): Promise<CredentialRecord | undefined>;
}

type CredentialRow = typeof credentials.$inferSelect;

const metadataColumns = {
  id: credentials.id,
  workspaceId: credentials.workspaceId,
  name: credentials.name,
  type: credentials.type,
  keyId: credentials.keyId,
  baseUrls: credentials.baseUrls,
  createdBy: credentials.createdBy,
  createdAt: credentials.createdAt,
  updatedAt: credentials.updatedAt,
};

export function createCredentialRepository(db: Db): CredentialRepository {
  return {
    async createCredential(input) {
      try {
        const [row] = await db
          .insert(credentials)
          .values({
            id: randomUUID(),
            workspaceId: input.workspaceId,
            name: input.name,
            type: input.type,
            ciphertext: input.sealed.ciphertext,
            iv: input.sealed.iv,
            authTag: input.sealed.authTag,
            keyId: input.sealed.keyId,
            baseUrls: input.baseURLs?.length ? input.baseURLs : null,
            createdBy: input.createdBy ?? null,
          })
          .returning(metadataColumns);
        return toCredential(row!);
      } catch (error) {
        if (sqlState(error) === '23505') {
          throw new AgentFlowError('AF_CONFLICT', `a credential named "${input.name}" already exists`);
        }
        if (sqlState(error) === '23503') throw new AgentFlowError('AF_NOT_FOUND', 'workspace not found');
        throw error;
      }
    },

    async listCredentials(workspaceId) {
      const found = await db
        .select(metadataColumns)
        .from(credentials)
        .where(eq(credentials.workspaceId, workspaceId))
        .orderBy(asc(credentials.name));
      return found.map(toCredential);
    },

    async getCredential(workspaceId, id) {
      const [row] = await db
        .select(metadataColumns)
        .from(credentials)
        .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)));
      return row ? toCredential(row) : undefined;
    },

    async getSealedCredential(workspaceId, name) {
      const [row] = await db
        .select()
        .from(credentials)
        .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.name, name)));
      return row ? toSealed(row) : undefined;
    },

    async listSealedCredentials(workspaceId) {
      const found = await db
        .select()
        .from(credentials)
        .where(eq(credentials.workspaceId, workspaceId))
        .orderBy(asc(credentials.name));
      return found.map(toSealed);
    },

    async updateBaseURLs(workspaceId, id, baseURLs) {
      const done = await db
        .update(credentials)
        .set({ baseUrls: baseURLs?.length ? baseURLs : null, updatedAt: sql`now()` })
        .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)))
        .returning({ id: credentials.id });
      return done.length > 0;
    },

    async updateSealed(workspaceId, id, sealed) {
      const done = await db
        .update(credentials)
        .set({
          ciphertext: sealed.ciphertext,
          iv: sealed.iv,
          authTag: sealed.authTag,
          keyId: sealed.keyId,
          updatedAt: sql`now()`,
        })
        .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)))
        .returning({ id: credentials.id });
      return done.length > 0;
    },

    async deleteCredential(workspaceId, id) {
      const [row] = await db
        .delete(credentials)
        .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.id, id)))
        .returning(metadataColumns);
      return row ? toCredential(row) : undefined;
    },
  };
}

function toCredential(row: Omit<CredentialRow, 'ciphertext' | 'iv' | 'authTag'>): CredentialRecord {
  const c: CredentialRecord = {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    type: row.type,
    keyId: row.keyId,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
  if (row.baseUrls?.length) c.baseURLs = row.baseUrls;
  if (row.createdBy !== null) c.createdBy = row.createdBy;
  return c;
}

function toSealed(row: CredentialRow): SealedCredential {
  return {
    record: toCredential(row),
    sealed: { ciphertext: row.ciphertext, iv: row.iv, authTag: row.authTag, keyId: row.keyId },
  };
}
