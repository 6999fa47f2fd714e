/**
 * Recovery while a process without a queue runs (embedded mode, or PostgreSQL without Redis; the workers of a
 * queue have their own orphan sweep, dispatch-sweep.ts). `recover` takes up what a previous process left at start;
 * after that, an execution whose run was interrupted here (the store failed under it: a lost database
 * connection, a full disk) kept its lease until it expired and then showed `running` until the next start. This
 * sweep, every `intervalMs` (the lease's time to live), takes up the running executions whose lease expired with
 * the engine's `recoverOrphans`, which claims each in the store and fails one taken up `maxRecoveries` times
 * without committing a step since, so a commit that keeps failing does not re-run its last step forever.
 * Queued executions are left to whoever queued them (a request starting one must not race the sweep).
 */
import type { Engine, Logger } from '@agentflow/core';

export interface RecoverySweepOptions {
  /** Takes orphans up (in their workspaces: the runtime's scoped engine). */
  engine: Pick<Engine, 'recoverOrphans'>;
  intervalMs: number;
  logger?: Logger;
}

export interface RecoverySweep {
  /** One pass (the timer's); resolves with the ids taken up again. */
  sweep(): Promise<string[]>;
  stop(): void;
}

export function startRecoverySweep(options: RecoverySweepOptions): RecoverySweep {
  const { engine, logger } = options;
  let running: Promise<string[]> | undefined;

  function sweep(): Promise<string[]> {
    running ??= engine.recoverOrphans({ statuses: ['running'] }).finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => {
    sweep().catch((error: unknown) => logger?.warn('recovery sweep failed', { error: String(error) }));
  }, options.intervalMs);
  timer.unref?.();
  return {
    sweep,
    stop() {
      clearInterval(timer);
    },
  };
}
