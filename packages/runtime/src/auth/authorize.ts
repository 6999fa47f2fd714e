/**
 * Authorization checks over the role -> permission table (permissions.ts). Every REST route, GraphQL field,
 * WebSocket subscription and CLI command asks the same question here.
 */
import { AgentFlowError } from '@agentflow/protocol';
import { can, type Permission, type Principal, ROLES, type Role } from './permissions.js';

/** Throws AF_FORBIDDEN unless the principal's role grants `permission`. */
export function authorize(principal: Principal, permission: Permission): void {
  if (!can(principal.role, permission)) {
    throw new AgentFlowError('AF_FORBIDDEN', `your role (${principal.role}) does not allow ${permission}`, {
      details: { permission, role: principal.role },
    });
  }
}

/** 0 for owner ... 3 for viewer: lower is more powerful. */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** True when `role` is at least as powerful as `than`. */
export function roleAtLeast(role: Role, than: Role): boolean {
  return roleRank(role) <= roleRank(than);
}

/** The less powerful of two roles. */
export function weakerRole(a: Role, b: Role): Role {
  return roleRank(a) >= roleRank(b) ? a : b;
}

/** AF_FORBIDDEN unless the caller is a signed-in user (not an API key): account-level actions. */
export function requireUser(principal: Principal, what: string): void {
  if (principal.kind !== 'user') {
    throw new AgentFlowError('AF_FORBIDDEN', `${what} needs a signed-in user, not an API key`);
  }
}
