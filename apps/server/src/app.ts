/**
 * `buildServer`: the HTTP shell over the runtime. REST (`/api/v1`, OpenAPI at `/docs`), GraphQL (`/graphql`),
 * the WebSocket monitor (`/ws/workflows/:id/monitor`), health probes. Routes only call runtime services.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { AgentFlowError, findTextProblems, type JsonLimits } from '@agentflow/protocol';
import { LOG_REDACT, type Runtime } from '@agentflow/runtime';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { zodApi } from './api.js';
import { type DeclaredRoute, installAuth, type RequestLimiter } from './auth.js';
import { type AuthPort, createRuntimeAuth } from './auth-port.js';
import { errorBody, toErrorReply } from './errors.js';
import { EventHub, type EventHubOptions } from './events/event-hub.js';
import { type GraphQLOptions, registerGraphQL } from './graphql/plugin.js';
import { bodyMayHoldBadText, registerJsonLimits } from './json-body.js';
import { type MetricsOptions, registerMetrics, type ServerMetrics } from './metrics.js';
import { registerOpenApi } from './openapi.js';
import { installRefusalAudit, installRequestMeta, type RefusalAuditOptions } from './request-audit.js';
import { registerMcp } from './routes/mcp.js';
import { type CorsOptions, registerSecurity, STATIC_SECURITY_HEADERS } from './security.js';
import { registerTracing } from './tracing.js';
import { resolveTransport, type TlsOptions, trustsProxy } from './transport.js';
import { registerWebApp, type WebAppOptions } from './web-app.js';

export interface BuildServerOptions {
  runtime: Runtime;
  /** Turns credentials into principals. (Default: the runtime's auth: access tokens and API keys) */
  auth?: AuthPort;
  /** Counts requests per plan tier; `false` turns limits off. (Default: the runtime's rate limiter) */
  rateLimiter?: RequestLimiter | false;
  /**
   * Trust X-Forwarded-* from reverse proxies (client IPs for rate limits, https for Secure cookies). (Default:
   * the runtime config's `trustProxy`, from `AGENTFLOW_TRUST_PROXY`; false)
   */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Serve HTTPS with this certificate and key. (Default: `AGENTFLOW_TLS_CERT` / `AGENTFLOW_TLS_KEY` files; HTTP) */
  https?: TlsOptions;
  /** `Secure` on session cookies whatever the protocol. (Default: NODE_ENV=production; else HTTPS requests only) */
  secureCookies?: boolean;
  /** pino options, `false` for silence, or a logger instance. (Default: level from the runtime config) */
  logger?: boolean | FastifyServerOptions['logger'] | FastifyBaseLogger;
  /** Replay buffer of the live event stream. (Defaults: 1000 events per execution, 256 executions) */
  events?: Pick<EventHubOptions, 'perExecution' | 'maxExecutions'>;
  graphql?: GraphQLOptions;
  /** Largest request body, bytes. (Default: the runtime config's `maxBodyBytes`, 1 MiB) */
  bodyLimit?: number;
  /** Depth and key/item count of JSON bodies, checked before parsing. (Default: `JSON_LIMITS`, 64 and 50,000) */
  jsonLimits?: Partial<JsonLimits>;
  /** `/metrics` (Prometheus); `false` leaves it out. (Default: on, token from `AGENTFLOW_METRICS_TOKEN`) */
  metrics?: MetricsOptions | false;
  /** Browser origins allowed to call the API. (Default: `AGENTFLOW_CORS_ORIGINS`, comma-separated; none = off) */
  cors?: CorsOptions;
  /** How refused requests (401/403) are audited (request-audit.ts). (Default: 10 per source IP and minute) */
  refusalAudit?: Omit<RefusalAuditOptions, 'count'>;
  /** The web app at `/` (apps/web/dist). (Default: served when built; see WebAppOptions) */
  web?: WebAppOptions;
}

export interface AgentFlowServerState {
  readonly hub: EventHub;
  /** Every route with its declared permission (what the role x route matrix test walks). */
  readonly routes: readonly DeclaredRoute[];
  /** The Prometheus metrics, unless turned off. */
  readonly metrics: ServerMetrics | undefined;
  /** Session cookies are `Secure` whatever the request's protocol (production). */
  readonly secureCookies: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    agentflow: AgentFlowServerState;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { runtime } = options;
  const auth = options.auth ?? createRuntimeAuth(runtime);
  const limiter = options.rateLimiter === false ? undefined : (options.rateLimiter ?? runtime.rateLimiter);
  const transport = resolveTransport(options, runtime.config);
  const app = Fastify({
    ...loggerOptions(options.logger, runtime.config.logLevel),
    bodyLimit: options.bodyLimit ?? runtime.config.maxBodyBytes,
    // Requests are logged once, on completion, with query tokens redacted (see below).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    // A malformed URL (bad percent-encoding) or an over-long path parameter: refused before routing, so before
    // every hook; answered like every other client error.
    frameworkErrors: (error, request, reply) => {
      const message =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'a path parameter is longer than 500 characters'
          : 'malformed URL (invalid percent-encoding)';
      const body = errorBody('AF_VALIDATION', message, request.id);
      body.error.issues = [{ path: 'url', message, code: 'AF_VALIDATION' }];
      return (reply as unknown as FastifyReply)
        .code(400)
        .headers({ ...STATIC_SECURITY_HEADERS, 'x-request-id': request.id })
        .send(body);
    },
    trustProxy: transport.trustProxy as NonNullable<FastifyServerOptions['trustProxy']>,
    ...(transport.https ? { https: transport.https } : {}),
  }) as unknown as FastifyInstance;

  const hub = new EventHub({
    ...options.events,
    lookup: async (id) => {
      const record = await runtime.store.getExecution(id);
      if (!record) return undefined;
      return {
        workflowId: record.workflowId,
        ...(record.parentExecutionId === undefined ? {} : { parentExecutionId: record.parentExecutionId }),
      };
    },
  });
  // Events of executions that run in other processes too (relayed over Redis in distributed mode).
  const stopEvents = runtime.onEvent((event) => hub.publish(event));
  app.addHook('onClose', async () => {
    stopEvents();
  });

  // First, so a request's span covers every other hook (tracing.ts).
  registerTracing(app, runtime.tracing);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // The audit log's `ip` and `userAgent` for whatever the request does (request-audit.ts).
  installRequestMeta(app);
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: redactUrl(request.url),
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });

  registerJsonLimits(app, options.jsonLimits);

  // Text that cannot be stored (NUL, lone surrogates: `textProblem` in @agentflow/protocol) is refused with the
  // path of each string or key holding it, whatever the route (workflows, inputs, templates, credentials...).
  app.addHook('preValidation', async (request) => {
    const issues = [
      ...(bodyMayHoldBadText(request) ? findTextProblems(request.body) : []),
      ...findTextProblems(request.query, 'query'),
      ...findTextProblems(request.params, 'params'),
    ];
    if (issues.length > 0) {
      throw new AgentFlowError(
        'AF_VALIDATION',
        'text must be valid Unicode without NUL characters or lone surrogates',
        { issues },
      );
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const out = toErrorReply(error, request.id);
    if (out.fault) request.log.error({ err: error }, 'request failed');
    else request.log.debug({ code: out.body.error.code }, out.body.error.message);
    return reply.code(out.status).headers(out.headers).send(out.body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(errorBody('AF_NOT_FOUND', `no route ${request.method} ${redactUrl(request.url)}`, request.id)),
  );

  // Headers (and CORS) before the auth hook, so that 401s and 429s carry them too.
  await registerSecurity(app, {
    origins: options.cors?.origins ?? runtime.config.corsOrigins,
  });
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const routes = installAuth(app, auth, limiter);
  const metricsToken =
    options.metrics === false ? undefined : (options.metrics?.token ?? runtime.config.metricsToken);
  const metrics =
    options.metrics === false
      ? undefined
      : registerMetrics(app, runtime, {
          ...(metricsToken ? { token: metricsToken } : {}),
          loopback: options.metrics?.loopback ?? !trustsProxy(transport.trustProxy),
        });
  app.decorate('agentflow', { hub, routes, metrics, secureCookies: transport.secureCookies });
  // 401s and 403s on protected routes: `access.denied` in the audit log, throttled per source (request-audit.ts).
  const recordRefusal = installRefusalAudit(app, runtime.tenancy.audit, {
    ...options.refusalAudit,
    ...(metrics
      ? {
          count: (status, audited) =>
            metrics.refusals.inc({ status: String(status), audited: String(audited) }),
        }
      : {}),
  });

  await registerOpenApi(app, version());
  await app.register(zodApi, { runtime, hub });
  await registerGraphQL(
    app,
    { runtime, auth, hub, recordRefusal },
    { introspection: runtime.config.graphqlIntrospection, ...options.graphql },
  );
  registerMcp(app, runtime);
  await registerWebApp(app, {
    ...(runtime.config.webDist ? { root: runtime.config.webDist } : {}),
    ...options.web,
  });
  return app;
}

function loggerOptions(
  logger: BuildServerOptions['logger'],
  level: string,
): Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> {
  // Credentials never reach the log, whatever a log call includes.
  if (logger === undefined) return { logger: { level, redact: LOG_REDACT } };
  if (
    typeof logger === 'object' &&
    logger !== null &&
    typeof (logger as FastifyBaseLogger).info === 'function'
  ) {
    return { loggerInstance: logger as FastifyBaseLogger };
  }
  return { logger: logger as FastifyServerOptions['logger'] };
}

/** URLs are logged without credentials a WebSocket client may pass in the query. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token)=)[^&]*/gi, '$1[redacted]');
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
