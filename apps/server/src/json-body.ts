/**
 * Every JSON request body (REST, GraphQL variables, MCP messages) is pre-scanned before it is parsed: nesting
 * deeper than 64 levels is a 400 `AF_INPUT_TOO_DEEP` with the path, more than 50,000 object keys and array items
 * a 413 `AF_INPUT_TOO_LARGE` (`JSON_LIMITS` in @agentflow/protocol, shared with the CLI and importers). The scan
 * is one linear pass over the text, so a hostile body neither overflows a stack later (`JSON.stringify` when the
 * input is stored) nor keeps the event loop busy for seconds. GraphQL documents get the same depth check (their
 * literals can nest as deep as JSON, and graphql-js parses them recursively).
 */
import {
  AgentFlowError,
  type Issue,
  JSON_LIMITS,
  type JsonLimits,
  JsonStreamScanner,
  scanJsonText,
} from '@agentflow/protocol';
import { errorCodes, type FastifyInstance } from 'fastify';
import { discardRestOfBody } from './discard-body.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Max items of the arrays under these top-level keys of the JSON body (`{ agents: 500 }`), counted by the
     * pre-scan so an oversized body is refused before it is parsed. (Default: none)
     */
    jsonItemLimits?: Readonly<Record<string, number>>;
  }
}

/** Requests whose body was refused by the scan before its end (the rest is being drained). */
const refusedEarly = new WeakSet<object>();
/** Requests whose JSON text has no `\u0000` or surrogate escape and no raw lone surrogate. */
const cleanText = new WeakSet<object>();
/** `\u0000` or `\ud800`-`\udfff` escapes, or a raw lone surrogate (a surrogate pair is one code point in `u` mode). */
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * False when the request's body is JSON whose raw text cannot hold text that `textProblem` refuses (checked
 * with two native regex scans while parsing), so the walk over every parsed string can be skipped.
 */
export function bodyMayHoldBadText(request: object): boolean {
  return !cleanText.has(request);
}

/**
 * Replaces Fastify's JSON parser (keeping its prototype-poisoning checks) with one that scans the body's bytes as
 * they arrive (`JsonStreamScanner`), before they are concatenated, decoded or parsed. A body that breaks a limit
 * (too deep, too many entries, too many agents) is refused at the chunk that breaks it, answered at once; the
 * rest of the body is read and dropped unscanned and never decoded (the connection stays usable), so an oversized
 * workflow costs the server about the same as a small one.
 */
export function registerJsonLimits(app: FastifyInstance, limits: Partial<JsonLimits> = {}): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  const bodyLimit = app.initialConfig.bodyLimit ?? 1024 * 1024;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', (request, payload, done) => {
    const limit = request.routeOptions.bodyLimit ?? bodyLimit;
    const contentLength = Number(request.headers['content-length']);
    if (contentLength > limit) {
      done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), undefined);
      return;
    }
    const itemLimits = request.routeOptions.config?.jsonItemLimits;
    const scanner = new JsonStreamScanner(itemLimits ? { ...limits, maxTopLevelItems: itemLimits } : limits);
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onEnd);
    };
    function onData(chunk: Buffer | string): void {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += bytes.length;
      if (received > limit) {
        stop();
        done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), undefined);
        return;
      }
      const issue = scanner.write(bytes);
      if (issue) {
        // Answer now; the rest of the body is read and dropped on a connection kept open, so a client still
        // sending gets the answer instead of a reset. With a Content-Length (within the limit, checked above) the
        // HTTP parser drops it without copying it into Buffers (discard-body.ts); else it is read as a stream and
        // counted against the limit.
        stop();
        chunks.length = 0;
        refusedEarly.add(request);
        const discarded =
          !Number.isNaN(contentLength) && payload === request.raw && discardRestOfBody(request.raw);
        if (!discarded) {
          payload.on('data', (rest: Buffer | string) => {
            received += rest.length;
            if (received > limit) payload.destroy();
          });
        }
        payload.resume();
        done(limitError(issue), undefined);
        return;
      }
      chunks.push(bytes);
    }
    function onEnd(error?: Error & { statusCode?: number }): void {
      stop();
      if (error) {
        if (!(typeof error.statusCode === 'number' && error.statusCode >= 400)) error.statusCode = 400;
        done(error, undefined);
        return;
      }
      if (!Number.isNaN(contentLength) && received !== contentLength) {
        done(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH(), undefined);
        return;
      }
      const text =
        chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, received).toString('utf8');
      parse(request, text, (parseError, value) => {
        if (parseError) {
          done(explainJsonError(text, parseError), undefined);
          return;
        }
        if (!SUSPECT_ESCAPE.test(text) && !LONE_SURROGATE.test(text)) cleanText.add(request);
        done(null, value);
      });
    }
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onEnd);
    payload.resume();
  });
  // Fastify closes the connection after any body error, as the client may send more: the drain above reads it.
  app.addHook('onSend', async (request, reply) => {
    if (refusedEarly.has(request)) reply.removeHeader('connection');
  });

  // GraphQL documents: as a POST body's `query`, an `application/graphql` body, or `?query=` on GET.
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.url !== '/graphql') return;
    const body = request.body;
    const query =
      typeof body === 'string'
        ? body
        : ((body as { query?: unknown } | null | undefined)?.query ??
          (request.query as { query?: unknown } | undefined)?.query);
    if (typeof query !== 'string') return;
    const issue = scanJsonText(query, {
      maxDepth: limits.maxDepth ?? JSON_LIMITS.maxDepth,
      maxEntries: Number.POSITIVE_INFINITY,
      hashComments: true,
    });
    // graphql-js refuses lone surrogate escapes itself, but decodes `\u0000` into a NUL no store can keep.
    if (/\\u(?:0000|\{0+\})/.test(query)) {
      const message = 'a NUL character (\\u0000) in a string literal';
      throw new AgentFlowError('AF_VALIDATION', `the GraphQL document has ${message}`, {
        issues: [{ code: 'AF_VALIDATION', path: 'query', message }],
      });
    }
    if (issue) {
      const path = issue.path === '' ? 'query' : `query ${issue.path}`;
      throw new AgentFlowError(issue.code, issue.message, { issues: [{ ...issue, path }] });
    }
  });
}

/** The refusal of a body that breaks a limit: a workflow's item limit is a validation issue at its key. */
function limitError(issue: Issue): AgentFlowError {
  if (issue.code === 'AF_LIMIT_EXCEEDED') {
    return new AgentFlowError('AF_VALIDATION', 'request body is over a limit', { issues: [issue] });
  }
  return new AgentFlowError(issue.code, issue.message, { issues: [issue] });
}

/**
 * Fastify's parser says only "Body is not valid JSON" for malformed text and for prototype-poisoning keys alike.
 * This says which: a `__proto__` key (or `constructor.prototype`) with its path, or the syntax error at `body`.
 * An empty body keeps Fastify's error (its path, `body`, is added when the error is answered).
 */
function explainJsonError(text: string, error: Error): Error {
  if (text.trim() === '') return error;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (syntax) {
    const detail = syntax instanceof Error ? syntax.message : String(syntax);
    const issue: Issue = { code: 'AF_VALIDATION', path: 'body', message: `not valid JSON: ${detail}` };
    return new AgentFlowError('AF_VALIDATION', 'Body is not valid JSON', { issues: [issue] });
  }
  const path = forbiddenKeyPath(value);
  if (path === undefined) return error;
  const issue: Issue = {
    code: 'AF_VALIDATION',
    path,
    message: 'key is not allowed (prototype pollution guard: "__proto__" and "constructor.prototype")',
  };
  return new AgentFlowError('AF_VALIDATION', `Body has a forbidden key at ${path}`, { issues: [issue] });
}

/** Path of the first `__proto__` key or `constructor` object holding `prototype` (iterative walk). */
function forbiddenKeyPath(root: unknown): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]` });
      continue;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === '__proto__') return join(path, key);
      const child = record[key];
      if (key === 'constructor' && typeof child === 'object' && child !== null && 'prototype' in child) {
        return join(join(path, key), 'prototype');
      }
      stack.push({ value: child, path: join(path, key) });
    }
  }
  return undefined;
}
