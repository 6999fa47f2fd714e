/**
 * Sign-up, sign-in and sessions: register, login, refresh (rotation with reuse detection), logout, me and
 * workspace switching, plus the authenticators every transport uses. Framework-free: the HTTP server sets and
 * clears cookies around these calls; the CLI and SDK use API keys.
 */
import type { Logger } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import type { Db } from '@agentflow/store-sql';
import {
  type Membership,
  normalizeEmail,
  type SessionRecord,
  type TenancyRepositories,
  tenancyTransaction,
  type UserRecord,
  type WorkspaceRecord,
} from '@agentflow/store-sql/tenancy';
import { z } from 'zod';
import type { AuditService, RequestMeta } from '../tenancy/audit.js';
import type { Authenticator } from './authenticate.js';
import { authorize, requireUser } from './authorize.js';
import type { CsrfGuard } from './csrf.js';
import type { LoginGuard } from './login-guard.js';
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, type PasswordHasher } from './passwords.js';
import { type Permission, type Principal, ROLE_PERMISSIONS, type Role } from './permissions.js';
import { type TokenService, unauthenticated } from './tokens.js';

export interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: number;
  /** Opaque; exchange it at most once (`refresh`), keep it in an httpOnly cookie. */
  refreshToken: string;
  refreshTokenExpiresAt: number;
  sessionId: string;
}

export interface AuthResult {
  user: UserRecord;
  workspace: WorkspaceRecord;
  role: Role;
  tokens: TokenPair;
}

export interface MeResult {
  kind: Principal['kind'];
  user: UserRecord;
  workspace: WorkspaceRecord;
  role: Role;
  permissions: Permission[];
  workspaces: Membership[];
  apiKeyId?: string;
}

export interface AuthService extends Authenticator {
  /** A new account with a personal workspace it owns; AF_CONFLICT when the email is taken. */
  register(
    input: { email: string; password: string; name?: string; workspaceName?: string },
    meta?: RequestMeta,
  ): Promise<AuthResult>;
  /**
   * AF_UNAUTHENTICATED for a wrong email or password (same message and similar time for both);
   * AF_RATE_LIMITED with retryAfterMs after too many failures.
   */
  login(
    input: { email: string; password: string; workspaceId?: string },
    meta?: RequestMeta,
  ): Promise<AuthResult>;
  /** Rotates the refresh token; a reused token revokes its whole session (AF_UNAUTHENTICATED). */
  refresh(refreshToken: string, meta?: RequestMeta): Promise<AuthResult>;
  /** Ends the session of a principal or of a refresh token (idempotent). */
  logout(input: { principal?: Principal; refreshToken?: string }, meta?: RequestMeta): Promise<void>;
  /** Ends every session of the caller. */
  logoutAll(principal: Principal, meta?: RequestMeta): Promise<number>;
  me(principal: Principal): Promise<MeResult>;
  /** A new access token for another workspace of the caller (AF_NOT_FOUND when not a member). */
  switchWorkspace(
    principal: Principal,
    workspaceId: string,
    meta?: RequestMeta,
  ): Promise<{ workspace: WorkspaceRecord; role: Role; accessToken: string; accessTokenExpiresAt: number }>;
  authorize(principal: Principal, permission: Permission): void;
  /** A CSRF token for a login session (send it in a readable cookie; the web app echoes it in a header). */
  csrfToken(sessionId: string): string;
  /** AF_CSRF unless `token` was issued for this session. */
  verifyCsrf(sessionId: string | undefined, token: string | undefined | null): void;
}

export interface AuthServiceOptions {
  /** Refresh token lifetime. (Default: 30 days) */
  refreshTtlMs?: number;
  /** Absolute session lifetime, however often refreshed. (Default: 90 days) */
  sessionTtlMs?: number;
}

const RegisterInput = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  password: z.string(),
  name: z.string().trim().min(1).max(255).optional(),
  workspaceName: z.string().trim().min(1).max(255).optional(),
});

export function createAuthService(deps: {
  db: Db;
  repos: TenancyRepositories;
  tokens: TokenService;
  hasher: PasswordHasher;
  guard: LoginGuard;
  authenticator: Authenticator;
  csrf: CsrfGuard;
  audit: AuditService;
  logger: Logger;
  options?: AuthServiceOptions;
}): AuthService {
  const { repos, tokens, hasher, guard, authenticator, audit, logger } = deps;
  const refreshTtlMs = deps.options?.refreshTtlMs ?? 30 * 24 * 3_600_000;
  const sessionTtlMs = deps.options?.sessionTtlMs ?? 90 * 24 * 3_600_000;

  async function openSession(
    user: UserRecord,
    membership: Membership,
    meta: RequestMeta | undefined,
  ): Promise<AuthResult> {
    const issued = await repos.sessions.startSession({
      userId: user.id,
      workspaceId: membership.workspace.id,
      sessionTtlMs,
      refreshTtlMs,
      ...(meta?.ip !== undefined ? { ip: meta.ip } : {}),
      ...(meta?.userAgent !== undefined ? { userAgent: meta.userAgent } : {}),
    });
    return result(user, membership, issued.session, issued.refreshToken, issued.refreshExpiresAt);
  }

  async function result(
    user: UserRecord,
    membership: Membership,
    session: SessionRecord,
    refreshToken: string,
    refreshTokenExpiresAt: number,
  ): Promise<AuthResult> {
    const access = await tokens.signAccess({
      userId: user.id,
      workspaceId: membership.workspace.id,
      role: membership.role,
      sessionId: session.id,
      email: user.email,
    });
    return {
      user,
      workspace: membership.workspace,
      role: membership.role,
      tokens: {
        accessToken: access.token,
        accessTokenExpiresAt: access.expiresAt,
        refreshToken,
        refreshTokenExpiresAt,
        sessionId: session.id,
      },
    };
  }

  /** The requested workspace if the user belongs to it, else the oldest; a personal one if none is left. */
  async function pickWorkspace(user: UserRecord, wanted?: string): Promise<Membership> {
    const all = await repos.workspaces.listWorkspacesForUser(user.id);
    const chosen = (wanted && all.find((m) => m.workspace.id === wanted)) || all[0];
    if (chosen) return chosen;
    const workspace = await repos.workspaces.createWorkspace({ name: personalName(user), ownerId: user.id });
    return { workspace, role: 'owner' };
  }

  const service: AuthService = {
    ...authenticator,

    async register(input, meta) {
      const parsed = RegisterInput.safeParse(input);
      if (!parsed.success) {
        throw new AgentFlowError('AF_VALIDATION', 'invalid registration', {
          issues: parsed.error.issues.map((i) => ({
            code: 'AF_VALIDATION' as const,
            path: i.path.map(String).join('.'),
            message: i.path[0] === 'password' ? 'must be a string' : i.message,
          })),
        });
      }
      const { email, password, name, workspaceName } = parsed.data;
      checkPasswordPolicy(password);
      const passwordHash = await hasher.hash(password);
      const { user, workspace } = await tenancyTransaction(deps.db, async (tx) => {
        const user = await tx.users.createUser({ email, passwordHash, ...(name ? { name } : {}) });
        const workspace = await tx.workspaces.createWorkspace({
          name: workspaceName ?? personalName(user),
          ownerId: user.id,
        });
        return { user, workspace };
      });
      await audit.record({
        action: 'auth.register',
        workspaceId: workspace.id,
        actorId: user.id,
        actorType: 'user',
        target: { type: 'user', id: user.id },
        ...(meta ? { meta } : {}),
      });
      return openSession(user, { workspace, role: 'owner' }, meta);
    },

    async login(input, meta) {
      const email = typeof input?.email === 'string' ? normalizeEmail(input.email) : '';
      const password = typeof input?.password === 'string' ? input.password : '';
      const ip = meta?.ip;
      await guard.check(email, ip);
      const found = email && email.length <= 254 ? await repos.users.getPasswordHash(email) : undefined;
      let ok = false;
      if (found?.passwordHash && password.length > 0 && password.length <= PASSWORD_MAX_LENGTH * 4) {
        ok = await hasher.verify(found.passwordHash, password);
      } else {
        await hasher.burn(password.slice(0, PASSWORD_MAX_LENGTH * 4));
      }
      if (!ok || !found) {
        await guard.failed(email, ip);
        const reason = found ? 'bad_password' : 'unknown_email';
        logger.warn('sign-in failed', { reason, ...(found ? { userId: found.userId } : {}), ip });
        await audit.record({
          action: 'auth.login_failed',
          ...(found
            ? { actorId: found.userId, actorType: 'user' as const }
            : { actorType: 'anonymous' as const }),
          details: { reason },
          ...(meta ? { meta } : {}),
        });
        throw unauthenticated('bad_credentials', 'wrong email or password');
      }
      await guard.succeeded(email, ip);
      const user = (await repos.users.getUser(found.userId))!;
      const membership = await pickWorkspace(user, input.workspaceId);
      const out = await openSession(user, membership, meta);
      await audit.record({
        action: 'auth.login',
        workspaceId: membership.workspace.id,
        actorId: user.id,
        actorType: 'user',
        target: { type: 'session', id: out.tokens.sessionId },
        ...(meta ? { meta } : {}),
      });
      return out;
    },

    async refresh(refreshToken, meta) {
      if (typeof refreshToken !== 'string' || !/^afr_[A-Za-z0-9_-]{43}$/.test(refreshToken)) {
        throw unauthenticated('invalid', 'invalid refresh token');
      }
      const rotated = await repos.sessions.rotateRefreshToken(refreshToken, refreshTtlMs);
      if (!rotated.ok) {
        if (rotated.reason === 'reuse') {
          authenticator.invalidate();
          const session = rotated.sessionId ? await repos.sessions.getSession(rotated.sessionId) : undefined;
          logger.warn('refresh token reused: session revoked', {
            sessionId: rotated.sessionId,
            ip: meta?.ip,
          });
          await audit.record({
            action: 'auth.refresh_reuse',
            ...(session ? { workspaceId: session.workspaceId, actorId: session.userId } : {}),
            actorType: 'user',
            target: { type: 'session', id: rotated.sessionId ?? '' },
            ...(meta ? { meta } : {}),
          });
          throw unauthenticated('reuse', 'this refresh token was already used; the session has been ended');
        }
        throw unauthenticated(rotated.reason, 'the session has ended or expired; sign in again');
      }
      const { session } = rotated;
      const user = await repos.users.getUser(session.userId);
      if (!user) throw unauthenticated('invalid');
      const membership = await pickWorkspace(user, session.workspaceId);
      if (membership.workspace.id !== session.workspaceId) {
        await repos.sessions.setSessionWorkspace(session.id, membership.workspace.id);
      }
      return result(user, membership, session, rotated.refreshToken, rotated.refreshExpiresAt);
    },

    async logout(input, meta) {
      let session: SessionRecord | undefined;
      if (input.principal?.sessionId) session = await repos.sessions.getSession(input.principal.sessionId);
      else if (typeof input.refreshToken === 'string' && input.refreshToken.length < 200) {
        session = await repos.sessions.findSessionByRefreshToken(input.refreshToken);
      }
      if (!session) return;
      if (input.principal && session.userId !== input.principal.userId) return;
      if (await repos.sessions.revokeSession(session.id, 'logout')) {
        authenticator.invalidate();
        await audit.record({
          action: 'auth.logout',
          workspaceId: session.workspaceId,
          actorId: session.userId,
          actorType: 'user',
          target: { type: 'session', id: session.id },
          ...(meta ? { meta } : {}),
        });
      }
    },

    async logoutAll(principal, meta) {
      requireUser(principal, 'signing out everywhere');
      const ended = await repos.sessions.revokeUserSessions(principal.userId, 'logout_all');
      authenticator.invalidate();
      await audit.record({
        action: 'auth.logout_all',
        principal,
        details: { sessions: ended.length },
        ...(meta ? { meta } : {}),
      });
      return ended.length;
    },

    async me(principal) {
      const [user, workspace, all] = await Promise.all([
        repos.users.getUser(principal.userId),
        repos.workspaces.getWorkspace(principal.workspaceId),
        repos.workspaces.listWorkspacesForUser(principal.userId),
      ]);
      if (!user || !workspace) throw unauthenticated('invalid');
      const out: MeResult = {
        kind: principal.kind,
        user,
        workspace,
        role: principal.role,
        permissions: [...ROLE_PERMISSIONS[principal.role]],
        workspaces: principal.kind === 'apiKey' ? [{ workspace, role: principal.role }] : all,
      };
      if (principal.apiKeyId) out.apiKeyId = principal.apiKeyId;
      return out;
    },

    async switchWorkspace(principal, workspaceId, meta) {
      requireUser(principal, 'switching workspaces');
      if (!principal.sessionId) throw unauthenticated('invalid');
      const [user, all] = await Promise.all([
        repos.users.getUser(principal.userId),
        repos.workspaces.listWorkspacesForUser(principal.userId),
      ]);
      const target = all.find((m) => m.workspace.id === workspaceId);
      if (!user || !target) throw new AgentFlowError('AF_NOT_FOUND', `workspace ${workspaceId} not found`);
      if (!(await repos.sessions.setSessionWorkspace(principal.sessionId, workspaceId))) {
        throw unauthenticated('revoked', 'the session has ended; sign in again');
      }
      const access = await tokens.signAccess({
        userId: user.id,
        workspaceId,
        role: target.role,
        sessionId: principal.sessionId,
        email: user.email,
      });
      await audit.record({
        action: 'auth.switch_workspace',
        workspaceId,
        actorId: user.id,
        actorType: 'user',
        details: { from: principal.workspaceId },
        ...(meta ? { meta } : {}),
      });
      return {
        workspace: target.workspace,
        role: target.role,
        accessToken: access.token,
        accessTokenExpiresAt: access.expiresAt,
      };
    },

    authorize,
    csrfToken: (sessionId) => deps.csrf.issue(sessionId),
    verifyCsrf: (sessionId, token) => deps.csrf.verify(sessionId, token),
  };
  return service;
}

function personalName(user: UserRecord): string {
  return `${user.name ?? user.email.split('@')[0] ?? 'My'}'s workspace`.slice(0, 255);
}
