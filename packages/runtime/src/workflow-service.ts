/**
 * The workflow service: validate, create, read, list, update, remove, version history and restore of workflows,
 * and starting their executions through the per-workspace execution gate (run here, or handed to a worker in the
 * distributed API role). Its caches live in `workflow-cache.ts`.
 */
import type { Engine, RunResult } from '@agentflow/core';
import { AgentFlowError, type WorkflowInput } from '@agentflow/protocol';
import type { SqlStore } from '@agentflow/store-sql';
import type { Dispatcher } from './dispatch.js';
import type { Scope } from './scope.js';
import { type ExecutionGate, OPEN_GATE, type RunVia } from './tenancy/execution-limit.js';
import { createPinnedDefinitions, createWorkflowReadCache, type WorkflowRecord } from './workflow-cache.js';

type WorkflowVersionRecord = Awaited<ReturnType<SqlStore['listWorkflowVersions']>>[number];

export interface WorkflowServiceOptions {
  /**
   * Keep read workflows in memory this long (ms); 0 turns the cache off. Every change made through this service
   * evicts its entry at once, so the cache is exact for a process that is the store's only writer (the embedded
   * store, whose data directory one process owns); the time limit bounds what other paths (a workspace deleted
   * with its workflows) leave behind. With several processes on one PostgreSQL, another process's update would
   * be seen late: leave it off there. (Default: 0)
   */
  cacheMs?: number;
  /** Distributed API role: executions are recorded queued and handed to the workers instead of run here. */
  dispatch?: Pick<Dispatcher, 'handOff'>;
  /** The per-workspace execution limit every start passes. (Default: none) */
  gate?: ExecutionGate;
}

/**
 * Workflow use cases, shared by the CLI, the REST and GraphQL APIs. Definitions are validated by the engine
 * (node types and their configs included) before anything is stored.
 */
export function createWorkflowService(
  store: SqlStore,
  engine: Engine,
  serviceOptions: WorkflowServiceOptions = {},
) {
  const dispatch = serviceOptions.dispatch;
  const gate = serviceOptions.gate ?? OPEN_GATE;
  function validateOrThrow(definition: unknown): void {
    const result = engine.validate(definition);
    if (!result.ok) {
      throw new AgentFlowError('AF_VALIDATION', `workflow is invalid (${result.issues.length} problems)`, {
        issues: result.issues,
      });
    }
  }
  const pinned = createPinnedDefinitions();
  const cache = createWorkflowReadCache(serviceOptions.cacheMs ?? 0);

  async function require(id: string, scope: Scope): Promise<WorkflowRecord> {
    const hit = cache.lookup(id, scope);
    if (hit) return hit;
    const readSince = cache.writeCount();
    const found = await store.getWorkflow(id, scope);
    if (!found) throw new AgentFlowError('AF_NOT_FOUND', `workflow ${id} not found`);
    return cache.remember(found, readSince);
  }
  /** Starts an execution (past the gate): the current or given version, run here or handed to a worker. */
  async function start(
    current: WorkflowRecord,
    input: unknown,
    scope: Scope,
    options: { version?: number; executionId?: string },
  ): Promise<{ executionId: string; done: Promise<RunResult> }> {
    const id = current.id;
    let definition: WorkflowRecord['definition'];
    let stamp: number;
    if (options.version === undefined) {
      definition = current.definition;
      stamp = current.updatedAt;
    } else {
      const old = await store.getWorkflowVersion(id, options.version, scope);
      if (!old)
        throw new AgentFlowError('AF_NOT_FOUND', `workflow ${id} version ${options.version} not found`);
      definition = old.definition;
      stamp = old.createdAt;
    }
    const workflow = pinned(`${id}@${definition.version ?? 0}@${stamp}`, definition);
    const runOptions = {
      workflowId: id,
      ...(scope.workspaceId ? { workspaceId: scope.workspaceId } : {}),
      ...(options.executionId ? { executionId: options.executionId } : {}),
    };
    if (!dispatch) return engine.start(workflow, input, runOptions);
    const { executionId } = await engine.create(workflow, input, runOptions);
    return dispatch.handOff(executionId);
  }
  return {
    validate: (definition: unknown) => engine.validate(definition),
    async create(definition: WorkflowInput, scope: Scope = {}): Promise<WorkflowRecord> {
      validateOrThrow(definition);
      return store.createWorkflow(definition, {
        ...scope,
        ...(scope.userId ? { createdBy: scope.userId } : {}),
      });
    },
    get: require,
    list: (
      scope: Scope = {},
      query: { status?: 'draft' | 'active' | 'archived'; limit?: number; cursor?: string } = {},
    ) => store.listWorkflows({ ...query, ...(scope.workspaceId ? { workspaceId: scope.workspaceId } : {}) }),
    async update(id: string, definition: WorkflowInput, scope: Scope = {}): Promise<WorkflowRecord> {
      validateOrThrow(definition);
      await require(id, scope);
      return cache.writing(id, () =>
        store.updateWorkflow(id, definition, {
          ...scope,
          ...(scope.userId ? { createdBy: scope.userId } : {}),
        }),
      );
    },
    async remove(id: string, scope: Scope = {}): Promise<void> {
      if (!(await cache.writing(id, () => store.deleteWorkflow(id, scope))))
        throw new AgentFlowError('AF_NOT_FOUND', `workflow ${id} not found`);
    },
    async versions(id: string, scope: Scope = {}): Promise<WorkflowVersionRecord[]> {
      await require(id, scope);
      return store.listWorkflowVersions(id, scope);
    },
    async version(id: string, version: number, scope: Scope = {}): Promise<WorkflowVersionRecord> {
      const found = await store.getWorkflowVersion(id, version, scope);
      if (!found) throw new AgentFlowError('AF_NOT_FOUND', `workflow ${id} version ${version} not found`);
      return found;
    },
    /** Makes an old version current again, as a new version (history is never rewritten). */
    async restore(id: string, version: number, scope: Scope = {}): Promise<WorkflowRecord> {
      const old = await store.getWorkflowVersion(id, version, scope);
      if (!old) throw new AgentFlowError('AF_NOT_FOUND', `workflow ${id} version ${version} not found`);
      return cache.writing(id, () => store.updateWorkflow(id, old.definition, scope));
    },
    /**
     * Starts an execution of the current (or a given) version; returns once it is recorded. The workflow's
     * current status decides whether it may run (`via`, default `api`: an archived workflow never runs, a draft
     * not through MCP or triggers; see the gate). `executionId` (triggers): the execution's id, deterministic per
     * tick or event, so a second start of the same firing fails instead of running twice.
     */
    async execute(
      id: string,
      input: unknown,
      scope: Scope = {},
      options: { version?: number; via?: Exclude<RunVia, 'continue'>; executionId?: string } = {},
    ): Promise<{ executionId: string; done: Promise<RunResult> }> {
      const current = await require(id, scope);
      const subject = { workflowId: id, status: current.status, via: options.via ?? ('api' as const) };
      return gate.admit(scope, subject, () => start(current, input, scope, options));
    },
  };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
