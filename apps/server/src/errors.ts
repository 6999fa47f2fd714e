/**
 * The one place AgentFlow error codes become HTTP statuses, and every error becomes the same JSON body:
 * `{ error: { code, message, issues?: [{ path, message, code }], requestId } }`. Nothing else in the codebase knows
 * about HTTP statuses; no response ever carries a stack trace.
 */
import { type ErrorCode, type Issue, isAgentFlowError } from '@agentflow/protocol';

/** HTTP status of every error code. Exhaustive: a new code does not compile until it is mapped here. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  // The caller sent something wrong.
  AF_VALIDATION: 400,
  AF_UNKNOWN_NODE_TYPE: 400,
  AF_INVALID_CONFIG: 400,
  AF_DANGLING_CONNECTION: 400,
  AF_DUPLICATE_CONNECTION: 400,
  AF_UNREACHABLE_NODE: 400,
  AF_NO_INPUT_NODE: 400,
  AF_UNBOUNDED_CYCLE: 400,
  AF_LIMIT_EXCEEDED: 400,
  AF_INPUT_TOO_DEEP: 400,
  AF_INPUT_TOO_LARGE: 413,
  AF_INVALID_EXPRESSION: 400,
  AF_INVALID_INPUT: 400,
  AF_INVALID_RESUME_PAYLOAD: 400,
  AF_EXPRESSION_ERROR: 400,
  AF_EXPRESSION_LIMIT: 400,
  AF_MAX_STEPS: 400,
  AF_LOOP_LIMIT: 400,
  AF_INVALID_OUTPUT: 400,
  AF_OUTPUT_TOO_LARGE: 413,
  AF_UNKNOWN_TOOL: 400,
  AF_PROVIDER_NOT_CONFIGURED: 400,
  AF_UNSUPPORTED_SETTING: 400,
  // Who is asking.
  AF_UNAUTHENTICATED: 401,
  AF_WEBHOOK_SIGNATURE: 401,
  AF_FORBIDDEN: 403,
  AF_CSRF: 403,
  AF_CREDENTIAL_SCOPE: 403,
  AF_EGRESS_REFUSED: 403,
  // What it is about.
  AF_NOT_FOUND: 404,
  AF_DUPLICATE_ID: 409,
  AF_CONFLICT: 409,
  AF_NOT_RESUMABLE: 409,
  AF_WORKFLOW_ARCHIVED: 409,
  AF_WORKFLOW_DRAFT: 409,
  AF_CANCELLED: 409,
  AF_LEASE_LOST: 409,
  AF_CONFIRMATION_REQUIRED: 409,
  AF_TOOL_REJECTED: 409,
  AF_TRIGGER_DISABLED: 409,
  AF_WEBHOOK_REPLAY: 409,
  AF_RATE_LIMITED: 429,
  AF_BUDGET_EXCEEDED: 402,
  // Upstream providers and tools.
  AF_PROVIDER_ERROR: 502,
  AF_PROVIDER_RATE_LIMITED: 502,
  AF_STRUCTURED_OUTPUT_INVALID: 502,
  AF_MAX_AGENT_STEPS: 502,
  AF_TOOL_ERROR: 502,
  AF_TIMEOUT: 504,
  AF_EXECUTION_TIMEOUT: 504,
  // Ours.
  AF_NODE_FAILED: 500,
  AF_INTERNAL: 500,
};

/** Statuses of Fastify's own client errors that are not a plain 400 (body too large, wrong media type...). */
const FASTIFY_CLIENT_CODES: Readonly<Record<number, ErrorCode>> = {
  404: 'AF_NOT_FOUND',
  413: 'AF_LIMIT_EXCEEDED',
  429: 'AF_RATE_LIMITED',
};

export const INTERNAL_MESSAGE = 'internal error; the request id identifies it in the server log';

export interface ApiIssue {
  path: string;
  message: string;
  code: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    issues?: ApiIssue[];
    details?: Record<string, unknown>;
    requestId?: string;
  };
}

/**
 * Codes whose `details` are meant for the caller and sent with the error (other errors' details stay in the
 * server: they may hold upstream responses). AF_CONFIRMATION_REQUIRED: what to confirm and its digest.
 */
const PUBLIC_DETAILS: ReadonlySet<ErrorCode> = new Set(['AF_CONFIRMATION_REQUIRED']);

export interface ErrorReply {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** True for server faults, which are logged with their stack (never sent). */
  fault: boolean;
}

/** Which part of the request a validation problem is in; body paths are bare, the others are prefixed. */
export type HttpPart = 'body' | 'querystring' | 'params' | 'headers';

const PART_PREFIX: Record<string, string> = { querystring: 'query', params: 'params', headers: 'headers' };

/** A request that did not match its Zod schema; carries every problem with its path. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_VALIDATION';
  readonly issues: ApiIssue[];

  constructor(part: string, problems: readonly { path: readonly PropertyKey[]; message: string }[]) {
    super(`invalid request ${PART_PREFIX[part] ?? part}`);
    this.name = 'RequestValidationError';
    const prefix = PART_PREFIX[part];
    this.issues = problems.map((p) => ({
      path: joinPath(prefix, p.path),
      message: p.message,
      code: 'AF_VALIDATION',
    }));
  }
}

/** `['agents', 0, 'id']` -> `agents[0].id` (the path style of every AgentFlow issue). */
export function joinPath(prefix: string | undefined, path: readonly PropertyKey[]): string {
  let out = prefix ?? '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** `/agents/0/id` (Ajv's instancePath) -> `agents[0].id`. */
function pointerPath(prefix: string | undefined, pointer: string): string {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  return joinPath(prefix, keys);
}

function toApiIssues(issues: readonly Issue[]): ApiIssue[] {
  return issues.map((i) => ({ path: i.path, message: i.message, code: i.code }));
}

interface FastifyishError {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  validation?: { instancePath?: string; message?: string; params?: { missingProperty?: string } }[];
  validationContext?: string;
}

/**
 * Turns anything thrown while handling a request into the response to send. AgentFlow errors keep their code
 * and message (except server faults, which get a generic message); Fastify's client errors (malformed JSON,
 * schema mismatches, body too large) become AF_VALIDATION (or AF_LIMIT_EXCEEDED...) with their own status;
 * anything else is a 500 whose details stay in the log.
 */
export function toErrorReply(error: unknown, requestId?: string): ErrorReply {
  const headers: Record<string, string> = {};
  const withId = (body: ErrorBody['error']): ErrorBody => ({
    error: requestId === undefined ? body : { ...body, requestId },
  });
  if (isAgentFlowError(error)) {
    const status = HTTP_STATUS[error.code] ?? 500;
    if (error.retryAfterMs !== undefined && (status === 429 || status === 502 || status === 503)) {
      headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
    }
    if (status >= 500 && status !== 502 && status !== 504) {
      return {
        status,
        headers,
        fault: true,
        body: withId({ code: error.code, message: INTERNAL_MESSAGE }),
      };
    }
    const body: ErrorBody['error'] = { code: error.code, message: error.message };
    if (error.issues && error.issues.length > 0) body.issues = toApiIssues(error.issues);
    if (error.details && PUBLIC_DETAILS.has(error.code)) body.details = error.details;
    return { status, headers, fault: false, body: withId(body) };
  }
  if (error instanceof RequestValidationError) {
    return {
      status: 400,
      headers,
      fault: false,
      body: withId({ code: 'AF_VALIDATION', message: error.message, issues: error.issues }),
    };
  }
  const e = (typeof error === 'object' && error !== null ? error : {}) as FastifyishError;
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = FASTIFY_CLIENT_CODES[status] ?? 'AF_VALIDATION';
    const message = typeof e.message === 'string' ? e.message : 'bad request';
    const body: ErrorBody['error'] = { code, message };
    if (Array.isArray(e.validation)) {
      const prefix = PART_PREFIX[e.validationContext ?? 'body'];
      body.issues = e.validation.map((v) => {
        const missing = v.params?.missingProperty;
        const pointer = `${v.instancePath ?? ''}${missing ? `/${missing}` : ''}`;
        return { path: pointerPath(prefix, pointer), message: v.message ?? 'invalid', code: 'AF_VALIDATION' };
      });
    } else if (typeof e.code === 'string' && e.code.startsWith('FST_ERR_CTP_')) {
      // Fastify's body errors (empty, malformed, too large, unsupported media type): say where.
      const path = e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'headers.content-type' : 'body';
      body.issues = [{ path, message, code }];
    }
    return { status, headers, fault: false, body: withId(body) };
  }
  return {
    status: 500,
    headers,
    fault: true,
    body: withId({ code: 'AF_INTERNAL', message: INTERNAL_MESSAGE }),
  };
}

/** An error body for a status the server decides itself (unknown route...). */
export function errorBody(code: ErrorCode, message: string, requestId?: string): ErrorBody {
  return { error: requestId === undefined ? { code, message } : { code, message, requestId } };
}
