import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { defineTool, silentLogger, type ToolCallContext } from '@agentflow/core';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createToolHost } from './tool-host.js';

export interface BenchOptions {
  /** Measured calls. (Default: 20000 for dispatch, 2000 for MCP) */
  iterations?: number;
  /** Calls made first and not measured. (Default: a tenth of iterations) */
  warmup?: number;
}

export interface Timing {
  meanUs: number;
  p50Us: number;
  p95Us: number;
}

export interface DispatchBenchResult {
  iterations: number;
  /** `host.call('noop', {}, ctx)` through createToolHost (schema checks included). Target: mean <= 50 µs. */
  host: Timing;
}

export interface McpBenchResult {
  iterations: number;
  /**
   * `host.call('local.noop', {}, ctx)` to an SDK server on 127.0.0.1 over Streamable HTTP (a session, JSON
   * responses), through the egress guard and the SDK client. Target: p50 <= 2 ms (2000 µs).
   */
  call: Timing;
}

const ctx = (): ToolCallContext => ({
  signal: new AbortController().signal,
  idempotencyKey: 'bench:noop:0',
  logger: silentLogger,
  executionId: 'bench',
});

/** Tool dispatch overhead: a no-op in-process tool called through the tool host. */
export async function benchToolDispatch(options: BenchOptions = {}): Promise<DispatchBenchResult> {
  const iterations = options.iterations ?? 20_000;
  const warmup = options.warmup ?? Math.ceil(iterations / 10);
  const noop = defineTool({
    name: 'noop',
    description: 'Does nothing.',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    run: () => null,
  });
  const host = createToolHost({ tools: [noop] });
  const context = ctx();
  const samples: number[] = [];
  try {
    for (let i = 0; i < warmup + iterations; i++) {
      const started = performance.now();
      const result = await host.call('noop', {}, context);
      if (i >= warmup) samples.push(performance.now() - started);
      if (!result.ok) throw new Error(`dispatch bench: ${result.error.message}`);
    }
  } finally {
    await host.close();
  }
  return { iterations, host: timing(samples) };
}

/** A local MCP server (official SDK, Streamable HTTP with sessions) offering a `noop` tool. */
export async function startNoopMcpServer(): Promise<{ url: string; close(): Promise<void> }> {
  // Imported here: this module is exported from the package index, which servers load at start-up.
  const [{ McpServer }, { StreamableHTTPServerTransport }] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/mcp.js'),
    import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
  ]);
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const id = req.headers['mcp-session-id'];
    const existing = typeof id === 'string' ? transports.get(id) : undefined;
    if (existing) return void existing.handleRequest(req, res);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      onsessioninitialized: (sessionId) => {
        transports.set(sessionId, transport);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) transports.delete(transport.sessionId);
    };
    const server = new McpServer({ name: 'bench', version: '1.0.0' });
    server.registerTool('noop', { description: 'Does nothing.', inputSchema: {} }, async () => ({
      content: [],
    }));
    void server.connect(transport).then(() => transport.handleRequest(req, res));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: async () => {
      await Promise.all([...transports.values()].map((t) => t.close()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** MCP round trip: a no-op tool on a local Streamable HTTP server, called through createToolHost. */
export async function benchMcpHttpCall(options: BenchOptions = {}): Promise<McpBenchResult> {
  const iterations = options.iterations ?? 2000;
  const warmup = options.warmup ?? Math.ceil(iterations / 10);
  const server = await startNoopMcpServer();
  const host = createToolHost({
    egress: { allow: ['127.0.0.1'] },
    mcpServers: [{ name: 'local', transport: 'http', url: server.url }],
  });
  const context = ctx();
  const samples: number[] = [];
  try {
    for (let i = 0; i < warmup + iterations; i++) {
      const started = performance.now();
      const result = await host.call('local.noop', {}, context);
      if (i >= warmup) samples.push(performance.now() - started);
      if (!result.ok) throw new Error(`MCP bench: ${result.error.message}`);
    }
  } finally {
    await host.close();
    await server.close();
  }
  return { iterations, call: timing(samples) };
}

function timing(samplesMs: number[]): Timing {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  const us = (ms: number) => Math.round(ms * 1000 * 100) / 100;
  return {
    meanUs: us(samplesMs.reduce((a, b) => a + b, 0) / Math.max(1, samplesMs.length)),
    p50Us: us(at(0.5)),
    p95Us: us(at(0.95)),
  };
}
