/**
 * Audit trail of security-relevant actions: sign-ins (success and failure), member and role changes, API keys,
 * credential create/use/delete, workflow create/update/restore/execute/delete, template publish/install, plan
 * changes, refused requests (`access.denied`). `record` never throws (a failed write is logged and the action goes
 * on); details must hold ids and names only, never secrets.
 *
 * Where the action came from (client IP and User-Agent) is taken from `input.meta`, else from the request the
 * action runs in: the server enters `runWithRequestMeta` around every request, so services that know nothing of
 * HTTP (workflows, templates) still record it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger, Page } from '@agentflow/core';
import type {
  AuditActorType,
  AuditRecord,
  AuditRepository,
  ListAuditQuery,
} from '@agentflow/store-sql/tenancy';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/permissions.js';

/** Where a request came from (for the audit log and session records). */
export interface RequestMeta {
  ip?: string;
  userAgent?: string;
}

const requestMeta = new AsyncLocalStorage<RequestMeta>();

/** Runs `fn` with `meta` as the request every audit record made inside it (however deep) came from. */
export function runWithRequestMeta<T>(meta: RequestMeta, fn: () => T): T {
  return requestMeta.run(meta, fn);
}

/** The request the current code runs for, if any. */
export function currentRequestMeta(): RequestMeta | undefined {
  return requestMeta.getStore();
}

export interface AuditInput {
  action: string;
  /** The caller; sets the workspace and actor unless given explicitly. */
  principal?: Principal;
  workspaceId?: string;
  actorId?: string;
  actorType?: AuditActorType;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
  meta?: RequestMeta;
}

export interface AuditService {
  record(input: AuditInput): Promise<void>;
  /** The caller's workspace's audit log, newest first (`audit:read`). */
  list(principal: Principal, query?: Omit<ListAuditQuery, 'workspaceId'>): Promise<Page<AuditRecord>>;
}

export function createAuditService(repo: AuditRepository, logger: Logger): AuditService {
  return {
    async record(input) {
      const p = input.principal;
      const workspaceId = input.workspaceId ?? p?.workspaceId;
      const actorId = input.actorId ?? (p ? (p.kind === 'apiKey' ? p.apiKeyId : p.userId) : undefined);
      const actorType = input.actorType ?? (p ? p.kind : undefined);
      const meta = input.meta ?? requestMeta.getStore();
      try {
        await repo.appendAudit({
          action: input.action,
          ...(workspaceId !== undefined ? { workspaceId } : {}),
          ...(actorId !== undefined ? { actorId } : {}),
          ...(actorType !== undefined ? { actorType } : {}),
          ...(input.target ? { targetType: input.target.type, targetId: input.target.id } : {}),
          ...(input.details !== undefined ? { details: input.details } : {}),
          ...(meta?.ip !== undefined ? { ip: meta.ip } : {}),
          ...(meta?.userAgent !== undefined ? { userAgent: meta.userAgent } : {}),
        });
      } catch (error) {
        logger.error('audit record failed', {
          action: input.action,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    },
    async list(principal, query = {}) {
      authorize(principal, 'audit:read');
      return repo.listAudit({ ...query, workspaceId: principal.workspaceId });
    },
  };
}
