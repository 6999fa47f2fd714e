/**
 * Assembles the security and tenancy services over one database: authentication (passwords, access tokens,
 * refresh rotation, API keys), members and roles, workspaces, API keys, encrypted credentials, the audit log and
 * the request rate limiter. The runtime builds one of these; tests may build their own.
 */
import { type Logger, silentLogger } from '@agentflow/core';
import type { Db } from '@agentflow/store-sql';
import { createTenancyRepositories, type TenancyRepositories } from '@agentflow/store-sql/tenancy';
import { createAuthenticator } from './auth/authenticate.js';
import { createCsrfGuard } from './auth/csrf.js';
import type { KeyMaterial } from './auth/key-material.js';
import { createLoginGuard, type LoginGuardOptions } from './auth/login-guard.js';
import { createPasswordHasher, type PasswordHashOptions } from './auth/passwords.js';
import { createRateLimiter, type RateLimiter, type RateLimiterOptions } from './auth/rate-limit.js';
import { createSecretBox } from './auth/secret-box.js';
import { type AuthService, type AuthServiceOptions, createAuthService } from './auth/service.js';
import { createTokenService, type TokenServiceOptions } from './auth/tokens.js';
import { createInstanceAdminService, type InstanceAdminService } from './tenancy/admin.js';
import { type ApiKeyService, createApiKeyService } from './tenancy/api-keys.js';
import { type AuditService, createAuditService } from './tenancy/audit.js';
import {
  type CredentialService,
  type CredentialServiceOptions,
  createCredentialService,
} from './tenancy/credentials.js';
import {
  createExecutionGate,
  type ExecutionGate,
  type ExecutionGateOptions,
} from './tenancy/execution-limit.js';
import {
  createInvitationService,
  type InvitationService,
  type InvitationServiceOptions,
} from './tenancy/invitations.js';
import {
  createMemberService,
  createWorkspaceService,
  type MemberService,
  type WorkspaceService,
} from './tenancy/members.js';

export interface SecurityOptions {
  db: Db;
  keys: KeyMaterial;
  logger?: Logger;
  tokens?: Omit<TokenServiceOptions, 'secret'>;
  sessions?: AuthServiceOptions;
  login?: LoginGuardOptions;
  passwords?: PasswordHashOptions;
  credentials?: CredentialServiceOptions;
  rateLimit?: RateLimiterOptions;
  /** Executions a workspace may start per window, by plan; `false` turns the limit off. (Default: EXECUTION_LIMITS) */
  executionLimits?: ExecutionGateOptions['limits'];
  /** Workspace invitations: validity and mail delivery. (Default: 7 days, token shown to admins) */
  invitations?: InvitationServiceOptions;
  /** How long authenticated principals are cached. (Default: 5000; 0 disables) */
  principalCacheTtlMs?: number;
  /** User ids of the instance admins (`AGENTFLOW_INSTANCE_ADMINS`). (Default: none) */
  instanceAdmins?: readonly string[];
}

export interface TenancyServices {
  workspaces: WorkspaceService;
  members: MemberService;
  /** Invitations: how people join a workspace by email (with their consent). */
  invitations: InvitationService;
  apiKeys: ApiKeyService;
  credentials: CredentialService;
  audit: AuditService;
  /** Instance administration (every workspace, plans): instance admins only. */
  admin: InstanceAdminService;
}

export interface Security {
  auth: AuthService;
  tenancy: TenancyServices;
  rateLimiter: RateLimiter;
  /** The per-workspace execution limit every start path of the services passes. */
  executionGate: ExecutionGate;
  repos: TenancyRepositories;
  close(): Promise<void>;
}

export function createSecurity(options: SecurityOptions): Security {
  const logger = options.logger ?? silentLogger;
  const repos = createTenancyRepositories(options.db);
  const audit = createAuditService(repos.audit, logger);
  const tokens = createTokenService({ ...options.tokens, secret: options.keys.jwtSecret });
  const authenticator = createAuthenticator({
    tokens,
    sessions: repos.sessions,
    apiKeys: repos.apiKeys,
    ...(options.principalCacheTtlMs !== undefined ? { cacheTtlMs: options.principalCacheTtlMs } : {}),
  });
  const onAccessChange = () => authenticator.invalidate();
  const auth = createAuthService({
    db: options.db,
    repos,
    tokens,
    hasher: createPasswordHasher(options.passwords),
    guard: createLoginGuard(repos.sessions, options.login),
    authenticator,
    csrf: createCsrfGuard(options.keys.jwtSecret),
    audit,
    logger,
    ...(options.sessions ? { options: options.sessions } : {}),
  });
  const credentials = createCredentialService({
    repo: repos.credentials,
    box: createSecretBox(options.keys),
    audit,
    logger,
    ...(options.credentials ? { options: options.credentials } : {}),
  });
  const rateLimiter = createRateLimiter({ logger, ...options.rateLimit });
  return {
    auth,
    tenancy: {
      workspaces: createWorkspaceService(repos, audit, onAccessChange),
      members: createMemberService(repos, audit, onAccessChange),
      invitations: createInvitationService({
        repos,
        box: createSecretBox(options.keys),
        audit,
        onAccessChange,
        ...(options.invitations ? { options: options.invitations } : {}),
      }),
      apiKeys: createApiKeyService(repos.apiKeys, audit, onAccessChange),
      credentials,
      audit,
      admin: createInstanceAdminService({
        repos,
        audit,
        instanceAdmins: options.instanceAdmins ?? [],
        onAccessChange,
      }),
    },
    rateLimiter,
    executionGate: createExecutionGate({
      limiter: rateLimiter,
      planOf: async (workspaceId) => (await repos.workspaces.getWorkspace(workspaceId))?.plan,
      ...(options.executionLimits !== undefined ? { limits: options.executionLimits } : {}),
    }),
    repos,
    close: () => rateLimiter.close(),
  };
}
