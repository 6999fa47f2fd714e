/**
 * The schedule claim loop (issue 19 item 2), the same in every mode: the store is the timer's memory, and any
 * number of processes may run it at once. See ARCHITECTURE.md §11d.
 *
 * 1. `claim`: in one transaction, due schedules (`next_run_at <= now`) are locked `FOR UPDATE SKIP LOCKED`, their
 *    ticks up to now written as `pending` firings (deterministic execution ids, `ON CONFLICT DO NOTHING`) under the
 *    missed-run policy, and `next_run_at` moved past now.
 * 2. `startDue`: pending firings are leased one batch at a time (`claimed_until`) and started with their id; a
 *    process that dies leaves them pending for another once the lease ends; an execution that already exists
 *    (the dead process got that far) marks the firing started. The overlap policy is applied here.
 *
 * The running loop does not poll: `nextDue` reads the earliest `next_run_at` of the enabled schedules and the
 * earliest moment a pending firing can be leased (two index reads in one statement), and the loop sleeps until
 * then, at most `maxSleepMs` (schedules saved by other processes are seen within it); saving a schedule in this
 * process wakes it at once (`wake`).
 */
import type { Logger } from '@agentflow/core';
import { isAgentFlowError, isTerminal } from '@agentflow/protocol';
import type {
  LatestStarted,
  PendingScheduleFiring,
  SchedulePlan,
  ScheduleRepository,
} from '@agentflow/store-sql';
import { createLeaseLoop } from '../lease-loop.js';
import { cachedCron, tickMemo } from './cron.js';
import { tickExecutionId } from './service.js';

/** Starts one firing's execution; resolves once it is recorded. */
export type Launch = (
  target: { workspaceId: string; workflowId: string },
  input: unknown,
  executionId: string,
) => Promise<void>;

export interface ScheduleLoopOptions {
  /** The loop's statements (store-sql `createScheduleRepository`). */
  schedules: ScheduleRepository;
  launch: Launch;
  /** Whether an execution exists, and its status (overlap policy; a start that found its id taken). */
  statusOf(executionId: string): Promise<string | undefined>;
  now: () => number;
  logger?: Logger;
  /**
   * Between rounds while firings are due but none could start (queued behind a running execution, or failing).
   * (Default: 1000, ±25 % jitter)
   */
  pollMs?: number;
  /**
   * The longest sleep of the running loop before it looks at the store again; it otherwise sleeps until the
   * earliest due tick or lease end, and a schedule saved in this process wakes it. (Default: 5000, ±25 % jitter)
   */
  maxSleepMs?: number;
  /** A claimed firing not started within this long is taken by another process. (Default: 30000) */
  leaseMs?: number;
  /** A tick older than this when claimed was missed (downtime): the missed-run policy decides. (Default: 60000) */
  missedAfterMs?: number;
}

export type PendingRow = PendingScheduleFiring;
const ms = (v: string | Date) => (v instanceof Date ? v.getTime() : new Date(v).getTime());
/**
 * Schedules claimed, and firings leased and started, per round. Each round costs ~10 statements whatever its size
 * (the claim transaction, the lease, the configs, the started marks), so 1,000 ticks due at once take 4 rounds; a
 * leased batch is launched well within the 30 s lease (a launch is a few ms).
 */
const BATCH = 250;

export function createScheduleLoop(options: ScheduleLoopOptions) {
  const { schedules: repo, now, launch } = options;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 30_000;
  const missedAfterMs = options.missedAfterMs ?? 30_000;
  /**
   * What the running loop's last `nextDue` read (ms): the earliest due tick and the earliest leasable pending
   * firing. The round that follows skips the claim or the lease when its part is not due; `runOnce` (no read
   * before it) does both.
   */
  let hint: { tick: number; pending: number } | undefined;

  /**
   * Writes the due ticks as pending firings and moves each schedule's cursor; returns how many firings. An idle
   * poll is one small read of the due index; a batch is one select, one multi-row insert and one update (one
   * transaction: the repository's `claim`, with the missed-run policy applied here).
   */
  async function claim(): Promise<number> {
    const at = now();
    if (hint) {
      if (hint.tick > at) return 0;
    } else if (!(await repo.anyDue(at))) {
      return 0;
    }
    return repo.claim(at, BATCH, (due) => {
      const plan: SchedulePlan = { firings: [], cursors: [] };
      const next = tickMemo();
      for (const row of due) {
        const config = row.config;
        try {
          cachedCron(config.cron, config.timezone);
        } catch {
          plan.cursors.push({ id: row.id, next: undefined });
          continue;
        }
        const ticks: number[] = [];
        let t: number | undefined = ms(row.next_run_at);
        while (t !== undefined && t <= at && ticks.length < 1000) {
          ticks.push(t);
          t = next(config.cron, config.timezone, t);
        }
        if (t !== undefined && t <= at) t = next(config.cron, config.timezone, at);
        const onTime = ticks.filter((tick) => at - tick <= missedAfterMs);
        const missed = ticks.filter((tick) => at - tick > missedAfterMs);
        const fire = config.missed === 'run_once' && missed.length > 0 ? [missed.at(-1)!, ...onTime] : onTime;
        for (const tick of fire) {
          plan.firings.push({
            executionId: tickExecutionId(row.id, tick),
            triggerId: row.id,
            workspaceId: row.workspace_id,
            workflowId: row.workflow_id,
            scheduledFor: tick,
          });
        }
        if (missed.length > 0) {
          options.logger?.warn('schedule missed ticks', {
            triggerId: row.id,
            missed: missed.length,
            policy: config.missed,
          });
        }
        plan.cursors.push({ id: row.id, next: t });
      }
      return plan;
    });
  }

  async function mark(executionId: string, status: string, error?: string) {
    await repo.mark(executionId, status, {
      ...(error !== undefined ? { error } : {}),
      ...(status === 'started' ? { startedAt: now() } : {}),
    });
  }

  /**
   * When the loop next has work (ms): the earliest `next_run_at` of an enabled schedule, or of a pending
   * schedule firing the moment its lease ends (one not leased: now). Both are reads of partial indexes
   * (`idx_workflow_triggers_due`, `idx_trigger_firings_pending`). Undefined: nothing scheduled.
   */
  async function nextDue(): Promise<number | undefined> {
    const { tick, pending } = await repo.nextDue();
    hint = { tick, pending };
    const due = Math.min(tick, pending);
    return Number.isFinite(due) ? due : undefined;
  }

  /** Leases up to `BATCH` pending firings nobody holds (`claimed_until = now + leaseMs`), oldest tick first. */
  async function lease(claimedNow = 0): Promise<PendingRow[]> {
    const at = now();
    const known = hint;
    hint = undefined;
    // The round's read saw no leasable firing and the claim wrote none: nothing to lease.
    if (known && known.pending > at && claimedNow === 0) return [];
    const leased = await repo.lease({ now: at, until: at + leaseMs, limit: BATCH });
    return leased.sort((a, b) => ms(a.scheduled_for) - ms(b.scheduled_for));
  }

  /**
   * Whether a trigger's previous execution has ended: the status read with the round's latest firings when it was
   * already terminal then (a terminal status is final), else read again now (it may have ended since; one with no
   * execution counts as ended).
   */
  async function ended(previous: LatestStarted): Promise<boolean> {
    if (previous.status !== undefined && isTerminal(previous.status as never)) return true;
    return isTerminal(((await options.statusOf(previous.executionId)) ?? 'succeeded') as never);
  }

  /**
   * Starts leased firings (overlap policy applied); returns how many started. The triggers' configs and latest
   * started firings (with their executions' statuses) are read in one query each; the started firings are marked
   * in one update after the launches (a crash in between leaves them pending: the next lease finds each execution
   * exists and marks it started), then the queued ones are released (after the marks, so another process sees the
   * run that holds them).
   */
  async function startLeased(claimed: PendingRow[]): Promise<number> {
    if (claimed.length === 0) return 0;
    const triggerIds = [...new Set(claimed.map((firing) => firing.trigger_id))];
    const configs = await repo.configs(triggerIds);
    const latest = await repo.latestStarted(
      triggerIds.filter((id) => configs.has(id) && configs.get(id)!.overlap !== 'allow'),
    );
    const started: string[] = [];
    const queued: string[] = [];
    const held = new Set<string>();
    try {
      for (const firing of claimed) {
        const config = configs.get(firing.trigger_id);
        if (!config) {
          await mark(firing.execution_id, 'refused', 'AF_NOT_FOUND: the trigger was deleted');
          continue;
        }
        const { overlap, input = {} } = config;
        if (overlap !== 'allow') {
          const previous = held.has(firing.trigger_id) ? undefined : latest.get(firing.trigger_id);
          const busy =
            held.has(firing.trigger_id) ||
            (previous !== undefined &&
              previous.executionId !== firing.execution_id &&
              !(await ended(previous)));
          if (busy && overlap === 'skip') {
            await mark(firing.execution_id, 'skipped', 'the previous execution was still running');
            continue;
          }
          if (busy) {
            // queue: stays pending, retried at the next poll (in tick order).
            held.add(firing.trigger_id);
            queued.push(firing.execution_id);
            continue;
          }
        }
        try {
          await launch(
            { workspaceId: firing.workspace_id, workflowId: firing.workflow_id },
            input,
            firing.execution_id,
          );
          started.push(firing.execution_id);
          if (overlap !== 'allow') held.add(firing.trigger_id);
        } catch (error) {
          if ((await options.statusOf(firing.execution_id)) !== undefined) {
            // Another process (or this one before a crash) created it: the tick has its one execution.
            await mark(firing.execution_id, 'started');
            latest.set(firing.trigger_id, { executionId: firing.execution_id });
          } else if (isAgentFlowError(error) && error.code !== 'AF_INTERNAL') {
            await mark(firing.execution_id, 'refused', `${error.code}: ${error.message}`.slice(0, 2000));
          } else {
            options.logger?.error('schedule firing failed; retried when its lease ends', {
              executionId: firing.execution_id,
              error: String(error),
            });
          }
        }
      }
    } finally {
      if (started.length > 0) await repo.markStarted(started, now());
      if (queued.length > 0) await repo.release(queued);
    }
    return started.length;
  }

  /** Leases pending firings and starts them. */
  async function startDue(): Promise<number> {
    return startLeased(await lease());
  }

  // Each round: write due ticks as firings (`claim`), lease pending firings, start them; between rounds, sleep
  // until `nextDue`.
  let claimedNow = 0;
  const loop = createLeaseLoop<PendingRow>({
    name: 'schedule loop',
    pollMs,
    maxSleepMs: options.maxSleepMs ?? 5000,
    jitter: 0.25,
    now,
    ...(options.logger ? { logger: options.logger } : {}),
    nextDue,
    before: async () => {
      claimedNow = await claim();
      return claimedNow;
    },
    claim: () => lease(claimedNow),
    handle: startLeased,
  });

  async function runOnce(): Promise<{ claimed: number; started: number }> {
    hint = undefined;
    const round = await loop.runOnce();
    return { claimed: round.before, started: round.handled };
  }

  return {
    claim,
    lease: () => lease(),
    startLeased,
    startDue,
    runOnce,
    nextDue,
    start: () => loop.start(),
    stop: () => loop.stop(),
    /** A schedule was saved in this process: look at the store now rather than at the end of the sleep. */
    wake: () => loop.wake(),
  };
}

export type ScheduleLoop = ReturnType<typeof createScheduleLoop>;
