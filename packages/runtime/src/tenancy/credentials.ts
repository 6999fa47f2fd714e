/**
 * Workspace credentials: provider keys and tool secrets, sealed with AES-256-GCM before they reach the database.
 * The API only ever returns metadata; plaintext leaves through `resolveSecret`, `resolveProviderKey` and the
 * engine's SecretSource, for the workspace an execution runs in, and each use is audited.
 *
 * This module owns the service and its management (create, list, update, remove: `credential:manage`, audited);
 * what a credential may be is `credential-input.ts`, its uses (the cache of sealed rows, the choice of a key,
 * the SecretSource, re-sealing) `credential-resolver.ts`.
 */
import type { Logger, SecretSource } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import type { CredentialRecord, CredentialRepository } from '@agentflow/store-sql/tenancy';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/permissions.js';
import type { SecretBox } from '../auth/secret-box.js';
import type { AuditService, RequestMeta } from './audit.js';
import { type CredentialChange, type CredentialInput, parseCredentialInput } from './credential-input.js';
import {
  type CredentialServiceOptions,
  createCredentialResolver,
  credentialAad,
  type ProviderKeyHandle,
  type ToolCredentialHandle,
} from './credential-resolver.js';

export { type CredentialChange, CredentialInput } from './credential-input.js';
export type {
  CredentialServiceOptions,
  ProviderKeyHandle,
  ToolCredentialHandle,
} from './credential-resolver.js';

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

export function createCredentialService(deps: {
  repo: CredentialRepository;
  box: SecretBox;
  audit: AuditService;
  logger: Logger;
  options?: CredentialServiceOptions;
}): CredentialService {
  const { repo, box, audit } = deps;
  const uses = createCredentialResolver(deps);

  async function requireInWorkspace(principal: Principal, id: string): Promise<CredentialRecord> {
    const found = await repo.getCredential(principal.workspaceId, id);
    if (!found) throw new AgentFlowError('AF_NOT_FOUND', `credential ${id} not found`);
    return found;
  }

  return {
    async create(principal, input, meta) {
      authorize(principal, 'credential:manage');
      const parsed = parseCredentialInput(input);
      const sealed = box.seal(parsed.value, credentialAad(principal.workspaceId, parsed.name));
      const record = await repo.createCredential({
        workspaceId: principal.workspaceId,
        name: parsed.name,
        type: parsed.type,
        sealed,
        ...(parsed.baseURLs ? { baseURLs: parsed.baseURLs } : {}),
        ...(principal.kind === 'user' ? { createdBy: principal.userId } : {}),
      });
      uses.invalidate(principal.workspaceId);
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
        value === undefined
          ? undefined
          : parseCredentialInput({ name: current.name, type: current.type, value }).value;
      const bound =
        baseURLs === undefined || baseURLs === null
          ? baseURLs
          : parseCredentialInput({ name: current.name, type: current.type, value: 'x', baseURLs }).baseURLs;
      if (checked !== undefined) {
        await repo.updateSealed(
          principal.workspaceId,
          id,
          box.seal(checked, credentialAad(principal.workspaceId, current.name)),
        );
      }
      if (bound !== undefined) await repo.updateBaseURLs(principal.workspaceId, id, bound ?? null);
      uses.invalidate(principal.workspaceId);
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
      uses.invalidate(principal.workspaceId);
      await audit.record({
        action: 'credential.delete',
        principal,
        target: { type: 'credential', id },
        details: { name: gone.name, type: gone.type },
        ...(meta ? { meta } : {}),
      });
    },

    resolveSecret: uses.resolveSecret,
    resolveProviderKey: uses.resolveProviderKey,
    findProviderKey: uses.findProviderKey,
    findToolCredential: uses.findToolCredential,
    secretSource: uses.secretSource,
    preload: uses.preload,
    reencrypt: uses.reencrypt,
  };
}
