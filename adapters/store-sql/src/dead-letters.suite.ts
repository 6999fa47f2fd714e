/**
 * Behaviour of the dead-letter repository (dead-letters.ts), run on PGlite (dead-letters.test.ts) and on
 * PostgreSQL (dead-letters.int.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDeadLetterRepository, type DeadLetterRepository } from './dead-letters.js';
import type { SqlStore } from './sql-store.js';

export function defineDeadLetterTests(getStore: () => SqlStore): void {
  let repo: DeadLetterRepository | undefined;
  const letters = () => {
    repo ??= createDeadLetterRepository(getStore().db);
    return repo;
  };
  const rand = () => randomBytes(6).toString('hex');

  describe('dead letters', () => {
    it('lists a workspace’s open letters newest first, and only its own', async () => {
      const ws = `ws_${rand()}`;
      const [a, b, c] = [`exe_${rand()}`, `exe_${rand()}`, `exe_${rand()}`];
      await letters().record({ executionId: a, workspaceId: ws, reason: 'first', deliveries: 3 });
      await letters().record({ executionId: b, workspaceId: ws, reason: 'second', deliveries: 5 });
      await letters().record({ executionId: c, workspaceId: `ws_${rand()}`, reason: 'other', deliveries: 1 });
      await letters().record({ executionId: `exe_${rand()}`, reason: 'no workspace', deliveries: 1 });

      const listed = await letters().list(ws);
      expect(listed.map((l) => l.executionId)).toEqual([b, a]);
      expect(listed[0]).toMatchObject({ id: `dl_${b}`, workspaceId: ws, reason: 'second', deliveries: 5 });
      expect(listed[0]).not.toHaveProperty('retriedAt');
      expect(typeof listed[0]?.createdAt).toBe('number');
      expect(await letters().list(ws, 1)).toHaveLength(1);
    });

    it('cuts the reason to 2,000 characters', async () => {
      const ws = `ws_${rand()}`;
      await letters().record({
        executionId: `exe_${rand()}`,
        workspaceId: ws,
        reason: 'x'.repeat(5000),
        deliveries: 1,
      });
      expect((await letters().list(ws))[0]?.reason).toHaveLength(2000);
    });

    it('marks a letter retried once, in its workspace only; recording it again reopens it', async () => {
      const ws = `ws_${rand()}`;
      const executionId = `exe_${rand()}`;
      await letters().record({ executionId, workspaceId: ws, reason: 'boom', deliveries: 3 });
      const id = `dl_${executionId}`;

      expect(await letters().markRetried(`ws_${rand()}`, id, 'usr_x')).toBeUndefined();
      const retried = await letters().markRetried(ws, id, 'usr_x');
      expect(retried).toMatchObject({ id, executionId, workspaceId: ws, deliveries: 3 });
      expect(typeof retried?.retriedAt).toBe('number');
      expect(await letters().markRetried(ws, id, 'usr_x')).toBeUndefined();
      expect(await letters().list(ws)).toEqual([]);

      await letters().record({ executionId, workspaceId: ws, reason: 'again', deliveries: 4 });
      expect(await letters().list(ws)).toMatchObject([{ id, reason: 'again', deliveries: 4 }]);
      expect(await letters().markRetried(ws, id)).toMatchObject({ id });
    });
  });
}
