/**
 * Instance administration: what no workspace role may do, for the instance admins (`AGENTFLOW_INSTANCE_ADMINS`,
 * user ids; an API key acts as its creator). Today: list every workspace, change a workspace's plan.
 *
 * A plan change takes effect at once in this process: the principal cache (which carries the plan the request
 * rate limit reads) is cleared, and the execution limit reads the plan from the database on every start. Other
 * processes (distributed mode, or the CLI writing the database) are seen within the principal cache's TTL (5 s).
 * Every change is audited (`workspace.plan_change`, in the changed workspace's log, with the admin as actor).
 */
import type { Page } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import {
  type TenancyRepositories,
  WORKSPACE_PLANS,
  type WorkspacePlan,
  type WorkspaceRecord,
} from '@agentflow/store-sql/tenancy';
import type { Principal } from '../auth/permissions.js';
import type { AuditService, RequestMeta } from './audit.js';

export interface InstanceAdminService {
  /** Whether the caller is an instance admin (a listed user, or an API key one of them created). */
  isInstanceAdmin(principal: Principal): boolean;
  /** Every workspace, by id. AF_FORBIDDEN unless an instance admin. */
  listWorkspaces(
    principal: Principal,
    query?: { limit?: number; cursor?: string },
  ): Promise<Page<WorkspaceRecord>>;
  /** Sets a workspace's plan. AF_FORBIDDEN unless an instance admin; AF_NOT_FOUND; AF_VALIDATION at `plan`. */
  setPlan(
    principal: Principal,
    workspaceId: string,
    plan: string,
    meta?: RequestMeta,
  ): Promise<WorkspaceRecord>;
}

export function createInstanceAdminService(deps: {
  repos: Pick<TenancyRepositories, 'workspaces'>;
  audit: Pick<AuditService, 'record'>;
  instanceAdmins: readonly string[];
  /** Clears cached principals (which carry the plan). */
  onAccessChange: () => void;
}): InstanceAdminService {
  const admins = new Set(deps.instanceAdmins);
  const isInstanceAdmin = (principal: Principal) => admins.has(principal.userId);
  function require(principal: Principal): void {
    if (!isInstanceAdmin(principal)) {
      throw new AgentFlowError(
        'AF_FORBIDDEN',
        'only an instance admin (AGENTFLOW_INSTANCE_ADMINS) may do this',
      );
    }
  }
  return {
    isInstanceAdmin,
    async listWorkspaces(principal, query = {}) {
      require(principal);
      return deps.repos.workspaces.listAllWorkspaces(query);
    },
    async setPlan(principal, workspaceId, plan, meta) {
      require(principal);
      const next = checkPlan(plan);
      const before = await deps.repos.workspaces.getWorkspace(workspaceId);
      const ws = before && (await deps.repos.workspaces.setWorkspacePlan(workspaceId, next));
      if (!before || !ws) throw new AgentFlowError('AF_NOT_FOUND', `workspace ${workspaceId} not found`);
      deps.onAccessChange();
      await deps.audit.record({
        action: 'workspace.plan_change',
        workspaceId,
        actorId: (principal.kind === 'apiKey' ? principal.apiKeyId : undefined) ?? principal.userId,
        actorType: principal.kind,
        target: { type: 'workspace', id: workspaceId },
        details: { plan: next, previous: before.plan, by: 'instance_admin', adminUserId: principal.userId },
        ...(meta ? { meta } : {}),
      });
      return ws;
    },
  };
}

/** A plan name, or AF_VALIDATION at `plan` listing the plans. */
export function checkPlan(plan: unknown): WorkspacePlan {
  if (typeof plan === 'string' && (WORKSPACE_PLANS as readonly string[]).includes(plan)) {
    return plan as WorkspacePlan;
  }
  const message = `plan must be one of ${WORKSPACE_PLANS.join(', ')}`;
  throw new AgentFlowError('AF_VALIDATION', message, {
    issues: [{ code: 'AF_VALIDATION', path: 'plan', message }],
  });
}
