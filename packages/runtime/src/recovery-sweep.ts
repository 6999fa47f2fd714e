/**
 * Recovery while a process without a queue runs (embedded mode, or PostgreSQL without Redis; the workers of a
 * queue have their own orphan sweep, dispatch-sweep.ts). `recover` takes up what a previous process left at start;
 * after that, an execution whose run was interrupted here (the store failed under it: a lost database
 * connection, a full disk) kept its lease until it expired and then showed `running` until the next start. This
 * sweep, every `intervalMs` (the lease's time to live), takes up the running executions whose lease expired,
 * each at most `maxRecoveries` times in this process (`AGENTFLOW_MAX_DELIVERIES`, as a queue's deliveries); one
 * interrupted again after that is failed, so a commit that keeps failing does not re-run its last step forever.
 * Queued executions are left to whoever queued them (a request starting one must not race the sweep).
 */
import { type Engine, type Logger, type Store, topLevelOrphans } from '@agentflow/core';
import { AgentFlowError, toErrorInfo } from '@agentflow/protocol';

export interface RecoverySweepOptions {
  store: Store;
  /** Resumes an execution (in its workspace: the runtime's scoped engine). */
  engine: Pick<Engine, 'resume'>;
  intervalMs: number;
  maxRecoveries: number;
  logger?: Logger;
  now?: () => number;
}

export interface RecoverySweep {
  /** One pass (the timer's); resolves with the ids taken up again. */
  sweep(): Promise<string[]>;
  stop(): void;
}

export function startRecoverySweep(options: RecoverySweepOptions): RecoverySweep {
  const { store, engine, maxRecoveries, logger } = options;
  const now = options.now ?? Date.now;
  /** Times this process took each execution up again (dropped once it is no longer an orphan). */
  const recoveries = new Map<string, number>();
  let running: Promise<string[]> | undefined;

  async function giveUp(id: string, times: number): Promise<void> {
    const error = toErrorInfo(
      new AgentFlowError(
        'AF_INTERNAL',
        `the execution was interrupted ${times} times (its store failed under it) and is not taken up again`,
      ),
    );
    await store.updateExecution(id, { status: 'failed', error, completedAt: now() });
    recoveries.delete(id);
    logger?.error('execution failed after repeated interruptions', { executionId: id, recoveries: times });
  }

  async function pass(): Promise<string[]> {
    const orphans = (await topLevelOrphans(store)).filter((x) => x.status === 'running');
    const current = new Set(orphans.map((x) => x.id));
    for (const id of recoveries.keys()) if (!current.has(id)) recoveries.delete(id);
    const resumed: string[] = [];
    for (const { id } of orphans) {
      const times = recoveries.get(id) ?? 0;
      if (times >= maxRecoveries) {
        await giveUp(id, times);
        continue;
      }
      recoveries.set(id, times + 1);
      engine.resume(id).catch((error: unknown) => {
        logger?.warn('resume after an interruption failed', { executionId: id, error: String(error) });
      });
      resumed.push(id);
    }
    if (resumed.length > 0) logger?.info('interrupted executions taken up again', { count: resumed.length });
    return resumed;
  }

  function sweep(): Promise<string[]> {
    running ??= pass().finally(() => {
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
