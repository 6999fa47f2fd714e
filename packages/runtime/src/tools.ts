import { join } from 'node:path';
import type { AnyNodeType, Logger, ToolHost } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import { codeNode, codeTool } from '@agentflow/sandbox';
import {
  type AgentFlowToolHost,
  createArtifactStore,
  createToolHost,
  type McpServerConfig,
} from '@agentflow/tools';
import type { RuntimeConfig } from './config.js';
import { egressAllowList } from './models.js';

/** Node types the runtime adds to core's built-ins: `code` (JavaScript in the WASM sandbox). */
export const runtimeNodeTypes: readonly AnyNodeType[] = [codeNode];

/**
 * The default tool host: `code` (sandboxed JavaScript), `http_request` and `web_fetch` behind the egress guard
 * (private, loopback, link-local and metadata addresses refused unless `AGENTFLOW_EGRESS_ALLOW` lists them),
 * `files` in a per-execution artifact directory, and MCP servers from admin configuration
 * (`AGENTFLOW_MCP_SERVERS`, JSON; stdio commands only from `AGENTFLOW_MCP_STDIO_ALLOW`, JSON). MCP servers are
 * connected on first use, never when a workflow is imported or opened.
 */
export function createDefaultToolHost(
  config: RuntimeConfig,
  env: Record<string, string | undefined>,
  logger?: Logger,
): AgentFlowToolHost {
  const allow = egressAllowList(env);
  return createToolHost({
    tools: [codeTool as never],
    builtins: { httpRequest: true, webFetch: true, files: true },
    artifacts: createArtifactStore({ root: join(config.dataDir, 'artifacts') }),
    egress: { allow },
    mcpServers: parseJsonEnv<McpServerConfig[]>(env, 'AGENTFLOW_MCP_SERVERS') ?? [],
    stdioAllowList: parseJsonEnv(env, 'AGENTFLOW_MCP_STDIO_ALLOW') ?? [],
    // Provider APIs accept only [A-Za-z0-9_-] in tool names.
    mcpSeparator: '__',
    ...(logger ? { logger } : {}),
  });
}

function parseJsonEnv<T>(env: Record<string, string | undefined>, name: string): T | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch (error) {
    throw new AgentFlowError('AF_VALIDATION', `${name} is not valid JSON: ${(error as Error).message}`, {
      issues: [{ code: 'AF_VALIDATION', path: name, message: 'not valid JSON' }],
    });
  }
}

export type { ToolHost };
