import type {
  ErrorInfo,
  ExecutionRecord,
  ExecutionStatus,
  LogRecord,
  NodeEmittable,
  StepRecord,
  ToolApprovalPolicy,
} from '@agentflow/protocol';
import type { CompiledGraph, CompiledNode } from '../graph/compiled.js';
import type { StepCommit } from '../ports/store.js';
import type { TraceSpan } from '../ports/tracer.js';
import { AbortScope } from './abort-scope.js';
import { type AttemptHost, type Outcome, runAttempts, type SharedSignal } from './attempts.js';
import { ExecutionLogBound } from './execution-log-bound.js';
import { forkedInput } from './fork.js';
import { type ReplayTarget, replayStep } from './history-replay.js';
import { LaunchQueue } from './launch-queue.js';
import { PausedNodes } from './paused-nodes.js';
import { type InputTarget, takeInput } from './payload.js';
import { decisionFailure, type EndingRun, maxStepsError, nodeFailure, RunEnd } from './run-end.js';
import { RunEvents } from './run-events.js';
import { clearTransition, NodeState, newTransition, Scheduler, type Transition } from './scheduler.js';
import type { StepEmitter } from './step-context.js';
import { StepRecords } from './step-records.js';
import { overSlice, yieldThen } from './time-slice.js';
import { startExecutionSpan } from './trace.js';
import type { RunHost, RunResult } from './types.js';
import { committedOutputChars } from './value-checks.js';

const NONE: string[] = [];

/**
 * One execution in progress: launches ready nodes, runs their attempts, commits each completion atomically
 * before its successors start, and finishes with the execution's status. All graph decisions are made by the
 * Scheduler; this class adds time, I/O and concurrency.
 */
export class ExecutionRun implements StepEmitter, AttemptHost, ReplayTarget, InputTarget, EndingRun {
  /** The controllers of running attempts, aborted when the execution is cancelled, fails or is interrupted. */
  private readonly abortScope = new AbortScope();
  /** Public, like `records` and `paused`, for `history-replay.ts` and `payload.ts` (ReplayTarget, InputTarget). */
  readonly sched: Scheduler;
  readonly events: RunEvents;
  private readonly steps: StepRecord[] = [];
  private readonly launches = new LaunchQueue();
  private running = 0;
  private stepsTaken = 0;
  /** JSON length of the step outputs committed and about to be (`valueLimits.maxExecutionChars`). */
  private outputChars = 0;
  readonly records: StepRecords;
  private issued = 0;
  private committed = 0;
  private chain: Promise<void> = Promise.resolve();
  private finished = false;
  /** Set by `hold`: commits are written, but nothing launches and the run does not finish by itself. */
  private held = false;
  /** The run loop gave the thread back (`time-slice.ts`) and continues from the event loop. */
  private yielding = false;
  /** Ids of nodes ready or running, in the order they became ready (the persisted ready set). */
  private readonly active = new Map<number, string>();
  private readonly waiting = new Set<number>();
  /** Nodes paused with a state (tool approvals), made by the run on the first such pause. */
  paused: PausedNodes | undefined;
  /** The end of the run (`run-end.ts`): its `done`, its timeout, the final status and result. */
  private readonly end: RunEnd;
  readonly done: Promise<RunResult>;
  private readonly logBound: ExecutionLogBound;
  /** The transition `settled` fills; it is consumed synchronously (by `commit`) before the next completion. */
  private readonly completion = newTransition();
  /** This run's `workflow.execute` span (when tracing is on), started with the run's events. */
  span: TraceSpan | undefined;

  constructor(
    readonly host: RunHost,
    readonly graph: CompiledGraph,
    readonly record: ExecutionRecord,
  ) {
    this.sched = new Scheduler(graph);
    this.events = new RunEvents(host, record);
    this.records = new StepRecords(record.id);
    this.logBound = new ExecutionLogBound(record.logCount ?? 0);
    this.end = new RunEnd(this, this.abortScope, this.steps, record.startedAt ?? host.clock.now());
    this.done = this.end.done;
  }

  get workflowId(): string {
    return this.record.workflowId;
  }

  get id(): string {
    return this.record.id;
  }

  /** The run's paused nodes, made on first use. */
  pausedNodes(): PausedNodes {
    this.paused ??= new PausedNodes();
    return this.paused;
  }

  get toolApproval(): ToolApprovalPolicy | undefined {
    return this.graph.workflow.config.toolApproval;
  }

  /** Starts a fresh execution, or continues one from its committed steps. */
  begin(history: StepRecord[] = []): void {
    const t = newTransition();
    this.sched.start(t);
    for (const step of history) {
      this.steps.push(step);
      if (replayStep(this, step)) this.stepsTaken++;
    }
    this.outputChars = committedOutputChars(history, this.host.valueLimits);
    for (let i = 0; i < this.graph.nodes.length; i++) {
      const st = this.sched.status[i];
      if (st === NodeState.Ready) this.enqueue(i, 0);
      else if (st === NodeState.Waiting) this.waiting.add(i);
    }
  }

  /** Starts launching ready nodes (after `begin` and any `provide`). */
  go(): void {
    const timeoutMs = this.graph.workflow.config.timeoutMs;
    if (timeoutMs !== undefined) {
      const since = this.record.startedAt ?? this.end.startedAt;
      this.end.armTimeout(timeoutMs, since, (error) => this.finish('failed', undefined, error));
    }
    this.pump();
    this.maybeFinish();
  }

  private enqueue(node: number, gate: number): void {
    this.active.set(node, this.graph.nodes[node]!.id);
    this.launches.push(node, gate);
  }

  private pump(): void {
    if (this.yielding) return;
    // Nothing else in the process runs while one chain of callbacks does: past its slice, go on from the event
    // loop (the queued nodes keep the run from finishing meanwhile).
    if (this.launches.pending && !this.finished && overSlice()) {
      this.yielding = true;
      yieldThen(() => {
        this.yielding = false;
        this.pump();
        this.maybeFinish();
      });
      return;
    }
    const limit = this.graph.workflow.config.concurrency;
    while (!this.finished && !this.held && this.launches.pending && this.running < limit) {
      const next = this.launches.peek()!;
      if (next.gate > this.committed) break;
      this.launches.shift();
      if (this.stepsTaken >= this.graph.workflow.config.maxSteps) {
        this.finish('failed', undefined, maxStepsError(this.graph.workflow.config.maxSteps));
        return;
      }
      this.stepsTaken++;
      this.running++;
      this.sched.markRunning(next.node);
      this.launch(next.node);
    }
    this.launches.compact();
  }

  readonly spendOutput = (chars: number): boolean => {
    if (this.outputChars + chars > this.host.valueLimits.maxExecutionChars) return false;
    this.outputChars += chars;
    return true;
  };

  stepController(): AbortController {
    return this.abortScope.controller();
  }

  sharedSignal(): SharedSignal {
    return this.abortScope.shared();
  }

  releaseController(controller: AbortController): void {
    this.abortScope.release(controller);
  }

  get aborted(): boolean {
    return this.abortScope.aborted;
  }

  iteration(node: number): number {
    return this.sched.iteration(node);
  }

  inputOf(node: number): { input: unknown; inputs: Record<string, unknown> } {
    const computed = this.sched.inputOf(node, this.record.input);
    const forked = forkedInput(this.record, this.graph.nodes[node]!.id, this.steps);
    return forked ? { input: forked.value, inputs: computed.inputs } : computed;
  }

  /** Ids of the nodes ready to run (after `begin`). */
  readyIds(): string[] {
    return Array.from(this.active.values());
  }

  /** Runs node `i`'s attempts; a node that returned a value settles at once (no promise per step). */
  private launch(i: number): void {
    let outcome: Outcome | Promise<Outcome>;
    try {
      outcome = runAttempts(this, this.graph.nodes[i]!, this.paused?.take(i));
    } catch (error) {
      this.interrupt(error);
      return;
    }
    if (!(outcome instanceof Promise)) this.settled(i, outcome);
    else
      outcome.then(
        (o) => this.settled(i, o),
        (error) => this.interrupt(error),
      );
  }

  /** Applies a finished step: decides its successors, commits, then lets the successors start. */
  private settled(i: number, outcome: Outcome, counted = true): void {
    if (counted) this.running--;
    if (this.finished || outcome.kind === 'aborted') return;
    const node = this.graph.nodes[i]!;
    const iteration = this.sched.iteration(i);
    const t = clearTransition(this.completion);
    const now = this.host.clock.now();
    const logs = outcome.extras?.logs?.take(now);
    let step: StepRecord;
    try {
      if (outcome.kind === 'pause') {
        this.sched.markWaiting(i);
        this.waiting.add(i);
        if (outcome.state != null) {
          step = this.pausedNodes().pausedStep(this.records, node, iteration, outcome, now);
        } else {
          const id = `${outcome.stepId}:waiting`;
          step = this.records.step(node, id, iteration, 'waiting', outcome.startedAt, now, 1, outcome.input);
        }
      } else if (outcome.kind === 'ok') {
        this.sched.complete(i, outcome.output, outcome.extras.route, this.record.input, t);
        step = this.records.finished(node, iteration, outcome, now);
      } else if (node.hasFallback) {
        this.sched.complete(i, node.agent.fallback, undefined, this.record.input, t);
        step = this.records.finished(node, iteration, outcome, now, { value: node.agent.fallback });
      } else {
        step = this.records.finished(node, iteration, outcome, now);
        if (!node.hasErrorEdge) {
          this.commit(step, t, i, logs);
          this.finish('failed', undefined, nodeFailure(node.id, outcome.stepId, outcome.error));
          return;
        }
        this.sched.fail(i, outcome.error, outcome.input, t);
      }
    } catch (error) {
      // A condition failed to evaluate, or a loop ran past its bound.
      this.finish('failed', undefined, decisionFailure(node.id, outcome.stepId, error));
      return;
    }
    if (step.status !== 'waiting' && this.waiting.size > 0) this.waiting.delete(i);
    this.commit(step, t, i, logs);
  }

  private commit(step: StepRecord, t: Transition, i: number, logs?: LogRecord[]): void {
    // The node leaves the ready set after its successors joined it (same order: they are added at the end): a Map
    // emptied by the delete would shrink its table and grow it again, one allocation per step of a chain. A node
    // that is its own successor (a loop of one) leaves first.
    const again = t.ready.includes(i);
    if (again) this.active.delete(i);
    const steps = [step];
    const at = step.completedAt;
    for (const s of t.skipped)
      steps.push(this.records.skipped(this.graph.nodes[s]!, Math.max(0, this.sched.iteration(s)), at));
    const messages = this.records.messages(this.graph, t, step.id, at);
    const gate = ++this.issued;
    for (const r of t.ready) this.enqueue(r, gate);
    if (!again) this.active.delete(i);
    const commit: StepCommit = {
      executionId: this.id,
      steps,
      messages,
      ready: this.active.size === 0 ? NONE : Array.from(this.active.values()),
      waiting: this.waitingIds(),
    };
    if (step.usage) commit.usage = step.usage;
    if (logs) {
      const kept = this.logBound.keep(logs);
      if (kept) commit.logs = kept;
    }
    for (const s of steps) this.steps.push(s);
    // Commits of one execution are written in order: chained behind the previous one, or started at once when
    // nothing is in flight (one promise hop less on the common path).
    this.chain =
      this.issued - 1 === this.committed
        ? this.host.store.commitStep(commit)
        : this.chain.then(() => this.host.store.commitStep(commit));
    this.chain.then(
      () => {
        this.committed++;
        if (this.host.listening) this.events.committed(steps, messages);
        this.pump();
        this.maybeFinish();
      },
      (error) => this.interrupt(error),
    );
  }

  /** Ids of waiting human nodes (almost always none: then no array is built). */
  waitingIds(): string[] {
    if (this.waiting.size === 0) return NONE;
    return [...this.waiting].map((n) => this.graph.nodes[n]!.id);
  }

  /**
   * Gives a waiting node its validated payload (`payload.ts`): a human node completes with it; a node paused with a
   * state (a tool approval) gets a `resumed` record and runs again from its state once that is committed.
   */
  provide(agentId: string, payload: unknown): void {
    const input = takeInput(this, agentId, payload);
    const i = input.node;
    this.waiting.delete(i);
    if (input.kind === 'approved') {
      this.settled(i, input.outcome, false);
      return;
    }
    const t = newTransition();
    t.ready.push(i);
    this.commit(input.step, t, i);
  }

  /**
   * `provide` that launches nothing after the node: its successors stay in the committed ready set, for a later
   * resume. Resolves once the commit is durable (or the run ended: a condition on the node's edges failed).
   */
  hold(agentId: string, payload: unknown): Promise<unknown> {
    this.held = true;
    this.provide(agentId, payload);
    return this.finished ? this.done : this.chain;
  }

  private maybeFinish(): void {
    if (
      this.finished ||
      this.held ||
      this.running > 0 ||
      this.launches.pending ||
      this.committed < this.issued
    )
      return;
    if (this.waiting.size > 0) {
      this.finish('paused');
      return;
    }
    this.finish('succeeded', this.sched.executionOutput());
  }

  cancel(reason = 'cancelled'): void {
    this.finish('cancelled', undefined, { code: 'AF_CANCELLED', message: reason });
  }

  private finish(status: ExecutionStatus, output?: unknown, error?: ErrorInfo): void {
    if (this.finished) return;
    this.finished = true;
    this.end.finish(this.chain, this.running, status, output, error);
  }

  /** The store failed: stop everything and leave the execution for resume (its lease will expire). */
  interrupt(error: unknown): void {
    const first = !this.finished;
    this.finished = true;
    this.end.interrupt(first, error);
  }

  emitStep(node: CompiledNode, stepId: string, iteration: number, event: NodeEmittable): void {
    this.events.step(node, stepId, iteration, event);
  }

  /**
   * Events for the start of a run (fresh or resumed), and its span when tracing is on: `traceParent` is the trace
   * it continues (see `startExecutionSpan`).
   */
  emitStarted(resumed: boolean, traceParent?: string | TraceSpan): void {
    const tracer = this.host.tracer;
    if (tracer) this.span = startExecutionSpan(tracer, this.record, resumed, traceParent);
    if (this.host.listening) this.events.executionStarted(resumed);
  }
}
