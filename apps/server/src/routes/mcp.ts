import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance } from 'fastify';
import { scopeOf } from '../auth.js';

/**
 * `/mcp`: the caller's workspace's active workflows as MCP tools over Streamable HTTP (the runtime's `mcp`
 * service builds the endpoint), so other agents (Claude Desktop, IDEs) can run them. Authenticated like every API
 * route (an API key as bearer token is the usual choice for MCP clients) and scoped to the key's workspace;
 * running a tool needs `workflow:execute`. Each request counts against the caller's request limit.
 */
export function registerMcp(app: FastifyInstance, runtime: Runtime): void {
  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    config: { permission: 'workflow:execute' },
    async handler(request, reply) {
      const handler = runtime.mcp.handler(scopeOf(request));
      reply.hijack();
      await handler(request.raw, reply.raw, request.body);
    },
  });
}
