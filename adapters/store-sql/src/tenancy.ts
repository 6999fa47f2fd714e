/**
 * `@agentflow/store-sql/tenancy`: data access for users, workspaces and members, invitations, login sessions and
 * refresh tokens, API keys, encrypted credentials and the audit log. Plain functions over a Drizzle `Db` (either driver),
 * used by the runtime's auth and tenancy services.
 *
 * Database failures surface as concise AgentFlowErrors without the query or its parameters (which may hold
 * password hashes or sealed secrets).
 */
import type { Db } from './db.js';
import { guardStoreErrors } from './errors.js';
import { type ApiKeyRepository, createApiKeyRepository } from './tenancy-api-keys.js';
import { type AuditRepository, createAuditRepository } from './tenancy-audit.js';
import { type CredentialRepository, createCredentialRepository } from './tenancy-credentials.js';
import { createInvitationRepository, type InvitationRepository } from './tenancy-invitations.js';
import { createSessionRepository, type SessionRepository } from './tenancy-sessions.js';
import { createUserRepository, type UserRepository } from './tenancy-users.js';
import { createWorkspaceRepository, type WorkspaceRepository } from './tenancy-workspaces.js';

export {
  type ChatMessageRecord,
  type ChatMessageStatus,
  type ChatRole,
  type ConversationRecord,
  type ConversationRepository,
  type ConversationSource,
  createConversationRepository,
  type StartedTurn,
  type StartTurnInput,
} from './chat-conversations.js';
export { guardStoreErrors } from './errors.js';
export {
  API_KEY_PREFIX,
  type ApiKeyAccess,
  type ApiKeyRecord,
  type ApiKeyRepository,
  createApiKeyRepository,
  generateApiKey,
  hashApiKey,
} from './tenancy-api-keys.js';
export {
  type AuditActorType,
  type AuditEntry,
  type AuditRecord,
  type AuditRepository,
  createAuditRepository,
  type ListAuditQuery,
} from './tenancy-audit.js';
export {
  type CredentialRecord,
  type CredentialRepository,
  createCredentialRepository,
  type SealedCredential,
  type SealedSecret,
} from './tenancy-credentials.js';
export {
  createInvitationRepository,
  generateInvitationToken,
  hashInvitationToken,
  type InvitationRecord,
  type InvitationRepository,
} from './tenancy-invitations.js';
export * as tenancySchema from './tenancy-schema.js';
export {
  createSessionRepository,
  hashToken,
  type IssuedRefreshToken,
  type RotateResult,
  type SessionAccess,
  type SessionRecord,
  type SessionRepository,
} from './tenancy-sessions.js';
export {
  type CreateUserInput,
  createUserRepository,
  normalizeEmail,
  type UserRecord,
  type UserRepository,
} from './tenancy-users.js';
export {
  createWorkspaceRepository,
  type MemberRecord,
  type Membership,
  WORKSPACE_PLANS,
  WORKSPACE_ROLES,
  type WorkspacePlan,
  type WorkspaceRecord,
  type WorkspaceRepository,
  type WorkspaceRole,
} from './tenancy-workspaces.js';

export interface TenancyRepositories {
  readonly users: UserRepository;
  readonly workspaces: WorkspaceRepository;
  readonly sessions: SessionRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly credentials: CredentialRepository;
  readonly audit: AuditRepository;
  readonly invitations: InvitationRepository;
}

export function createTenancyRepositories(db: Db): TenancyRepositories {
  return {
    users: guardStoreErrors(createUserRepository(db)),
    workspaces: guardStoreErrors(createWorkspaceRepository(db)),
    sessions: guardStoreErrors(createSessionRepository(db)),
    apiKeys: guardStoreErrors(createApiKeyRepository(db)),
    credentials: guardStoreErrors(createCredentialRepository(db)),
    audit: guardStoreErrors(createAuditRepository(db)),
    invitations: guardStoreErrors(createInvitationRepository(db)),
  };
}

/**
 * Runs `fn` in one transaction with repositories bound to it (use only these inside: on PGlite's single
 * connection, touching the outer `db` inside a transaction deadlocks).
 */
export function tenancyTransaction<T>(db: Db, fn: (repos: TenancyRepositories) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(createTenancyRepositories(tx as unknown as Db)));
}
