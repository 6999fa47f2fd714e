/**
 * A small MCP server built with the official SDK, for tests and benchmarks. `node mcp-server.mjs --stdio` serves
 * it over stdio; `startHttpFixture()` serves it over Streamable HTTP on 127.0.0.1 (stateless, JSON responses).
 */
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const text = (value) => ({ content: [{ type: 'text', text: value }] });

export function createFixtureServer() {
  const server = new McpServer({ name: 'fixture', version: '1.0.0' });
  server.registerTool(
    'echo',
    {
      description: 'Returns its text.',
      inputSchema: { text: z.string() },
      annotations: { readOnlyHint: true },
    },
    async ({ text: value }) => text(value),
  );
  server.registerTool(
    'add',
    {
      description: 'Adds two numbers.',
      inputSchema: { a: z.number(), b: z.number() },
      outputSchema: { sum: z.number() },
      annotations: { readOnlyHint: true },
    },
    async ({ a, b }) => ({ ...text(String(a + b)), structuredContent: { sum: a + b } }),
  );
  server.registerTool('fail', { description: 'Always fails.', inputSchema: {} }, async () => ({
    isError: true,
    ...text('the fixture tool failed on purpose'),
  }));
  server.registerTool(
    'slow',
    { description: 'Answers after `ms` milliseconds.', inputSchema: { ms: z.number() } },
    async ({ ms }, extra) => {
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        extra.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
      return text('done');
    },
  );
  server.registerTool('noop', { description: 'Does nothing.', inputSchema: {} }, async () => ({
    content: [],
  }));
  server.registerTool(
    'env',
    { description: 'Reports what the process can see.', inputSchema: {} },
    async () =>
      text(
        JSON.stringify({
          secret: process.env.AF_FIXTURE_SECRET ?? null,
          given: process.env.AF_FIXTURE_GIVEN ?? null,
          pid: process.pid,
        }),
      ),
  );
  server.registerResource(
    'about',
    'info://about',
    { description: 'About this server.', mimeType: 'text/plain' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'fixture server' }] }),
  );
  server.registerPrompt(
    'greet',
    { description: 'Greets someone.', argsSchema: { name: z.string() } },
    ({ name }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Hello ${name}` } }] }),
  );
  return server;
}

/** Serves the fixture over Streamable HTTP on 127.0.0.1; a fresh stateless server per request. */
export async function startHttpFixture() {
  const http = createServer(async (req, res) => {
    const server = createFixtureServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address();
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    port,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve(undefined));
      }),
  };
}

if (process.argv.includes('--stdio')) {
  // Tests pass a marker file to see when (and how often) the server process starts.
  if (process.env.AF_FIXTURE_START_MARKER)
    appendFileSync(process.env.AF_FIXTURE_START_MARKER, `${process.pid}\n`);
  await createFixtureServer().connect(new StdioServerTransport());
}
