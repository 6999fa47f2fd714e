import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineTool } from '@agentflow/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createArtifactStore } from './artifacts/local.js';
import { createEgressGuard } from './egress/guard.js';
import { toolContext } from './test-support/context.js';
import { createToolHost } from './tool-host.js';

describe('createToolHost', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('offers exactly the configured built-ins next to in-process tools', async () => {
    const root = await mkdtemp(join(tmpdir(), 'af-host-'));
    dirs.push(root);
    const noop = defineTool({
      name: 'noop',
      description: 'Does nothing.',
      inputSchema: { type: 'object' },
      run: () => null,
    });
    const host = createToolHost({
      tools: [noop],
      builtins: {
        httpRequest: true,
        webFetch: { timeoutMs: 5000 },
        files: true,
        sqlQuery: { connectionString: 'postgres://nobody@127.0.0.1:1/none' },
        slack: { token: 'xoxb' },
      },
      artifacts: createArtifactStore({ root }),
    });
    try {
      const specs = await host.list();
      expect(specs.map((s) => s.name)).toEqual([
        'http_request',
        'web_fetch',
        'files',
        'sql_query',
        'slack_post_message',
        'noop',
      ]);
      expect(Object.fromEntries(specs.map((s) => [s.name, s.sideEffect]))).toEqual({
        http_request: true,
        web_fetch: false,
        files: true,
        sql_query: false,
        slack_post_message: true,
        noop: false,
      });
      for (const spec of specs) expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
      expect(
        await host.call('files', { action: 'write', name: 'a.txt', content: 'x' }, toolContext()),
      ).toMatchObject({ ok: true });
      // A database that is down is a retryable tool error, not a crash.
      expect(await host.call('sql_query', { sql: 'SELECT 1' }, toolContext())).toMatchObject({
        ok: false,
        error: { code: 'AF_TOOL_ERROR', retryable: true },
      });
      expect(
        await host.call('http_request', { url: 'http://169.254.169.254/' }, toolContext()),
      ).toMatchObject({
        ok: false,
        error: { details: { reason: 'egress' } },
      });
    } finally {
      await host.close();
    }
  });

  it('refuses a files tool without an artifact store', () => {
    expect(() => createToolHost({ builtins: { files: true } })).toThrow(/artifact store/);
  });

  it('shares a given egress guard and leaves it open on close', async () => {
    const egress = createEgressGuard({ allow: ['10.0.0.0/8'] });
    const host = createToolHost({ egress, builtins: { httpRequest: true } });
    expect(host.egress).toBe(egress);
    await host.close();
    await expect(egress.check('http://10.1.2.3/')).resolves.toBeUndefined();
    await egress.close();
  });
});
