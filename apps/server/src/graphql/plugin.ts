/**
 * GraphQL at `/graphql` (mercurius): queries, mutations, and subscriptions over WebSocket (graphql-ws). Same
 * authentication as REST (cookie or bearer token on the request or the WebSocket upgrade; for subscriptions also
 * `{ "authorization": "Bearer ..." }` in the connection_init payload), the same permissions, a depth limit and a
 * cost limit. Anonymous callers get a 401 for everything, schema introspection included; signed-in callers may
 * introspect unless `introspection: false`.
 */
import { AgentFlowError, isAgentFlowError } from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import mercurius from 'mercurius';
import { API_KEY_PREFIX, type AuthPort } from '../auth-port.js';
import { INTERNAL_MESSAGE, toErrorReply } from '../errors.js';
import type { EventHub } from '../events/event-hub.js';
import type { RefusalRecorder } from '../request-audit.js';
import { alertTypeDefs, createAlertResolvers } from './alerts.js';
import { costLimitRule } from './cost-limit.js';
import { executionBudgetHook } from './execution-budget.js';
import { graphql } from './graphql-lib.js';
import { createResolvers, type GraphQLContext } from './resolvers.js';
import { typeDefs } from './schema.js';
import { templateTypeDefs } from './template-typedefs.js';
import { createTemplateResolvers } from './templates.js';
import { createTriggerResolvers, triggerTypeDefs } from './triggers.js';

const GraphQLErrorClass = graphql.GraphQLError;

export interface GraphQLOptions {
  /** Deepest selection nesting allowed. (Default: 8) */
  maxDepth?: number;
  /** Highest estimated cost allowed (see cost-limit.ts). (Default: 10000) */
  maxCost?: number;
  /**
   * Whether signed-in callers may introspect the schema (`__schema`, `__type`). Anonymous callers never reach
   * GraphQL at all. (Default: true)
   */
  introspection?: boolean;
}

export async function registerGraphQL(
  app: FastifyInstance,
  deps: { runtime: Runtime; auth: AuthPort; hub: EventHub; recordRefusal?: RefusalRecorder },
  options: GraphQLOptions = {},
): Promise<void> {
  const recordRefusal = deps.recordRefusal;
  const maxCost = options.maxCost ?? 10_000;
  await app.register(mercurius, {
    schema: typeDefs + triggerTypeDefs + templateTypeDefs + alertTypeDefs,
    resolvers: withTriggers(createResolvers(deps.runtime, deps.auth, deps.hub), deps) as never,
    path: '/graphql',
    graphiql: false,
    queryDepth: options.maxDepth ?? 8,
    validationRules: [
      costLimitRule(maxCost),
      ...(options.introspection === false ? [graphql.NoSchemaIntrospectionCustomRule] : []),
    ],
    allowBatchedQueries: false,
    // Cookie-authenticated browsers: refuse GraphQL requests a cross-site form or image could send. A WebSocket
    // handshake (sec-websocket-key, which pages cannot set) passes; its Origin is checked by the auth hook.
    csrfPrevention: {
      requiredHeaders: ['x-mercurius-operation-name', 'mercurius-require-preflight', 'sec-websocket-key'],
    },
    // Authentication is required for all of /graphql (introspection included): the auth hook sets the principal
    // from the credentials, this refuses requests without any. A WebSocket upgrade may authenticate in its
    // connection_init payload instead; its subscriptions are refused without a principal (hook below).
    additionalRouteOptions: {
      config: { permission: 'per-field' },
      // (mercurius sets its own onRequest; preParsing still runs before the body is read)
      preParsing: async (request) => {
        if (!request.principal && request.headers.upgrade?.toLowerCase() !== 'websocket') {
          throw new AgentFlowError('AF_UNAUTHENTICATED', 'authentication required');
        }
      },
    },
    context: (request): GraphQLContext => ({
      ...(request.principal ? { principal: request.principal } : {}),
      // A field refused inside an authorized operation: audited like a refused route (request-audit.ts).
      ...(recordRefusal ? { refused: (error, field) => recordRefusal(request, error, field) } : {}),
    }),
    subscription: {
      context: (_socket, request): GraphQLContext =>
        request.principal ? { principal: request.principal } : {},
      onConnect: async ({ payload }) => {
        const token = bearerOf(payload);
        if (token === undefined) return true;
        try {
          const principal = await deps.auth.authenticate({
            kind: token.startsWith(API_KEY_PREFIX) ? 'apiKey' : 'jwt',
            token,
            source: 'header',
          });
          return { principal };
        } catch {
          return false;
        }
      },
    },
    errorFormatter: (execution, context) => {
      const log: FastifyBaseLogger =
        (context as { reply?: { log: FastifyBaseLogger } }).reply?.log ?? app.log;
      const errors = execution.errors.flatMap(expand).map((e) => formatError(e, log));
      // Without a `data` key the request failed before execution (authentication, parsing, validation): its
      // status says why. Errors during execution are 200, as GraphQL over HTTP wants.
      const statusCode = 'data' in execution ? 200 : requestStatus(execution.errors);
      return { statusCode, response: { data: execution.data ?? null, errors } };
    },
  });
  // Aliased mutations that start executions: refused whole when the workspace's budget cannot cover them all.
  app.graphql.addHook('preExecution', executionBudgetHook(deps.runtime.executionGate) as never);
  app.graphql.addHook('preSubscriptionExecution', async (_schema, _document, context) => {
    if (!(context as GraphQLContext).principal) {
      throw new AgentFlowError('AF_UNAUTHENTICATED', 'authentication required');
    }
  });
}

/** mercurius wraps validation failures (syntax, rules, depth) in one error listing them. */
function expand(error: GraphQLError): GraphQLError[] {
  const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(inner)) return [error];
  return inner.map((e) =>
    e instanceof GraphQLErrorClass
      ? e
      : new GraphQLErrorClass(String((e as Error).message), { originalError: e as Error }),
  );
}

function requestStatus(errors: readonly GraphQLError[]): number {
  const original = errors[0]?.originalError;
  if (isAgentFlowError(original)) return toErrorReply(original).status;
  const status = (original as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 ? status : 400;
}

/** AgentFlow errors keep their code (and issues) in `extensions`; unknown failures get a generic message. */
function formatError(error: GraphQLError, log: FastifyBaseLogger): GraphQLFormattedError {
  const base = error.toJSON();
  const original = error.originalError;
  if (isAgentFlowError(original)) {
    const reply = toErrorReply(original);
    if (reply.fault) log.error({ err: original }, 'graphql resolver failed');
    const { code, message, issues, details } = reply.body.error;
    return {
      ...base,
      message,
      extensions: { code, ...(issues ? { issues } : {}), ...(details ? { details } : {}) },
    };
  }
  if (!original || original instanceof GraphQLErrorClass || isMercuriusError(original)) {
    return { ...base, extensions: { code: 'AF_VALIDATION', ...base.extensions } };
  }
  log.error({ err: original }, 'graphql resolver failed');
  return { ...base, message: INTERNAL_MESSAGE, extensions: { code: 'AF_INTERNAL' } };
}

function isMercuriusError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('MER_ERR_');
}

function bearerOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const p = payload as Record<string, unknown>;
  const headers = (typeof p.headers === 'object' && p.headers !== null ? p.headers : p) as Record<
    string,
    unknown
  >;
  const value = headers.authorization ?? headers.Authorization;
  if (typeof value !== 'string') return undefined;
  const match = /^Bearer +(\S{1,4096})$/i.exec(value.trim());
  return match?.[1];
}

/**
 * The core resolvers with the trigger fields (graphql/triggers.ts), the templates marketplace
 * (graphql/templates.ts) and alerts (graphql/alerts.ts) merged into Query and Mutation.
 */
function withTriggers<R extends { Query: object; Mutation: object }>(
  resolvers: R,
  deps: { runtime: Runtime; auth: AuthPort },
): R {
  const triggers = createTriggerResolvers(deps.runtime, deps.auth);
  const templates = createTemplateResolvers(deps.runtime, deps.auth);
  const alerts = createAlertResolvers(deps.runtime, deps.auth);
  return {
    ...resolvers,
    Query: { ...resolvers.Query, ...triggers.Query, ...templates.Query, ...alerts.Query },
    Mutation: { ...resolvers.Mutation, ...triggers.Mutation, ...templates.Mutation, ...alerts.Mutation },
    Template: templates.Template,
  };
}
