/**
 * Workspace credentials: provider keys and tool secrets, sealed with AES-256-GCM before they reach the database.
 * The API only ever returns metadata; plaintext leaves this module through `resolveSecret`, `resolveProviderKey`
 * and the engine's SecretSource, for the workspace an execution runs in, and each use is audited.
 *
 * Sealed rows are cached per workspace (`cacheTtlMs`, invalidated here on every change) so the engine's
 * synchronous SecretSource can answer, and so a model call does not cost a query. Only ciphertext is cached;
 * values are decrypted on each use.
 */
import type { Logger, SecretSource } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import type { CredentialRecord, CredentialRepository, SealedCredential } from '@agentflow/store-sql/tenancy';
import { z } from 'zod';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/permissions.js';
import type { SecretBox } from '../auth/secret-box.js';
import type { AuditService, RequestMeta } from './audit.js';
import { boundCredential, currentWorkspaceId } from './context.js';

/** An http(s) base URL, kept as origin + path without a trailing slash (no credentials, query or fragment). */
const BaseURL = z
  .string()
  .max(2048)
  .transform((raw, ctx) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL' });
      return z.NEVER;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL without user or password' });
      return z.NEVER;
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  });

export const CredentialInput = z.object({
  name: z
    .string()
    .min(1)
    .max(255)
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
      'letters, digits, "_", "." and "-", starting with a letter or digit',
    ),
  /**
   * What it is for: a provider name (`openai`, `anthropic`...) or a tool kind: `postgres`, `smtp`, `slack`, `gmail`
   * (the built-in tools' credentials, builtin-tools.ts), `http-header`...
   */
  type: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, "_", "." and "-"'),
  value: z.string().min(1).max(16_384),
  /**
   * Provider keys: the base URLs (origin + path, e.g. `https://llm.example.com/v1`) the key may be sent to. A model
   * call to any other base URL fails with AF_CREDENTIAL_SCOPE and sends nothing. `slack` and `gmail` tokens go to
   * the first. (Default: the provider's or the tool's configured endpoint only: its default, or the one an
   * administrator set in the environment)
   */
  baseURLs: z.array(BaseURL).min(1).max(16).optional(),
});
export type CredentialInput = z.infer<typeof CredentialInput>;

/** What `update` may change. */
export interface CredentialChange {
  value?: string;
  baseURLs?: string[] | null;
}

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

export interface CredentialService {
  /** `credential:manage`. AF_CONFLICT if the name is taken. */
  create(principal: Principal, input: CredentialInput, meta?: RequestMeta): Promise<CredentialRecord>;
  /** Metadata only (`credential:read`). */
  list(principal: Principal): Promise<CredentialRecord[]>;
  /**
   * Replaces the value, and/or the base URLs a provider key is bound to (`credential:manage`). A string is a new
   * value; `baseURLs: null` binds the key back to the provider's configured endpoint.
   */
  update(
    principal: Principal,
    id: string,
    change: string | CredentialChange,
    meta?: RequestMeta,
  ): Promise<CredentialRecord>;
  /** `credential:manage`; AF_NOT_FOUND when not in the caller's workspace. */
  remove(principal: Principal, id: string, meta?: RequestMeta): Promise<void>;
  /** The plaintext of a workspace's credential by name (audited as `credential.use`). */
  resolveSecret(workspaceId: string, name: string, usedBy?: string): Promise<string | undefined>;
  /**
   * A model provider's key for a workspace: the one the running workflow chose (`config.credentials[provider]`,
   * when it is of that type), else the credential named like the provider, else the newest one whose type is the
   * provider.
   */
  resolveProviderKey(workspaceId: string, provider: string): Promise<string | undefined>;
  /**
   * The same credential as `resolveProviderKey`, unopened, with the base URLs it is bound to: the model providers
   * check the call's base URL first and reveal the key only when it matches.
   */
  findProviderKey(workspaceId: string, provider: string): Promise<ProviderKeyHandle | undefined>;
  /**
   * A built-in tool's credential for a workspace: of exactly this type (a credential made for another purpose is
   * never used), the one the running workflow chose (`config.credentials[type]`) first, then the one named like
   * the type, else the newest.
   */
  findToolCredential(workspaceId: string, type: string): Promise<ToolCredentialHandle | undefined>;
  /** The engine's SecretSource: reads the credentials of the workspace the current execution runs in. */
  readonly secretSource: SecretSource;
  /** Loads a workspace's sealed rows into the cache (before entering its context). */
  preload(workspaceId: string): Promise<void>;
  /** Re-seals every given workspace's credentials not under the current key; returns how many. */
  reencrypt(workspaceIds: string[]): Promise<number>;
}

interface CacheEntry {
  loadedAt: number;
  byName: Map<string, SealedCredential>;
}

export function createCredentialService(deps: {
  repo: CredentialRepository;
  box: SecretBox;
  audit: AuditService;
  logger: Logger;
  options?: CredentialServiceOptions;
}): CredentialService {
  const { repo, box, audit, logger } = deps;
  const ttl = deps.options?.cacheTtlMs ?? 30_000;
  const useInterval = deps.options?.useAuditIntervalMs ?? 60_000;
  const cache = new Map<string, CacheEntry>();
  const lastUse = new Map<string, number>();
  const aad = (workspaceId: string, name: string) => `agentflow:credential:${workspaceId}:${name}`;

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
    return box.open(found.sealed, aad(found.record.workspaceId, found.record.name));
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

  async function requireInWorkspace(principal: Principal, id: string): Promise<CredentialRecord> {
    const found = await repo.getCredential(principal.workspaceId, id);
    if (!found) throw new AgentFlowError('AF_NOT_FOUND', `credential ${id} not found`);
    return found;
  }

  return {
    async create(principal, input, meta) {
      authorize(principal, 'credential:manage');
      const parsed = parseInput(input);
      const sealed = box.seal(parsed.value, aad(principal.workspaceId, parsed.name));
      const record = await repo.createCredential({
        workspaceId: principal.workspaceId,
        name: parsed.name,
        type: parsed.type,
        sealed,
        ...(parsed.baseURLs ? { baseURLs: parsed.baseURLs } : {}),
        ...(principal.kind === 'user' ? { createdBy: principal.userId } : {}),
      });
      cache.delete(principal.workspaceId);
      await audit.record({
        action: 'credential.create',
        principal,
        target: { type: 'credential', id: record.id },
        details: {
          name: record.name,
          type: record.type,
          ...(record.baseURLs ? { baseURLs: record.baseURLs } : {}),
        },
        ...(meta ? { meta } : {}),
      });
      return record;
    },

    async list(principal) {
      authorize(principal, 'credential:read');
      return repo.listCredentials(principal.workspaceId);
    },

    async update(principal, id, change, meta) {
      authorize(principal, 'credential:manage');
      const { value, baseURLs } =
        typeof change === 'string' ? { value: change, baseURLs: undefined } : change;
      const current = await requireInWorkspace(principal, id);
      if (value === undefined && baseURLs === undefined) {
        throw new AgentFlowError('AF_VALIDATION', 'nothing to change: give a value or baseURLs', {
          issues: [{ code: 'AF_VALIDATION', path: 'value', message: 'give a value or baseURLs' }],
        });
      }
      // Both are checked before either is written.
      const checked =
        value === undefined ? undefined : parseInput({ name: current.name, type: current.type, value }).value;
      const bound =
        baseURLs === undefined || baseURLs === null
          ? baseURLs
          : parseInput({ name: current.name, type: current.type, value: 'x', baseURLs }).baseURLs;
      if (checked !== undefined) {
        await repo.updateSealed(
          principal.workspaceId,
          id,
          box.seal(checked, aad(principal.workspaceId, current.name)),
        );
      }
      if (bound !== undefined) await repo.updateBaseURLs(principal.workspaceId, id, bound ?? null);
      cache.delete(principal.workspaceId);
      await audit.record({
        action: 'credential.update',
        principal,
        target: { type: 'credential', id },
        details: {
          name: current.name,
          ...(checked !== undefined ? { value: 'replaced' } : {}),
          ...(bound !== undefined ? { baseURLs: bound } : {}),
        },
        ...(meta ? { meta } : {}),
      });
      return (await repo.getCredential(principal.workspaceId, id)) ?? current;
    },

    async remove(principal, id, meta) {
      authorize(principal, 'credential:manage');
      const gone = await repo.deleteCredential(principal.workspaceId, id);
      if (!gone) throw new AgentFlowError('AF_NOT_FOUND', `credential ${id} not found`);
      cache.delete(principal.workspaceId);
      await audit.record({
        action: 'credential.delete',
        principal,
        target: { type: 'credential', id },
        details: { name: gone.name, type: gone.type },
        ...(meta ? { meta } : {}),
      });
    },

    async resolveSecret(workspaceId, name, usedBy = 'secret') {
      const found = (await load(workspaceId)).byName.get(name);
      if (!found) return undefined;
      const value = open(found);
      recordUse(found, usedBy);
      return value;
    },

    async resolveProviderKey(workspaceId, provider) {
      return (await findProviderKey(workspaceId, provider))?.reveal();
    },

    findProviderKey,

    findToolCredential,

    secretSource: {
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
    },

    async preload(workspaceId) {
      await load(workspaceId);
    },

    async reencrypt(workspaceIds) {
      let moved = 0;
      for (const workspaceId of workspaceIds) {
        for (const found of await repo.listSealedCredentials(workspaceId)) {
          if (found.sealed.keyId === box.currentKeyId) continue;
          const sealed = box.seal(open(found), aad(workspaceId, found.record.name));
          if (await repo.updateSealed(workspaceId, found.record.id, sealed)) moved++;
        }
        cache.delete(workspaceId);
      }
      return moved;
    },
  };
}

function parseInput(input: unknown): CredentialInput {
  const parsed = CredentialInput.safeParse(input);
  if (parsed.success) return parsed.data;
  // Issues name the field, never echo the value.
  throw new AgentFlowError('AF_VALIDATION', 'invalid credential', {
    issues: parsed.error.issues.map((i) => ({
      code: 'AF_VALIDATION' as const,
      path: i.path.map(String).join('.'),
      message: i.path[0] === 'value' ? 'must be 1 to 16384 characters' : i.message,
    })),
  });
}
