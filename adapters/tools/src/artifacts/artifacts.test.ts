import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineArtifactStoreContract } from '../test-support/artifact-contract.js';
import { startFakeS3 } from '../test-support/fake-s3.js';
import { createArtifactStore } from './local.js';
import { createS3ArtifactStore } from './s3.js';

defineArtifactStoreContract('local file system', async (limits) => {
  const root = await mkdtemp(join(tmpdir(), 'af-artifacts-'));
  return {
    store: createArtifactStore({ root, ...limits }),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
});

defineArtifactStoreContract('S3 (local S3-compatible endpoint)', async (limits) => {
  const s3 = await startFakeS3('agentflow-test', 2);
  const store = createS3ArtifactStore({
    bucket: 'agentflow-test',
    prefix: 'artifacts/',
    client: {
      endpoint: s3.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    },
    ...limits,
  });
  return { store, cleanup: () => s3.close() };
});

describe('local artifact store: symlink escapes', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('refuses to follow a symlinked directory or file out of the root', async () => {
    const root = await mkdtemp(join(tmpdir(), 'af-artifacts-'));
    const outside = await mkdtemp(join(tmpdir(), 'af-outside-'));
    dirs.push(root, outside);
    await writeFile(join(outside, 'secret.txt'), 'top secret');
    const store = createArtifactStore({ root });
    const scope = { workspaceId: 'ws', workflowId: 'wf', executionId: 'ex' };
    await store.put(scope, 'ok.txt', 'fine');
    const execDir = join(root, 'ws', 'wf', 'ex');
    await symlink(outside, join(execDir, 'linkdir'));
    await symlink(join(outside, 'secret.txt'), join(execDir, 'link.txt'));

    for (const name of ['linkdir/secret.txt', 'link.txt']) {
      await expect(store.get(scope, name)).rejects.toMatchObject({ code: 'AF_TOOL_ERROR' });
      await expect(store.put(scope, name, 'overwrite')).rejects.toMatchObject({ code: 'AF_TOOL_ERROR' });
    }
    expect((await store.list(scope)).map((a) => a.name)).toEqual(['ok.txt']);
    // A symlinked scope directory is refused as well.
    await mkdir(join(root, 'ws2'));
    await symlink(outside, join(root, 'ws2', 'wf'));
    await expect(store.list({ ...scope, workspaceId: 'ws2' })).rejects.toMatchObject({
      code: 'AF_TOOL_ERROR',
    });
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('top secret');
  });
});
