/**
 * The execution service: history, detail, the paged log, cancel, resume and approvals of executions, each
 * continuation through the per-workspace execution gate (run here, or handed to a worker in the distributed API
 * role).
 */
import { type Engine, isBudgetPause, type Page, type RunResult, type Store } from '@agentflow/core';
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
  type WorkflowStatus,
} from '@agentflow/protocol';
import type { Dispatcher } from './dispatch.js';
import type { Scope } from './scope.js';
import { type ExecutionGate, OPEN_GATE } from './tenancy/execution-limit.js';

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
