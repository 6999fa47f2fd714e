import { contractTools, defineToolHostContract } from '@agentflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpFixture } from '../../test-fixtures/mcp-server.mjs';
import { toolContext } from '../test-support/context.js';
import { startTestServer, type TestServer } from '../test-support/http-server.js';
import { type AgentFlowToolHost, createToolHost } from '../tool-host.js';

type Fixture = Awaited<ReturnType<typeof startHttpFixture>>;

describe('MCP over Streamable HTTP (a real SDK server on 127.0.0.1)', () => {
  let fixture: Fixture;
  let garbage: TestServer;
  let host: AgentFlowToolHost;

  beforeAll(async () => {
    fixture = await startHttpFixture();
    garbage = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"this is": "not json-rpc"');
    });
    host = createToolHost({
      egress: { allow: ['127.0.0.1'] },
      mcpServers: [
        { name: 'remote', transport: 'http', url: fixture.url, timeoutMs: 500 },
        { name: 'down', transport: 'http', url: 'http://127.0.0.1:1/mcp', timeoutMs: 1000 },
        { name: 'garbage', transport: 'http', url: `${garbage.url}/mcp`, timeoutMs: 1000 },
        { name: 'other', prefix: 'gh', transport: 'http', url: fixture.url },
      ],
      mcpSeparator: '__',
    });
  });
  afterAll(async () => {
    await host.close();
    await Promise.all([fixture.close(), garbage.close()]);
  });

  it('lists the tools of reachable servers and skips the others', async () => {
    const names = (await host.list()).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['remote__echo', 'remote__add', 'gh__echo']));
    expect(names.some((n) => n.startsWith('down__') || n.startsWith('garbage__'))).toBe(false);
  });

  it('calls tools with the configured separator and prefix', async () => {
    expect(await host.call('remote__echo', { text: 'over http' }, toolContext())).toEqual({
      ok: true,
      output: 'over http',
    });
    expect(await host.call('gh__add', { a: 1, b: 41 }, toolContext())).toEqual({
      ok: true,
      output: { sum: 42 },
    });
    expect(await host.call('remote.echo', { text: 'x' }, toolContext())).toMatchObject({
      ok: false,
      error: { code: 'AF_UNKNOWN_TOOL' },
    });
  });

  it('turns a down server, a garbage-speaking server and a slow tool into tool errors', async () => {
    const down = await host.call('down__echo', { text: 'x' }, toolContext());
    expect(down).toMatchObject({ ok: false, error: { code: 'AF_TOOL_ERROR', retryable: true } });
    expect(!down.ok && down.error.message).toMatch(/MCP server down is unavailable/);
    const junk = await host.call('garbage__echo', { text: 'x' }, toolContext());
    expect(junk).toMatchObject({ ok: false, error: { code: 'AF_TOOL_ERROR' } });
    expect(await host.call('remote__slow', { ms: 5000 }, toolContext())).toMatchObject({
      ok: false,
      error: { code: 'AF_TIMEOUT', retryable: true },
    });
    // The working server is unaffected.
    expect(await host.call('remote__echo', { text: 'still fine' }, toolContext())).toEqual({
      ok: true,
      output: 'still fine',
    });
  });

  it('reads resources and prompts over HTTP', async () => {
    const remote = host.mcp('remote');
    expect((await remote.readResource('info://about')).contents[0]).toMatchObject({ text: 'fixture server' });
    expect((await remote.getPrompt('greet', { name: 'Bo' })).messages[0]?.content).toEqual({
      type: 'text',
      text: 'Hello Bo',
    });
  });

  it('refuses an MCP URL the egress policy does not allow, without crashing', async () => {
    const strict = createToolHost({ mcpServers: [{ name: 'remote', transport: 'http', url: fixture.url }] });
    try {
      const result = await strict.call('remote.echo', { text: 'x' }, toolContext());
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'AF_TOOL_ERROR', details: { reason: 'egress' } },
      });
      expect(await strict.list()).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});

let contractFixture: Fixture | undefined;
defineToolHostContract('createToolHost (in-process tools next to an MCP server)', async () => {
  contractFixture = await startHttpFixture();
  const host = createToolHost({
    tools: contractTools(),
    egress: { allow: ['127.0.0.1'] },
    mcpServers: [{ name: 'fixture', transport: 'http', url: contractFixture.url }],
  });
  return {
    host,
    cleanup: async () => {
      await host.close();
      await contractFixture?.close();
    },
  };
});
