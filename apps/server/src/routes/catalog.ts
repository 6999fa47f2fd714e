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
};
