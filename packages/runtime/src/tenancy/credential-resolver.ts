/**
 * Where a workspace credential's plaintext is used: the per-workspace cache of sealed rows (`cacheTtlMs`; only
 * ciphertext is cached, values are decrypted on each use), the choice of a provider's key or a tool's credential,
 * the engine's synchronous SecretSource, re-sealing under a new key, and the `credential.use` audit of each use.
 */
import type { Logger, SecretSource } from '@agentflow/core';
import type { CredentialRepository, SealedCredential } from '@agentflow/store-sql/tenancy';
import type { SecretBox } from '../auth/secret-box.js';
import type { AuditService } from './audit.js';
import { boundCredential, currentWorkspaceId } from './context.js';

/** A workspace's key for a model provider, opened only once its base URL is known to be in scope. */
export interface ProviderKeyHandle {
  /** The base URLs it is bound to; absent: the provider's configured endpoint. */
  baseURLs?: string[];
  /** Decrypts the key (audited as `credential.use`). */
  reveal(): string;
}

/** A workspace's credential for a built-in tool (type `postgres`, `smtp`, `slack`, `gmail`), unopened. */
export interface ToolCredentialHandle {
  id: string;
  name: string;
  type: string;
  /** Changes when the credential does (its update time): cached connections are keyed by it. */
  version: number;
  /** The base URLs it is bound to (HTTP APIs); absent: the tool's configured endpoint. */
  baseURLs?: string[];
  /** Decrypts the value (audited as `credential.use` by `tool:<type>`). */
  reveal(): string;
}

export interface CredentialServiceOptions {
  /** How long a workspace's sealed rows stay cached. (Default: 30000) */
  cacheTtlMs?: number;
  /** At most one `credential.use` audit record per credential in this window; 0 records every use. (Default: 60000) */
  useAuditIntervalMs?: number;
}

interface CacheEntry {
  loadedAt: number;
  byName: Map<string, SealedCredential>;
}

/** The AAD a credential's value is sealed with: bound to its workspace and name. */
export const credentialAad = (workspaceId: string, name: string) =>
  `agentflow:credential:${workspaceId}:${name}`;

export function createCredentialResolver(deps: {
  repo: CredentialRepository;
  box: SecretBox;
  audit: AuditService;
  logger: Logger;
  options?: CredentialServiceOptions;
}) {
  const { repo, box, audit, logger } = deps;
  const ttl = deps.options?.cacheTtlMs ?? 30_000;
  const useInterval = deps.options?.useAuditIntervalMs ?? 60_000;
  const cache = new Map<string, CacheEntry>();
  const lastUse = new Map<string, number>();

  async function load(workspaceId: string): Promise<CacheEntry> {
    const hit = cache.get(workspaceId);
    if (hit && Date.now() - hit.loadedAt < ttl) return hit;
    const rows = await repo.listSealedCredentials(workspaceId);
    const entry = { loadedAt: Date.now(), byName: new Map(rows.map((r) => [r.record.name, r])) };
    if (cache.size >= 10_000) cache.clear();
    cache.set(workspaceId, entry);
    return entry;
  }

  /** The credential of `type` the running workflow chose (`config.credentials`), while it is one of that type. */
  function chosenOf(entry: CacheEntry, workspaceId: string, type: string): SealedCredential | undefined {
    const name = boundCredential(workspaceId, type);
    const found = name === undefined ? undefined : entry.byName.get(name);
    return found?.record.type === type ? found : undefined;
  }

  function open(found: SealedCredential): string {
    return box.open(found.sealed, credentialAad(found.record.workspaceId, found.record.name));
  }

  function recordUse(found: SealedCredential, usedBy: string): void {
    const key = found.record.id;
    const now = Date.now();
    if (useInterval > 0 && now - (lastUse.get(key) ?? 0) < useInterval) return;
    if (lastUse.size >= 10_000) lastUse.clear();
    lastUse.set(key, now);
    void audit.record({
      action: 'credential.use',
      workspaceId: found.record.workspaceId,
      actorType: 'system',
      target: { type: 'credential', id: found.record.id },
      details: { name: found.record.name, usedBy },
    });
  }

  async function findProviderKey(
    workspaceId: string,
    provider: string,
  ): Promise<ProviderKeyHandle | undefined> {
    const entry = await load(workspaceId);
    let found = chosenOf(entry, workspaceId, provider) ?? entry.byName.get(provider);
    if (!found) {
      for (const c of entry.byName.values()) {
        if (c.record.type === provider && (!found || c.record.updatedAt > found.record.updatedAt)) found = c;
      }
    }
    if (!found) return undefined;
    const credential = found;
    return {
      ...(credential.record.baseURLs ? { baseURLs: credential.record.baseURLs } : {}),
      reveal() {
        const value = open(credential);
        recordUse(credential, `model:${provider}`);
        return value;
      },
    };
  }

  async function findToolCredential(
    workspaceId: string,
    type: string,
  ): Promise<ToolCredentialHandle | undefined> {
    const entry = await load(workspaceId);
    let found = chosenOf(entry, workspaceId, type);
    for (const c of found ? [] : entry.byName.values()) {
      if (c.record.type !== type) continue;
      const named = c.record.name === type;
      if (!found || (named && found.record.name !== type)) found = c;
      else if (found.record.name !== type && c.record.updatedAt > found.record.updatedAt) found = c;
    }
    if (!found) return undefined;
    const credential = found;
    const { id, name, updatedAt, baseURLs } = credential.record;
    return {
      id,
      name,
      type,
      version: updatedAt,
      ...(baseURLs ? { baseURLs } : {}),
      reveal() {
        const value = open(credential);
        recordUse(credential, `tool:${type}`);
        return value;
      },
    };
  }

  const secretSource: SecretSource = {
    get(name) {
      const workspaceId = currentWorkspaceId();
      if (workspaceId === undefined) return undefined;
      const found = cache.get(workspaceId)?.byName.get(name);
      if (!found) return undefined;
      try {
        const value = open(found);
        recordUse(found, 'node');
        return value;
      } catch (error) {
        logger.error('credential could not be opened', {
          workspaceId,
          credentialId: found.record.id,
          error: error instanceof Error ? error.message : String(error),
        });
        return undefined;
      }
    },
  };

  return {
    /** Drops a workspace's cached rows (after any change to its credentials). */
    invalidate(workspaceId: string): void {
      cache.delete(workspaceId);
    },

    async resolveSecret(workspaceId: string, name: string, usedBy = 'secret'): Promise<string | undefined> {
      const found = (await load(workspaceId)).byName.get(name);
      if (!found) return undefined;
      const value = open(found);
      recordUse(found, usedBy);
      return value;
    },

    async resolveProviderKey(workspaceId: string, provider: string): Promise<string | undefined> {
      return (await findProviderKey(workspaceId, provider))?.reveal();
    },

    findProviderKey,

    findToolCredential,

    secretSource,

    async preload(workspaceId: string): Promise<void> {
      await load(workspaceId);
    },

    async reencrypt(workspaceIds: string[]): Promise<number> {
      let moved = 0;
      for (const workspaceId of workspaceIds) {
        for (const found of await repo.listSealedCredentials(workspaceId)) {
          if (found.sealed.keyId === box.currentKeyId) continue;
          const sealed = box.seal(open(found), credentialAad(workspaceId, found.record.name));
          if (await repo.updateSealed(workspaceId, found.record.id, sealed)) moved++;
        }
        cache.delete(workspaceId);
      }
      return moved;
    },
  };
}
