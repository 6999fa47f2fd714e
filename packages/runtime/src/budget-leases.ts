/**
 * Budget leases (issue 17 item 4): how one process checks model calls against spend limits shared with other
 * processes without a store round trip per call.
 *
 * Contract. `take(workspaceId, limits, amountUsd)` holds `amountUsd` on every limit key for one call, or names the
 * key that cannot give it. It draws on allowance this process leased from the ledger (`BudgetLedger.leaseBudget`):
 * when a key holds too little, it leases more (one statement for all the call's keys, serialized per process)
 * and the call waits for it; when a key falls under half a chunk it leases more in the background. The hold's
 * `settle(costUsd)` gives back what the call did not cost and queues its spend, which is written (with the
 * lease's renewal) by one statement at a time, never awaited by the call. So across processes the ledger's
 * `spent + leased` never passes a limit, and a call only runs on allowance its process holds: never late. A
 * refusal can come early by what the other processes hold unused (at most a chunk each, per key).
 *
 * Chunk: `leaseCalls` times the call's maximum (default 20), capped at `leaseShare` of the limit (default 5 %),
 * never less than the call needs. Leases expire `ttlMs` after their last write (default 30 s); `tick()` (every
 * `ttlMs / 3` while anything is held) renews them, and gives back the rest of a key unused for `idleMs` (default
 * 10 s) with no call in flight. A lease that expires (its process died) is taken back by the next lease on its
 * key: the part its calls held in flight at its last write counts as spent, the rest is free again.
 */
import { randomUUID } from 'node:crypto';
import type { BudgetLedger, LeaseAsk, LeaseReport } from '@agentflow/store-sql';

export interface LeaseLimit {
  key: string;
  limitUsd: number;
}

/** One call's hold on its keys: `settle` once, with what the call cost (0 if it never reached the provider). */
export interface BudgetHold {
  settle(costUsd: number): void;
}

export type TakeResult = { hold: BudgetHold } | { refused: string };

export interface BudgetLeaseOptions {
  ledger: Pick<BudgetLedger, 'leaseBudget' | 'flushBudget'>;
  /** This process's name in `budget_leases.holder`. (Default: a random id) */
  holder?: string;
  /** A chunk is this many calls' maximum. (Default: 20) */
  leaseCalls?: number;
  /** ... and at most this share of the limit. (Default: 0.05) */
  leaseShare?: number;
  /** A lease not renewed for this long is taken back. (Default: 30,000 ms) */
  ttlMs?: number;
  /** A key unused this long, with no call in flight, is given back. (Default: 10,000 ms) */
  idleMs?: number;
  /** Told of a background write that failed (it is retried with the next). */
  onError?: (error: unknown) => void;
  now?: () => number;
}

interface KeyState {
  key: string;
  workspaceId: string;
  /** Leased and not held by a call in flight nor spent. */
  free: number;
  /** Held by calls in flight. */
  held: number;
  /** Spent and not yet written (with the number of calls). */
  spent: number;
  calls: number;
  /** This process's idea of the lease's existence: false once the ledger said it was gone. */
  leased: boolean;
  lastUsed: number;
}

/**
 * Allowance is compared with this tolerance (USD, a tenth of a nano-dollar): sums of float amounts drift by
 * 1e-17 or so, which must not refuse a call that fits exactly (the ledger rounds grants down to a nano-dollar).
 */
const EPSILON = 1e-10;

export function createBudgetLeases(options: BudgetLeaseOptions) {
  const { ledger } = options;
  const holder = options.holder ?? `p-${randomUUID()}`;
  const leaseCalls = options.leaseCalls ?? 20;
  const leaseShare = options.leaseShare ?? 0.05;
  const ttlMs = options.ttlMs ?? 30_000;
  const idleMs = options.idleMs ?? 10_000;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (() => {});
  const keys = new Map<string, KeyState>();
  /** Every store write of this process, one at a time (so its statements never race each other). */
  let queue: Promise<unknown> = Promise.resolve();
  let flushQueued = false;
  let prefetching = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  }

  function chunkOf(limitUsd: number, amountUsd: number): number {
    return Math.max(Math.min(leaseCalls * amountUsd, leaseShare * limitUsd), amountUsd);
  }

  function stateOf(workspaceId: string, key: string): KeyState {
    let s = keys.get(key);
    if (!s) {
      s = { key, workspaceId, free: 0, held: 0, spent: 0, calls: 0, leased: false, lastUsed: now() };
      keys.set(key, s);
    }
    return s;
  }

  function tryTake(
    workspaceId: string,
    limits: readonly LeaseLimit[],
    amountUsd: number,
  ): BudgetHold | undefined {
    const states: KeyState[] = [];
    for (const l of limits) {
      const s = stateOf(workspaceId, l.key);
      if (s.free + EPSILON < amountUsd) return undefined;
      states.push(s);
    }
    const t = now();
    let low = false;
    for (let i = 0; i < states.length; i++) {
      const s = states[i]!;
      s.free -= amountUsd;
      s.held += amountUsd;
      s.lastUsed = t;
      if (s.free < chunkOf(limits[i]!.limitUsd, amountUsd) / 2) low = true;
    }
    if (low) prefetch(workspaceId, limits, amountUsd);
    let settled = false;
    return {
      settle(costUsd) {
        if (settled) return;
        settled = true;
        for (const s of states) {
          s.held = s.held - amountUsd < EPSILON ? 0 : s.held - amountUsd;
          s.free += amountUsd - costUsd;
          s.spent += costUsd;
          s.calls += 1;
        }
        scheduleFlush();
      },
    };
  }

  /** Leases for the keys short of `needUsd` more (0: a top-up in the background); undefined or the refused key. */
  async function lease(
    workspaceId: string,
    limits: readonly LeaseLimit[],
    amountUsd: number,
    background: boolean,
  ): Promise<string | undefined> {
    const asks: LeaseAsk[] = [];
    for (const l of limits) {
      const s = stateOf(workspaceId, l.key);
      const chunk = chunkOf(l.limitUsd, amountUsd);
      if (s.free >= chunk / 2 && (background || s.free + EPSILON >= amountUsd)) continue;
      const short = amountUsd - s.free;
      const need = background || short < EPSILON ? 0 : short;
      asks.push({
        key: l.key,
        limitUsd: l.limitUsd,
        needUsd: need,
        wantUsd: Math.max(chunk - s.free, need),
        heldUsd: s.held,
      });
    }
    if (asks.length === 0) return undefined;
    const result = await ledger.leaseBudget(workspaceId, holder, asks, ttlMs);
    if ('refused' in result) return result.refused;
    asks.forEach((a, i) => {
      const s = stateOf(workspaceId, a.key);
      s.free += result.granted[i] ?? 0;
      s.leased = true;
    });
    startTimer();
    return undefined;
  }

  function prefetch(workspaceId: string, limits: readonly LeaseLimit[], amountUsd: number): void {
    if (prefetching || closed) return;
    prefetching = true;
    serial(() => lease(workspaceId, limits, amountUsd, true))
      .catch(onError)
      .finally(() => {
        prefetching = false;
      });
  }

  /**
   * What to write: every key with spend not yet written, and with `all` every key leased (its renewal); a key
   * `release` picks is given back. Its allowance is dropped here, before the write, so no call draws on it while
   * the ledger frees it.
   */
  function reportsOf(release: (s: KeyState) => boolean, all: boolean): { s: KeyState; r: LeaseReport }[] {
    const out: { s: KeyState; r: LeaseReport }[] = [];
    for (const s of [...keys.values()]) {
      const give = release(s);
      const pending = s.spent !== 0 || s.calls !== 0;
      if (give && !s.leased && !pending && s.held === 0) {
        keys.delete(s.key); // never leased (a refused call's key): nothing to give back
        continue;
      }
      if (!pending && !give && !(all && s.leased)) continue;
      out.push({ s, r: { key: s.key, spentUsd: s.spent, calls: s.calls, heldUsd: s.held, release: give } });
      if (give) {
        s.free = 0;
        s.leased = false;
      }
    }
    return out;
  }

  /** Writes what was spent (and renews, or gives back per `release`) in one statement; undone on failure. */
  async function write(release: (s: KeyState) => boolean, all: boolean): Promise<void> {
    const pending = reportsOf(release, all);
    if (pending.length === 0) return;
    for (const { s, r } of pending) {
      s.spent -= r.spentUsd;
      s.calls -= r.calls;
    }
    let lost: string[];
    try {
      lost = await ledger.flushBudget(
        holder,
        pending.map(({ r }) => r),
        ttlMs,
      );
    } catch (error) {
      for (const { s, r } of pending) {
        s.spent += r.spentUsd;
        s.calls += r.calls;
      }
      throw error;
    }
    for (const { s, r } of pending) {
      // Given back and untouched since: forget it (a call that came meanwhile leased it again).
      if (r.release && !s.leased && s.held === 0 && s.spent === 0 && s.calls === 0) keys.delete(s.key);
    }
    // A lease taken back: what this process thought it held is not its own any more.
    for (const key of lost) {
      const s = keys.get(key);
      if (s) {
        s.free = Math.min(s.free, 0);
        s.leased = false;
      }
    }
  }

  function scheduleFlush(): void {
    if (flushQueued) return;
    flushQueued = true;
    serial(async () => {
      flushQueued = false;
      await write(() => false, false);
    }).catch(onError);
  }

  function startTimer(): void {
    if (timer || closed) return;
    timer = setInterval(
      () => {
        void tick().catch(onError);
      },
      Math.max(ttlMs / 3, 10),
    );
    timer.unref();
  }

  /** Renews every lease, gives back keys idle for `idleMs` with nothing in flight; stops when nothing is held. */
  function tick(): Promise<void> {
    const t = now();
    return serial(async () => {
      await write((s) => s.held === 0 && t - s.lastUsed >= idleMs, true);
      if (keys.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    });
  }

  return {
    holder,
    /**
     * Holds `amountUsd` on every key for one call: at once when this process's allowance covers it, else after
     * leasing more. `{refused: key}` when a key's limit cannot give it.
     */
    take(
      workspaceId: string,
      limits: readonly LeaseLimit[],
      amountUsd: number,
    ): TakeResult | Promise<TakeResult> {
      const hold = tryTake(workspaceId, limits, amountUsd);
      if (hold) return { hold };
      return serial(async (): Promise<TakeResult> => {
        // Another call's lease may have covered this one while it waited.
        const again = tryTake(workspaceId, limits, amountUsd);
        if (again) return { hold: again };
        const refused = await lease(workspaceId, limits, amountUsd, false);
        if (refused !== undefined) return { refused };
        const held = tryTake(workspaceId, limits, amountUsd);
        // Leased just now for this call: only a limit changed under it can leave it short.
        return held ? { hold: held } : { refused: limits[0]!.key };
      });
    },
    /** Waits until everything spent so far is written. */
    flush(): Promise<void> {
      return serial(() => write(() => false, false));
    },
    tick,
    /** Writes what was spent and gives back every lease with no call in flight. */
    release(): Promise<void> {
      return serial(() => write((s) => s.held === 0, true));
    },
    /** Stops renewing and gives back what is unused (calls still in flight keep their lease until it expires). */
    async close(): Promise<void> {
      closed = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await serial(() => write((s) => s.held === 0, true));
    },
  };
}

export type BudgetLeases = ReturnType<typeof createBudgetLeases>;
