import { isShared, type Runtime } from '@agentflow/runtime';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { RequestValidationError } from './errors.js';
import type { EventHub } from './events/event-hub.js';
import { accessRoutes } from './routes/access.js';
import { adminRoutes } from './routes/admin.js';
import { alertRoutes } from './routes/alerts.js';
import { authRoutes } from './routes/auth.js';
import { budgetRoutes } from './routes/budgets.js';
import { agentRoutes } from './routes/catalog.js';
import { chatRoutes } from './routes/chat.js';
import { chatEmbedRoutes } from './routes/chat-embed.js';
import { deadLetterRoutes } from './routes/dead-letters.js';
import { executionDetailRoutes } from './routes/execution-detail.js';
import { executionRoutes } from './routes/executions.js';
import { healthRoutes } from './routes/health.js';
import { hookRoutes } from './routes/hooks.js';
import { memberRoutes } from './routes/members.js';
import { notificationRoutes } from './routes/notifications.js';
import { operationRoutes } from './routes/operations.js';
import { providerRoutes } from './routes/providers.js';
import { settingsRoutes } from './routes/settings.js';
import { templateRoutes } from './routes/templates.js';
import { triggerRoutes } from './routes/triggers.js';
import { workflowRoutes } from './routes/workflows.js';
import { expandUnknownKeys, NO_QUERY, strictRequestSchema } from './strict-request.js';
import { executionStreamRoutes } from './ws/executions-stream.js';
import { monitorRoutes } from './ws/monitor.js';

/**
 * Zod validation keeping each problem's exact path (numbers stay array indexes). Bodies and query strings refuse
 * unknown keys (strict-request.ts).
 */
const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const checked = httpPart === 'body' || httpPart === 'querystring' ? strictRequestSchema(schema) : schema;
  return (data) => {
    // A request without a body arrives as null: the same as no body for optional bodies.
    const result = checked.safeParse(httpPart === 'body' && data === null ? undefined : data);
    if (result.success) return { value: result.data };
    return {
      error: new RequestValidationError(httpPart ?? 'body', expandUnknownKeys(result.error.issues)),
    };
  };
};

/**
 * Responses are checked against their Zod schema and stringified. An object the services share between callers
 * (`isShared`: a cached workflow) is read-only by contract, so its JSON is kept per route while the object lives.
 */
const memoizingSerializerCompiler: typeof serializerCompiler = (route) => {
  const serialize = serializerCompiler(route);
  const memo = new WeakMap<object, string>();
  return (data: unknown) => {
    if (!isShared(data)) return serialize(data);
    let json = memo.get(data as object);
    if (json === undefined) {
      json = serialize(data);
      memo.set(data as object, json);
    }
    return json;
  };
};

/**
 * Every Zod route, in one encapsulated plugin: its validator and serializer compilers stay here (set on the
 * root they would break mercurius' JSON-schema routes).
 */
export async function zodApi(app: FastifyInstance, { runtime, hub }: { runtime: Runtime; hub: EventHub }) {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(memoizingSerializerCompiler);
  // A route that declares no query string takes none: `?anything` is an unknown key like any other.
  app.addHook('onRoute', (route) => {
    if (route.schema?.querystring === undefined) route.schema = { ...route.schema, querystring: NO_QUERY };
  });
  await app.register(healthRoutes, { runtime });
  await app.register(monitorRoutes, { runtime, hub });
  await app.register(executionStreamRoutes, { runtime });
  await app.register(hookRoutes, { runtime });
  await app.register(chatEmbedRoutes, { runtime });
  await app.register(
    async (v1) => {
      await v1.register(authRoutes, { runtime });
      await v1.register(memberRoutes, { runtime });
      await v1.register(accessRoutes, { runtime });
      await v1.register(adminRoutes, { runtime });
      await v1.register(workflowRoutes, { runtime });
      await v1.register(executionRoutes, { runtime });
      await v1.register(operationRoutes, { runtime });
      await v1.register(executionDetailRoutes, { runtime });
      await v1.register(templateRoutes, { runtime });
      await v1.register(agentRoutes, { runtime });
      await v1.register(providerRoutes, { runtime });
      await v1.register(settingsRoutes, { runtime });
      await v1.register(budgetRoutes, { runtime });
      await v1.register(alertRoutes, { runtime });
      await v1.register(notificationRoutes, { runtime });
      await v1.register(deadLetterRoutes, { runtime });
      await v1.register(triggerRoutes, { runtime });
      await v1.register(chatRoutes, { runtime, hub });
    },
    { prefix: '/api/v1' },
  );
}
