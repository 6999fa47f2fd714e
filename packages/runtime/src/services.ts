import {
  deepFreeze,
  type Engine,
  isBudgetPause,
  type Page,
  type RunResult,
  type Store,
} from '@agentflow/core';
import {
  AgentFlowError,
  type ExecutionRecord,
  type ExecutionStatus,
  isTerminal,
  type LogLevelName,
  type LogRecord,
  levelsFrom,
  type MessageRecord,
  type StepRecord,
  type WorkflowInput,
  type WorkflowStatus,
} from '@agentflow/protocol';
import type { SqlStore } from '@agentflow/store-sql';
import type { Dispatcher } from './dispatch.js';
import { type ExecutionGate, OPEN_GATE, type RunVia } from './tenancy/execution-limit.js';

type WorkflowRecord = Awaited<ReturnType<SqlStore['createWorkflow']>>;
type WorkflowVersionRecord = Awaited<ReturnType<SqlStore['listWorkflowVersions']>>[number];

/** Who is asking: every query is scoped to the caller's workspace. */
export interface Scope {
  workspaceId?: string;
  userId?: string;
}

export interface ExecutionDetail {
  execution: ExecutionRecord;
  steps: StepRecord[];
  messages: MessageRecord[];
  /** The first `DETAIL_LOG_LINES` log lines (the rest: `logs`, paged). */
  logs: LogRecord[];
}

/** Log lines an execution's detail carries. */
export const DETAIL_LOG_LINES = 1000;

/** A query of an execution's log (see `logs`). */
export interface LogQuery {
  /** This level and above. */
  level?: LogLevelName;
  /** Exactly these levels. */
  levels?: LogLevelName[];
  agentId?: string;
  /** (Default: 100, max 1000) */
  limit?: number;
  cursor?: string;
}

/** Records handed to many callers (cached workflows), frozen when they are cached. */
const shared = new WeakSet<object>();

/**
 * Whether the services hand this object to many callers: it is frozen (deeply), so what is derived from it, such
 * as its JSON, can be reused for as long as it lives.
 */
export function isShared(value: unknown): boolean {
  return typeof value === 'object' && value !== null && shared.has(value);
}

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
  /**
   * One frozen definition object per (workflow, version, time it was written) serves every execution: the engine
   * caches its compiled graph by object, and would otherwise re-validate the definition on every execute.
   */
  const versions = new Map<string, WorkflowRecord['definition']>();
  function pinned(key: string, definition: WorkflowRecord['definition']): WorkflowRecord['definition'] {
    const known = versions.get(key);
    if (known) return known;
    if (versions.size >= 1000) versions.delete(versions.keys().next().value as string);
    versions.set(key, deepFreeze(definition));
    return definition;
  }

  const cacheMs = serviceOptions.cacheMs ?? 0;
  const cache = new Map<string, { record: WorkflowRecord; until: number }>();
  function cached(id: string, scope: Scope): WorkflowRecord | undefined {
    const hit = cache.get(id);
    if (!hit) return undefined;
    if (hit.until <= Date.now()) {
      cache.delete(id);
      return undefined;
    }
    // Ids are unique across workspaces: another workspace's workflow is a miss, then a 404 from the store.
    if (scope.workspaceId !== undefined && hit.record.workspaceId !== scope.workspaceId) return undefined;
    return hit.record;
  }
  /** Bumped by every write: a read that overlapped a write is not cached (it may hold the old version). */
  let writes = 0;
  async function writing<T>(id: string, write: () => Promise<T>): Promise<T> {
    writes++;
    cache.delete(id);
    try {
      return await write();
    } finally {
      writes++;
      cache.delete(id);
    }
  }
  function remember(record: WorkflowRecord, readSince: number): WorkflowRecord {
    if (cacheMs <= 0 || readSince !== writes) return record;
    if (cache.size >= 10_000) cache.delete(cache.keys().next().value as string);
    shared.add(deepFreeze(record));
    cache.set(record.id, { record, until: Date.now() + cacheMs });
    return record;
  }

  async function require(id: string, scope: Scope): Promise<WorkflowRecord> {
    const hit = cacheMs > 0 ? cached(id, scope) : undefined;
    if (hit) return hit;
    const readSince = writes;
    const found = await store.getWorkflow(id, scope);
    if (!found) throw new AgentFlowError('AF_NOT_FOUND', `workflow ${id} not found`);
    return remember(found, readSince);
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
      return writing(id, () =>
        store.updateWorkflow(id, definition, {
          ...scope,
          ...(scope.userId ? { createdBy: scope.userId } : {}),
        }),
      );
    },
    async remove(id: string, scope: Scope = {}): Promise<void> {
      if (!(await writing(id, () => store.deleteWorkflow(id, scope))))
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
      return writing(id, () => store.updateWorkflow(id, old.definition, scope));
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

/**
 * Execution use cases: history, detail, cancel, resume, approve. Scoped like workflows. With `dispatch`
 * (distributed API role) this process runs no step: a requested resume goes to the workers, and so does a cancel
 * (after the store recorded it) and an approval (after it is validated and recorded here). Every resume and
 * approval passes `gate` (the per-workspace execution limit), like `WorkflowService.execute`.
 */
export function createExecutionService(
  store: Store,
  engine: Engine,
  options: {
    dispatch?: Pick<Dispatcher, 'handOff' | 'cancel'>;
    gate?: ExecutionGate;
    /** The current status of a workflow (an execution of an archived one does not continue). (Default: none) */
    statusOf?: (workflowId: string, scope: Scope) => Promise<WorkflowStatus | undefined>;
  } = {},
) {
  const gate = options.gate ?? OPEN_GATE;
  /** Admits continuing execution `id` (resume, approval): its workflow must not be archived. */
  async function admitContinue<T>(id: string, scope: Scope, run: () => Promise<T>): Promise<T> {
    const execution = await require(id, scope);
    const status = await options.statusOf?.(execution.workflowId, scope);
    return gate.admit(scope, { workflowId: execution.workflowId, status, via: 'continue' }, run);
  }
  /**
   * Starts `run` and resolves once the engine has taken the execution up again (it emitted `execution.resumed`,
   * or a step of `agentId` settled, for a run that was still live) or `run` settled; rejects if `run` failed
   * before that (an invalid payload, for instance).
   */
  function accepted(
    id: string,
    agentId: string | undefined,
    run: () => Promise<RunResult>,
    patienceMs?: number,
  ): Promise<{ executionId: string; done: Promise<RunResult> }> {
    return new Promise((resolve, reject) => {
      let done: Promise<RunResult> | undefined;
      let settled = false;
      const timer = patienceMs === undefined ? undefined : setTimeout(() => finish(), patienceMs);
      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        off();
        if (timer) clearTimeout(timer);
        if (error !== undefined) reject(error);
        else resolve({ executionId: id, done: done! });
      };
      const off = engine.on('event', (event) => {
        if (event.executionId !== id) return;
        const resumed = event.type === 'execution.resumed';
        const stepSettled =
          agentId !== undefined &&
          (event.type === 'step.completed' || event.type === 'step.failed') &&
          event.agentId === agentId;
        if (resumed || stepSettled) queueMicrotask(() => finish());
      });
      done = run();
      done.then(
        () => finish(),
        (error: unknown) => finish(error ?? new AgentFlowError('AF_INTERNAL', 'resume failed')),
      );
      // Once accepted, a later failure is the execution's own: it is recorded on the execution, not thrown here.
      done.catch(() => {});
    });
  }
  async function require(id: string, scope: Scope): Promise<ExecutionRecord> {
    const found = await store.getExecution(id);
    // Another workspace's execution is indistinguishable from a missing one.
    if (!found || (scope.workspaceId !== undefined && found.workspaceId !== scope.workspaceId)) {
      throw new AgentFlowError('AF_NOT_FOUND', `execution ${id} not found`);
    }
    return found;
  }
  /**
   * Gives a waiting human node its payload and returns as soon as the engine accepted it (the payload is
   * validated before anything is written); `done` resolves when the execution ends or pauses again. With
   * `dispatch`, the approval is recorded here (the execution left queued) and a worker continues it: `done`
   * resolves on its relayed event.
   */
  function submitApproval(
    id: string,
    agentId: string,
    payload: unknown,
    scope: Scope = {},
  ): Promise<{ executionId: string; done: Promise<RunResult> }> {
    return admitContinue(id, scope, () => approveNow(id, agentId, payload, scope));
  }
  async function approveNow(
    id: string,
    agentId: string,
    payload: unknown,
    scope: Scope,
  ): Promise<{ executionId: string; done: Promise<RunResult> }> {
    const execution = await require(id, scope);
    if (isTerminal(execution.status)) {
      throw new AgentFlowError('AF_NOT_RESUMABLE', `execution ${id} already ${execution.status}`);
    }
    if (options.dispatch) {
      await engine.recordApproval(id, agentId, payload);
      return options.dispatch.handOff(id);
    }
    return accepted(id, agentId, () => engine.approve(id, agentId, payload));
  }
  /**
   * Records a resume of every node of a paused execution that waits for a spend limit (its latest `waiting`
   * record is a budget pause): the execution is left queued for `resume` to run them again.
   */
  async function releaseBudgetPauses(execution: ExecutionRecord): Promise<void> {
    const waiting = new Set(execution.waiting);
    if (waiting.size === 0) return;
    const latest = new Map<string, StepRecord>();
    for (const step of await store.listSteps(execution.id)) {
      if (step.status === 'waiting' || step.status === 'resumed') latest.set(step.agentId, step);
    }
    for (const [agentId, step] of latest) {
      if (waiting.has(agentId) && step.status === 'waiting' && isBudgetPause(step.output)) {
        await engine.recordApproval(execution.id, agentId, { budgetRaised: true });
      }
    }
  }
  /** Continues an execution (past the gate): handed to a worker, or resumed here. */
  async function resumeNow(
    id: string,
    scope: Scope,
  ): Promise<{ executionId: string; done: Promise<RunResult> }> {
    const execution = await require(id, scope);
    if (isTerminal(execution.status)) {
      throw new AgentFlowError('AF_NOT_RESUMABLE', `execution ${id} already ${execution.status}`);
    }
    // Nodes paused by a spend limit continue (the limit was raised, or they pause again at their next call).
    if (execution.status === 'paused') await releaseBudgetPauses(execution);
    if (options.dispatch) return options.dispatch.handOff(id);
    // A running execution this engine still runs needs nothing and emits nothing: accept it if no objection
    // (another worker's lease, for instance) comes quickly.
    const patienceMs = execution.status === 'paused' ? undefined : 250;
    return accepted(id, undefined, () => engine.resume(id), patienceMs);
  }
  return {
    list(
      scope: Scope = {},
      query: {
        workflowId?: string;
        status?: ExecutionStatus | readonly ExecutionStatus[];
        since?: number;
        until?: number;
        limit?: number;
        cursor?: string;
      } = {},
    ): Promise<Page<ExecutionRecord>> {
      return store.listExecutions({
        ...query,
        parentExecutionId: null,
        ...(scope.workspaceId ? { workspaceId: scope.workspaceId } : {}),
      });
    },
    get: require,
    async detail(id: string, scope: Scope = {}): Promise<ExecutionDetail> {
      const execution = await require(id, scope);
      const [steps, messages, logs] = await Promise.all([
        store.listSteps(id),
        store.listMessages(id),
        store.listLogs(id, { limit: DETAIL_LOG_LINES }),
      ]);
      return { execution, steps, messages, logs: logs.items };
    },
    /**
     * The execution's log, a page at a time: `level` keeps that level and above, `levels` exactly those (both:
     * the lines in both); `agentId` one node's lines.
     */
    async logs(id: string, scope: Scope = {}, query: LogQuery = {}): Promise<Page<LogRecord>> {
      await require(id, scope);
      let levels: LogLevelName[] | undefined = query.level ? levelsFrom(query.level) : undefined;
      if (query.levels) levels = levels ? levels.filter((l) => query.levels?.includes(l)) : query.levels;
      return store.listLogs(id, {
        ...(levels ? { levels } : {}),
        ...(query.agentId !== undefined ? { agentId: query.agentId } : {}),
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
        ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
      });
    },
    async cancel(id: string, scope: Scope = {}): Promise<boolean> {
      await require(id, scope);
      const reason = 'cancelled';
      // The store first (the truth, even for a worker that misses the command), then the worker running it.
      const cancelled = await engine.cancel(id, reason);
      if (cancelled && options.dispatch) await options.dispatch.cancel(id, reason);
      return cancelled;
    },
    resume(id: string, scope: Scope = {}): Promise<RunResult> {
      return admitContinue(id, scope, () => engine.resume(id));
    },
    async approve(id: string, agentId: string, payload: unknown, scope: Scope = {}): Promise<RunResult> {
      if (options.dispatch) return (await submitApproval(id, agentId, payload, scope)).done;
      return admitContinue(id, scope, () => engine.approve(id, agentId, payload));
    },
    submitApproval,
    /** Continues a paused or interrupted execution in the background; returns once it is running again. */
    requestResume(id: string, scope: Scope = {}): Promise<{ executionId: string; done: Promise<RunResult> }> {
      return admitContinue(id, scope, () => resumeNow(id, scope));
    },
    prune: (before: number) => store.pruneExecutions(before),
  };
}

export type ExecutionService = ReturnType<typeof createExecutionService>;
