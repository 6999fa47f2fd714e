import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, JsonObject } from '../schemas.js';

const NodeTypeDto = z.object({
  type: z.string(),
  category: z.string().nullable(),
  description: z.string(),
  configSchema: JsonObject.meta({ description: "JSON Schema of the node's config" }),
});

const NodeTypeList = z.object({ items: z.array(NodeTypeDto) });

const ToolDto = z.object({
  name: z.string().meta({ description: 'What an agent lists in `config.tools`' }),
  description: z.string(),
  sideEffect: z.boolean().meta({ description: 'Changes something outside AgentFlow (approval policy)' }),
  source: z.enum(['builtin', 'mcp']),
  server: z.string().optional().meta({ description: "The MCP server's name (tools named `server__tool`)" }),
  inputSchema: JsonObject,
});

/** Agents: the registered node types (what a workflow's `agents[].type` may be) with their config schemas. */
export const agentRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const options = {
    config: { permission: 'workflow:read' as const },
    schema: {
      tags: ['agents'],
      summary: 'List the registered node types with their config JSON Schemas',
      response: { 200: NodeTypeList, ...errorResponses },
    },
  };
  const list = async () => ({ items: runtime.nodeTypes.list() });
  app.get('/agents/types', options, list);
  // The brief's `GET /api/v1/agents` ("list available agents"): the same list.
  app.get('/agents', options, list);

  app.get(
    '/tools',
    {
      config: { permission: 'workflow:read' as const },
      schema: {
        tags: ['agents'],
        summary: "List the tools an agent may call: the built-ins and the configured MCP servers' tools",
        response: { 200: z.object({ items: z.array(ToolDto) }), ...errorResponses },
      },
    },
    async () => ({
      items: (await runtime.tools.list()).map((tool) => {
        const split = tool.name.indexOf('__');
        return {
          name: tool.name,
          description: tool.description,
          sideEffect: tool.sideEffect,
          inputSchema: tool.inputSchema,
          ...(split > 0
            ? { source: 'mcp' as const, server: tool.name.slice(0, split) }
            : { source: 'builtin' as const }),
        };
      }),
    }),
  );
};
