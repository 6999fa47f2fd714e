/**
 * API key management (`apikey:manage`, signed-in users only). A key is shown once, when created; it is scoped to
 * the caller's workspace with a role no higher than the caller's own, and it never acts above its creator's
 * current role (checked on every use, in auth/authenticate.ts).
 */
import { AgentFlowError } from '@agentflow/protocol';
import type { ApiKeyRecord, ApiKeyRepository } from '@agentflow/store-sql/tenancy';
import { authorize, requireUser, roleAtLeast } from '../auth/authorize.js';
import type { Principal, Role } from '../auth/permissions.js';
import type { AuditService, RequestMeta } from './audit.js';
import { checkRole } from './members.js';

export interface CreateApiKeyInput {
  name: string;
  /** (Default: the caller's role) */
  role?: Role;
  /** ms since the epoch; never expires when absent. */
  expiresAt?: number;
}

export interface ApiKeyService {
  /** Returns the key in plaintext: the only time it is available. */
  create(
    principal: Principal,
    input: CreateApiKeyInput,
    meta?: RequestMeta,
  ): Promise<{ key: string; record: ApiKeyRecord }>;
  list(principal: Principal): Promise<ApiKeyRecord[]>;
  /** AF_NOT_FOUND when not in the caller's workspace or already revoked. */
  revoke(principal: Principal, id: string, meta?: RequestMeta): Promise<ApiKeyRecord>;
}

export function createApiKeyService(
  repo: ApiKeyRepository,
  audit: AuditService,
  onAccessChange: () => void,
): ApiKeyService {
  return {
    async create(principal, input, meta) {
      authorize(principal, 'apikey:manage');
      requireUser(principal, 'creating an API key');
      const name = typeof input?.name === 'string' ? input.name.trim() : '';
      if (name.length === 0 || name.length > 255) {
        throw new AgentFlowError('AF_VALIDATION', 'API key name must have 1 to 255 characters', {
          issues: [{ code: 'AF_VALIDATION', path: 'name', message: '1 to 255 characters' }],
        });
      }
      const role = input.role === undefined ? principal.role : checkRole(input.role);
      if (!roleAtLeast(principal.role, role)) {
        throw new AgentFlowError('AF_FORBIDDEN', `an API key cannot have a higher role (${role}) than yours`);
      }
      if (
        input.expiresAt !== undefined &&
        !(Number.isFinite(input.expiresAt) && input.expiresAt > Date.now())
      ) {
        throw new AgentFlowError('AF_VALIDATION', 'expiresAt must be a future time in ms', {
          issues: [{ code: 'AF_VALIDATION', path: 'expiresAt', message: 'a future time in ms' }],
        });
      }
      const created = await repo.createApiKey({
        userId: principal.userId,
        workspaceId: principal.workspaceId,
        name,
        role,
        ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
      });
      await audit.record({
        action: 'apikey.create',
        principal,
        target: { type: 'apiKey', id: created.record.id },
        details: { name, role, prefix: created.record.prefix },
        ...(meta ? { meta } : {}),
      });
      return created;
    },

    async list(principal) {
      authorize(principal, 'apikey:manage');
      return repo.listApiKeys(principal.workspaceId);
    },

    async revoke(principal, id, meta) {
      authorize(principal, 'apikey:manage');
      const revoked = await repo.revokeApiKey(principal.workspaceId, id);
      if (!revoked) throw new AgentFlowError('AF_NOT_FOUND', `API key ${id} not found`);
      onAccessChange();
      await audit.record({
        action: 'apikey.revoke',
        principal,
        target: { type: 'apiKey', id },
        details: { name: revoked.name, prefix: revoked.prefix },
        ...(meta ? { meta } : {}),
      });
      return revoked;
    },
  };
}
