import { AgentFlowError, type ErrorInfo, type ExecutionRecord, toErrorInfo } from '@agentflow/protocol';
import type { Store } from '../ports/store.js';
import type { RecoverOptions } from './api.js';
import { endedOutsideRun } from './run-events.js';
import type { RunHost } from './types.js';

/**
 * The executions to take up again: orphans (queued and never taken up, or running with an expired lease) that
 * are not children. A loop body or subworkflow resumes with its parent's step, never on its own.
 */
export async function topLevelOrphans(
  store: Pick<Store, 'listOrphans' | 'getExecution'>,
): Promise<ExecutionRecord[]> {
  const found: ExecutionRecord[] = [];
  for (const id of await store.listOrphans()) {
    const record = await store.getExecution(id);
    if (record && record.parentExecutionId === undefined) found.push(record);
  }
  return found;
}

/** What `takeUpOrphans` needs of its engine besides the run host (store, clock, logger, owner id, listeners). */
export interface OrphanTaker {
  host: Pick<RunHost, 'store' | 'clock' | 'logger' | 'ownerId' | 'emit'>;
  leaseTtlMs: number;
  /** Take-ups allowed since the last committed step; the next interruption fails the execution. */
  maxRecoveries: number;
  /** Whether this engine runs it now (then it is no orphan, whatever its lease says). */
  isLive(executionId: string): boolean;
  resume(executionId: string): Promise<unknown>;
}

/**
 * `Engine.recoverOrphans`: claims each top-level orphan in the store (one process wins it; the claim counts the
 * take-up) and resumes it, or fails it once it was taken up `maxRecoveries` times without committing a step
 * since: an execution whose step kills its process would otherwise restart that process into the same crash
 * forever, and one whose commit keeps failing would re-run its step forever. Resumes run on; their failures are
 * logged. Returns the ids resumed.
 */
export async function takeUpOrphans(taker: OrphanTaker, options: RecoverOptions = {}): Promise<string[]> {
  const { store, logger, ownerId } = taker.host;
  const statuses = options.statuses ?? ['queued', 'running'];
  const resumed: string[] = [];
  for (const record of await topLevelOrphans(store)) {
    const { id, status } = record;
    if (taker.isLive(id) || !statuses.includes(status as 'queued' | 'running')) continue;
    const times = await store.claimOrphan(id, ownerId, taker.leaseTtlMs);
    if (times === undefined) continue;
    if (times > taker.maxRecoveries) {
      await giveUp(taker.host, record, times - 1);
      continue;
    }
    const run = () => taker.resume(id);
    (options.within ? options.within(id, run) : run()).catch((error: unknown) =>
      logger.error('resume failed', { executionId: id, error: String(error) }),
    );
    resumed.push(id);
  }
  if (resumed.length > 0) logger.info('interrupted executions taken up again', { count: resumed.length });
  return resumed;
}

async function giveUp(host: OrphanTaker['host'], record: ExecutionRecord, recoveries: number): Promise<void> {
  const error = toErrorInfo(
    new AgentFlowError(
      'AF_INTERNAL',
      `the execution was interrupted ${recoveries + 1} times without committing a step in between (its process ` +
        'stopped, its store failed or it could not be resumed: see the log) and is not taken up again',
      { details: { recoveries } },
    ),
  );
  if (await failClaimed(host, record, error)) {
    host.logger.error('execution failed after repeated interruptions', {
      executionId: record.id,
      recoveries,
    });
  }
}

/**
 * `Engine.abandon`: claims the execution as an orphan (so that no process takes it up meanwhile, and none that
 * runs it loses it), then fails it. False if this engine runs it, it is a child, or it is no orphan.
 */
export async function abandon(taker: OrphanTaker, executionId: string, error: ErrorInfo): Promise<boolean> {
  const { store, ownerId } = taker.host;
  if (taker.isLive(executionId)) return false;
  const record = await store.getExecution(executionId);
  if (!record || record.parentExecutionId !== undefined) return false;
  if ((await store.claimOrphan(executionId, ownerId, taker.leaseTtlMs)) === undefined) return false;
  return failClaimed(taker.host, record, error);
}

/** Fails an execution this process claimed; its listeners learn it as they learn any end. */
async function failClaimed(
  host: OrphanTaker['host'],
  record: ExecutionRecord,
  error: ErrorInfo,
): Promise<boolean> {
  const at = host.clock.now();
  if (!(await host.store.updateExecution(record.id, { status: 'failed', error, completedAt: at })))
    return false;
  // Live views, notifications and workflow-event triggers.
  host.emit(endedOutsideRun(record, 'failed', error, at));
  return true;
}
