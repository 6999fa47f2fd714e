import { AgentFlowError } from '@agentflow/protocol';

interface McpServerBase {
  /** Lowercase letters, digits and `-` (1 to 32): names the server and, by default, prefixes its tools. */
  name: string;
  /** Prefix of the tool names (`<prefix>.<tool>`). (Default: `name`) */
  prefix?: string;
  /** Per-request timeout, connecting included. (Default: 30000 ms) */
  timeoutMs?: number;
}

/** An MCP server reached over Streamable HTTP; the URL goes through the egress guard. */
export interface McpHttpServerConfig extends McpServerBase {
  transport: 'http';
  url: string;
  /** Sent with every request (e.g. `Authorization`). */
  headers?: Record<string, string>;
}

/**
 * An MCP server run as a child process speaking stdio. Admin configuration only: the command and arguments must
 * match an entry of the stdio allow-list, and the process starts on first use, never when a workflow is opened.
 */
export interface McpStdioServerConfig extends McpServerBase {
  transport: 'stdio';
  command: string;
  args?: string[];
  /** Added to a minimal environment (PATH, HOME...); the host's environment is not inherited. */
  env?: Record<string, string>;
  cwd?: string;
}

export type McpServerConfig = McpHttpServerConfig | McpStdioServerConfig;

/**
 * One allowed stdio command: the exact command, and one pattern per argument (a string matches exactly, a RegExp
 * must match the whole argument). The argument count must match too.
 */
export interface StdioAllowRule {
  command: string;
  args?: readonly (string | RegExp)[];
}

const PREFIX = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** True when the stdio server's command line matches one of the rules. */
export function stdioAllowed(config: McpStdioServerConfig, rules: readonly StdioAllowRule[]): boolean {
  const args = config.args ?? [];
  return rules.some((rule) => {
    if (rule.command !== config.command) return false;
    const patterns = rule.args ?? [];
    if (patterns.length !== args.length) return false;
    return patterns.every((pattern, i) => {
      const arg = args[i]!;
      if (typeof pattern === 'string') return pattern === arg;
      const match = pattern.exec(arg);
      return match !== null && match.index === 0 && match[0].length === arg.length;
    });
  });
}

/**
 * Validates the admin's MCP configuration: names and prefixes well-formed and unique, URLs http(s), stdio command
 * lines on the allow-list. Throws AF_INVALID_CONFIG listing every problem.
 */
export function checkMcpConfig(servers: readonly McpServerConfig[], rules: readonly StdioAllowRule[]): void {
  const problems: { path: string; message: string }[] = [];
  const prefixes = new Set<string>();
  servers.forEach((server, i) => {
    const path = `mcpServers[${i}]`;
    if (typeof server.name !== 'string' || !PREFIX.test(server.name)) {
      problems.push({ path: `${path}.name`, message: 'must be 1-32 lowercase letters, digits or "-"' });
    }
    const prefix = server.prefix ?? server.name;
    if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
      problems.push({ path: `${path}.prefix`, message: 'must be 1-32 lowercase letters, digits or "-"' });
    } else if (prefixes.has(prefix)) {
      problems.push({ path: `${path}.prefix`, message: `prefix ${prefix} is used twice` });
    }
    prefixes.add(prefix);
    if (server.transport === 'http') {
      let url: URL | undefined;
      try {
        url = new URL(server.url);
      } catch {
        problems.push({ path: `${path}.url`, message: 'must be a URL' });
      }
      if (url && url.protocol !== 'http:' && url.protocol !== 'https:') {
        problems.push({ path: `${path}.url`, message: 'must be http or https' });
      }
    } else if (server.transport === 'stdio') {
      if (!stdioAllowed(server, rules)) {
        problems.push({
          path: `${path}.command`,
          message: `${JSON.stringify([server.command, ...(server.args ?? [])].join(' '))} is not on the stdio allow-list`,
        });
      }
    } else {
      problems.push({ path: `${path}.transport`, message: 'must be "http" or "stdio"' });
    }
  });
  if (problems.length > 0) {
    throw new AgentFlowError(
      'AF_INVALID_CONFIG',
      `invalid MCP server configuration: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      { issues: problems.map((p) => ({ code: 'AF_INVALID_CONFIG', ...p })) },
    );
  }
}
