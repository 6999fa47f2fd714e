/**
 * Group writes: writes that arrive while a statement is in flight are sent together, one multi-row statement per
 * kind of write (one transaction, one WAL flush, one planning-free EXECUTE on PGlite) instead of one each.
 *
 * Each write stays atomic on its own: a kind's statement only applies rows whose own conditions hold, and if a
 * grouped statement fails as a whole, each of its writes is retried alone so only the faulty one fails. A group
 * holds at most one write per execution and an execution never has two groups in flight, so the writes of one
 * execution apply in call order.
 *
 * On PGlite a statement runs synchronously inside the call, so writes arriving one per event-loop turn (one per
 * HTTP request, say) would never find a group in flight to join. When writes of different executions follow
 * each other closely, a write that finds nothing in flight waits one turn (`setImmediate`) for the writes the
 * same turn's other callbacks make; a lone sequential execution (each write of the same key) never waits.
 */

export interface GroupCommitOptions {
  /** Group concurrent writes into one statement per kind. (Default: true) */
  enabled?: boolean;
  /** Max writes per group. (Default: 64) */
  maxBatch?: number;
  /** Groups in flight at once (PGlite runs one statement at a time anyway). (Default: 1) */
  maxInFlight?: number;
  /**
   * A write that finds nothing in flight waits one event-loop turn if a write of another key ended less than
   * this long ago (ms); 0 never waits. (Default: 2)
   */
  coalesceWindowMs?: number;
}

/** One queued write; its executor settles it. */
export interface Write<I = unknown> {
  readonly kind: string;
  /** Execution id: writes with the same key apply one at a time, in call order. */
  readonly key: string;
  readonly input: I;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface WriteExecutor {
  /** Applies the writes (distinct keys) in one statement and settles each; throws if the statement failed. */
  run(writes: Write[]): Promise<void>;
  /** The error to report when a write, run alone, failed. (Default: the error itself) */
  failure?(write: Write, error: unknown): unknown;
}

export interface WriteGroup {
  submit<T>(kind: string, key: string, input: unknown): Promise<T>;
  /** Resolves when nothing is queued or in flight. */
  drain(): Promise<void>;
}

export function createWriteGroup(
  executors: Record<string, WriteExecutor>,
  options: GroupCommitOptions = {},
): WriteGroup {
  const maxBatch = options.enabled === false ? 1 : Math.max(1, options.maxBatch ?? 64);
  const maxInFlight = Math.max(1, options.maxInFlight ?? 1);
  const queue: Write[] = [];
  const busy = new Set<string>(); // keys with a group in flight
  let inFlight = 0;
  let idle: (() => void)[] = [];
  const windowMs = options.enabled === false ? 0 : (options.coalesceWindowMs ?? 2);
  let lastKey: string | undefined;
  let lastEndedAt = Number.NEGATIVE_INFINITY;
  let deferred = false;

  /** Runs queued writes now, or after this turn when other executions are writing too. */
  function schedule(key: string): void {
    if (deferred) return;
    if (inFlight === 0 && key !== lastKey && performance.now() - lastEndedAt < windowMs) {
      deferred = true;
      setImmediate(() => {
        deferred = false;
        pump();
      });
      return;
    }
    pump();
  }

  function take(): Write[] {
    const batch: Write[] = [];
    const keys = new Set<string>();
    const blocked = new Set<string>();
    for (let i = 0; i < queue.length && batch.length < maxBatch; ) {
      const w = queue[i]!;
      if (busy.has(w.key) || keys.has(w.key) || blocked.has(w.key)) {
        blocked.add(w.key); // later writes of this execution wait for this one
        i++;
        continue;
      }
      keys.add(w.key);
      batch.push(w);
      queue.splice(i, 1);
    }
    return batch;
  }

  function pump(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = take();
      if (batch.length === 0) return;
      inFlight++;
      for (const w of batch) busy.add(w.key);
      void runGroup(batch).finally(() => {
        inFlight--;
        for (const w of batch) busy.delete(w.key);
        lastKey = batch.length === 1 ? batch[0]!.key : undefined;
        lastEndedAt = performance.now();
        pump();
        if (inFlight === 0 && queue.length === 0) {
          const waiters = idle;
          idle = [];
          for (const resolve of waiters) resolve();
        }
      });
    }
  }

  async function runGroup(batch: Write[]): Promise<void> {
    const kinds = new Map<string, Write[]>();
    for (const w of batch) {
      const list = kinds.get(w.kind);
      if (list) list.push(w);
      else kinds.set(w.kind, [w]);
    }
    for (const [kind, writes] of kinds) await runKind(executors[kind]!, writes);
  }

  async function runKind(executor: WriteExecutor, writes: Write[]): Promise<void> {
    try {
      await executor.run(writes);
    } catch (error) {
      if (writes.length === 1) {
        const w = writes[0]!;
        w.reject(executor.failure ? executor.failure(w, error) : error);
        return;
      }
      // Isolate the faulty write: retry each alone (each still one atomic statement).
      for (const w of writes) await runKind(executor, [w]);
    }
  }

  return {
    submit<T>(kind: string, key: string, input: unknown): Promise<T> {
      if (!executors[kind]) return Promise.reject(new Error(`unknown write kind ${kind}`));
      return new Promise<T>((resolve, reject) => {
        queue.push({ kind, key, input, resolve: resolve as (value: unknown) => void, reject });
        schedule(key);
      });
    },
    drain() {
      if (inFlight === 0 && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
