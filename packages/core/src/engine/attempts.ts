import {
  AgentFlowError,
  type AttemptRecord,
  type ExecutionRecord,
  isAgentFlowError,
  toErrorInfo,
} from '@agentflow/protocol';
import type { CompiledNode } from '../graph/compiled.js';
import { isPauseSignal, type ResumedNode } from '../nodes/define.js';
import type { TraceSpan } from '../ports/tracer.js';
import { raceAbort } from '../util/abort.js';
import { budgetPauseState } from './budget-pause.js';
import { backoffDelay, shouldRetry } from './retry.js';
import type { RunEvents } from './run-events.js';
import { StepContext, type StepEmitter, type StepScope } from './step-context.js';
import { describeError, StepLog } from './step-log.js';
import { type Outcome, stepIdOf } from './step-records.js';
import { endStepSpan, startAttemptSpan, startStepSpan } from './trace.js';
import type { RunHost, StepExtras } from './types.js';
import { outputError, pauseStateError, storableError } from './value-checks.js';

export type { Outcome };

export interface SharedSignal {
  readonly signal: AbortSignal;
  release(): void;
}

/** What the attempt loop needs from the execution running it. */
export interface AttemptHost extends StepEmitter {
  readonly host: RunHost;
  readonly events: RunEvents;
  readonly record: ExecutionRecord;
  /** True once the execution was cancelled, failed or interrupted. */
  readonly aborted: boolean;
  iteration(node: number): number;
  inputOf(node: number): { input: unknown; inputs: Record<string, unknown> };
  /** A controller aborted together with the execution. */
  stepController(): AbortController;
  /** A signal aborted with the execution, shared by a few attempts; release it when the attempt ends. */
  sharedSignal(): SharedSignal;
  releaseController(controller: AbortController): void;
  /**
   * Adds a step output's JSON length to the execution's total; false (nothing added) when the total would pass
   * `valueLimits.maxExecutionChars`. A bound function (it is passed along).
   */
  readonly spendOutput: (chars: number) => boolean;
  /** The execution's span, when tracing is on. */
  readonly span: TraceSpan | undefined;
}

/**
 * Runs a step's attempts: per-attempt timeout (a node ignoring its signal is abandoned), retries per the node's
 * policy (exponential backoff, jitter, Retry-After, retryable codes), one idempotency key for all attempts.
 * A first attempt that returns a value (not a promise) and has no timeout gives its outcome synchronously: no
 * promise, `await` or continuation is made for it (most built-in and zero-work nodes). Anything else (a promise,
 * a throw, a timeout, a retry, tracing) continues asynchronously.
 */
export function runAttempts(
  run: AttemptHost,
  node: CompiledNode,
  resumed?: ResumedNode,
): Outcome | Promise<Outcome> {
  const tracer = run.host.tracer;
  if (!tracer) return new StepAttempts(run, node, resumed, undefined).attempt(1);
  const iteration = run.iteration(node.index);
  const stepId = stepIdOf(run.record.id, node.id, iteration);
  const span = startStepSpan(tracer, run.span, node, stepId, iteration);
  let first: Outcome | Promise<Outcome>;
  try {
    // Started now, as an untraced step is (not a microtask later).
    first = new StepAttempts(run, node, resumed, span).attempt(1);
  } catch (error) {
    first = Promise.reject(error);
  }
  return Promise.resolve(first).then(
    (outcome) => {
      endStepSpan(span, outcome);
      return outcome;
    },
    (error: unknown) => {
      span.fail('AF_INTERNAL', error instanceof Error ? error.message : String(error));
      span.end();
      throw error;
    },
  );
}

/**
 * One attempt's signal (made lazily: most nodes never look at it), timer and span. An attempt with a timeout
 * needs a controller of its own; others share one with a few siblings: the first listener on a fresh AbortSignal
 * costs ~4 µs in Node 20 (later ones ~1 µs), and a handful per signal stays far below Node's warning threshold.
 * Both kinds abort with the execution.
 */
class Attempt {
  step: AbortController | undefined;
  shared: SharedSignal | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  span: TraceSpan | undefined;

  constructor(
    private readonly run: AttemptHost,
    private readonly node: CompiledNode,
    readonly n: number,
    readonly startedAt: number,
  ) {}

  get signal(): AbortSignal {
    if (this.step) return this.step.signal;
    if (this.node.timeoutMs === undefined) {
      this.shared ??= this.run.sharedSignal();
      return this.shared.signal;
    }
    this.step = this.run.stepController();
    return this.step.signal;
  }

  /** Ends the span, clears the timer and releases the signal (once the attempt settled). */
  end(): void {
    this.span?.end();
    if (this.timer) clearTimeout(this.timer);
    if (this.step) this.run.releaseController(this.step);
    this.shared?.release();
  }
}

/** One step across its attempts: its input, id and extras are the same for all of them. */
class StepAttempts implements StepScope {
  readonly iteration: number;
  private readonly input: unknown;
  private readonly inputs: Record<string, unknown>;
  readonly stepId: string;
  private readonly startedAt: number;
  readonly extras: StepExtras = {
    route: undefined,
    usage: undefined,
    modelCalls: undefined,
    logs: undefined,
  };
  private attempts: AttemptRecord[] | undefined;

  constructor(
    readonly run: AttemptHost,
    readonly node: CompiledNode,
    readonly resumed: ResumedNode | undefined,
    private readonly stepSpan: TraceSpan | undefined,
  ) {
    this.iteration = run.iteration(node.index);
    const { input, inputs } = run.inputOf(node.index);
    this.input = input;
    this.inputs = inputs;
    this.stepId = stepIdOf(run.record.id, node.id, this.iteration);
    this.startedAt = run.host.clock.now();
  }

  attempt(n: number): Outcome | Promise<Outcome> {
    const { run, node } = this;
    const a = new Attempt(run, node, n, n === 1 ? this.startedAt : run.host.clock.now());
    let signal: AbortSignal | undefined;
    if (node.timeoutMs !== undefined) {
      const ms = node.timeoutMs;
      signal = a.signal;
      a.timer = setTimeout(
        () => a.step?.abort(new AgentFlowError('AF_TIMEOUT', `agent "${node.id}" timed out after ${ms} ms`)),
        ms,
      );
    }
    if (run.host.listening) run.events.started(node, this.stepId, this.iteration, n, a.startedAt);
    if (this.stepSpan) a.span = startAttemptSpan(run.host.tracer!, this.stepSpan, node, n);
    let pending: unknown;
    try {
      pending = node.def.run(this.args(a));
    } catch (error) {
      return this.failed(a, error);
    }
    if (signal) return this.settle(a, raceAbort(pending, signal));
    if (isThenable(pending)) return this.settle(a, pending);
    return this.returned(a, pending);
  }

  /** The attempt returned `output`: the step's outcome, or a failure when the output cannot be stored. */
  private returned(a: Attempt, output: unknown): Outcome | Promise<Outcome> {
    const unstorable = outputError(output, this.run.host.valueLimits, this.node.id, this.run.spendOutput);
    if (unstorable) return this.failed(a, unstorable);
    a.end();
    return this.ok(a.n, output);
  }

  private args(a: Attempt) {
    const context = new StepContext(this, a);
    const node = this.node;
    return { input: this.input, inputs: this.inputs, config: node.config, prepared: node.prepared, context };
  }

  private ok(n: number, output: unknown): Outcome {
    const { stepId, input, startedAt, attempts, extras } = this;
    return { kind: 'ok', stepId, output, input, attempt: n, startedAt, attempts, extras };
  }

  private async settle(a: Attempt, pending: PromiseLike<unknown>): Promise<Outcome> {
    let output: unknown;
    try {
      output = await pending;
    } catch (error) {
      return this.failed(a, error);
    }
    return this.returned(a, output);
  }

  /** The attempt threw: a pause, the execution's end, a failure, or a retry after its backoff. */
  private failed(a: Attempt, thrown: unknown): Outcome | Promise<Outcome> {
    const { run, node, stepId, input, startedAt, extras, iteration } = this;
    let error = thrown;
    if (isPauseSignal(error)) {
      const { prompt, state } = error;
      // The waiting step keeps the state as its output: a node that pauses with one JSON cannot hold fails.
      const unstorable =
        state === undefined ? undefined : pauseStateError(state, run.host.valueLimits, node.id);
      if (!unstorable) {
        a.end();
        return { kind: 'pause', stepId, prompt, state, input, startedAt, extras };
      }
      error = unstorable;
    }
    if (
      isAgentFlowError(error) &&
      error.code === 'AF_BUDGET_EXCEEDED' &&
      error.details?.onExceed === 'pause'
    ) {
      a.end();
      // A spend limit asks to wait, not fail: the node pauses with the limit (and what it was resuming from) as
      // its state; `engine.approve` once the limit is raised runs it again (see budget-pause.ts).
      const state = budgetPauseState(error, this.resumed);
      return { kind: 'pause', stepId, prompt: error.message, state, input, startedAt, extras };
    }
    if (run.aborted) {
      a.end();
      return { kind: 'aborted' };
    }
    if (a.timer) clearTimeout(a.timer);
    const info = storableError(
      toErrorInfo(a.step?.signal.aborted ? a.step.signal.reason : error),
      run.host.valueLimits,
    );
    a.span?.fail(info.code, info.message);
    a.end(); // the span ends before a retry's backoff
    const attempt = a.n;
    this.attempts ??= [];
    this.attempts.push({
      attempt,
      startedAt: a.startedAt,
      durationMs: run.host.clock.now() - a.startedAt,
      error: info,
    });
    const policy = node.retry;
    // A Retry-After (a 429's, an open circuit's next probe) is waited for, but never longer than one attempt
    // may last: the node's timeout bounds it.
    const retryAfterMs =
      info.retryAfterMs !== undefined && node.timeoutMs !== undefined
        ? Math.min(info.retryAfterMs, node.timeoutMs)
        : info.retryAfterMs;
    const delayMs =
      attempt < policy.maxAttempts && shouldRetry(policy, info)
        ? backoffDelay(policy, attempt, retryAfterMs)
        : undefined;
    const retry = delayMs !== undefined;
    const failed = `attempt ${attempt} of ${policy.maxAttempts} failed (${describeError(info)})`;
    if (!retry) addLog(run, node, stepId, extras, 'error', failed, attempt, { code: info.code });
    if (run.host.listening)
      run.events.step(node, stepId, iteration, { type: 'step.failed', error: info, willRetry: retry });
    if (!retry) {
      const attempts = this.attempts;
      return { kind: 'fail', stepId, error: info, input, attempt, startedAt, attempts, extras };
    }
    addLog(run, node, stepId, extras, 'warn', `${failed}; retrying in ${delayMs} ms`, attempt, {
      code: info.code,
      delayMs,
    });
    if (run.host.listening) {
      run.events.step(node, stepId, iteration, {
        type: 'step.retrying',
        attempt: attempt + 1,
        delayMs,
        error: info,
      });
    }
    return this.retry(attempt + 1, delayMs);
  }

  private async retry(next: number, delayMs: number): Promise<Outcome> {
    const pause = this.run.stepController();
    try {
      await this.run.host.clock.sleep(delayMs, pause.signal);
    } catch {
      return { kind: 'aborted' };
    } finally {
      this.run.releaseController(pause);
    }
    return this.attempt(next);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** Adds an engine line (a failed or retried attempt) to the step's log. */
function addLog(
  run: AttemptHost,
  node: CompiledNode,
  stepId: string,
  extras: StepExtras,
  level: 'warn' | 'error',
  message: string,
  attempt: number,
  data: Record<string, unknown>,
): void {
  extras.logs ??= new StepLog(run.record.id, stepId, node.id);
  extras.logs.add(level, message, attempt, run.host.clock.now(), data);
}
