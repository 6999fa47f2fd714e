import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpFixture } from '../test-fixtures/mcp-server.mjs';
import { createArtifactStore } from './artifacts/local.js';
import { type AgentFlowToolHost, createToolHost } from './tool-host.js';

/** Which calls change something (what the default tool-approval policy asks a person about). */
describe('tool host: side effects per call', () => {
  let root: string;
  let fixture: Awaited<ReturnType<typeof startHttpFixture>>;
  let host: AgentFlowToolHost;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'af-side-effect-'));
    fixture = await startHttpFixture();
    host = createToolHost({
      builtins: { httpRequest: true, webFetch: true, files: true, slack: { token: 'xoxb-test' } },
      artifacts: createArtifactStore({ root }),
      egress: { allow: ['127.0.0.1'] },
      mcpServers: [{ name: 'remote', transport: 'http', url: fixture.url, timeoutMs: 2000 }],
      mcpSeparator: '__',
    });
  });
  afterAll(async () => {
    await host.close();
    await fixture.close();
    await rm(root, { recursive: true, force: true });
  });

  it('http_request: GET, HEAD and OPTIONS read; a method with a body changes things', async () => {
    const url = 'https://example.com/x';
    expect(await host.sideEffect!('http_request', { url })).toBe(false);
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect(await host.sideEffect!('http_request', { url, method })).toBe(false);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post'])
      expect(await host.sideEffect!('http_request', { url, method })).toBe(true);
  });

  it('files: a write changes things, reading and listing do not; web_fetch reads; Slack posts', async () => {
    expect(await host.sideEffect!('files', { action: 'write', name: 'a.txt', content: 'x' })).toBe(true);
    expect(await host.sideEffect!('files', { action: 'read', name: 'a.txt' })).toBe(false);
    expect(await host.sideEffect!('files', { action: 'list' })).toBe(false);
    expect(await host.sideEffect!('files', null)).toBe(true); // unreadable input: assume the worst
    expect(await host.sideEffect!('web_fetch', { url: 'https://example.com' })).toBe(false);
    expect(await host.sideEffect!('slack_post_message', { text: 'hi' })).toBe(true);
  });

  it('MCP tools change things unless their server marks them read-only; unknown tools do not', async () => {
    expect(await host.sideEffect!('remote__echo', { text: 'x' })).toBe(false); // readOnlyHint: true
    expect(await host.sideEffect!('remote__fail', {})).toBe(true); // no hint
    expect(await host.sideEffect!('nope', {})).toBe(false);
  });
});
