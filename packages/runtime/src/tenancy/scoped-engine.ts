/**
 * Glue between the engine and the tenancy services:
 * - `scopeEngine` runs executions started, resumed, approved or recovered after a crash inside their workspace's
 *   context (credentials preloaded first), so the engine's SecretSource, the model key lookup and subworkflow
 *   lookups find that workspace's credentials and workflows and no other's; the context also carries the
 *   workflow's `config.credentials` (which credential of a type it uses, e.g. from a template install);
 * - `auditWorkflows` records workflow create, update, restore, execute and delete in the audit log.
 */
import type { Engine, Store } from '@agentflow/core';
import type { Scope, WorkflowService } from '../services.js';
import type { AuditService } from './audit.js';
import { runInWorkspace } from './context.js';
import type { CredentialService } from './credentials.js';

export function scopeEngine(
  engine: Engine,
  store: Pick<Store, 'getExecution'>,
  credentials: Pick<CredentialService, 'preload'>,
): Engine {
  async function enter<T>(
    workspaceId: string | undefined,
    fn: () => Promise<T>,
    chosen?: Record<string, string>,
  ): Promise<T> {
    if (workspaceId === undefined) return fn();
    await credentials.preload(workspaceId);
    return runInWorkspace(workspaceId, fn, chosen);
  }
  /** Enters the execution's workspace with the credentials its workflow (as the execution runs it) chose. */
  const within = async <T>(executionId: string, fn: () => Promise<T>) => {
    const execution = await store.getExecution(executionId);
    return enter(execution?.workspaceId, fn, credentialsOf(execution?.workflow));
  };
  const overrides: Partial<Engine> = {
    run: (workflow, input, options) =>
      enter(
        options?.workspaceId ?? workspaceIdOf(workflow),
        () => engine.run(workflow, input, options),
        credentialsOf(workflow),
      ),
    start: (workflow, input, options) =>
      enter(
        options?.workspaceId ?? workspaceIdOf(workflow),
        () => engine.start(workflow, input, options),
        credentialsOf(workflow),
      ),
    resume: (executionId, options) => within(executionId, () => engine.resume(executionId, options)),
    fork: (executionId, options) => within(executionId, () => engine.fork(executionId, options)),
    approve: (executionId, agentId, payload) =>
      within(executionId, () => engine.approve(executionId, agentId, payload)),
    /** The engine's recovery, but each orphan resumes in its own workspace. */
    recoverOrphans: (options) => engine.recoverOrphans({ ...options, within }),
  };
  return new Proxy(engine, {
    get(target, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof Engine];
      return Reflect.get(target, property, receiver);
    },
  });
}

/** A workflow's `config.credentials` (credential type -> name), when it is a map of strings. */
function credentialsOf(workflow: unknown): Record<string, string> | undefined {
  const chosen = (workflow as { config?: { credentials?: unknown } } | null | undefined)?.config?.credentials;
  if (typeof chosen !== 'object' || chosen === null || Array.isArray(chosen)) return undefined;
  const out: Record<string, string> = {};
  for (const [type, name] of Object.entries(chosen)) if (typeof name === 'string') out[type] = name;
  return Object.keys(out).length > 0 ? out : undefined;
}

function workspaceIdOf(workflow: unknown): string | undefined {
  const id = (workflow as { workspaceId?: unknown } | null)?.workspaceId;
  return typeof id === 'string' ? id : undefined;
}

/** The workflow service, with `create`, `update`, `restore`, `execute` and `remove` recorded in the audit log. */
export function auditWorkflows(workflows: WorkflowService, audit: AuditService): WorkflowService {
  const actor = (scope: Scope) => ({
    ...(scope.workspaceId !== undefined ? { workspaceId: scope.workspaceId } : {}),
    ...(scope.userId !== undefined ? { actorId: scope.userId, actorType: 'user' as const } : {}),
  });
  return {
    ...workflows,
    async create(definition, scope = {}) {
      const created = await workflows.create(definition, scope);
      await audit.record({
        action: 'workflow.create',
        ...actor(scope),
        target: { type: 'workflow', id: created.id },
        details: { name: created.name, status: created.status, version: created.version },
      });
      return created;
    },
    async update(id, definition, scope = {}) {
      const updated = await workflows.update(id, definition, scope);
      await audit.record({
        action: 'workflow.update',
        ...actor(scope),
        target: { type: 'workflow', id },
        details: { name: updated.name, status: updated.status, version: updated.version },
      });
      return updated;
    },
    async restore(id, version, scope = {}) {
      const restored = await workflows.restore(id, version, scope);
      await audit.record({
        action: 'workflow.restore',
        ...actor(scope),
        target: { type: 'workflow', id },
        details: { restoredVersion: version, version: restored.version, status: restored.status },
      });
      return restored;
    },
    async execute(id, input, scope = {}, options = {}) {
      const started = await workflows.execute(id, input, scope, options);
      await audit.record({
        action: 'workflow.execute',
        ...(scope.workspaceId !== undefined ? { workspaceId: scope.workspaceId } : {}),
        ...(scope.userId !== undefined ? { actorId: scope.userId, actorType: 'user' as const } : {}),
        target: { type: 'workflow', id },
        details: {
          executionId: started.executionId,
          ...(options.version !== undefined ? { version: options.version } : {}),
        },
      });
      return started;
    },
    async remove(id, scope = {}) {
      await workflows.remove(id, scope);
      await audit.record({
        action: 'workflow.delete',
        ...(scope.workspaceId !== undefined ? { workspaceId: scope.workspaceId } : {}),
        ...(scope.userId !== undefined ? { actorId: scope.userId, actorType: 'user' as const } : {}),
        target: { type: 'workflow', id },
      });
    },
  };
}
