/**
 * The runs in progress in one engine: each tracked by execution id while it runs, its lease renewed by one
 * heartbeat (every third of the lease's time to live, stopped when no run is left; a lease found taken over
 * interrupts its run), released when the run ends, and cancelled when its caller's signal aborts.
 */
import { AgentFlowError } from '@agentflow/protocol';
import type { ExecutionRun } from './execution-run.js';
import type { RunHost } from './types.js';

export class LiveRuns {
  // Each run behind a holder emptied when it ends. A Map that churns rehashes into new tables and leaves the old
  // ones as they were; once those are in the old generation, every run they still name (and its scheduler,
  // records and promises) survives young-generation GCs until the next full GC.
  private readonly runs = new Map<string, { run: ExecutionRun | undefined }>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: Pick<RunHost, 'store' | 'ownerId' | 'logger'>,
    private readonly leaseTtlMs: number,
  ) {}

  /** The run of `executionId` in progress here, if any. */
  get(executionId: string): ExecutionRun | undefined {
    return this.runs.get(executionId)?.run;
  }

  has(executionId: string): boolean {
    return this.runs.has(executionId);
  }

  track(run: ExecutionRun): void {
    this.runs.set(run.id, { run });
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => this.renewLeases(), Math.max(10, Math.floor(this.leaseTtlMs / 3)));
      this.heartbeat.unref?.();
    }
  }

  /** The run ended (or was interrupted): no longer tracked, the heartbeat stopped with the last one. */
  forget(executionId: string): void {
    const held = this.runs.get(executionId);
    if (held) held.run = undefined;
    this.runs.delete(executionId);
    if (this.runs.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  /** Interrupts every run in progress (the engine closes) and stops the heartbeat. */
  interruptAll(error: AgentFlowError): void {
    for (const { run } of [...this.runs.values()]) run?.interrupt(error);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private renewLeases(): void {
    const { store, ownerId, logger } = this.host;
    for (const { run } of this.runs.values()) {
      if (!run) continue;
      store.acquireLease(run.id, ownerId, this.leaseTtlMs).then(
        (ok) => {
          if (!ok) run.interrupt(new AgentFlowError('AF_LEASE_LOST', `lease of ${run.id} was taken over`));
        },
        (error) => logger.warn('lease renewal failed', { executionId: run.id, error: String(error) }),
      );
    }
  }
}

/** Cancels `run` when the caller's `signal` aborts (at once if it already has), until the run ends. */
export function linkSignal(run: ExecutionRun, signal: AbortSignal | undefined): void {
  if (!signal) return;
  if (signal.aborted) {
    run.cancel('cancelled by caller');
    return;
  }
  const onAbort = () => run.cancel('cancelled by caller');
  signal.addEventListener('abort', onAbort, { once: true });
  const unlink = () => signal.removeEventListener('abort', onAbort);
  run.done.then(unlink, unlink);
}
