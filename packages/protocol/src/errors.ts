/**
 * Stable error codes. Every error AgentFlow reports carries one of these codes, a category, a retryable flag and
 * a remedy. Only the HTTP server maps codes to status codes; nothing in protocol or core knows about HTTP.
 */
export type ErrorCategory = 'user' | 'system' | 'provider';

export interface ErrorCodeInfo {
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  readonly remedy: string;
}

export const ERROR_CODES = {
  AF_VALIDATION: { category: 'user', retryable: false, remedy: 'Fix every listed problem and try again.' },
  AF_UNKNOWN_NODE_TYPE: {
    category: 'user',
    retryable: false,
    remedy: 'Use a registered node type (agentflow schema lists them).',
  },
  AF_INVALID_CONFIG: {
    category: 'user',
    retryable: false,
    remedy: "Make the node's config match its type's schema.",
  },
  AF_DUPLICATE_ID: {
    category: 'user',
    retryable: false,
    remedy: 'Give every agent and connection a unique id.',
  },
  AF_DANGLING_CONNECTION: {
    category: 'user',
    retryable: false,
    remedy: 'Connect only agents that exist in the workflow.',
  },
  AF_DUPLICATE_CONNECTION: { category: 'user', retryable: false, remedy: 'Remove the repeated connection.' },
  AF_UNREACHABLE_NODE: {
    category: 'user',
    retryable: false,
    remedy: 'Connect the node to a path that starts at an input node, or remove it.',
  },
  AF_NO_INPUT_NODE: {
    category: 'user',
    retryable: false,
    remedy: 'Add a node with no incoming connections (an input node).',
  },
  AF_UNBOUNDED_CYCLE: {
    category: 'user',
    retryable: false,
    remedy: 'Route every cycle through a router with maxIterations, or use a loop node.',
  },
  AF_LIMIT_EXCEEDED: {
    category: 'user',
    retryable: false,
    remedy: 'Make the definition smaller or raise the limit in configuration.',
  },
  AF_INPUT_TOO_DEEP: {
    category: 'user',
    retryable: false,
    remedy: 'Nest the JSON less deeply (objects and arrays at most 64 levels).',
  },
  AF_INPUT_TOO_LARGE: {
    category: 'user',
    retryable: false,
    remedy: 'Send fewer keys and array items in one request (at most 50,000).',
  },
  AF_INVALID_EXPRESSION: {
    category: 'user',
    retryable: false,
    remedy: 'Fix the CEL expression (see https://cel.dev).',
  },
  AF_INVALID_INPUT: {
    category: 'user',
    retryable: false,
    remedy: "Make the input match the input node's schema.",
  },
  AF_INVALID_RESUME_PAYLOAD: {
    category: 'user',
    retryable: false,
    remedy: "Make the payload match the human node's schema.",
  },
  AF_EXPRESSION_ERROR: {
    category: 'user',
    retryable: false,
    remedy: 'The expression failed at run time; guard missing fields with has().',
  },
  AF_EXPRESSION_LIMIT: {
    category: 'user',
    retryable: false,
    remedy:
      'The expression exceeded its cost budget (too many iterations or too much data); simplify it or split the work across nodes.',
  },
  AF_NODE_FAILED: {
    category: 'system',
    retryable: false,
    remedy: "See the step's error; add a retry policy or an onError connection.",
  },
  AF_TIMEOUT: {
    category: 'system',
    retryable: true,
    remedy: "Raise the node's timeoutMs or make the work faster.",
  },
  AF_EXECUTION_TIMEOUT: {
    category: 'system',
    retryable: false,
    remedy: "Raise the workflow's config.timeoutMs.",
  },
  AF_CANCELLED: {
    category: 'user',
    retryable: false,
    remedy: 'The execution was cancelled; start a new one if needed.',
  },
  AF_MAX_STEPS: {
    category: 'user',
    retryable: false,
    remedy: "Raise config.maxSteps or bound the workflow's loops.",
  },
  AF_LOOP_LIMIT: {
    category: 'user',
    retryable: false,
    remedy: 'The loop reached its maxIterations without exiting; check its exit route.',
  },
  AF_INVALID_OUTPUT: {
    category: 'user',
    retryable: false,
    remedy:
      'Return a JSON value from the node: no cycles, no BigInt, no toJSON or getter that throws (see the path).',
  },
  AF_OUTPUT_TOO_LARGE: {
    category: 'user',
    retryable: false,
    remedy:
      "Return less from the node (by default at most 16 MiB of JSON nested at most 64 levels, 256 MiB over an execution's steps), or raise the limit (valueLimits, AGENTFLOW_MAX_VALUE_CHARS, AGENTFLOW_MAX_EXECUTION_CHARS).",
  },
  AF_NOT_FOUND: { category: 'user', retryable: false, remedy: 'Check the id.' },
  AF_NOT_RESUMABLE: {
    category: 'user',
    retryable: false,
    remedy: 'Only queued, running or paused executions can be resumed.',
  },
  AF_WORKFLOW_ARCHIVED: {
    category: 'user',
    retryable: false,
    remedy: 'The workflow is archived and never runs; set its status to active (or draft) to run it again.',
  },
  AF_WORKFLOW_DRAFT: {
    category: 'user',
    retryable: false,
    remedy:
      'Drafts run only from the editor and the API; set the status to active to run it through MCP or triggers.',
  },
  AF_STRUCTURED_OUTPUT_INVALID: {
    category: 'provider',
    retryable: true,
    remedy: 'The model did not return JSON matching the schema; simplify the schema or raise retries.',
  },
  AF_MAX_AGENT_STEPS: {
    category: 'provider',
    retryable: false,
    remedy: "Raise the agent's maxSteps or simplify its tools.",
  },
  AF_PROVIDER_ERROR: {
    category: 'provider',
    retryable: true,
    remedy: 'The model provider failed; retries and fallback apply.',
  },
  AF_PROVIDER_RATE_LIMITED: {
    category: 'provider',
    retryable: true,
    remedy: 'The provider rate-limited the call; it is retried after Retry-After.',
  },
  AF_PROVIDER_NOT_CONFIGURED: {
    category: 'user',
    retryable: false,
    remedy: 'Configure the provider (its API key or base URL).',
  },
  AF_UNSUPPORTED_SETTING: {
    category: 'user',
    retryable: false,
    remedy:
      'The provider or model does not take this setting (frequencyPenalty, presencePenalty): remove it, or use a provider that supports it (OpenAI, OpenAI-compatible, Gemini).',
  },
  AF_CREDENTIAL_SCOPE: {
    category: 'user',
    retryable: false,
    remedy:
      "A key is sent only to the base URLs it is bound to: bind the credential to this URL (its baseURLs), or use the provider's configured endpoint.",
  },
  AF_EGRESS_REFUSED: {
    category: 'user',
    retryable: false,
    remedy:
      'The address is private, loopback, link-local or metadata (or not http/https); an admin may allow it in AGENTFLOW_EGRESS_ALLOW.',
  },
  AF_TOOL_ERROR: { category: 'system', retryable: false, remedy: "See the tool's error message." },
  AF_UNKNOWN_TOOL: { category: 'user', retryable: false, remedy: 'Use a tool the tool host provides.' },
  AF_TOOL_REJECTED: {
    category: 'user',
    retryable: false,
    remedy: 'A person rejected this tool call; check what led to it, or approve it when it is asked again.',
  },
  AF_LEASE_LOST: { category: 'system', retryable: true, remedy: 'Another worker owns the execution now.' },
  AF_INTERNAL: {
    category: 'system',
    retryable: false,
    remedy: 'This is a bug in AgentFlow; please report it with the execution id.',
  },
  AF_UNAUTHENTICATED: {
    category: 'user',
    retryable: false,
    remedy: 'Sign in again (or refresh the session), or send a valid API key as a Bearer token.',
  },
  AF_FORBIDDEN: {
    category: 'user',
    retryable: false,
    remedy: 'Ask a workspace owner or admin for a role that grants this permission.',
  },
  AF_RATE_LIMITED: {
    category: 'user',
    retryable: true,
    remedy: 'Too many requests: wait for retryAfterMs, or move the workspace to a higher plan.',
  },
  AF_BUDGET_EXCEEDED: {
    category: 'user',
    retryable: false,
    remedy:
      'A spend limit (details.limit: workspace or workflow, daily or monthly, or the per-execution cap) would be passed by this model call: raise it, then resume a paused execution.',
  },
  AF_CONFLICT: {
    category: 'user',
    retryable: false,
    remedy: 'It conflicts with the current state (a duplicate, the last owner); change it and retry.',
  },
  AF_CSRF: {
    category: 'user',
    retryable: false,
    remedy: 'Send the CSRF token from the csrf cookie in the X-CSRF-Token header, from the same origin.',
  },
  AF_CONFIRMATION_REQUIRED: {
    category: 'user',
    retryable: false,
    remedy: 'Review the listed targets, then repeat the request with `confirm` set to the digest given.',
  },
  AF_TRIGGER_DISABLED: {
    category: 'user',
    retryable: false,
    remedy:
      'The trigger is turned off; enable it (PATCH /triggers/:id {enabled: true}) to start the workflow.',
  },
  AF_WEBHOOK_SIGNATURE: {
    category: 'user',
    retryable: false,
    remedy:
      "Sign the raw body with the hook's secret (X-Hub-Signature-256 or Stripe-Signature, a current timestamp) " +
      'or send its bearer token.',
  },
  AF_WEBHOOK_REPLAY: {
    category: 'user',
    retryable: false,
    remedy: 'This signed request was already received; sign each delivery anew (a new timestamp or body).',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A problem found in a definition or a payload, with the path of the bad field. */
export interface Issue {
  readonly code: ErrorCode;
  /** JS-style path into the checked value, e.g. `agents[2].config.model`; empty for the whole value. */
  readonly path: string;
  readonly message: string;
}

/** Plain-JSON form of an error, as stored on steps and executions and sent in events. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  retryable?: boolean;
  issues?: Issue[];
  /** Milliseconds the caller should wait before retrying (from a provider's Retry-After, for example). */
  retryAfterMs?: number;
  details?: Record<string, unknown>;
}

const BRAND = Symbol.for('agentflow.error');

export interface AgentFlowErrorOptions {
  issues?: Issue[];
  retryable?: boolean;
  retryAfterMs?: number;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one error class. Branded with a global symbol so `isAgentFlowError` works across duplicate package copies.
 */
export class AgentFlowError extends Error {
  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AgentFlowErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AgentFlowError';
    this.code = code;
    this.issues = options.issues;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }

  get category(): ErrorCategory {
    return ERROR_CODES[this.code].category;
  }

  get remedy(): string {
    return ERROR_CODES[this.code].remedy;
  }

  toJSON(): ErrorInfo {
    return toErrorInfo(this);
  }
}

export function isAgentFlowError(value: unknown): value is AgentFlowError {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** Turns anything thrown into plain JSON. Unknown errors become AF_NODE_FAILED with their message only. */
export function toErrorInfo(error: unknown, fallback: ErrorCode = 'AF_NODE_FAILED'): ErrorInfo {
  if (isAgentFlowError(error)) {
    const info: ErrorInfo = { code: error.code, message: error.message, retryable: error.retryable };
    if (error.issues) info.issues = error.issues;
    if (error.retryAfterMs !== undefined) info.retryAfterMs = error.retryAfterMs;
    if (error.details) info.details = error.details;
    return info;
  }
  if (typeof error === 'object' && error !== null && isErrorCode((error as { code?: unknown }).code)) {
    const e = error as ErrorInfo;
    return { ...e, message: String(e.message ?? e.code) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: fallback, message, retryable: ERROR_CODES[fallback].retryable };
}

export function fromErrorInfo(info: ErrorInfo): AgentFlowError {
  const options: AgentFlowErrorOptions = {};
  if (info.issues) options.issues = info.issues;
  if (info.retryable !== undefined) options.retryable = info.retryable;
  if (info.retryAfterMs !== undefined) options.retryAfterMs = info.retryAfterMs;
  if (info.details) options.details = info.details;
  return new AgentFlowError(info.code, info.message, options);
}

/** Formats issues one per line: `agents[2].config.model: required`. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path || '(root)'}: ${i.message} [${i.code}]`).join('\n');
}
