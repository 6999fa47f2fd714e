/**
 * The MCP gallery template against an MCP server on 127.0.0.1 speaking the Streamable HTTP wire format (JSON-RPC:
 * initialize, tools/list, tools/call with JSON responses), with the reference filesystem server's read tools over
 * an in-memory folder. The tool host names its tools `files__<tool>`, as the runtime does.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AgentFlowToolHost, createToolHost } from '@agentflow/tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryTemplate, runTemplate, toolResults } from '../test-support/gallery.js';

const FOLDER: Record<string, string> = {
  '/project/README.md': '# Lumen\nA desk lamp that follows daylight.',
  '/project/RELEASE.md': 'Release plan: we ship on 14 March, after QA signs off on 10 March.',
};

const TOOLS = [
  {
    name: 'list_directory',
    description: 'Lists the files and directories of a path.',
    inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'read_text_file',
    description: 'Reads a text file.',
    inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    annotations: { readOnlyHint: true },
  },
];

interface RpcRequest {
  jsonrpc: '2.0';
  id?: number | string;
  method: string;
  params?: { protocolVersion?: string; name?: string; arguments?: { path?: string } };
}

const calls: { tool: string; path: string | undefined }[] = [];

function answer(request: RpcRequest): unknown {
  switch (request.method) {
    case 'initialize':
      return {
        protocolVersion: request.params?.protocolVersion ?? '2025-03-26',
        capabilities: { tools: {} },
        serverInfo: { name: 'files', version: '1.0.0' },
      };
    case 'tools/list':
      return { tools: TOOLS };
    case 'tools/call': {
      const path = request.params?.arguments?.path;
      calls.push({ tool: String(request.params?.name), path });
      if (request.params?.name === 'list_directory') {
        const names = Object.keys(FOLDER)
          .filter((f) => f.startsWith(`${path}/`))
          .map((f) => `[FILE] ${f.slice(String(path).length + 1)}`);
        return { content: [{ type: 'text', text: names.join('\n') }] };
      }
      const text = path === undefined ? undefined : FOLDER[path];
      return text === undefined
        ? { content: [{ type: 'text', text: `no such file: ${path}` }], isError: true }
        : { content: [{ type: 'text', text }] };
    }
    default:
      return {};
  }
}

let server: Server;
let tools: AgentFlowToolHost;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    let body = '';
    for await (const chunk of req) body += chunk;
    const request = JSON.parse(body) as RpcRequest;
    if (request.id === undefined) {
      res.writeHead(202).end(); // a notification
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: answer(request) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  tools = createToolHost({
    mcpServers: [{ name: 'files', transport: 'http', url, timeoutMs: 5000 }],
    mcpSeparator: '__',
    egress: { allow: ['127.0.0.1'] },
  });
});
afterAll(async () => {
  await tools?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe('gallery: MCP tool user', () => {
  it('lists the folder and reads the file through the MCP server, then answers from it', async () => {
    const t = galleryTemplate('gallery-mcp-files');
    const { result, provider } = await runTemplate(t, tools);
    expect(calls).toEqual([
      { tool: 'list_directory', path: '/project' },
      { tool: 'read_text_file', path: '/project/RELEASE.md' },
    ]);
    expect(result.output).toBe('The release is planned for 14 March (RELEASE.md).');
    expect(provider.calls).toHaveLength(3);
    // The model was offered the two MCP tools, and saw what they returned.
    expect(provider.calls[0]!.tools?.map((s) => s.name).sort()).toEqual([
      'files__list_directory',
      'files__read_text_file',
    ]);
    expect(toolResults(provider.calls[1])).toContain('RELEASE.md');
    expect(toolResults(provider.calls[2])).toContain('we ship on 14 March');
  });
});
