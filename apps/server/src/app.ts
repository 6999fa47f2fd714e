/**
 * `buildServer`: the HTTP shell over the runtime. REST (`/api/v1`, OpenAPI at `/docs`), GraphQL (`/graphql`),
 * the WebSocket monitor (`/ws/workflows/:id/monitor`), health probes. Routes only call runtime services.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Runtime } from '@agentflow/runtime';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { zodApi } from './api.js';
import { type DeclaredRoute, installAuth, type RequestLimiter } from './auth.js';
import { type AuthPort, createRuntimeAuth } from './auth-port.js';
import { errorBody, toErrorReply } from './errors.js';
import { EventHub, type EventHubOptions } from './events/event-hub.js';
import { type GraphQLOptions, registerGraphQL } from './graphql/plugin.js';
import { registerOpenApi } from './openapi.js';
import { registerMcp } from './routes/mcp.js';

export interface BuildServerOptions {
  runtime: Runtime;
  /** Turns credentials into principals. (Default: the runtime's auth: access tokens and API keys) */
  auth?: AuthPort;
  /** Counts requests per plan tier; `false` turns limits off. (Default: the runtime's rate limiter) */
  rateLimiter?: RequestLimiter | false;
  /** Trust X-Forwarded-* from a reverse proxy (client IPs for rate limits, https for cookies). (Default: false) */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** pino options, `false` for silence, or a logger instance. (Default: level from the runtime config) */
  logger?: boolean | FastifyServerOptions['logger'] | FastifyBaseLogger;
  /** Replay buffer of the live event stream. (Defaults: 1000 events per execution, 256 executions) */
  events?: Pick<EventHubOptions, 'perExecution' | 'maxExecutions'>;
  graphql?: GraphQLOptions;
  /** Largest request body, bytes. (Default: 4 MiB, room for the 2 MiB definition limit) */
  bodyLimit?: number;
}

export interface AgentFlowServerState {
  readonly hub: EventHub;
  /** Every route with its declared permission (what the role x route matrix test walks). */
  readonly routes: readonly DeclaredRoute[];
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
  const app = Fastify({
    ...loggerOptions(options.logger, runtime.config.logLevel),
    bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024,
    // Requests are logged once, on completion, with query tokens redacted (see below).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  });

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
  const stopEvents = runtime.engine.on('event', (event) => hub.publish(event));
  app.addHook('onClose', async () => {
    stopEvents();
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
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

  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const routes = installAuth(app, auth, limiter);
  app.decorate('agentflow', { hub, routes });

  await registerOpenApi(app, version());
  await app.register(zodApi, { runtime, hub });
  await registerGraphQL(app, { runtime, auth, hub }, options.graphql);
  registerMcp(app, runtime);
  return app;
}

function loggerOptions(
  logger: BuildServerOptions['logger'],
  level: string,
): Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> {
  // Credentials never reach the log, whatever a log call includes.
  const redact = [
    'req.headers.authorization',
    'req.headers.cookie',
    'headers.authorization',
    'headers.cookie',
  ];
  if (logger === undefined) return { logger: { level, redact } };
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
