import { randomUUID } from 'node:crypto';
import type { Store } from '@agentflow/core';
import type { ExecutionRecord } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { makeExecutionRecord, makeStepRecord, sleep } from './fixtures.js';

/** Large enough that executions left over by other tests on a shared database do not hide ours. */
const ORPHAN_LIMIT = 100_000;

/**
 * The store contract's leases: who holds an execution, which executions are orphans (`listOrphans`), the take-up
 * of one (`claimOrphan`, counted until a commit), and a failed one put back in the queue (`reopenExecution`).
 */
export function defineStoreLeaseTests(store: () => Store): void {
  describe('leases', () => {
    it('is exclusive per owner until released', async () => {
      const x = makeExecutionRecord({ status: 'running' });
      await store().createExecution(x);
      expect(await store().acquireLease(x.id, 'w1', 10_000)).toBe(true);
      expect(await store().acquireLease(x.id, 'w2', 10_000)).toBe(false);
      expect(await store().acquireLease(x.id, 'w1', 10_000)).toBe(true);
      await store().releaseLease(x.id, 'w2');
      expect(await store().acquireLease(x.id, 'w2', 10_000)).toBe(false);
      await store().releaseLease(x.id, 'w1');
      expect(await store().acquireLease(x.id, 'w2', 10_000)).toBe(true);
      expect(await store().acquireLease(x.id, 'w1', 10_000)).toBe(false);
    });

    it('createExecution with a lease option takes the lease in the same write', async () => {
      const x = makeExecutionRecord({ status: 'running' });
      await store().createExecution(x, { lease: { owner: 'w1', ttlMs: 60_000 } });
      expect(await store().acquireLease(x.id, 'w2', 10_000)).toBe(false);
      expect(await store().acquireLease(x.id, 'w1', 10_000)).toBe(true);
      expect(await store().listOrphans(ORPHAN_LIMIT)).not.toContain(x.id);
      // A taken id changes nothing, not even the lease.
      await expect(
        store().createExecution({ ...x, input: 'again' }, { lease: { owner: 'w2', ttlMs: 60_000 } }),
      ).rejects.toThrow();
      expect(await store().acquireLease(x.id, 'w2', 10_000)).toBe(false);
      const expiring = makeExecutionRecord({ status: 'running' });
      await store().createExecution(expiring, { lease: { owner: 'w1', ttlMs: 100 } });
      await sleep(180);
      expect(await store().acquireLease(expiring.id, 'w2', 10_000)).toBe(true);
    });

    it('lets another owner take an expired lease; renewing extends it', async () => {
      const x = makeExecutionRecord({ status: 'running' });
      await store().createExecution(x);
      expect(await store().acquireLease(x.id, 'w1', 250)).toBe(true);
      await sleep(150);
      expect(await store().acquireLease(x.id, 'w1', 250)).toBe(true);
      await sleep(150);
      expect(await store().acquireLease(x.id, 'w2', 250)).toBe(false);
      await sleep(200);
      expect(await store().acquireLease(x.id, 'w2', 250)).toBe(true);
      expect(await store().acquireLease(x.id, 'w1', 250)).toBe(false);
    });
  });

  describe('listOrphans', () => {
    it('lists queued and running executions with no lease or an expired one', async () => {
      const make = async (status: ExecutionRecord['status']) => {
        const x = makeExecutionRecord({ status });
        await store().createExecution(x);
        return x.id;
      };
      const queued = await make('queued');
      const running = await make('running');
      const leased = await make('running');
      const expiring = await make('running');
      const released = await make('queued');
      const paused = await make('paused');
      const done = await Promise.all([make('succeeded'), make('failed'), make('cancelled')]);
      await store().acquireLease(leased, 'w1', 60_000);
      await store().acquireLease(expiring, 'w1', 100);
      await store().acquireLease(released, 'w1', 60_000);
      await store().releaseLease(released, 'w1');
      await store().acquireLease(paused, 'w1', 100);
      await sleep(180);
      const orphans = new Set(await store().listOrphans(ORPHAN_LIMIT));
      for (const id of [queued, running, expiring, released]) expect(orphans.has(id)).toBe(true);
      for (const id of [leased, paused, ...done]) expect(orphans.has(id)).toBe(false);
      expect((await store().listOrphans(1)).length).toBe(1);
    });
  });

  describe('claimOrphan', () => {
    it('takes an orphan once, counting take-ups until a commit sets the count back', async () => {
      const x = makeExecutionRecord({ status: 'running' });
      await store().createExecution(x);
      expect(await store().claimOrphan(x.id, 'w1', 60_000)).toBe(1);
      // Held now: neither another process nor the same one claims it again, and it is no orphan.
      expect(await store().claimOrphan(x.id, 'w2', 60_000)).toBeUndefined();
      expect(await store().claimOrphan(x.id, 'w1', 60_000)).toBeUndefined();
      expect(await store().listOrphans(ORPHAN_LIMIT)).not.toContain(x.id);
      expect(await store().acquireLease(x.id, 'w2', 60_000)).toBe(false);
      expect(await store().acquireLease(x.id, 'w1', 60_000)).toBe(true);
      // Its holder dies: the lease is let go (or expires) and the next take-up counts 2.
      await store().releaseLease(x.id, 'w1');
      expect(await store().claimOrphan(x.id, 'w2', 100)).toBe(2);
      await sleep(180);
      expect(await store().claimOrphan(x.id, 'w3', 60_000)).toBe(3);
      // A committed step is progress: the count starts again.
      await store().commitStep({
        executionId: x.id,
        steps: [makeStepRecord(x.id, 'a', 0)],
        messages: [],
        ready: [],
        waiting: [],
      });
      await store().releaseLease(x.id, 'w3');
      expect(await store().claimOrphan(x.id, 'w1', 60_000)).toBe(1);
    });

    it('claims no execution that is not an orphan', async () => {
      const paused = makeExecutionRecord({ status: 'paused' });
      const done = makeExecutionRecord({ status: 'succeeded', completedAt: Date.now() });
      await store().createExecution(paused);
      await store().createExecution(done);
      expect(await store().claimOrphan(paused.id, 'w1', 60_000)).toBeUndefined();
      expect(await store().claimOrphan(done.id, 'w1', 60_000)).toBeUndefined();
      expect(await store().claimOrphan(`exe_${randomUUID()}`, 'w1', 60_000)).toBeUndefined();
      expect(await store().acquireLease(paused.id, 'w2', 60_000)).toBe(true);
    });
  });

  describe('reopenExecution', () => {
    it('puts a failed execution back in the queue with its steps, as an orphan never taken up', async () => {
      const x = makeExecutionRecord({ status: 'running' });
      await store().createExecution(x);
      expect(await store().claimOrphan(x.id, 'w1', 60_000)).toBe(1);
      await store().commitStep({
        executionId: x.id,
        steps: [makeStepRecord(x.id, 'a', 0)],
        messages: [],
        ready: ['b'],
        waiting: [],
      });
      expect(await store().claimOrphan(x.id, 'w2', 60_000)).toBeUndefined();
      const error = { code: 'AF_INTERNAL' as const, message: 'no worker could run it' };
      expect(await store().updateExecution(x.id, { status: 'failed', error, completedAt: Date.now() })).toBe(
        true,
      );

      expect(await store().reopenExecution(x.id)).toBe(true);
      const reopened = await store().getExecution(x.id);
      expect(reopened).toMatchObject({ status: 'queued', ready: ['b'], stepCount: 1 });
      expect(reopened?.error).toBeUndefined();
      expect(reopened?.completedAt).toBeUndefined();
      expect((await store().listSteps(x.id)).map((s) => s.agentId)).toEqual(['a']);
      // No lease and no take-ups left from before: the first process to claim it counts 1.
      expect(await store().listOrphans(ORPHAN_LIMIT)).toContain(x.id);
      expect(await store().claimOrphan(x.id, 'w3', 60_000)).toBe(1);
      expect(await store().updateExecution(x.id, { status: 'running' })).toBe(true);
      // Only a failed execution reopens.
      expect(await store().reopenExecution(x.id)).toBe(false);
      expect((await store().getExecution(x.id))?.status).toBe('running');
    });

    it('refuses what is not failed, and changes nothing', async () => {
      const done = makeExecutionRecord({ status: 'succeeded', completedAt: Date.now(), output: 'ok' });
      const cancelled = makeExecutionRecord({ status: 'cancelled', completedAt: Date.now() });
      const paused = makeExecutionRecord({ status: 'paused' });
      for (const x of [done, cancelled, paused]) {
        await store().createExecution(x);
        expect(await store().reopenExecution(x.id)).toBe(false);
        expect((await store().getExecution(x.id))?.status).toBe(x.status);
      }
      expect(await store().reopenExecution(`exe_${randomUUID()}`)).toBe(false);
    });
  });
}
