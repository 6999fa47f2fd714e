import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { DOCS_CSP } from './security.js';

/** Paths that are not Zod routes (GraphQL's own JSON schemas, the docs UI): left out of the document. */
const HIDDEN_PREFIXES = ['/graphql', '/docs'];

/**
 * OpenAPI 3.1 generated from the routes' Zod schemas, served at `/docs/json` (and `/docs/yaml`), with the
 * interactive documentation at `/docs`. Register before the routes: it collects them as they are added.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'AgentFlow API',
        version,
        description:
          'REST API of AgentFlow. Every error is `{ error: { code, message, issues? } }` with a stable AF_ code. ' +
          'Live events: WebSocket `/ws/workflows/{id}/monitor`; GraphQL at `/graphql`.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'A session JWT, or an API key (af_...)',
          },
          cookie: { type: 'apiKey', in: 'cookie', name: 'af_access' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
      tags: [
        { name: 'auth' },
        { name: 'workspaces' },
        { name: 'members' },
        { name: 'api-keys' },
        { name: 'credentials' },
        { name: 'audit' },
        { name: 'workflows' },
        { name: 'executions' },
        { name: 'templates' },
        { name: 'agents' },
        { name: 'providers' },
        { name: 'health' },
      ],
    },
    transform: (document) => {
      if (HIDDEN_PREFIXES.some((p) => document.url.startsWith(p))) {
        return { schema: { hide: true }, url: document.url };
      }
      return jsonSchemaTransform(document);
    },
  });
  // The docs page's own (relaxed, still no inline script) CSP, on its routes only.
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });
}
