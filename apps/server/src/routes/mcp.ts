import { fromErrorInfo, isAgentFlowError } from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import { createWorkflowMcpServer, type PublishedWorkflow } from '@agentflow/tools';
import type { FastifyInstance } from 'fastify';
import { scopeOf } from '../auth.js';

/**
 * `/mcp`: the caller's workspace's active workflows, published as MCP tools over Streamable HTTP, so other agents
 * (Claude Desktop, IDEs) can run them. Only active ones: calling a draft's id is AF_WORKFLOW_DRAFT, an archived
 * one's AF_WORKFLOW_ARCHIVED (the runtime's gate checks the status on every start). Authenticated like every API route (an API key as bearer token is the
 * usual choice for MCP clients) and scoped to the key's workspace; running a tool needs `workflow:execute`.
 * Each request counts against the caller's request limit, and each tool call starts an execution, which counts
 * against the workspace's execution limit (a refused call is a tool error starting with `AF_RATE_LIMITED`).
 */
export function registerMcp(app: FastifyInstance, runtime: Runtime): void {
  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    config: { permission: 'workflow:execute' },
    async handler(request, reply) {
      const scope = scopeOf(request);
      const handler = createWorkflowMcpServer({
        name: 'agentflow',
        async listWorkflows() {
          const page = await runtime.workflows.list(scope, { status: 'active', limit: 500 });
          return page.items.map((w): PublishedWorkflow => {
            const input = w.definition.agents.find((a) => a.type === 'input');
            const schema = input?.config.schema as Record<string, unknown> | undefined;
            return {
              id: w.id,
              name: w.name,
              ...(w.description ? { description: w.description } : {}),
              ...(schema ? { inputSchema: schema } : {}),
            };
          });
        },
        async runWorkflow(id, input) {
          // `via: 'mcp'`: only active workflows are tools; a draft's or an archived one's id is refused.
          const { done } = await runtime.workflows
            .execute(id, input, scope, { via: 'mcp' })
            .catch((error: unknown) => {
              // The tool result carries the code, so that clients can tell a limit from a failure.
              throw isAgentFlowError(error) ? new Error(`${error.code}: ${error.message}`) : error;
            });
          const result = await done;
          if (result.status === 'succeeded') return result.output;
          throw result.error ? fromErrorInfo(result.error) : new Error(`execution ${result.status}`);
        },
      });
      reply.hijack();
      await handler(request.raw, reply.raw, request.body);
    },
  });
}
