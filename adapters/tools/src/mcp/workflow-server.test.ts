import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolContext } from '../test-support/context.js';
import { createToolHost } from '../tool-host.js';
import { createWorkflowMcpServer, type PublishedWorkflow } from './workflow-server.js';

describe('createWorkflowMcpServer', () => {
  let http: Server;
  let url: string;
  let client: Client;
  const runs: { id: string; input: unknown }[] = [];
  const workflows: PublishedWorkflow[] = [
    {
      id: 'wf-1',
      name: 'Summarize ticket',
      description: 'Summarizes a support ticket.',
      inputSchema: { type: 'object', properties: { ticket: { type: 'string' } }, required: ['ticket'] },
    },
    { id: 'wf-2', name: 'Word count', inputSchema: { type: 'string' } },
    { id: 'wf-3', name: 'Broken' },
  ];

  beforeAll(async () => {
    const handler = createWorkflowMcpServer({
      listWorkflows: async () => workflows,
      runWorkflow: async (id, input) => {
        runs.push({ id, input });
        if (id === 'wf-3') throw new Error('node llm failed: provider down');
        if (id === 'wf-2') return String(input).split(/\s+/).length;
        return { summary: `summary of ${(input as { ticket: string }).ticket}` };
      },
    });
    http = createServer((req, res) => {
      if (req.url !== '/mcp') {
        res.statusCode = 404;
        return void res.end();
      }
      handler(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
    client = new Client({ name: 'test-client', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  });
  afterAll(async () => {
    await client.close();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  it('publishes each workflow as a tool with its name, description and input schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => [t.name, t.title])).toEqual([
      ['summarize_ticket', 'Summarize ticket'],
      ['word_count', 'Word count'],
      ['broken', 'Broken'],
    ]);
    expect(tools[0]).toMatchObject({
      description: 'Summarizes a support ticket.',
      inputSchema: { type: 'object', properties: { ticket: { type: 'string' } }, required: ['ticket'] },
    });
    expect(tools[1]?.inputSchema).toEqual({ type: 'object', properties: { input: { type: 'string' } } });
    expect(tools[2]?.description).toBe('Runs the AgentFlow workflow "Broken".');
  });

  it('runs the workflow when its tool is called', async () => {
    const result = await client.callTool({ name: 'summarize_ticket', arguments: { ticket: 'T-1' } });
    expect(result.structuredContent).toEqual({ summary: 'summary of T-1' });
    expect(result.content).toEqual([{ type: 'text', text: '{"summary":"summary of T-1"}' }]);
    const wrapped = await client.callTool({ name: 'word_count', arguments: { input: 'one two three' } });
    expect(wrapped.content).toEqual([{ type: 'text', text: '3' }]);
    expect(runs).toContainEqual({ id: 'wf-2', input: 'one two three' });
  });

  it('reports a failed run as a tool error and an unknown tool as a protocol error', async () => {
    const failed = await client.callTool({ name: 'broken', arguments: {} });
    expect(failed.isError).toBe(true);
    expect(failed.content).toEqual([{ type: 'text', text: 'node llm failed: provider down' }]);
    await expect(client.callTool({ name: 'nope', arguments: {} })).rejects.toThrow(/unknown tool/);
  });

  it("is reachable from AgentFlow's own MCP client (workflows calling workflows)", async () => {
    const host = createToolHost({
      egress: { allow: ['127.0.0.1'] },
      mcpServers: [{ name: 'agentflow', transport: 'http', url }],
    });
    try {
      expect(await host.call('agentflow.summarize_ticket', { ticket: 'T-9' }, toolContext())).toEqual({
        ok: true,
        output: { summary: 'summary of T-9' },
      });
      expect(await host.call('agentflow.summarize_ticket', {}, toolContext())).toMatchObject({
        ok: false,
        error: { code: 'AF_TOOL_ERROR', details: { phase: 'input' } },
      });
    } finally {
      await host.close();
    }
  });
});
