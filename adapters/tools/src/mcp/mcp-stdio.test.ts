import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolContext } from '../test-support/context.js';
import { type AgentFlowToolHost, createToolHost } from '../tool-host.js';
import type { McpStdioServerConfig, StdioAllowRule } from './config.js';

const FIXTURE = fileURLToPath(new URL('../../test-fixtures/mcp-server.mjs', import.meta.url));
const ALLOW: StdioAllowRule[] = [
  { command: process.execPath, args: [/.*\/test-fixtures\/mcp-server\.mjs/, '--stdio'] },
];

describe('MCP over stdio (a real SDK server spawned with node)', () => {
  let dir: string;
  let marker: string;
  let host: AgentFlowToolHost;
  const starts = () => (existsSync(marker) ? readFileSync(marker, 'utf8').trim().split('\n').length : 0);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'af-mcp-'));
    marker = join(dir, 'starts.txt');
    process.env.AF_FIXTURE_SECRET = 'host-secret';
    const server: McpStdioServerConfig = {
      name: 'fixture',
      transport: 'stdio',
      command: process.execPath,
      args: [FIXTURE, '--stdio'],
      env: { AF_FIXTURE_GIVEN: 'yes', AF_FIXTURE_START_MARKER: marker },
      timeoutMs: 1500,
    };
    host = createToolHost({ mcpServers: [server], stdioAllowList: ALLOW });
  });
  afterAll(async () => {
    delete process.env.AF_FIXTURE_SECRET;
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('does not start the server when the host is created or when other tools are listed', async () => {
    await new Promise((r) => setTimeout(r, 200));
    expect(await host.list(['something-local', 'other.tool'])).toEqual([]);
    expect(starts()).toBe(0);
  });

  it('starts it on first use and lists its tools with a prefix', async () => {
    const specs = await host.list();
    expect(starts()).toBe(1);
    const names = specs.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['fixture.echo', 'fixture.add', 'fixture.fail', 'fixture.slow']),
    );
    const echo = specs.find((s) => s.name === 'fixture.echo')!;
    expect(echo).toMatchObject({
      description: 'Returns its text.',
      sideEffect: false,
      inputSchema: { type: 'object' },
    });
    expect(specs.find((s) => s.name === 'fixture.fail')?.sideEffect).toBe(true);
    expect(specs.find((s) => s.name === 'fixture.add')?.outputSchema).toMatchObject({ type: 'object' });
    expect((await host.list(['fixture.add', 'fixture.nope'])).map((s) => s.name)).toEqual(['fixture.add']);
  });

  it('calls tools: text, structured output, tool errors, bad input, unknown tools', async () => {
    expect(await host.call('fixture.echo', { text: 'hi' }, toolContext())).toEqual({
      ok: true,
      output: 'hi',
    });
    expect(await host.call('fixture.add', { a: 2, b: 3 }, toolContext())).toEqual({
      ok: true,
      output: { sum: 5 },
    });
    expect(await host.call('fixture.fail', {}, toolContext())).toMatchObject({
      ok: false,
      error: {
        code: 'AF_TOOL_ERROR',
        retryable: false,
        message: expect.stringContaining('failed on purpose'),
      },
    });
    const bad = await host.call('fixture.echo', { text: 42 }, toolContext());
    expect(bad).toMatchObject({ ok: false, error: { code: 'AF_TOOL_ERROR', details: { phase: 'input' } } });
    expect(!bad.ok && bad.error.issues?.some((i) => i.path === 'text')).toBe(true);
    expect(await host.call('fixture.nope', {}, toolContext())).toMatchObject({
      ok: false,
      error: { code: 'AF_UNKNOWN_TOOL' },
    });
    expect(await host.call('nobody.echo', {}, toolContext())).toMatchObject({
      ok: false,
      error: { code: 'AF_UNKNOWN_TOOL' },
    });
    expect(starts()).toBe(1);
  });

  it('gives the server only the configured environment, not the host process environment', async () => {
    const result = await host.call('fixture.env', {}, toolContext());
    const seen = JSON.parse(String(result.ok && result.output)) as { secret: unknown; given: unknown };
    expect(seen).toMatchObject({ secret: null, given: 'yes' });
  });

  it('times out a slow call and cancels an aborted one', async () => {
    expect(await host.call('fixture.slow', { ms: 10_000 }, toolContext())).toMatchObject({
      ok: false,
      error: { code: 'AF_TIMEOUT', retryable: true },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(
      await host.call('fixture.slow', { ms: 10_000 }, toolContext({ signal: controller.signal })),
    ).toMatchObject({
      ok: false,
      error: { code: 'AF_CANCELLED' },
    });
  });

  it('reads resources and prompts', async () => {
    const mcp = host.mcp('fixture');
    expect((await mcp.listResources()).map((r) => r.uri)).toEqual(['info://about']);
    expect((await mcp.readResource('info://about')).contents[0]).toMatchObject({ text: 'fixture server' });
    expect((await mcp.listPrompts()).map((p) => p.name)).toEqual(['greet']);
    expect((await mcp.getPrompt('greet', { name: 'Ann' })).messages[0]?.content).toEqual({
      type: 'text',
      text: 'Hello Ann',
    });
    expect(() => host.mcp('missing')).toThrow(/no MCP server/);
  });

  it('restarts a server that died, after a retryable error at most', async () => {
    const before = await host.call('fixture.env', {}, toolContext());
    const { pid } = JSON.parse(String(before.ok && before.output)) as { pid: number };
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    let result = await host.call('fixture.echo', { text: 'again' }, toolContext());
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'AF_TOOL_ERROR', retryable: true });
      result = await host.call('fixture.echo', { text: 'again' }, toolContext());
    }
    expect(result).toEqual({ ok: true, output: 'again' });
    expect(starts()).toBe(2);
  });
});

describe('stdio allow-list', () => {
  const base: McpStdioServerConfig = {
    name: 'x',
    transport: 'stdio',
    command: process.execPath,
    args: [FIXTURE, '--stdio'],
  };

  it.each([
    ['another command', { ...base, command: '/bin/sh', args: ['-c', 'touch /tmp/af-pwned'] }],
    ['another script', { ...base, args: ['/tmp/evil.mjs', '--stdio'] }],
    ['an extra argument', { ...base, args: [FIXTURE, '--stdio', '--eval=1'] }],
    ['a node flag', { ...base, args: ['--eval', 'process.exit(1)'] }],
    ['a partial pattern match', { ...base, args: [`${FIXTURE}.evil`, '--stdio'] }],
  ])('refuses %s at configuration time', (_label, server) => {
    expect(() => createToolHost({ mcpServers: [server], stdioAllowList: ALLOW })).toThrow(
      /not on the stdio allow-list/,
    );
  });

  it('refuses every stdio server when no allow-list is configured, and bad names', () => {
    expect(() => createToolHost({ mcpServers: [base] })).toThrow(/allow-list/);
    expect(() =>
      createToolHost({ mcpServers: [{ ...base, name: 'Bad.Name' }], stdioAllowList: ALLOW }),
    ).toThrow(/lowercase/);
    expect(() => createToolHost({ mcpServers: [base, { ...base }], stdioAllowList: ALLOW })).toThrow(
      /used twice/,
    );
  });
});
