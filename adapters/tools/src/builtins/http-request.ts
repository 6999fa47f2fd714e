import { defineTool, type Tool } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import type { EgressGuard } from '../egress/guard.js';
import { decodeBody } from './body.js';

export interface HttpRequestToolOptions {
  egress: EgressGuard;
  /** Time limit when the call sets none; calls may ask for up to 120 s. (Default: 30000 ms) */
  timeoutMs?: number;
  /** Response body cap. (Default: 1 MiB) */
  maxResponseBytes?: number;
}

export interface HttpRequestInput {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  json?: unknown;
  form?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export interface HttpRequestOutput {
  status: number;
  headers: Record<string, string>;
  url: string;
  /** Parsed JSON for JSON responses, text for text, base64 for anything else (see `encoding`). */
  body: unknown;
  encoding: 'json' | 'text' | 'base64';
}

/** Headers the caller may not set: the transport owns them. */
const FORBIDDEN_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-authorization',
  'proxy-connection',
]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * `http_request`: calls an HTTP API through the egress guard. JSON (`json`), form (`form`) or raw (`body`)
 * bodies; non-GET requests carry the step's idempotency key as `Idempotency-Key` unless the call sets one.
 * HTTP error statuses are results (the agent sees `status`); egress refusals, timeouts and oversized responses
 * are tool errors.
 */
export function createHttpRequestTool(
  options: HttpRequestToolOptions,
): Tool<HttpRequestInput, HttpRequestOutput> {
  const maxResponseBytes = options.maxResponseBytes ?? 1024 * 1024;
  return defineTool<HttpRequestInput, HttpRequestOutput>({
    name: 'http_request',
    description:
      'Makes an HTTP request to a public URL and returns the status, headers and body (JSON parsed). ' +
      'Use `json` for a JSON body, `form` for a form body, or `body` for raw text.',
    // GET, HEAD and OPTIONS only read; any other method may change something (and waits for approval).
    sideEffect: (input) => !SAFE_METHODS.has(String(input?.method ?? 'GET').toUpperCase()),
    inputSchema: {
      type: 'object',
      properties: {
        url: { type: 'string', minLength: 1, maxLength: 8192, description: 'http(s) URL.' },
        method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'], default: 'GET' },
        headers: {
          type: 'object',
          additionalProperties: { type: 'string', maxLength: 8192 },
          maxProperties: 50,
        },
        query: {
          type: 'object',
          additionalProperties: { type: ['string', 'number', 'boolean'] },
          maxProperties: 100,
        },
        json: { description: 'JSON request body.' },
        form: { type: 'object', additionalProperties: { type: 'string' }, maxProperties: 200 },
        body: { type: 'string', maxLength: 1_000_000 },
        timeoutMs: { type: 'integer', minimum: 1, maximum: 120_000 },
      },
      required: ['url'],
      additionalProperties: false,
    },
    outputSchema: {
      type: 'object',
      properties: {
        status: { type: 'integer' },
        headers: { type: 'object' },
        url: { type: 'string' },
        body: {},
        encoding: { enum: ['json', 'text', 'base64'] },
      },
      required: ['status', 'headers', 'url', 'body', 'encoding'],
    },
    async run(input, ctx) {
      const method = input.method ?? 'GET';
      const bodies = [input.json !== undefined, input.form !== undefined, input.body !== undefined];
      if (bodies.filter(Boolean).length > 1) throw badInput('set at most one of json, form and body');
      if (bodies.some(Boolean) && (method === 'GET' || method === 'HEAD')) {
        throw badInput(`a ${method} request cannot have a body`);
      }
      const url = new URL(input.url);
      for (const [key, value] of Object.entries(input.query ?? {}))
        url.searchParams.append(key, String(value));

      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(input.headers ?? {})) {
        const lower = name.toLowerCase();
        if (FORBIDDEN_HEADERS.has(lower) || !/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(lower)) {
          throw badInput(`header ${JSON.stringify(name)} may not be set`);
        }
        headers[lower] = value;
      }
      let body: string | URLSearchParams | undefined;
      if (input.json !== undefined) {
        body = JSON.stringify(input.json);
        headers['content-type'] ??= 'application/json';
      } else if (input.form !== undefined) {
        body = new URLSearchParams(input.form);
      } else {
        body = input.body;
      }
      if (!SAFE_METHODS.has(method)) headers['idempotency-key'] ??= ctx.idempotencyKey;
      headers['user-agent'] ??= 'AgentFlow (http_request)';

      const response = await options.egress.request(
        url,
        { method, headers, body, signal: ctx.signal },
        { timeoutMs: input.timeoutMs ?? options.timeoutMs ?? 30_000, maxResponseBytes },
      );
      const decoded = decodeBody(response.body, response.headers['content-type']);
      return { status: response.status, headers: response.headers, url: response.url, ...decoded };
    },
  });
}

function badInput(message: string): AgentFlowError {
  return new AgentFlowError('AF_TOOL_ERROR', `http_request: ${message}`, { retryable: false });
}
