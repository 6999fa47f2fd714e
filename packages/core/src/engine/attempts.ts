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
import { StepContext, type StepEmitter } from './step-context.js';
import { describeError, StepLog } from './step-log.js';
import { type Outcome, stepIdOf } from './step-records.js';
import { endStepSpan, startAttemptSpan, startStepSpan } from './trace.js';
import type { RunHost, StepExtras } from './types.js';

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
  /** The execution's span, when tracing is on. */
  readonly span: TraceSpan | undefined;
}

/**
 * Runs a step's attempts: per-attempt timeout (a node ignoring its signal is abandoned), retries per the node's
 * policy (exponential backoff, jitter, Retry-After, retryable codes), one idempotency key for all attempts.
 */
export function runAttempts(run: AttemptHost, node: CompiledNode, resumed?: ResumedNode): Promise<Outcome> {
  const tracer = run.host.tracer;
  if (!tracer) return attemptLoop(run, node, resumed, undefined);
  const iteration = run.iteration(node.index);
  const stepId = stepIdOf(run.record.id, node.id, iteration);
  const span = startStepSpan(tracer, run.span, node, stepId, iteration);
  return attemptLoop(run, node, resumed, span).then(
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

async function attemptLoop(
  run: AttemptHost,
  node: CompiledNode,
  resumed: ResumedNode | undefined,
  stepSpan: TraceSpan | undefined,
): Promise<Outcome> {
  const iteration = run.iteration(node.index);
  const { input, inputs } = run.inputOf(node.index);
  const stepId = stepIdOf(run.record.id, node.id, iteration);
  const startedAt = run.host.clock.now();
  const policy = node.retry;
  const extras: StepExtras = { route: undefined, usage: undefined, modelCalls: undefined, logs: undefined };
  let attempts: AttemptRecord[] | undefined;
  for (let attempt = 1; ; attempt++) {
    const attemptStart = attempt === 1 ? startedAt : run.host.clock.now();
    // The attempt's signal, created lazily (most nodes never look at it). An attempt with a timeout needs a
    // controller of its own; others share one with a few siblings: the first listener on a fresh AbortSignal
    // costs ~4 µs in Node 20 (later ones ~1 µs), and a handful per signal stays far below Node's warning
    // threshold. Both kinds abort with the execution.
    let step: AbortController | undefined;
    let shared: SharedSignal | undefined;
    const attemptSignal = () => {
      if (step) return step.signal;
      if (node.timeoutMs === undefined) {
        shared ??= run.sharedSignal();
        return shared.signal;
      }
      step = run.stepController();
      return step.signal;
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (node.timeoutMs !== undefined) {
      const ms = node.timeoutMs;
      attemptSignal();
      timer = setTimeout(
        () => step?.abort(new AgentFlowError('AF_TIMEOUT', `agent "${node.id}" timed out after ${ms} ms`)),
        ms,
      );
    }
    if (run.host.listening) run.events.started(node, stepId, iteration, attempt, attemptStart);
    const span = stepSpan && startAttemptSpan(run.host.tracer!, stepSpan, node, attempt);
    const context = new StepContext(
      run.host,
      run,
      node,
      run.record.id,
      run.record.workspaceId,
      stepId,
      attempt,
      iteration,
      attemptSignal,
      run.record.input,
      extras,
      resumed,
      span,
    );
    try {
      const args = { input, inputs, config: node.config, prepared: node.prepared, context };
      const pending = node.def.run(args);
      const output = timer ? await raceAbort(pending, attemptSignal()) : await pending;
      return { kind: 'ok', stepId, output, input, attempt, startedAt, attempts, extras };
    } catch (error) {
      if (isPauseSignal(error)) {
        const { prompt, state } = error;
        return { kind: 'pause', stepId, prompt, state, input, startedAt, extras };
      }
      if (
        isAgentFlowError(error) &&
        error.code === 'AF_BUDGET_EXCEEDED' &&
        error.details?.onExceed === 'pause'
      ) {
        // A spend limit asks to wait, not fail: the node pauses with the limit (and what it was resuming from) as
        // its state; `engine.approve` once the limit is raised runs it again (see budget-pause.ts).
        const state = budgetPauseState(error, resumed);
        return { kind: 'pause', stepId, prompt: error.message, state, input, startedAt, extras };
      }
      if (run.aborted) return { kind: 'aborted' };
      if (timer) clearTimeout(timer);
      const info = toErrorInfo(step?.signal.aborted ? step.signal.reason : error);
      if (span) {
        span.fail(info.code, info.message);
        span.end(); // before a retry's backoff
      }
      attempts ??= [];
      attempts.push({
        attempt,
        startedAt: attemptStart,
        durationMs: run.host.clock.now() - attemptStart,
        error: info,
      });
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
      if (!retry) return { kind: 'fail', stepId, error: info, input, attempt, startedAt, attempts, extras };
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
      const pause = run.stepController();
      try {
        await run.host.clock.sleep(delayMs, pause.signal);
      } catch {
        return { kind: 'aborted' };
      } finally {
        run.releaseController(pause);
      }
    } finally {
      span?.end();
      if (timer) clearTimeout(timer);
      if (step) run.releaseController(step);
      shared?.release();
    }
  }
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
