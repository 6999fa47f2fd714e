import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToolRegistry } from '@agentflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArtifactStore } from '../artifacts/local.js';
import { toolContext } from '../test-support/context.js';
import { createFilesTool, defaultArtifactScope, safeSegment } from './files.js';

describe('files tool', () => {
  let root: string;
  let tools: ReturnType<typeof createToolRegistry>;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'af-files-'));
    tools = createToolRegistry([
      createFilesTool({ store: createArtifactStore({ root, maxFileBytes: 1000 }) }),
    ]);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('writes, reads and lists inside the execution directory only', async () => {
    const ctx = toolContext({ executionId: 'exec-1' });
    expect(
      await tools.call('files', { action: 'write', name: 'notes/a.txt', content: 'hello' }, ctx),
    ).toMatchObject({
      ok: true,
      output: { name: 'notes/a.txt', size: 5, contentType: 'text/plain' },
    });
    await tools.call(
      'files',
      {
        action: 'write',
        name: 'img.bin',
        content: Buffer.from([0, 1, 2]).toString('base64'),
        encoding: 'base64',
      },
      ctx,
    );
    expect(await tools.call('files', { action: 'read', name: 'notes/a.txt' }, ctx)).toMatchObject({
      ok: true,
      output: { content: 'hello', encoding: 'utf8', size: 5 },
    });
    expect(await tools.call('files', { action: 'read', name: 'img.bin' }, ctx)).toMatchObject({
      ok: true,
      output: { content: 'AAEC', encoding: 'base64', size: 3 },
    });
    const listed = await tools.call('files', { action: 'list' }, ctx);
    expect(listed.ok && (listed.output as { files: { name: string }[] }).files.map((f) => f.name)).toEqual([
      'img.bin',
      'notes/a.txt',
    ]);
    expect(await readdir(join(root, 'ws-test', 'workflow', 'exec-1', 'notes'))).toEqual(['a.txt']);
    // Another execution sees none of it.
    const other = await tools.call('files', { action: 'list' }, toolContext({ executionId: 'exec-2' }));
    expect(other).toEqual({ ok: true, output: { files: [] } });
    expect(
      await tools.call(
        'files',
        { action: 'read', name: 'notes/a.txt' },
        toolContext({ executionId: 'exec-2' }),
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'AF_NOT_FOUND' },
    });
  });

  it('never treats a name as a path', async () => {
    const ctx = toolContext({ executionId: 'exec-3' });
    for (const name of ['../exec-1/notes/a.txt', '/etc/passwd', '..', 'a/../../x', 'C:\\x', '.env']) {
      for (const action of ['read', 'write'] as const) {
        const result = await tools.call('files', { action, name, content: 'x' }, ctx);
        expect(result).toMatchObject({ ok: false, error: { code: 'AF_TOOL_ERROR' } });
      }
    }
    expect(
      await tools.call('files', { action: 'write', name: 'big.txt', content: 'x'.repeat(1001) }, ctx),
    ).toMatchObject({
      ok: false,
      error: { code: 'AF_LIMIT_EXCEEDED' },
    });
    expect(await tools.call('files', { action: 'read' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'AF_TOOL_ERROR' },
    });
  });

  it('maps ids that are not plain segments (child executions) to distinct hashed segments', () => {
    const scope = defaultArtifactScope(toolContext({ executionId: 'step-1/3@2', workspaceId: '../other' }));
    expect(scope.executionId).toMatch(/^h-[0-9a-f]{40}$/);
    expect(scope.workspaceId).toMatch(/^h-[0-9a-f]{40}$/);
    expect(safeSegment('step-1/3@2')).not.toBe(safeSegment('step-1/3@3'));
    expect(safeSegment('plain-id')).toBe('plain-id');
  });
});
