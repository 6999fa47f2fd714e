/**
 * The engine's checks that what it is about to store is a JSON value within `RunHost.valueLimits` (see
 * `ValueLimits`): a step's output (the step fails, see attempts.ts), an execution's or a fork's input and a payload
 * given to a waiting node (refused before anything is written). Without them a cycle or a BigInt made the SQL
 * store's commit throw, and the execution stayed `running`; an oversized value went to every read of it.
 */
import {
  AgentFlowError,
  type ErrorCode,
  type ErrorInfo,
  LOG_LIMITS,
  type StepRecord,
  VALUE_LIMITS,
  type ValueLimits,
} from '@agentflow/protocol';
import { jsonValueFault, measureJson, type ValueFault } from '../util/json-value.js';

/** `VALUE_LIMITS` with an engine's `valueLimits` option over it; AF_VALIDATION when one is not a number >= 1. */
export function valueLimitsOf(given: Partial<ValueLimits> = {}): ValueLimits {
  const limits = { ...VALUE_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!(value >= 1)) {
      throw new AgentFlowError('AF_VALIDATION', `valueLimits.${name} must be a number >= 1 (or Infinity)`);
    }
  }
  return limits;
}

/**
 * The error a step fails with when its output cannot be stored, or would take its execution past
 * `maxExecutionChars`; undefined when it can, its length then added with `spend` (which answers false, adding
 * nothing, when the execution's total would pass the limit).
 */
export function outputError(
  output: unknown,
  limits: ValueLimits,
  agentId: string,
  spend: (chars: number) => boolean,
): AgentFlowError | undefined {
  const measured = measureJson(output, limits, 'output');
  const what = `the output of agent "${agentId}"`;
  if (typeof measured !== 'number') return faultError(measured, outputCode(measured), what);
  if (spend(measured)) return undefined;
  const message = `the execution's outputs would be longer than ${limits.maxExecutionChars} characters of JSON`;
  return faultError({ kind: 'too-large', path: 'output', message }, 'AF_OUTPUT_TOO_LARGE', what);
}

/** The error a node fails with when the state it paused with cannot be stored; undefined when it can. */
export function pauseStateError(
  state: unknown,
  limits: ValueLimits,
  agentId: string,
): AgentFlowError | undefined {
  const fault = jsonValueFault(state, limits, 'state');
  return fault && faultError(fault, outputCode(fault), `the pause state of agent "${agentId}"`);
}

/** The JSON length of committed steps' outputs (of the succeeded ones), for an execution's total on resume. */
export function committedOutputChars(steps: readonly StepRecord[], limits: ValueLimits): number {
  const unbounded = { ...limits, maxChars: Number.POSITIVE_INFINITY };
  let total = 0;
  for (const step of steps) {
    if (step.status !== 'succeeded') continue;
    const measured = measureJson(step.output, unbounded, 'output');
    if (typeof measured === 'number') total += measured;
  }
  return total;
}

/**
 * A failed attempt's error as it can be stored: as given, or, when what a node threw carries something JSON
 * cannot hold (a BigInt in `details`, a cycle, a huge message), its code, retryable flag, Retry-After and the
 * start of its message, saying what was left out.
 */
export function storableError(info: ErrorInfo, limits: ValueLimits): ErrorInfo {
  const fault = jsonValueFault(info, limits, 'error');
  if (!fault) return info;
  const message = String(info.message).slice(0, LOG_LIMITS.messageChars);
  const kept: ErrorInfo = {
    code: info.code,
    message: `${message} [details left out: ${fault.message} at ${fault.path}]`,
  };
  if (typeof info.retryable === 'boolean') kept.retryable = info.retryable;
  if (typeof info.retryAfterMs === 'number') kept.retryAfterMs = info.retryAfterMs;
  return kept;
}

/** Throws AF_INVALID_INPUT or AF_INPUT_TOO_LARGE when an input cannot be stored. */
export function checkInputValue(input: unknown, limits: ValueLimits, root = 'input'): void {
  const fault = jsonValueFault(input, limits, root);
  if (fault) {
    throw faultError(
      fault,
      fault.kind === 'invalid' ? 'AF_INVALID_INPUT' : 'AF_INPUT_TOO_LARGE',
      'the input',
    );
  }
}

/** Throws AF_INVALID_RESUME_PAYLOAD when a payload for a waiting node cannot be stored. */
export function checkPayloadValue(payload: unknown, limits: ValueLimits, agentId: string): void {
  const fault = jsonValueFault(payload, limits, 'payload');
  if (fault) throw faultError(fault, 'AF_INVALID_RESUME_PAYLOAD', `the payload for "${agentId}"`);
}

function outputCode(fault: ValueFault): ErrorCode {
  return fault.kind === 'invalid' ? 'AF_INVALID_OUTPUT' : 'AF_OUTPUT_TOO_LARGE';
}

function faultError(fault: ValueFault, code: ErrorCode, what: string): AgentFlowError {
  return new AgentFlowError(code, `${what} cannot be stored: ${fault.message} (at ${fault.path})`, {
    issues: [{ code, path: fault.path, message: fault.message }],
  });
}
