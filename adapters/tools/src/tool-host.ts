import {
  compileJsonSchema,
  createToolRegistry,
  type JsonSchemaCheck,
  type Logger,
  raceAbort,
  silentLogger,
  type Tool,
  type ToolCallContext,
  type ToolHost,
  type ToolResult,
  type ToolSpec,
} from '@agentflow/core';
import { AgentFlowError, type ErrorInfo, toErrorInfo } from '@agentflow/protocol';
import type { CallToolResult, Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import type { ArtifactStore } from './artifacts/types.js';
import type { ArtifactScopeResolver } from './builtins/files.js';
import { type BuiltinToolsOptions, createBuiltinTools } from './builtins/index.js';
import { createEgressGuard, type EgressGuard, type EgressOptions } from './egress/guard.js';
import { checkMcpConfig, type McpServerConfig, type StdioAllowRule } from './mcp/config.js';
import { McpConnection } from './mcp/connection.js';

export interface ToolHostOptions {
  /** In-process tools (`defineTool`), e.g. the sandbox's `code` tool. */
  tools?: Tool[];
  /** Built-in tools to offer (each off unless configured). */
  builtins?: BuiltinToolsOptions;
  /** Admin-configured MCP servers; connected on first use only. */
  mcpServers?: McpServerConfig[];
  /** Command lines stdio MCP servers may use. (Default: none, so no stdio server is accepted) */
  stdioAllowList?: StdioAllowRule[];
  /** Egress policy (or a guard to share) for http_request, web_fetch, Slack, Gmail and MCP over HTTP. */
  egress?: EgressOptions | EgressGuard;
  /** Where the `files` tool keeps artifacts. */
  artifacts?: ArtifactStore;
  /** Maps a call to its artifact scope. (Default: `defaultArtifactScope`) */
  artifactScope?: ArtifactScopeResolver;
  /**
   * Between an MCP server's prefix and its tool's name. (Default: `.`, giving `github.create_issue`.) OpenAI and
   * Anthropic accept only `[A-Za-z0-9_-]` in tool names: use `__` when agents on those providers call MCP tools.
   */
  mcpSeparator?: string;
  logger?: Logger;
}

/** Resources and prompts of one MCP server (tools go through `list`/`call`). */
export interface McpServerHandle {
  listResources(signal?: AbortSignal): ReturnType<McpConnection['listResources']>;
  readResource(uri: string, signal?: AbortSignal): ReturnType<McpConnection['readResource']>;
  listPrompts(signal?: AbortSignal): ReturnType<McpConnection['listPrompts']>;
  getPrompt(
    name: string,
    args?: Record<string, string>,
    signal?: AbortSignal,
  ): ReturnType<McpConnection['getPrompt']>;
}

export interface AgentFlowToolHost extends ToolHost {
  /** The named MCP server's resources and prompts; throws AF_NOT_FOUND for an unknown server. */
  mcp(server: string): McpServerHandle;
  readonly egress: EgressGuard;
  /** Closes MCP connections (stopping stdio servers), the egress agent and pools the host made. */
  close(): Promise<void>;
}

interface Route {
  connection: McpConnection;
  tool: string;
}

/**
 * The ToolHost adapter: in-process tools (built-ins and `defineTool` tools) through the core tool registry, plus
 * MCP servers' tools as `<prefix><separator><tool>`. `call` never throws: unknown tools, schema mismatches, tool
 * failures, unreachable or slow servers and aborts all come back as `{ ok: false, error }`.
 */
export function createToolHost(options: ToolHostOptions = {}): AgentFlowToolHost {
  const logger = options.logger ?? silentLogger;
  const separator = options.mcpSeparator ?? '.';
  const servers = options.mcpServers ?? [];
  checkMcpConfig(servers, options.stdioAllowList ?? []);
  const ownsEgress = !isGuard(options.egress);
  const egress = isGuard(options.egress) ? options.egress : createEgressGuard(options.egress ?? {});
  const builtins = createBuiltinTools(options.builtins ?? {}, {
    egress,
    artifacts: options.artifacts,
    artifactScope: options.artifactScope,
  });
  const local = createToolRegistry([...builtins.tools, ...(options.tools ?? [])]);
  const connections = new Map<string, McpConnection>();
  for (const server of servers) {
    const deps = {
      egress,
      stdioAllowList: options.stdioAllowList ?? [],
      logger: logger.child({ mcp: server.name }),
    };
    connections.set(server.prefix ?? server.name, new McpConnection(server, deps));
  }
  const checks = new WeakMap<McpTool, JsonSchemaCheck | null>();

  const route = (name: string): Route | undefined => {
    const cut = name.indexOf(separator);
    if (cut <= 0) return undefined;
    const connection = connections.get(name.slice(0, cut));
    const tool = name.slice(cut + separator.length);
    return connection && tool ? { connection, tool } : undefined;
  };

  const specOf = (prefix: string, tool: McpTool): ToolSpec => {
    const spec: ToolSpec = {
      name: `${prefix}${separator}${tool.name}`,
      description: tool.description ?? tool.title ?? `${tool.name} (MCP server ${prefix})`,
      inputSchema: structuredClone(tool.inputSchema) as Record<string, unknown>,
      sideEffect: tool.annotations?.readOnlyHint !== true,
    };
    if (tool.outputSchema) spec.outputSchema = structuredClone(tool.outputSchema) as Record<string, unknown>;
    return spec;
  };

  const checkInput = (tool: McpTool): JsonSchemaCheck | null => {
    let check = checks.get(tool);
    if (check === undefined) {
      try {
        check = compileJsonSchema(tool.inputSchema as Record<string, unknown>, 'AF_TOOL_ERROR');
      } catch {
        check = null; // a schema we cannot compile is left to the server to enforce
      }
      checks.set(tool, check);
    }
    return check;
  };

  const callMcp = async (name: string, { connection, tool }: Route, input: unknown, ctx: ToolCallContext) => {
    const tools = await raceAbort(connection.listTools(), ctx.signal);
    const found = tools.find((t) => t.name === tool);
    if (!found) return fail({ code: 'AF_UNKNOWN_TOOL', message: `unknown tool ${JSON.stringify(name)}` });
    const issues = checkInput(found)?.(input) ?? [];
    if (issues.length > 0 || typeof input !== 'object' || input === null || Array.isArray(input)) {
      const list =
        issues.length > 0
          ? issues
          : [{ code: 'AF_TOOL_ERROR' as const, path: '', message: 'must be an object' }];
      return fail({
        code: 'AF_TOOL_ERROR',
        message: `tool ${name}: input does not match its inputSchema (${list.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')})`,
        retryable: false,
        issues: list,
        details: { tool: name, phase: 'input' },
      });
    }
    // A per-call signal: the SDK leaves its abort listener on the signal it is given, and ctx.signal may serve
    // many calls.
    const controller = new AbortController();
    const forward = () => controller.abort(ctx.signal.reason);
    ctx.signal.addEventListener('abort', forward, { once: true });
    let result: CallToolResult;
    try {
      result = await raceAbort(
        connection.callTool(tool, input as Record<string, unknown>, controller.signal),
        ctx.signal,
      );
    } finally {
      ctx.signal.removeEventListener('abort', forward);
    }
    if (result.isError) {
      return fail({
        code: 'AF_TOOL_ERROR',
        message: `tool ${name} failed: ${textOf(result) || 'the MCP tool reported an error'}`,
        retryable: false,
        details: { tool: name, server: connection.config.name },
      });
    }
    return { ok: true, output: outputOf(result) } satisfies ToolResult;
  };

  return {
    egress,

    async list(names) {
      if (names) {
        const out: ToolSpec[] = [];
        for (const name of names) {
          if (local.has(name)) out.push(...(await local.list([name])));
          else {
            const target = route(name);
            const tool =
              target && (await mcpTools(target.connection, logger)).find((t) => t.name === target.tool);
            if (tool)
              out.push(specOf(target.connection.config.prefix ?? target.connection.config.name, tool));
          }
        }
        return out;
      }
      const out = await local.list();
      for (const [prefix, connection] of connections) {
        for (const tool of await mcpTools(connection, logger)) out.push(specOf(prefix, tool));
      }
      return out;
    },

    async sideEffect(name, input) {
      if (local.has(name)) return local.sideEffect!(name, input);
      const target = route(name);
      if (!target) return false;
      // MCP tools change things unless their server says they only read (the MCP default).
      const tool = (await mcpTools(target.connection, logger)).find((t) => t.name === target.tool);
      return tool !== undefined && tool.annotations?.readOnlyHint !== true;
    },

    async call(name, input, ctx) {
      if (local.has(name)) return local.call(name, input, ctx);
      const target = route(name);
      if (!target) return fail({ code: 'AF_UNKNOWN_TOOL', message: `unknown tool ${JSON.stringify(name)}` });
      if (ctx.signal.aborted) return cancelled(name);
      try {
        return await callMcp(name, target, input, ctx);
      } catch (error) {
        if (ctx.signal.aborted) return cancelled(name);
        const info = toErrorInfo(error, 'AF_TOOL_ERROR');
        info.details = { ...info.details, tool: name };
        return fail(info);
      }
    },

    mcp(server) {
      const connection = [...connections.values()].find((c) => c.config.name === server);
      if (!connection) {
        throw new AgentFlowError('AF_NOT_FOUND', `no MCP server named ${JSON.stringify(server)}`);
      }
      return {
        listResources: (signal) => connection.listResources(signal),
        readResource: (uri, signal) => connection.readResource(uri, signal),
        listPrompts: (signal) => connection.listPrompts(signal),
        getPrompt: (name, args = {}, signal) => connection.getPrompt(name, args, signal),
      };
    },

    async close() {
      await Promise.all([...connections.values()].map((c) => c.close()));
      await builtins.close();
      if (ownsEgress) await egress.close();
    },
  };
}

/** A server's tools, or none (logged) when it cannot be reached: one bad server must not hide the others. */
async function mcpTools(connection: McpConnection, logger: Logger): Promise<McpTool[]> {
  try {
    return await connection.listTools();
  } catch (error) {
    logger.warn('MCP server unavailable; its tools are not listed', {
      server: connection.config.name,
      error: error instanceof Error ? error.message : String(error),
    });
    return [];
  }
}

/** Structured content when the tool gives it; otherwise its text, or the raw content blocks. */
function outputOf(result: CallToolResult): unknown {
  if (result.structuredContent !== undefined) return result.structuredContent;
  const content = result.content ?? [];
  if (content.every((block) => block.type === 'text')) return textOf(result);
  return { content };
}

function textOf(result: CallToolResult): string {
  return (result.content ?? [])
    .filter((block): block is { type: 'text'; text: string } => block.type === 'text')
    .map((block) => block.text)
    .join('\n');
}

function isGuard(value: EgressOptions | EgressGuard | undefined): value is EgressGuard {
  return typeof (value as EgressGuard | undefined)?.fetch === 'function';
}

function cancelled(name: string): ToolResult {
  return fail({ code: 'AF_CANCELLED', message: `tool ${name} was cancelled`, retryable: false });
}

function fail(error: ErrorInfo): ToolResult {
  return { ok: false, error };
}
