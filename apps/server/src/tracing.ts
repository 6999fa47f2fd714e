import type { RuntimeTracing, TraceSpan } from '@agentflow/runtime';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's span, when tracing is on. */
    traceSpan?: TraceSpan;
  }
}

/**
 * A span per HTTP request when tracing is on (ARCHITECTURE.md §11e "Traces"): a Fastify hook, no
 * monkeypatching. The span continues the caller's W3C `traceparent` header when it has one, is the current
 * context of the request's handlers (an execution started or queued there continues its trace), and follows the
 * HTTP semantic conventions: named `<method> <route>`, `http.request.method`, `url.path`, `url.scheme`,
 * `http.route`, `http.response.status_code`, `error.type` and status ERROR on a 5xx.
 */
export function registerTracing(app: FastifyInstance, tracing: RuntimeTracing | undefined): void {
  if (!tracing) return;
  app.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url;
    const header = request.headers.traceparent;
    const path = request.url.split('?', 1)[0]!;
    const span = tracing.tracer.startSpan(route ? `${request.method} ${route}` : request.method, {
      kind: 'server',
      ...(typeof header === 'string' ? { parent: header } : { root: true }),
      attributes: {
        'http.request.method': request.method,
        'url.path': path,
        'url.scheme': request.protocol,
        'http.route': route,
        'user_agent.original': userAgent(request),
      },
    });
    request.traceSpan = span;
    // A WebSocket upgrade's reply is hijacked (no onResponse): its span ends when the connection closes.
    if (request.headers.upgrade?.toLowerCase() === 'websocket') {
      request.raw.socket.once('close', () => endSpan(request, 101));
    }
    // Synchronous hook: `done` runs the rest of the request inside the span's context.
    tracing.enter(span);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    endSpan(request, reply.statusCode);
    done();
  });
  // A request whose client went away before the response: ended with what is known.
  app.addHook('onRequestAbort', (request, done) => {
    request.traceSpan?.setAttributes({ 'agentflow.http.aborted': true });
    endSpan(request, undefined);
    done();
  });
}

function endSpan(request: FastifyRequest, status: number | undefined): void {
  const span = request.traceSpan;
  if (!span) return;
  if (status !== undefined) {
    span.setAttributes({ 'http.response.status_code': status });
    if (status >= 500) span.fail(String(status));
  }
  span.end();
}

function userAgent(request: FastifyRequest): string | undefined {
  const value = request.headers['user-agent'];
  return typeof value === 'string' ? value.slice(0, 300) : undefined;
}
