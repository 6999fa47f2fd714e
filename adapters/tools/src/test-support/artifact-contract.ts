import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactScope, ArtifactStore } from '../artifacts/types.js';

const scope: ArtifactScope = { workspaceId: 'ws1', workflowId: 'wf1', executionId: 'ex1' };
const other: ArtifactScope = { workspaceId: 'ws1', workflowId: 'wf1', executionId: 'ex2' };

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );
}

/**
 * The artifact store contract. `factory` gets limits (maxFileBytes 1000, maxExecutionBytes 2500, maxFiles 5)
 * and returns a store rooted somewhere empty.
 */
export function defineArtifactStoreContract(
  name: string,
  factory: (limits: { maxFileBytes: number; maxExecutionBytes: number; maxFiles: number }) => Promise<{
    store: ArtifactStore;
    cleanup?: () => Promise<void>;
  }>,
): void {
  describe(`ArtifactStore contract: ${name}`, () => {
    let store: ArtifactStore;
    let cleanup: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ store, cleanup } = await factory({ maxFileBytes: 1000, maxExecutionBytes: 2500, maxFiles: 5 }));
    });
    afterAll(async () => {
      await cleanup?.();
    });

    it('writes, reads back, lists and deletes per execution', async () => {
      const info = await store.put(scope, 'report.md', '# hello');
      expect(info).toMatchObject({ name: 'report.md', size: 7, contentType: 'text/markdown' });
      await store.put(scope, 'charts/q1.json', Buffer.from('{"a":1}'));
      const got = await store.get(scope, 'report.md');
      expect(got.data.toString()).toBe('# hello');
      expect(got.info.size).toBe(7);
      expect((await store.list(scope)).map((a) => [a.name, a.size])).toEqual([
        ['charts/q1.json', 7],
        ['report.md', 7],
      ]);
      expect(await store.list(other)).toEqual([]);
      await store.put(scope, 'report.md', '# changed');
      expect((await store.get(scope, 'report.md')).data.toString()).toBe('# changed');
      await store.delete(scope, 'report.md');
      await store.delete(scope, 'report.md');
      expect(await code(store.get(scope, 'report.md'))).toBe('AF_NOT_FOUND');
      expect((await store.list(scope)).map((a) => a.name)).toEqual(['charts/q1.json']);
      await store.delete(scope, 'charts/q1.json');
    });

    it.each([
      '../escape.txt',
      '..',
      '.',
      '/etc/passwd',
      'a//b',
      'a/../../b',
      'a\\b',
      '.hidden',
      'nul\u0000byte',
      '',
      'x'.repeat(300),
      'a/b/c/d/e/f/g/h/i',
    ])('refuses the name %j', async (bad) => {
      expect(await code(store.put(scope, bad, 'x'))).toBe('AF_TOOL_ERROR');
      expect(await code(store.get(scope, bad))).toBe('AF_TOOL_ERROR');
    });

    it('refuses scope ids that are not plain segments', async () => {
      for (const id of ['..', '../ws2', 'a/b', '', '.x']) {
        expect(await code(store.put({ ...scope, workspaceId: id }, 'a.txt', 'x'))).toBe('AF_TOOL_ERROR');
        expect(await code(store.list({ ...scope, executionId: id }))).toBe('AF_TOOL_ERROR');
      }
    });

    it('enforces the file, execution and count limits', async () => {
      const s: ArtifactScope = { ...scope, executionId: 'limits' };
      expect(await code(store.put(s, 'big.bin', Buffer.alloc(1001)))).toBe('AF_LIMIT_EXCEEDED');
      await store.put(s, 'a.bin', Buffer.alloc(1000));
      await store.put(s, 'b.bin', Buffer.alloc(1000));
      expect(await code(store.put(s, 'c.bin', Buffer.alloc(600)))).toBe('AF_LIMIT_EXCEEDED');
      await store.put(s, 'a.bin', Buffer.alloc(500)); // replacing counts the new size only
      await store.put(s, 'c.bin', Buffer.alloc(10));
      await store.put(s, 'd.bin', Buffer.alloc(10));
      await store.put(s, 'e.bin', Buffer.alloc(10));
      expect(await code(store.put(s, 'f.bin', Buffer.alloc(1)))).toBe('AF_LIMIT_EXCEEDED');
      expect((await store.list(s)).length).toBe(5);
    });
  });
}
