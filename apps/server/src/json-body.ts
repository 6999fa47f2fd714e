/**
 * Every JSON request body (REST, GraphQL variables, MCP messages) is pre-scanned before it is parsed: nesting
 * deeper than 64 levels is a 400 `AF_INPUT_TOO_DEEP` with the path, more than 50,000 object keys and array items
 * a 413 `AF_INPUT_TOO_LARGE` (`JSON_LIMITS` in @agentflow/protocol, shared with the CLI and importers). The scan
 * is one linear pass over the text, so a hostile body neither overflows a stack later (`JSON.stringify` when the
 * input is stored) nor keeps the event loop busy for seconds. GraphQL documents get the same depth check (their
 * literals can nest as deep as JSON, and graphql-js parses them recursively).
 */
import { AgentFlowError, JSON_LIMITS, type JsonLimits, scanJsonText } from '@agentflow/protocol';
import type { FastifyInstance } from 'fastify';

/** Replaces Fastify's JSON parser (keeping its prototype-poisoning checks) with one that scans first. */
export function registerJsonLimits(app: FastifyInstance, limits: Partial<JsonLimits> = {}): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const issue = scanJsonText(body as string, limits);
    if (issue) {
      done(new AgentFlowError(issue.code, issue.message, { issues: [issue] }), undefined);
      return;
    }
    parse(request, body as string, done);
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
    if (issue) {
      const path = issue.path === '' ? 'query' : `query ${issue.path}`;
      throw new AgentFlowError(issue.code, issue.message, { issues: [{ ...issue, path }] });
    }
  });
}
