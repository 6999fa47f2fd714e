import type { AddressInfo } from 'node:net';
import type { Runtime } from '@agentflow/runtime';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestRuntime,
  createTestServer,
  greetWorkflow,
  WS1,
  WS2,
} from './test-support/fixtures.js';

describe('workflows as an MCP server (/mcp)', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let url: URL;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = await createTestServer(runtime);
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = new URL(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/mcp`);
    await runtime.workflows.create(
      { ...greetWorkflow('Greeter'), status: 'active', description: 'Greets someone' },
      { workspaceId: WS1 },
    );
    await runtime.workflows.create(
      { ...greetWorkflow('Draft greeter'), status: 'draft' },
      { workspaceId: WS1 },
    );
    await runtime.workflows.create(
      { ...greetWorkflow('Other workspace'), status: 'active' },
      { workspaceId: WS2 },
    );
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  async function connect(headers: Record<string, string>) {
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
    return client;
  }

  it("publishes the caller's active workflows as tools and runs them", async () => {
    const client = await connect(bearer('member'));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.title ?? t.name)).toEqual(['Greeter']);
      expect(tools[0]!.description).toContain('Greets someone');
      expect(tools[0]!.inputSchema).toMatchObject({ properties: { name: { type: 'string' } } });
      const result = await client.callTool({ name: tools[0]!.name, arguments: { name: 'Ada' } });
      expect(JSON.stringify(result.content)).toContain('Hello, Ada!');
    } finally {
      await client.close();
    }
  });

  it('needs credentials and the execute permission', async () => {
    await expect(connect({})).rejects.toThrow();
    await expect(connect(bearer('viewer'))).rejects.toThrow();
  });
});
