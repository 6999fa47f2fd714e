import {
  AgentFlowError,
  type ExecutionRecord,
  fromErrorInfo,
  isTerminal,
  type StepRecord,
} from '@agentflow/protocol';
import type { NodeRegistry } from '../graph/compile.js';
import type { CompiledGraph } from '../graph/compiled.js';
import { silentLogger } from '../memory/logger.js';
import { createMemoryStore } from '../memory/memory-store.js';
import { systemClock } from '../memory/system-clock.js';
import type { ChildRunRequest, NodeContext, SecretSource } from '../nodes/define.js';
import { randomId } from '../util/ids.js';
import type { Engine, EngineOptions, EventListener, ResumeOptions, RunOptions } from './api.js';
import { checkApproval, recordApproval } from './approval.js';
import { ExecutionRun } from './execution-run.js';
import { type ForkOptions, forkRecord, planFork, waitingOf } from './fork.js';
import { LiveRuns, linkSignal } from './live-runs.js';
import { checkInput, newExecutionRecord } from './new-execution.js';
import { abandon, type OrphanTaker, takeUpOrphans } from './orphans.js';
import { endedOutsideRun } from './run-events.js';
import { countSteps, type RunHost, type RunResult } from './types.js';
import { noModels, noTools } from './unconfigured.js';
import { checkInputValue, valueLimitsOf } from './value-checks.js';
import { createWorkflowCompiler } from './workflow-compiler.js';

/**
 * Creates an engine. In-memory store by default; everything outside the process comes in through ports.
 *
 * ```ts
 * const engine = createEngine({ nodeTypes: [upper] });
 * const result = await engine.run(workflow, input); // { status, output, error, usage, stepCounts, ... }
 * const steps = await engine.getSteps(result.executionId); // every step's input and output, on demand
 * ```
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const compiler = createWorkflowCompiler(options);
  const { compile, compileOrThrow } = compiler;
  const store =
    options.store ??
    createMemoryStore({
      ...(options.retention ? { retention: options.retention } : {}),
      clock: options.clock,
    });
  const clock = options.clock ?? systemClock;
  const valueLimits = valueLimitsOf(options.valueLimits);
  const leaseTtlMs = options.leaseTtlMs ?? 30_000;
  const ownerId = options.ownerId ?? `engine-${globalThis.crypto.randomUUID()}`;
  const secretsOption = options.secrets ?? {};
  const secrets: SecretSource =
    typeof (secretsOption as SecretSource).get === 'function'
      ? (secretsOption as SecretSource)
      : { get: (name) => (secretsOption as Record<string, string>)[name] };
  const listeners = new Set<EventListener>();
  // What `emit` walks: an array copy of `listeners`, made when one is added or removed (events are many).
  let listening: EventListener[] = [];
  const resuming = new Map<string, Promise<RunResult>>();
  const recording = new Set<string>();
  const host: RunHost = {
    store,
    clock,
    logger: options.logger ?? silentLogger,
    models: options.models ?? noModels,
    tools: options.tools ?? noTools,
    secrets,
    ownerId,
    toolApproval: options.toolApproval,
    tracer: options.tracer,
    valueLimits,
    get listening() {
      return listening.length > 0;
    },
    emit(event) {
      const list = listening;
      for (let i = 0; i < list.length; i++) {
        try {
          list[i]!(event);
        } catch (error) {
          host.logger.error('event listener threw', { error: String(error) });
        }
      }
    },
    runChild,
    resolveWorkflow: async (id) => options.workflows?.(id),
    forget: (id) => live.forget(id),
  };
  // Runs in progress here, their leases renewed while they run.
  const live = new LiveRuns(host, leaseTtlMs);
  const orphanTaker: OrphanTaker = {
    host,
    leaseTtlMs,
    maxRecoveries: options.maxRecoveries ?? 5,
    isLive: (id) => live.has(id),
    resume: (id) => resume(id),
  };

  async function start(workflow: unknown, input: unknown = null, opts: RunOptions = {}) {
    const graph = compileOrThrow(workflow);
    checkInput(graph, input, valueLimits);
    const record = newExecutionRecord(graph, input, opts, 'running', clock.now());
    // One write: the execution is created with this engine's lease already taken.
    await store.createExecution(record, { lease: { owner: ownerId, ttlMs: leaseTtlMs } });
    const run = new ExecutionRun(host, graph, record);
    live.track(run);
    linkSignal(run, opts.signal);
    run.emitStarted(false, opts.traceParent);
    run.begin();
    run.go();
    return { executionId: record.id, done: run.done };
  }

  /** One resume per execution at a time within this engine; concurrent callers share it. */
  function resume(executionId: string, opts: ResumeOptions = {}): Promise<RunResult> {
    const pending = resuming.get(executionId);
    if (pending && !opts.approvals) return pending;
    const promise = resumeNow(executionId, opts);
    if (!opts.approvals) {
      resuming.set(executionId, promise);
      const clear = () => resuming.delete(executionId);
      promise.then(clear, clear);
    }
    return promise;
  }

  async function resumeNow(executionId: string, opts: ResumeOptions): Promise<RunResult> {
    const running = live.get(executionId);
    if (running) {
      for (const [agentId, payload] of Object.entries(opts.approvals ?? {}))
        running.provide(agentId, payload);
      return running.done;
    }
    const first = await store.getExecution(executionId);
    if (!first) throw new AgentFlowError('AF_NOT_FOUND', `execution ${executionId} not found`);
    if (isTerminal(first.status)) return finishedResult(first);
    const graph = compileOrThrow(first.workflow);
    if (!(await store.acquireLease(executionId, ownerId, leaseTtlMs))) {
      throw new AgentFlowError('AF_LEASE_LOST', `execution ${executionId} is being run by another worker`);
    }
    const loaded = await loadUnderLease(executionId, graph, opts).catch(async (error: unknown) => {
      await store.releaseLease(executionId, ownerId);
      throw error;
    });
    if (!loaded) {
      // It ended since it was first read.
      await store.releaseLease(executionId, ownerId);
      return resumeNow(executionId, opts);
    }
    const { record, run, history } = loaded;
    // A queued execution nobody started yet (engine.create, a queued fork with its reused steps) starts now;
    // anything else resumes.
    const fresh =
      record.status === 'queued' &&
      record.startedAt === undefined &&
      (history.length === 0 || record.forkedFrom !== undefined);
    if (fresh) record.startedAt = clock.now();
    // Refused when it ended (was cancelled) since it was read: it must not start, nor run a step.
    const marked = await store.updateExecution(
      executionId,
      fresh ? { status: 'running', startedAt: record.startedAt! } : { status: 'running' },
    );
    if (!marked) {
      await store.releaseLease(executionId, ownerId);
      return resumeNow(executionId, opts);
    }
    live.track(run);
    run.emitStarted(!fresh, opts.traceparent);
    for (const [agentId, payload] of Object.entries(opts.approvals ?? {})) run.provide(agentId, payload);
    run.go();
    return run.done;
  }

  async function finishedResult(record: ExecutionRecord): Promise<RunResult> {
    const result: RunResult = {
      executionId: record.id,
      status: record.status,
      stepCounts: countSteps(await store.listSteps(record.id)),
      usage: record.usage,
      durationMs: (record.completedAt ?? record.createdAt) - (record.startedAt ?? record.createdAt),
    };
    if (record.output !== undefined) result.output = record.output;
    if (record.error) result.error = record.error;
    return result;
  }

  /**
   * The execution's record and history, read under its lease (what its last holder committed, a run that paused
   * or an approval recorded, is in them) and replayed into a run; every payload validated before anything is
   * written. Undefined when it ended meanwhile.
   */
  async function loadUnderLease(
    executionId: string,
    graph: CompiledGraph,
    opts: ResumeOptions,
  ): Promise<{ record: ExecutionRecord; run: ExecutionRun; history: StepRecord[] } | undefined> {
    const record = await store.getExecution(executionId);
    if (!record || isTerminal(record.status)) return undefined;
    const run = new ExecutionRun(host, graph, record);
    const history = await store.listSteps(executionId);
    run.begin(history);
    for (const [agentId, payload] of Object.entries(opts.approvals ?? {}))
      checkApproval(run, agentId, payload);
    return { record, run, history };
  }

  async function fork(
    sourceId: string,
    opts: ForkOptions & { queued?: boolean; signal?: AbortSignal } = {},
  ): Promise<{ executionId: string; done: Promise<RunResult> | undefined; reusedSteps: number }> {
    const source = await store.getExecution(sourceId);
    if (!source) throw new AgentFlowError('AF_NOT_FOUND', `execution ${sourceId} not found`);
    const graph = compileOrThrow(source.workflow);
    if (opts.input !== undefined) checkInputValue(opts.input.value, valueLimits);
    const executionId = opts.executionId ?? randomId();
    const plan = await planFork(store, source, graph, executionId, opts);
    const entries = graph.entries.map((i) => graph.nodes[i]!.id);
    const record = forkRecord(plan, executionId, clock.now(), opts, entries);
    const run = new ExecutionRun(host, graph, record);
    // Replays the reused steps (throws, before anything is written, if they do not fit the workflow).
    run.begin(plan.steps);
    record.ready = run.readyIds();
    record.waiting = plan.steps.length === 0 ? [] : waitingOf(plan.steps, record.ready);
    const seed = { steps: plan.steps, messages: plan.messages };
    if (opts.queued) {
      record.status = 'queued';
      delete record.startedAt;
      await store.createExecution(record, { seed });
      return { executionId, done: undefined, reusedSteps: plan.steps.length };
    }
    await store.createExecution(record, { lease: { owner: ownerId, ttlMs: leaseTtlMs }, seed });
    live.track(run);
    linkSignal(run, opts.signal);
    run.emitStarted(false);
    run.go();
    return { executionId, done: run.done, reusedSteps: plan.steps.length };
  }

  async function runChild(parent: NodeContext, request: ChildRunRequest): Promise<unknown> {
    // A retried parent step starts fresh children: the failed child of the previous attempt stays as history.
    const childId = `${parent.stepId}/${request.key}${parent.attempt > 1 ? `@${parent.attempt}` : ''}`;
    const existing = await store.getExecution(childId);
    let result: RunResult;
    if (existing) result = await resume(childId);
    else {
      const { done } = await start(request.workflow, request.input, {
        executionId: childId,
        parentExecutionId: parent.executionId,
        workflowId: `${parent.agentId}#body`,
        signal: request.signal ?? parent.signal,
        ...(parent.workspaceId !== undefined ? { workspaceId: parent.workspaceId } : {}),
        ...(parent.span !== undefined ? { traceParent: parent.span } : {}),
      });
      result = await done;
    }
    // The parent step accounts for what its children spent.
    parent.recordUsage(result.usage);
    if (result.status === 'succeeded') return result.output;
    if (result.status === 'paused') {
      const why =
        'nodes waiting for a person (human nodes, tool calls waiting for approval) inside loop bodies and ' +
        "subworkflows are not supported yet; a tool call can be let through with the node's requiresApproval " +
        "or the workflow's config.toolApproval";
      await engine.cancel(childId, why);
      throw new AgentFlowError('AF_NODE_FAILED', why);
    }
    throw result.error
      ? fromErrorInfo(result.error)
      : new AgentFlowError('AF_NODE_FAILED', `child ${childId} ${result.status}`);
  }

  const engine: Engine = {
    store,
    validate(workflow) {
      const result = compile(workflow);
      return result.ok ? { ok: true, workflow: result.graph.workflow } : result;
    },
    async run(workflow, input, opts) {
      const { done } = await start(workflow, input, opts);
      return done;
    },
    start,
    getExecution(executionId) {
      return store.getExecution(executionId);
    },
    getSteps(executionId) {
      return store.listSteps(executionId);
    },
    async create(workflow, input = null, opts = {}) {
      const graph = compileOrThrow(workflow);
      checkInput(graph, input, valueLimits);
      const record = newExecutionRecord(graph, input, opts, 'queued', clock.now());
      await store.createExecution(record);
      return { executionId: record.id };
    },
    resume,
    async fork(executionId, opts = {}) {
      if (opts.nodeId !== undefined || opts.input !== undefined || opts.queued)
        return fork(executionId, opts);
      // A re-run: the same definition and input, as a new execution.
      const source = await store.getExecution(executionId);
      if (!source) throw new AgentFlowError('AF_NOT_FOUND', `execution ${executionId} not found`);
      await planFork(store, source, compileOrThrow(source.workflow), '', {});
      const started = await start(source.workflow, source.input, {
        ...(opts.executionId !== undefined ? { executionId: opts.executionId } : {}),
        workflowId: source.workflowId,
        ...(source.workspaceId !== undefined ? { workspaceId: source.workspaceId } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        forkedFrom: { executionId },
      });
      return { ...started, reusedSteps: 0 };
    },
    approve(executionId, agentId, payload) {
      return resume(executionId, { approvals: { [agentId]: payload } });
    },
    recordApproval(executionId, agentId, payload) {
      const deps = {
        host,
        leaseTtlMs,
        compile: compileOrThrow,
        live: (id: string) => live.get(id),
        recording,
      };
      return recordApproval(deps, executionId, agentId, payload);
    },
    async cancel(executionId, reason = 'cancelled') {
      const run = live.get(executionId);
      if (run) {
        run.cancel(reason);
        return true;
      }
      const record = await store.getExecution(executionId);
      const now = clock.now();
      const error = { code: 'AF_CANCELLED' as const, message: reason };
      const cancelled = await store.updateExecution(executionId, {
        status: 'cancelled',
        error,
        completedAt: now,
      });
      // Queued or paused, it runs nowhere, so its end is told here; a running one's run tells it where it runs.
      if (cancelled && record && record.status !== 'running') {
        host.emit(endedOutsideRun(record, 'cancelled', error, now));
      }
      return cancelled;
    },
    recoverOrphans(recoverOptions) {
      return takeUpOrphans(orphanTaker, recoverOptions);
    },
    abandon(executionId, error) {
      return abandon(orphanTaker, executionId, error);
    },
    on(_type, listener) {
      listeners.add(listener);
      listening = [...listeners];
      return () => {
        const removed = listeners.delete(listener);
        listening = [...listeners];
        return removed;
      };
    },
    off(_type, listener) {
      listeners.delete(listener);
      listening = [...listeners];
    },
    registerNodeType(definition) {
      compiler.register(definition);
    },
    nodeTypes() {
      return compiler.nodeTypes();
    },
    async close() {
      live.interruptAll(new AgentFlowError('AF_CANCELLED', 'engine closed'));
    },
  };
  return engine;
}

export type {
  Engine,
  EngineOptions,
  EventListener,
  RecoverOptions,
  ResumeOptions,
  RunOptions,
  ValidationResult,
} from './api.js';
export type { ForkOptions } from './fork.js';
export type { NodeRegistry };
