/**
 * How one execution ends: its `done` promise, its execution timeout, the abort of what still runs, the final
 * status written behind the last commit, then the `RunResult` with the run's last event and the end of its span;
 * or, when the store fails, the interrupt that leaves the execution for resume. Cold code, run once per execution:
 * `ExecutionRun` keeps the `finished` flag its run loop reads per node and calls in here once it is set.
 */
import {
  AgentFlowError,
  type ErrorInfo,
  type ExecutionStatus,
  type StepRecord,
  toErrorInfo,
} from '@agentflow/protocol';
import type { TraceSpan } from '../ports/tracer.js';
import type { AbortScope } from './abort-scope.js';
import type { RunEvents } from './run-events.js';
import { totalUsage } from './step-records.js';
import { endExecutionSpan } from './trace.js';
import { countSteps, type RunHost, type RunResult } from './types.js';

/** What the end reads of its run (an `ExecutionRun`). */
export interface EndingRun {
  readonly host: RunHost;
  readonly id: string;
  readonly events: RunEvents;
  /** The run's `workflow.execute` span, when tracing is on. */
  readonly span: TraceSpan | undefined;
  /** Ids of the nodes waiting for input, reported by a paused run's last event. */
  waitingIds(): string[];
  /** Called when a write of the end fails. */
  interrupt(error: unknown): void;
}

/** Made with its run: `finish` runs once; `interrupt` when the store fails (also after `finish`, on its write). */
export class RunEnd {
  readonly done: Promise<RunResult>;
  private resolveDone!: (r: RunResult) => void;
  private rejectDone!: (e: unknown) => void;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly run: EndingRun,
    /** The controllers of the run's attempts. */
    private readonly abortScope: AbortScope,
    /** The run's step records (its own array, read when it ends). */
    private readonly steps: readonly StepRecord[],
    /** When the execution started (its first start, for a resumed one): `durationMs` counts from it. */
    readonly startedAt: number,
  ) {
    this.done = new Promise<RunResult>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
  }

  /** Calls `expire` with AF_EXECUTION_TIMEOUT once `timeoutMs` have passed since `since`. */
  armTimeout(timeoutMs: number, since: number, expire: (error: ErrorInfo) => void): void {
    const left = timeoutMs - (this.run.host.clock.now() - since);
    this.timer = setTimeout(
      () =>
        expire(toErrorInfo(new AgentFlowError('AF_EXECUTION_TIMEOUT', `execution exceeded ${timeoutMs} ms`))),
      Math.max(0, left),
    );
    this.timer.unref?.();
  }

  /**
   * Ends the run with `status` (once: the caller has just set its `finished` flag). `running`: attempts still in
   * flight. The status is written behind `chain`, the run's last commit; `done` resolves once it is durable.
   */
  finish(
    chain: Promise<void>,
    running: number,
    status: ExecutionStatus,
    output?: unknown,
    error?: ErrorInfo,
  ): void {
    if (this.timer) clearTimeout(this.timer);
    if (status !== 'paused') {
      // Building an error (stack capture) and dispatching aborts is only worth it when something still runs.
      const reason = () =>
        new AgentFlowError(error?.code ?? 'AF_CANCELLED', error?.message ?? 'execution finished');
      this.abortScope.abort(running > 0 || this.abortScope.busy ? reason() : undefined);
    }
    const { run, steps } = this;
    const { host, id } = run;
    const now = host.clock.now();
    const patch = status === 'paused' ? { status } : { status, output, error, completedAt: now };
    const store = host.store;
    chain
      .then(() => store.updateExecution(id, patch))
      // A terminal update releases the lease itself (Store contract); a paused execution gives it up here.
      .then(() => (status === 'paused' ? store.releaseLease(id, host.ownerId) : undefined))
      .then(
        () => {
          host.forget(id);
          const result: RunResult = {
            executionId: id,
            status,
            stepCounts: countSteps(steps),
            usage: totalUsage(steps),
            durationMs: now - this.startedAt,
          };
          if (output !== undefined) result.output = output;
          if (error) result.error = error;
          if (run.span) endExecutionSpan(run.span, status, result.usage, error);
          if (host.listening) run.events.finished(result, run.waitingIds());
          this.resolveDone(result);
        },
        (e) => run.interrupt(e),
      );
  }

  /**
   * The store failed: stops everything and leaves the execution for resume (its lease will expire). `first`: the
   * run had not finished yet (its attempts are aborted then).
   */
  interrupt(first: boolean, error: unknown): void {
    if (first) {
      if (this.timer) clearTimeout(this.timer);
      this.abortScope.abort(new AgentFlowError('AF_INTERNAL', 'execution interrupted'));
    }
    const { host, id, span } = this.run;
    if (span) {
      span.fail('AF_INTERNAL', 'execution interrupted');
      span.end();
    }
    host.forget(id);
    host.store.releaseLease(id, host.ownerId).catch(() => {});
    this.rejectDone(error);
  }
}

/** The execution's error when it would take more than its `maxSteps` steps. */
export function maxStepsError(max: number): ErrorInfo {
  return { code: 'AF_MAX_STEPS', message: `execution exceeded ${max} steps` };
}

/** The execution's error when node `agentId` failed with `error` and has no fallback and no error edge. */
export function nodeFailure(agentId: string, stepId: string, error: ErrorInfo): ErrorInfo {
  return { ...error, details: { ...error.details, agentId, stepId } };
}

/** The execution's error when deciding a node's successors threw (a condition, a loop past its bound). */
export function decisionFailure(agentId: string, stepId: string, error: unknown): ErrorInfo {
  return { ...toErrorInfo(error), details: { agentId, stepId } };
}
