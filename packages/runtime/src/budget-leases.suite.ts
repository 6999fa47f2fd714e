/**
 * The contract of budget leases (`budget-leases.ts`), run on PGlite (`budget-leases.test.ts`: two holders on
 * one store) and on PostgreSQL (`budget-leases.int.test.ts`: two stores, i.e. two connection pools, on one
 * schema, as two processes). `stores()` gives the two processes' stores; each test uses its own workspace.
 */
import type { SqlStore } from '@agentflow/store-sql';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type BudgetLeases, createBudgetLeases, type LeaseLimit, type TakeResult } from './budget-leases.js';

let seq = 0;

export function defineBudgetLeaseTests(stores: () => { a: SqlStore; b: SqlStore }): void {
  const open: BudgetLeases[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((l) => l.close()));
  });

  function leases(store: SqlStore, holder: string, options: { leaseShare?: number } = {}): BudgetLeases {
    const l = createBudgetLeases({ ledger: store, holder: `${holder}-${seq}`, ...options });
    open.push(l);
    return l;
  }

  function fresh(limitUsd: number): { ws: string; limits: LeaseLimit[] } {
    seq += 1;
    const ws = `ws-lease-${seq}-${Date.now()}`;
    return {
      ws,
      limits: [
        { key: `w:${ws}:d:2026-12-05`, limitUsd },
        { key: `w:${ws}:m:2026-12`, limitUsd: limitUsd * 10 },
      ],
    };
  }

  async function ledgerRow(store: SqlStore, ws: string, key: string) {
    const [row] = await store.ledger(ws, [key]);
    return row ?? { key, spentUsd: 0, reservedUsd: 0, heldUsd: 0, calls: 0 };
  }

  /** Takes and settles calls of `costUsd` (holding `maxUsd`) until the first refusal; returns what they cost. */
  async function spendUntilRefused(
    l: BudgetLeases,
    ws: string,
    limits: LeaseLimit[],
    maxUsd: number,
    costUsd: number,
  ): Promise<{ calls: number; spent: number; refused: string }> {
    let calls = 0;
    for (;;) {
      const taken: TakeResult = await l.take(ws, limits, maxUsd);
      if ('refused' in taken) return { calls, spent: calls * costUsd, refused: taken.refused };
      // A model call would run here: something else gets the event loop meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
      taken.hold.settle(costUsd);
      calls += 1;
    }
  }

  describe('budget leases', () => {
    it('two processes spending against one limit never pass it together, and are refused at most a chunk each early', async () => {
      const { a, b } = stores();
      const { ws, limits } = fresh(1);
      const key = limits[0]!.key;
      const pa = leases(a, 'A');
      const pb = leases(b, 'B');
      const max = 0.01;
      // 4 calls in flight per process, racing each other and the other process.
      const runs = await Promise.all([
        ...Array.from({ length: 4 }, () => spendUntilRefused(pa, ws, limits, max, max)),
        ...Array.from({ length: 4 }, () => spendUntilRefused(pb, ws, limits, max, max)),
      ]);
      await Promise.all([pa.flush(), pb.flush()]);
      const spent = runs.reduce((sum, r) => sum + r.spent, 0);
      const calls = runs.reduce((sum, r) => sum + r.calls, 0);
      expect(runs.every((r) => r.refused === key)).toBe(true);
      expect(spent).toBeLessThanOrEqual(1 + 1e-9);
      // Chunk: 20 calls' maximum (0.2) capped at 5 % of the limit (0.05); two processes: 0.1 early at most.
      expect(spent).toBeGreaterThanOrEqual(1 - 2 * 0.05 - max - 1e-9);
      // Both took part, and the ledger holds exactly what was spent, and never more than the limit in all.
      expect(runs.slice(0, 4).some((r) => r.calls > 0) && runs.slice(4).some((r) => r.calls > 0)).toBe(true);
      const row = await ledgerRow(a, ws, key);
      expect(row.spentUsd).toBeCloseTo(spent, 9);
      expect(row.calls).toBe(calls);
      expect(row.spentUsd + row.reservedUsd).toBeLessThanOrEqual(1 + 1e-9);
      expect(row.heldUsd).toBe(0);
    });

    it('a call costing less than its maximum gives the rest back to its process', async () => {
      const { a } = stores();
      const { ws, limits } = fresh(0.1);
      const pa = leases(a, 'A', { leaseShare: 1 });
      // Holds 0.01 each, costs 0.004: 23 calls leave 0.008 of 0.1, less than the next call's maximum.
      const run = await spendUntilRefused(pa, ws, limits, 0.01, 0.004);
      expect(run.calls).toBe(23);
      await pa.release();
      const row = await ledgerRow(a, ws, limits[0]!.key);
      expect(row.spentUsd).toBeCloseTo(0.092, 9);
      expect(row.reservedUsd).toBe(0);
    });

    it("a process's unused lease, once given back, is the other's to use", async () => {
      const { a, b } = stores();
      const { ws, limits } = fresh(0.1);
      const key = limits[0]!.key;
      // A chunk here is the whole limit (20 x 0.01 > 0.1): A's first call leases all of it.
      const pa = leases(a, 'A', { leaseShare: 1 });
      const pb = leases(b, 'B', { leaseShare: 1 });
      const first = await pa.take(ws, limits, 0.01);
      if (!('hold' in first)) throw new Error('A refused');
      first.hold.settle(0.01);
      expect(await pb.take(ws, limits, 0.01)).toEqual({ refused: key });
      await pa.release();
      expect((await ledgerRow(a, ws, key)).reservedUsd).toBe(0);
      const run = await spendUntilRefused(pb, ws, limits, 0.01, 0.01);
      expect(run.calls).toBe(9);
      // A must lease again, and B holds what is left (nothing).
      expect(await pa.take(ws, limits, 0.01)).toEqual({ refused: key });
    });

    it('an expired lease is taken back by the other process: its unused rest is free, its calls in flight count as spent', async () => {
      const { a, b } = stores();
      const { ws, limits } = fresh(0.1);
      const key = limits[0]!.key;
      const pa = leases(a, 'A', { leaseShare: 1 });
      const pb = leases(b, 'B', { leaseShare: 1 });
      const inFlight = await pa.take(ws, limits, 0.01);
      if (!('hold' in inFlight)) throw new Error('A refused');
      await pa.tick(); // renews A's lease and writes what its call holds
      expect((await ledgerRow(a, ws, key)).heldUsd).toBeCloseTo(0.01, 9);
      expect(await pb.take(ws, limits, 0.01)).toEqual({ refused: key });
      // A stops renewing (as if it died): its lease's expiry passes.
      await a.db.execute(
        sql`UPDATE budget_leases SET expires_at = now() - interval '1 second' WHERE holder = ${pa.holder}`,
      );
      const run = await spendUntilRefused(pb, ws, limits, 0.01, 0.01);
      expect(run.calls).toBe(9); // 0.1 less A's call in flight, counted as spent
      await pb.flush();
      const row = await ledgerRow(a, ws, key);
      expect(row.spentUsd).toBeCloseTo(0.1, 9);
      // A was not dead after all: its call ends and is written (counted again: early, never late), and A, told
      // its lease is gone, does not spend what it thought it held.
      inFlight.hold.settle(0.01);
      await pa.flush();
      expect((await ledgerRow(a, ws, key)).spentUsd).toBeCloseTo(0.11, 9);
      expect(await pa.take(ws, limits, 0.01)).toEqual({ refused: key });
    });

    it('a key left unused with nothing in flight is given back on the next tick', async () => {
      const { a } = stores();
      const { ws, limits } = fresh(1);
      let now = 1_000_000;
      const pa = createBudgetLeases({ ledger: a, holder: `idle-${seq}`, idleMs: 5_000, now: () => now });
      open.push(pa);
      const taken = await pa.take(ws, limits, 0.01);
      if (!('hold' in taken)) throw new Error('refused');
      taken.hold.settle(0.01);
      await pa.tick();
      expect((await ledgerRow(a, ws, limits[0]!.key)).reservedUsd).toBeGreaterThan(0);
      now += 5_000;
      await pa.tick();
      const row = await ledgerRow(a, ws, limits[0]!.key);
      expect(row.reservedUsd).toBe(0);
      expect(row.spentUsd).toBeCloseTo(0.01, 9);
    });
  });
}
