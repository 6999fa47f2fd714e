import type { Logger } from '@agentflow/core';
import { AgentFlowError, isAgentFlowError } from '@agentflow/protocol';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type {
  CallToolResult,
  GetPromptResult,
  Tool as McpTool,
  Prompt,
  ReadResourceResult,
  Resource,
} from '@modelcontextprotocol/sdk/types.js';
import type { EgressGuard } from '../egress/guard.js';
import { type McpServerConfig, type StdioAllowRule, stdioAllowed } from './config.js';

/**
 * The SDK's client side, imported on the first connection rather than when the process starts: a server with no
 * MCP server configured (most) would otherwise carry its modules and Zod schemas (~8 MB of heap, ~100 ms).
 */
async function importClientSdk() {
  const [client, stdio, http, types] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/client/stdio.js'),
    import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]);
  return {
    Client: client.Client,
    StdioClientTransport: stdio.StdioClientTransport,
    getDefaultEnvironment: stdio.getDefaultEnvironment,
    StreamableHTTPClientTransport: http.StreamableHTTPClientTransport,
    McpError: types.McpError,
    ErrorCode: types.ErrorCode,
  };
}
type ClientSdk = Awaited<ReturnType<typeof importClientSdk>>;
let clientSdk: Promise<ClientSdk> | undefined;
/** Set once the SDK is loaded: an error can only be an McpError after that. */
let loadedSdk: ClientSdk | undefined;

function loadClientSdk(): Promise<ClientSdk> {
  clientSdk ??= importClientSdk().then(
    (sdk) => {
      loadedSdk = sdk;
      return sdk;
    },
    (error: unknown) => {
      clientSdk = undefined;
      throw error;
    },
  );
  return clientSdk;
}

export interface McpConnectionDeps {
  egress: EgressGuard;
  stdioAllowList: readonly StdioAllowRule[];
  logger: Logger;
}

/**
 * One configured MCP server, connected lazily (first use) with the official SDK client and reconnected after
 * the transport closes. Every failure surfaces as an AgentFlowError: unreachable or crashed servers as retryable
 * AF_TOOL_ERROR, slow ones as AF_TIMEOUT, protocol errors and tool errors as non-retryable AF_TOOL_ERROR.
 */
export class McpConnection {
  readonly timeoutMs: number;
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private tools: Promise<McpTool[]> | undefined;

  constructor(
    readonly config: McpServerConfig,
    private readonly deps: McpConnectionDeps,
  ) {
    this.timeoutMs = config.timeoutMs ?? 30_000;
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  async listTools(signal?: AbortSignal): Promise<McpTool[]> {
    this.tools ??= this.pages(signal, async (client, cursor) => {
      const page = await client.listTools(cursor ? { cursor } : undefined, this.options(signal));
      return { items: page.tools, next: page.nextCursor };
    }).catch((error: unknown) => {
      this.tools = undefined;
      throw error;
    });
    return this.tools;
  }

  async callTool(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
    return this.use(signal, async (client) => {
      const result = await client.callTool({ name, arguments: args }, undefined, this.options(signal));
      return result as CallToolResult;
    });
  }

  async listResources(signal?: AbortSignal): Promise<Resource[]> {
    const client = await this.connect(signal);
    if (!client.getServerCapabilities()?.resources) return [];
    return this.pages(signal, async (c, cursor) => {
      const page = await c.listResources(cursor ? { cursor } : undefined, this.options(signal));
      return { items: page.resources, next: page.nextCursor };
    });
  }

  async readResource(uri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
    return this.use(signal, (client) => client.readResource({ uri }, this.options(signal)));
  }

  async listPrompts(signal?: AbortSignal): Promise<Prompt[]> {
    const client = await this.connect(signal);
    if (!client.getServerCapabilities()?.prompts) return [];
    return this.pages(signal, async (c, cursor) => {
      const page = await c.listPrompts(cursor ? { cursor } : undefined, this.options(signal));
      return { items: page.prompts, next: page.nextCursor };
    });
  }

  async getPrompt(
    name: string,
    args: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<GetPromptResult> {
    return this.use(signal, (client) => client.getPrompt({ name, arguments: args }, this.options(signal)));
  }

  async close(): Promise<void> {
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    this.connecting = undefined;
    this.tools = undefined;
    await client?.close().catch(() => undefined);
  }

  private options(signal: AbortSignal | undefined) {
    return signal ? { timeout: this.timeoutMs, signal } : { timeout: this.timeoutMs };
  }

  private async pages<T>(
    signal: AbortSignal | undefined,
    fetchPage: (
      client: Client,
      cursor: string | undefined,
    ) => Promise<{ items: T[]; next?: string | undefined }>,
  ): Promise<T[]> {
    return this.use(signal, async (client) => {
      const all: T[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 100; page++) {
        const { items, next } = await fetchPage(client, cursor);
        all.push(...items);
        if (!next) break;
        cursor = next;
      }
      return all;
    });
  }

  /** Runs `work` on a connected client, mapping every failure to an AgentFlowError. */
  private async use<T>(signal: AbortSignal | undefined, work: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.connect(signal);
    try {
      return await work(client);
    } catch (error) {
      const mapped = this.failure(error, signal);
      // A transport-level failure leaves the session in doubt: reconnect next time.
      if (mapped.retryable && mapped.code === 'AF_TOOL_ERROR') void this.close();
      throw mapped;
    }
  }

  private connect(signal?: AbortSignal): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open(signal).then(
      (client) => {
        this.client = client;
        this.connecting = undefined;
        return client;
      },
      (error: unknown) => {
        this.connecting = undefined;
        throw error;
      },
    );
    return this.connecting;
  }

  private async open(signal?: AbortSignal): Promise<Client> {
    const sdk = await loadClientSdk();
    const transport = this.transport(sdk);
    const client = new sdk.Client({ name: 'agentflow', version: '0.1.0' }, { capabilities: {} });
    client.onclose = () => {
      if (this.client === client) {
        this.client = undefined;
        this.tools = undefined;
      }
    };
    client.onerror = (error) =>
      this.deps.logger.debug('mcp transport error', { server: this.config.name, error: String(error) });
    try {
      await client.connect(transport, this.options(signal));
    } catch (error) {
      await client.close().catch(() => undefined);
      const mapped = this.failure(error, signal);
      throw new AgentFlowError(
        mapped.code,
        `MCP server ${this.config.name} is unavailable: ${mapped.message}`,
        {
          retryable: mapped.retryable,
          details: { ...mapped.details, server: this.config.name },
          cause: error,
        },
      );
    }
    return client;
  }

  private transport(sdk: ClientSdk): Transport {
    const { config } = this;
    if (config.transport === 'http') {
      const { egress } = this.deps;
      const maxBodyMs = Math.max(this.timeoutMs * 4, 300_000);
      return new sdk.StreamableHTTPClientTransport(new URL(config.url), {
        requestInit: config.headers ? { headers: config.headers } : {},
        // Redirects are left to the egress guard's fetch, which re-checks every hop.
        redirectPolicy: 'follow',
        fetch: (url, init) =>
          egress.fetch(
            url,
            {
              method: init?.method ?? 'GET',
              headers: headerRecord(init?.headers),
              ...(typeof init?.body === 'string' ? { body: init.body } : {}),
              ...(init?.signal ? { signal: init.signal } : {}),
            },
            { timeoutMs: maxBodyMs, maxResponseBytes: 16 * 1024 * 1024, maxRedirects: 5 },
          ),
      });
    }
    // Checked again here, not only at configuration: nothing but an allow-listed command line is ever spawned.
    if (!stdioAllowed(config, this.deps.stdioAllowList)) {
      throw new AgentFlowError(
        'AF_TOOL_ERROR',
        `MCP server ${config.name}: command is not on the stdio allow-list`,
        {
          retryable: false,
        },
      );
    }
    const transport = new sdk.StdioClientTransport({
      command: config.command,
      args: config.args ?? [],
      env: { ...sdk.getDefaultEnvironment(), ...(config.env ?? {}) },
      ...(config.cwd ? { cwd: config.cwd } : {}),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      this.deps.logger.debug('mcp server stderr', {
        server: config.name,
        text: chunk.toString().slice(0, 2000),
      });
    });
    return transport;
  }

  private failure(error: unknown, signal: AbortSignal | undefined): AgentFlowError {
    const server = this.config.name;
    if (isAgentFlowError(error)) return error as AgentFlowError;
    if (signal?.aborted) return new AgentFlowError('AF_CANCELLED', `MCP call to ${server} was cancelled`);
    const sdk = loadedSdk;
    if (sdk && error instanceof sdk.McpError) {
      if (error.code === sdk.ErrorCode.RequestTimeout) {
        return new AgentFlowError(
          'AF_TIMEOUT',
          `MCP server ${server} did not answer within ${this.timeoutMs} ms`,
          {
            details: { server },
          },
        );
      }
      const transportLevel = error.code === sdk.ErrorCode.ConnectionClosed;
      return new AgentFlowError('AF_TOOL_ERROR', `MCP server ${server}: ${error.message}`, {
        retryable: transportLevel,
        details: { server, mcpCode: error.code },
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new AgentFlowError('AF_TOOL_ERROR', `MCP server ${server}: ${message}`, {
      retryable: true,
      details: { server },
      cause: error,
    });
  }
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  if (typeof (headers as Headers).forEach === 'function') {
    const out: Record<string, string> = {};
    (headers as Headers).forEach((value, key) => {
      out[key] = value;
    });
    return out;
  }
  return { ...(headers as Record<string, string>) };
}
