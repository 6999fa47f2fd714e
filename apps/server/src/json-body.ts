/**
 * Every JSON request body (REST, GraphQL variables, MCP messages) is pre-scanned before it is parsed: nesting
 * deeper than 64 levels is a 400 `AF_INPUT_TOO_DEEP` with the path, more than 50,000 object keys and array items
 * a 413 `AF_INPUT_TOO_LARGE` (`JSON_LIMITS` in @agentflow/protocol, shared with the CLI and importers). The scan
 * is one linear pass over the text, so a hostile body neither overflows a stack later (`JSON.stringify` when the
 * input is stored) nor keeps the event loop busy for seconds. GraphQL documents get the same depth check (their
 * literals can nest as deep as JSON, and graphql-js parses them recursively).
 */
import { AgentFlowError, type Issue, JSON_LIMITS, type JsonLimits, scanJsonText } from '@agentflow/protocol';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Max items of the arrays under these top-level keys of the JSON body (`{ agents: 500 }`), counted by the
     * pre-scan so an oversized body is refused before it is parsed. (Default: none)
     */
    jsonItemLimits?: Readonly<Record<string, number>>;
  }
}

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

/** Replaces Fastify's JSON parser (keeping its prototype-poisoning checks) with one that scans first. */
export function registerJsonLimits(app: FastifyInstance, limits: Partial<JsonLimits> = {}): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const itemLimits = request.routeOptions.config?.jsonItemLimits;
    const issue = scanJsonText(
      body as string,
      itemLimits ? { ...limits, maxTopLevelItems: itemLimits } : limits,
    );
    if (issue?.code === 'AF_LIMIT_EXCEEDED') {
      done(
        new AgentFlowError('AF_VALIDATION', 'request body is over a limit', { issues: [issue] }),
        undefined,
      );
      return;
    }
    if (issue) {
      done(new AgentFlowError(issue.code, issue.message, { issues: [issue] }), undefined);
      return;
    }
    parse(request, body as string, (error, value) => {
      if (error) {
        done(explainJsonError(body as string, error), undefined);
        return;
      }
      const text = body as string;
      if (!SUSPECT_ESCAPE.test(text) && !LONE_SURROGATE.test(text)) cleanText.add(request);
      done(null, value);
    });
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
