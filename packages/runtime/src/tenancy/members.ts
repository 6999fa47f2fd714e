/**
 * Workspaces and their members. Owners and admins manage members (`member:manage`); only an owner grants,
 * changes or removes the owner role; the last owner can be neither demoted nor removed; any member may leave.
 * A workspace the caller does not belong to is reported exactly like a missing one.
 */
import type { Page } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import type {
  MemberRecord,
  Membership,
  TenancyRepositories,
  WorkspacePlan,
  WorkspaceRecord,
} from '@agentflow/store-sql/tenancy';
import { authorize, requireUser } from '../auth/authorize.js';
import { type Principal, ROLES, type Role } from '../auth/permissions.js';
import type { AuditService, RequestMeta } from './audit.js';

export interface WorkspaceService {
  /** A new workspace with the caller (a signed-in user) as owner. */
  create(principal: Principal, input: { name: string }, meta?: RequestMeta): Promise<WorkspaceRecord>;
  /** Workspaces the caller belongs to (an API key sees only its own). */
  list(principal: Principal): Promise<Membership[]>;
  /** AF_NOT_FOUND unless the caller is a member. */
  get(principal: Principal, workspaceId: string): Promise<Membership>;
  /** Operator action (CLI, billing hook): no principal; not for API callers. */
  setPlan(workspaceId: string, plan: WorkspacePlan): Promise<WorkspaceRecord>;
  /** Operator read (CLI): every workspace, by id; not for API callers (they use the admin service). */
  listAll(query?: { limit?: number; cursor?: string }): Promise<Page<WorkspaceRecord>>;
}

export interface MemberService {
  list(principal: Principal): Promise<MemberRecord[]>;
  /** Adds an existing account directly (operators and tests; the API invites instead: InvitationService). */
  add(
    principal: Principal,
    input: { email?: string; userId?: string; role: Role },
    meta?: RequestMeta,
  ): Promise<MemberRecord>;
  changeRole(principal: Principal, userId: string, role: Role, meta?: RequestMeta): Promise<MemberRecord>;
  /** Removes a member, or lets the caller leave (no permission needed for oneself). */
  remove(principal: Principal, userId: string, meta?: RequestMeta): Promise<void>;
}

export function createWorkspaceService(
  repos: TenancyRepositories,
  audit: AuditService,
  onAccessChange: () => void,
): WorkspaceService {
  return {
    async create(principal, input, meta) {
      requireUser(principal, 'creating a workspace');
      const name = checkName(input?.name);
      const ws = await repos.workspaces.createWorkspace({ name, ownerId: principal.userId });
      await audit.record({
        action: 'workspace.create',
        principal,
        workspaceId: ws.id,
        target: { type: 'workspace', id: ws.id },
        details: { name },
        ...(meta ? { meta } : {}),
      });
      return ws;
    },
    async list(principal) {
      const all = await repos.workspaces.listWorkspacesForUser(principal.userId);
      return principal.kind === 'apiKey'
        ? all
            .filter((m) => m.workspace.id === principal.workspaceId)
            .map((m) => ({ ...m, role: principal.role }))
        : all;
    },
    async get(principal, workspaceId) {
      if (principal.kind === 'apiKey' && workspaceId !== principal.workspaceId) throw notFound(workspaceId);
      const [ws, membership] = await Promise.all([
        repos.workspaces.getWorkspace(workspaceId),
        repos.workspaces.getMembership(workspaceId, principal.userId),
      ]);
      if (!ws || !membership) throw notFound(workspaceId);
      return { workspace: ws, role: principal.kind === 'apiKey' ? principal.role : membership.role };
    },
    async setPlan(workspaceId, plan) {
      const before = await repos.workspaces.getWorkspace(workspaceId);
      const ws = before && (await repos.workspaces.setWorkspacePlan(workspaceId, plan));
      if (!before || !ws) throw notFound(workspaceId);
      onAccessChange();
      await audit.record({
        action: 'workspace.plan_change',
        workspaceId,
        actorType: 'system',
        target: { type: 'workspace', id: workspaceId },
        details: { plan, previous: before.plan, by: 'operator' },
      });
      return ws;
    },
    listAll: (query) => repos.workspaces.listAllWorkspaces(query),
  };
}

export function createMemberService(
  repos: TenancyRepositories,
  audit: AuditService,
  onAccessChange: () => void,
): MemberService {
  async function requireMember(principal: Principal, userId: string): Promise<MemberRecord> {
    const found = await repos.workspaces.getMember(principal.workspaceId, userId);
    if (!found) throw new AgentFlowError('AF_NOT_FOUND', `member ${userId} not found`);
    return found;
  }
  return {
    async list(principal) {
      authorize(principal, 'member:read');
      return repos.workspaces.listMembers(principal.workspaceId);
    },

    async add(principal, input, meta) {
      authorize(principal, 'member:manage');
      const role = checkRole(input?.role);
      if (role === 'owner' && principal.role !== 'owner') throw ownerOnly();
      const user = input.userId
        ? await repos.users.getUser(input.userId)
        : input.email
          ? await repos.users.getUserByEmail(input.email)
          : undefined;
      if (!user) throw new AgentFlowError('AF_NOT_FOUND', 'no account with this email or id');
      const member = await repos.workspaces.addMember(principal.workspaceId, user.id, role);
      onAccessChange();
      await audit.record({
        action: 'member.add',
        principal,
        target: { type: 'user', id: user.id },
        details: { role },
        ...(meta ? { meta } : {}),
      });
      return member;
    },

    async changeRole(principal, userId, role, meta) {
      authorize(principal, 'member:manage');
      const next = checkRole(role);
      const current = await requireMember(principal, userId);
      if ((current.role === 'owner' || next === 'owner') && principal.role !== 'owner') throw ownerOnly();
      const changed = await repos.workspaces.changeMemberRole(principal.workspaceId, userId, next);
      if (!changed) throw new AgentFlowError('AF_NOT_FOUND', `member ${userId} not found`);
      onAccessChange();
      if (current.role !== next) {
        await audit.record({
          action: 'member.role_change',
          principal,
          target: { type: 'user', id: userId },
          details: { from: current.role, to: next },
          ...(meta ? { meta } : {}),
        });
      }
      return changed;
    },

    async remove(principal, userId, meta) {
      const self = userId === principal.userId && principal.kind === 'user';
      if (!self) authorize(principal, 'member:manage');
      const current = await requireMember(principal, userId);
      if (!self && current.role === 'owner' && principal.role !== 'owner') throw ownerOnly();
      if (!(await repos.workspaces.removeMember(principal.workspaceId, userId))) {
        throw new AgentFlowError('AF_NOT_FOUND', `member ${userId} not found`);
      }
      onAccessChange();
      await audit.record({
        action: self ? 'member.leave' : 'member.remove',
        principal,
        target: { type: 'user', id: userId },
        details: { role: current.role },
        ...(meta ? { meta } : {}),
      });
    },
  };
}

function notFound(workspaceId: string): AgentFlowError {
  return new AgentFlowError('AF_NOT_FOUND', `workspace ${workspaceId} not found`);
}

function ownerOnly(): AgentFlowError {
  return new AgentFlowError('AF_FORBIDDEN', 'only an owner can grant, change or remove the owner role');
}

export function checkRole(role: unknown): Role {
  if (!(ROLES as readonly unknown[]).includes(role)) {
    throw new AgentFlowError('AF_VALIDATION', `role must be one of ${ROLES.join(', ')}`, {
      issues: [{ code: 'AF_VALIDATION', path: 'role', message: `one of ${ROLES.join(', ')}` }],
    });
  }
  return role as Role;
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > 255) {
    throw new AgentFlowError('AF_VALIDATION', 'workspace name must have 1 to 255 characters', {
      issues: [{ code: 'AF_VALIDATION', path: 'name', message: '1 to 255 characters' }],
    });
  }
  return name.trim();
}
