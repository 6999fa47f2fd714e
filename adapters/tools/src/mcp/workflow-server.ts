import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallToolResult, Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';

/**
 * The SDK's server side, imported on the first MCP request rather than when the API server starts (its modules and
 * Zod schemas cost ~7 MB of heap in every server, most of which never serve MCP).
 */
async function importServerSdk() {
  const [server, http, types] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/index.js'),
    import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]);
  return {
    Server: server.Server,
    StreamableHTTPServerTransport: http.StreamableHTTPServerTransport,
    CallToolRequestSchema: types.CallToolRequestSchema,
    ListToolsRequestSchema: types.ListToolsRequestSchema,
    McpError: types.McpError,
    ErrorCode: types.ErrorCode,
  };
}
let serverSdk: Promise<Awaited<ReturnType<typeof importServerSdk>>> | undefined;
function loadServerSdk() {
  serverSdk ??= importServerSdk().catch((error: unknown) => {
    serverSdk = undefined;
    throw error;
  });
  return serverSdk;
}

/** A workflow offered as an MCP tool. */
export interface PublishedWorkflow {
  id: string;
  name: string;
  description?: string;
  /** JSON Schema of the workflow input. An object schema becomes the tool's arguments; any other is wrapped. */
  inputSchema?: Record<string, unknown>;
}

export interface WorkflowMcpServerOptions {
  /** The workflows to publish (typically the workspace's active ones); read on every request. */
  listWorkflows(): Promise<PublishedWorkflow[]>;
  /** Runs a workflow to completion and returns its output; a throw becomes an MCP tool error. */
  runWorkflow(id: string, input: unknown, options: { signal: AbortSignal }): Promise<unknown>;
  /** (Default: `agentflow`) */
  name?: string;
  /** (Default: `0.1.0`) */
  version?: string;
}

/** A node:http handler (Express/Fastify-raw compatible) speaking MCP Streamable HTTP. */
export type WorkflowMcpHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  /** The JSON body, when a framework has already read it. */
  parsedBody?: unknown,
) => Promise<void>;

interface Entry {
  tool: McpTool;
  workflow: PublishedWorkflow;
  wrapped: boolean;
}

/**
 * Publishes workflows as MCP tools over Streamable HTTP, so other agents (Claude Desktop, IDEs) can run them.
 * Stateless: each request gets a fresh SDK server and transport, with JSON responses. Authentication and
 * workspace scoping belong to whoever mounts the handler (the API server).
 */
export function createWorkflowMcpServer(options: WorkflowMcpServerOptions): WorkflowMcpHandler {
  const info = { name: options.name ?? 'agentflow', version: options.version ?? '0.1.0' };

  const catalogue = async (): Promise<Map<string, Entry>> => {
    const entries = new Map<string, Entry>();
    for (const workflow of await options.listWorkflows()) {
      const name = uniqueName(toolName(workflow), entries);
      const schema = workflow.inputSchema;
      const wrapped = !(schema && schema.type === 'object');
      const inputSchema = wrapped
        ? { type: 'object' as const, properties: { input: schema ?? {} } }
        : (schema as McpTool['inputSchema']);
      const tool: McpTool = {
        name,
        title: workflow.name,
        description: workflow.description || `Runs the AgentFlow workflow "${workflow.name}".`,
        inputSchema,
      };
      entries.set(name, { tool, workflow, wrapped });
    }
    return entries;
  };

  const server = async () => {
    const { Server, CallToolRequestSchema, ListToolsRequestSchema, McpError, ErrorCode } =
      await loadServerSdk();
    const mcp = new Server(info, { capabilities: { tools: { listChanged: false } } });
    mcp.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: [...(await catalogue()).values()].map((e) => e.tool),
    }));
    mcp.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
      const entry = (await catalogue()).get(request.params.name);
      if (!entry) throw new McpError(ErrorCode.InvalidParams, `unknown tool ${request.params.name}`);
      const args = request.params.arguments ?? {};
      const input = entry.wrapped ? args.input : args;
      try {
        const output = await options.runWorkflow(entry.workflow.id, input, { signal: extra.signal });
        const result: CallToolResult = { content: [{ type: 'text', text: JSON.stringify(output ?? null) }] };
        if (output !== null && typeof output === 'object' && !Array.isArray(output)) {
          result.structuredContent = output as Record<string, unknown>;
        }
        return result;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { isError: true, content: [{ type: 'text', text: message }] };
      }
    });
    return mcp;
  };

  return async (req, res, parsedBody) => {
    const mcp = await server();
    const { StreamableHTTPServerTransport } = await loadServerSdk();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => {
      void transport.close();
      void mcp.close();
    });
    await mcp.connect(transport);
    await transport.handleRequest(req, res, parsedBody);
  };
}

/** MCP clients and model providers expect `[A-Za-z0-9_-]{1,64}`: derive that from the workflow's name. */
function toolName(workflow: PublishedWorkflow): string {
  const base = (workflow.name || workflow.id)
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return (base || 'workflow').slice(0, 56);
}

function uniqueName(name: string, taken: Map<string, unknown>): string {
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name}_${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
