import { fromErrorInfo, isAgentFlowError } from '@agentflow/protocol';
import { createWorkflowMcpServer, type PublishedWorkflow, type WorkflowMcpHandler } from '@agentflow/tools';
import type { Scope, WorkflowService } from './services.js';

/**
 * The caller's workspace's active workflows as MCP tools (Streamable HTTP; the server mounts it at `/mcp`). Only
 * active ones: calling a draft's id is AF_WORKFLOW_DRAFT, an archived one's AF_WORKFLOW_ARCHIVED (the workflow
 * service's gate checks the status on every start, `via: 'mcp'`). Each tool call starts an execution, which counts
 * against the workspace's execution limit (a refused call is a tool error starting with the code, e.g.
 * `AF_RATE_LIMITED`, so that clients can tell a limit from a failure).
 */
export interface McpService {
  /** The MCP endpoint of one caller (a request's scope). */
  handler(scope: Scope): WorkflowMcpHandler;
}

export function createMcpService(workflows: WorkflowService): McpService {
  return {
    handler(scope) {
      return createWorkflowMcpServer({
        name: 'agentflow',
        async listWorkflows() {
          const page = await workflows.list(scope, { status: 'active', limit: 500 });
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
          const { done } = await workflows
            .execute(id, input, scope, { via: 'mcp' })
            .catch((error: unknown) => {
              throw isAgentFlowError(error) ? new Error(`${error.code}: ${error.message}`) : error;
            });
          const result = await done;
          if (result.status === 'succeeded') return result.output;
          throw result.error ? fromErrorInfo(result.error) : new Error(`execution ${result.status}`);
        },
      });
    },
  };
}
