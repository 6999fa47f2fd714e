import { AgentFlowError, type ErrorCode, isAgentFlowError } from '@agentflow/protocol';
import { APICallError } from '@ai-sdk/provider';

/** Statuses never retried: the same request would fail the same way. */
const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 405, 413, 422]);

export interface Target {
  provider: string;
  model: string;
}

/** Thrown by the attempt timer so a timeout is told apart from a caller's cancellation. */
export class AttemptTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'AttemptTimeout';
  }
}

/**
 * Milliseconds to wait from a provider's answer: `retry-after-ms` (OpenAI), `Retry-After` (seconds or an HTTP
 * date), or Gemini's `RetryInfo.retryDelay` in the error body.
 */
export function parseRetryAfter(
  headers: Record<string, string> | undefined,
  body: string | undefined,
  now: number,
): number | undefined {
  const ms = headers?.['retry-after-ms'];
  if (ms !== undefined && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers?.['retry-after'];
  if (value !== undefined && value.trim() !== '') {
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(value);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const delay = body ? /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(body) : null;
  if (delay?.[1]) return Number(delay[1]) * 1000;
  return undefined;
}

function truncate(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

function label(target: Target): string {
  return `${target.provider}/${target.model}`;
}

function fromApiCall(error: APICallError, target: Target, now: number, keyHint?: string): AgentFlowError {
  const status = error.statusCode;
  const details: Record<string, unknown> = { provider: target.provider, model: target.model };
  if (status !== undefined) details.status = status;
  const reason = truncate(error.message || 'request failed');
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(error.responseHeaders, error.responseBody, now);
    return new AgentFlowError(
      'AF_PROVIDER_RATE_LIMITED',
      `${label(target)} rate-limited the call (429): ${reason}`,
      {
        ...(retryAfterMs !== undefined && { retryAfterMs }),
        details,
        cause: error,
      },
    );
  }
  if (
    status !== undefined &&
    (PERMANENT_STATUSES.has(status) || (status >= 400 && status < 500 && status !== 408))
  ) {
    const hint = (status === 401 || status === 403) && keyHint ? ` (check ${keyHint})` : '';
    return new AgentFlowError(
      'AF_PROVIDER_ERROR',
      `${label(target)} rejected the request (${status}): ${reason}${hint}`,
      {
        retryable: false,
        details,
        cause: error,
      },
    );
  }
  const what = status === undefined ? 'could not be reached' : `failed (${status})`;
  return new AgentFlowError('AF_PROVIDER_ERROR', `${label(target)} ${what}: ${reason}`, {
    retryable: true,
    details,
    cause: error,
  });
}

const PERMANENT_SDK_ERRORS = new Set([
  'AI_InvalidPromptError',
  'AI_InvalidArgumentError',
  'AI_UnsupportedFunctionalityError',
  'AI_NoSuchModelError',
  'AI_InvalidMessageRoleError',
  'AI_MessageConversionError',
  'AI_LoadAPIKeyError',
]);

/**
 * Maps anything an attempt threw to an AgentFlowError. `cancelled` is the caller's signal: its abort is
 * AF_CANCELLED (never retried); an attempt timeout is a retryable AF_PROVIDER_ERROR.
 */
export function toProviderError(
  error: unknown,
  target: Target,
  options: { cancelled: AbortSignal; now: number; keyHint?: string },
): AgentFlowError {
  if (isAgentFlowError(error)) {
    if (error.details?.provider !== undefined) return error;
    return new AgentFlowError(error.code, `${label(target)}: ${error.message}`, {
      retryable: error.retryable,
      ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }),
      details: { provider: target.provider, model: target.model, ...error.details },
      cause: error,
    });
  }
  if (options.cancelled.aborted) {
    return new AgentFlowError('AF_CANCELLED', `${label(target)} call cancelled`, { cause: error });
  }
  if (error instanceof AttemptTimeout) {
    return new AgentFlowError('AF_PROVIDER_ERROR', `${label(target)} ${error.message}`, {
      retryable: true,
      details: { provider: target.provider, model: target.model, timeoutMs: error.timeoutMs },
      cause: error,
    });
  }
  if (APICallError.isInstance(error)) return fromApiCall(error, target, options.now, options.keyHint);
  const name = error instanceof Error ? error.name : '';
  const message = truncate(error instanceof Error ? error.message : String(error));
  const code: ErrorCode = 'AF_PROVIDER_ERROR';
  if (PERMANENT_SDK_ERRORS.has(name)) {
    return new AgentFlowError(code, `${label(target)}: ${message}`, {
      retryable: false,
      details: { provider: target.provider, model: target.model, sdkError: name },
      cause: error,
    });
  }
  // Garbage answers (bad JSON, schema mismatch), cut streams and network failures: retry, then fall back.
  return new AgentFlowError(code, `${label(target)} answered badly or dropped the connection: ${message}`, {
    retryable: true,
    details: { provider: target.provider, model: target.model, ...(name && { sdkError: name }) },
    cause: error,
  });
}

/** A caller's callback (onToken, onCall) threw: a bug on the caller's side, never retried or fallen back on. */
export function callbackFailed(callback: string, error: unknown): AgentFlowError {
  const message = error instanceof Error ? error.message : String(error);
  return new AgentFlowError('AF_INTERNAL', `The ${callback} callback threw: ${message}`, {
    retryable: false,
    details: { callback },
    cause: error,
  });
}

/** Whether an error says something about the provider's health (feeds the circuit breaker). */
export function countsAgainstProvider(error: AgentFlowError): boolean {
  if (error.code === 'AF_PROVIDER_RATE_LIMITED') return true;
  return error.code === 'AF_PROVIDER_ERROR' && error.retryable;
}
