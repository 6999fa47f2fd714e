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
import { isAgentFlowError, isTerminal, type ScheduleConfig } from '@agentflow/protocol';
import { type Db, leaseDue } from '@agentflow/store-sql';
import { type SQL, sql } from 'drizzle-orm';
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
  db: Db;
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

interface DueRow {
  id: string;
  workspace_id: string;
  workflow_id: string;
  config: ScheduleConfig;
  next_run_at: string | Date;
}
export interface PendingRow {
  execution_id: string;
  trigger_id: string;
  workspace_id: string;
  workflow_id: string;
  scheduled_for: string | Date;
}
const ms = (v: string | Date) => (v instanceof Date ? v.getTime() : new Date(v).getTime());
const iso = (t: number) => new Date(t).toISOString();
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
/** `a, b, c` as parameters (for `in (...)`: the same SQL on PostgreSQL and PGlite). */
const list = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
/** Firings per insert statement: 5 parameters each, well under a statement's 65,535. */
const INSERT_CHUNK = 5000;
/**
 * Schedules claimed, and firings leased and started, per round. Each round costs ~10 statements whatever its size
 * (the claim transaction, the lease, the configs, the started marks), so 1,000 ticks due at once take 4 rounds; a
 * leased batch is launched well within the 30 s lease (a launch is a few ms).
 */
const BATCH = 250;

export function createScheduleLoop(options: ScheduleLoopOptions) {
  const { db, now, launch } = options;
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
   * poll is one small read of the due index; a batch is one select, one multi-row insert and one update.
   */
  async function claim(): Promise<number> {
    const at = now();
    if (hint) {
      if (hint.tick > at) return 0;
    } else {
      const [anyDue] = rowsOf<unknown>(
        await db.execute(sql`
          select 1 from workflow_triggers
          where kind = 'schedule' and enabled and next_run_at <= ${iso(at)}::timestamptz limit 1`),
      );
      if (!anyDue) return 0;
    }
    return db.transaction(async (tx) => {
      const due = rowsOf<DueRow>(
        await tx.execute(sql`
          select id, workspace_id, workflow_id, config, next_run_at from workflow_triggers
          where kind = 'schedule' and enabled and next_run_at <= ${iso(at)}::timestamptz
          order by next_run_at limit ${BATCH} for update skip locked`),
      );
      const firings: SQL[] = [];
      const cursors: SQL[] = [];
      const next = tickMemo();
      for (const row of due) {
        const config = row.config;
        try {
          cachedCron(config.cron, config.timezone);
        } catch {
          cursors.push(sql`(${row.id}, ${null}::timestamptz)`);
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
          firings.push(sql`(${tickExecutionId(row.id, tick)}, ${row.id}, ${row.workspace_id}, ${row.workflow_id},
            'schedule', 'pending', ${iso(tick)}::timestamptz)`);
        }
        if (missed.length > 0) {
          options.logger?.warn('schedule missed ticks', {
            triggerId: row.id,
            missed: missed.length,
            policy: config.missed,
          });
        }
        cursors.push(sql`(${row.id}, ${t === undefined ? null : iso(t)}::timestamptz)`);
      }
      let written = 0;
      // One statement per batch (chunked only to stay under the 65,535 parameters of a statement).
      for (let i = 0; i < firings.length; i += INSERT_CHUNK) {
        const chunk = firings.slice(i, i + INSERT_CHUNK);
        const result = await tx.execute(sql`
          insert into trigger_firings
            (execution_id, trigger_id, workspace_id, workflow_id, kind, status, scheduled_for)
          values ${sql.join(chunk, sql`, `)}
          on conflict do nothing`);
        written +=
          (result as { affectedRows?: number; rowCount?: number }).rowCount ??
          (result as { affectedRows?: number }).affectedRows ??
          chunk.length;
      }
      if (cursors.length > 0) {
        await tx.execute(sql`
          update workflow_triggers set next_run_at = v.next
          from (values ${sql.join(cursors, sql`, `)}) as v(id, next)
          where workflow_triggers.id = v.id`);
      }
      return written;
    });
  }

  /** Each trigger's latest started firing (the overlap check), in one query. */
  async function latestStarted(triggerIds: string[]): Promise<Map<string, string>> {
    if (triggerIds.length === 0) return new Map();
    const found = rowsOf<{ trigger_id: string; execution_id: string }>(
      await db.execute(sql`
        select distinct on (trigger_id) trigger_id, execution_id from trigger_firings
        where trigger_id in (${list(triggerIds)}) and status = 'started'
        order by trigger_id, scheduled_for desc nulls last`),
    );
    return new Map(found.map((row) => [row.trigger_id, row.execution_id]));
  }

  async function mark(executionId: string, status: string, error?: string) {
    await db.execute(sql`
      update trigger_firings set status = ${status}, claimed_until = null, error = ${error ?? null},
        started_at = ${status === 'started' ? iso(now()) : null}::timestamptz
      where execution_id = ${executionId} and status = 'pending'`);
  }

  /**
   * When the loop next has work (ms): the earliest `next_run_at` of an enabled schedule, or of a pending
   * schedule firing the moment its lease ends (one not leased: now). Both are reads of partial indexes
   * (`idx_workflow_triggers_due`, `idx_trigger_firings_pending`). Undefined: nothing scheduled.
   */
  async function nextDue(): Promise<number | undefined> {
    const [row] = rowsOf<{ tick: number | string | null; pending: number | string | null }>(
      await db.execute(sql`
        select
          (select extract(epoch from min(next_run_at)) * 1000 from workflow_triggers
            where kind = 'schedule' and enabled)::float8 as tick,
          (select extract(epoch from min(coalesce(claimed_until, 'epoch'::timestamptz))) * 1000
            from trigger_firings where status = 'pending' and kind = 'schedule')::float8 as pending`),
    );
    const tick = row?.tick == null ? Number.POSITIVE_INFINITY : Number(row.tick);
    const pending = row?.pending == null ? Number.POSITIVE_INFINITY : Number(row.pending);
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
    const leased = await leaseDue<PendingRow>(db, {
      table: 'trigger_firings',
      key: 'execution_id',
      leaseColumn: 'claimed_until',
      due: sql`status = 'pending' and kind = 'schedule'`,
      orderBy: 'scheduled_for',
      limit: BATCH,
      now: at,
      until: at + leaseMs,
      returning: 'execution_id, trigger_id, workspace_id, workflow_id, scheduled_for',
    });
    return leased.sort((a, b) => ms(a.scheduled_for) - ms(b.scheduled_for));
  }

  /**
   * Starts leased firings (overlap policy applied); returns how many started. The triggers' configs and latest
   * started firings are read in one query each; the started firings are marked in one update after the launches
   * (a crash in between leaves them pending: the next lease finds each execution exists and marks it started),
   * then the queued ones are released (after the marks, so another process sees the run that holds them).
   */
  async function startLeased(claimed: PendingRow[]): Promise<number> {
    if (claimed.length === 0) return 0;
    const triggerIds = [...new Set(claimed.map((firing) => firing.trigger_id))];
    const configs = new Map(
      rowsOf<{ id: string; config: ScheduleConfig }>(
        await db.execute(sql`select id, config from workflow_triggers where id in (${list(triggerIds)})`),
      ).map((row) => [row.id, row.config]),
    );
    const latest = await latestStarted(
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
              previous !== firing.execution_id &&
              !isTerminal(((await options.statusOf(previous)) ?? 'succeeded') as never));
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
            latest.set(firing.trigger_id, firing.execution_id);
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
      if (started.length > 0) {
        await db.execute(sql`
          update trigger_firings set status = 'started', claimed_until = null, error = null,
            started_at = ${iso(now())}::timestamptz
          where execution_id in (${list(started)}) and status = 'pending'`);
      }
      if (queued.length > 0) {
        await db.execute(
          sql`update trigger_firings set claimed_until = null where execution_id in (${list(queued)})`,
        );
      }
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
