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
 */
import type { Logger } from '@agentflow/core';
import { isAgentFlowError, isTerminal, type ScheduleConfig } from '@agentflow/protocol';
import { type Db, leaseDue } from '@agentflow/store-sql';
import { sql } from 'drizzle-orm';
import { createLeaseLoop } from '../lease-loop.js';
import { nextTick, parseCron } from './cron.js';
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
  /** (Default: 1000, ±25 % jitter) */
  pollMs?: number;
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

export function createScheduleLoop(options: ScheduleLoopOptions) {
  const { db, now, launch } = options;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 30_000;
  const missedAfterMs = options.missedAfterMs ?? 30_000;

  /** Writes the due ticks as pending firings and moves each schedule's cursor; returns how many firings. */
  async function claim(): Promise<number> {
    const at = now();
    return db.transaction(async (tx) => {
      const due = rowsOf<DueRow>(
        await tx.execute(sql`
          select id, workspace_id, workflow_id, config, next_run_at from workflow_triggers
          where kind = 'schedule' and enabled and next_run_at <= ${iso(at)}::timestamptz
          order by next_run_at limit 50 for update skip locked`),
      );
      let written = 0;
      for (const row of due) {
        const config = row.config;
        let cron: ReturnType<typeof parseCron>;
        try {
          cron = parseCron(config.cron, config.timezone);
        } catch {
          await tx.execute(sql`update workflow_triggers set next_run_at = null where id = ${row.id}`);
          continue;
        }
        const ticks: number[] = [];
        let t: number | undefined = ms(row.next_run_at);
        while (t !== undefined && t <= at && ticks.length < 1000) {
          ticks.push(t);
          t = nextTick(cron, t);
        }
        if (t !== undefined && t <= at) t = nextTick(cron, at);
        const onTime = ticks.filter((tick) => at - tick <= missedAfterMs);
        const missed = ticks.filter((tick) => at - tick > missedAfterMs);
        const fire = config.missed === 'run_once' && missed.length > 0 ? [missed.at(-1)!, ...onTime] : onTime;
        for (const tick of fire) {
          const result = await tx.execute(sql`
            insert into trigger_firings
              (execution_id, trigger_id, workspace_id, workflow_id, kind, status, scheduled_for)
            values (${tickExecutionId(row.id, tick)}, ${row.id}, ${row.workspace_id}, ${row.workflow_id},
              'schedule', 'pending', ${iso(tick)}::timestamptz)
            on conflict do nothing`);
          written +=
            (result as { affectedRows?: number; rowCount?: number }).rowCount ??
            (result as { affectedRows?: number }).affectedRows ??
            1;
        }
        if (missed.length > 0) {
          options.logger?.warn('schedule missed ticks', {
            triggerId: row.id,
            missed: missed.length,
            policy: config.missed,
          });
        }
        await tx.execute(sql`
          update workflow_triggers set next_run_at = ${t === undefined ? null : iso(t)}::timestamptz
          where id = ${row.id}`);
      }
      return written;
    });
  }

  async function latestStarted(triggerId: string): Promise<string | undefined> {
    const [row] = rowsOf<{ execution_id: string }>(
      await db.execute(sql`
        select execution_id from trigger_firings where trigger_id = ${triggerId} and status = 'started'
        order by scheduled_for desc nulls last limit 1`),
    );
    return row?.execution_id;
  }

  async function mark(executionId: string, status: string, error?: string) {
    await db.execute(sql`
      update trigger_firings set status = ${status}, claimed_until = null, error = ${error ?? null},
        started_at = ${status === 'started' ? iso(now()) : null}::timestamptz
      where execution_id = ${executionId} and status = 'pending'`);
  }

  /** Leases up to 50 pending firings nobody holds (`claimed_until = now + leaseMs`), oldest tick first. */
  async function lease(): Promise<PendingRow[]> {
    const at = now();
    const leased = await leaseDue<PendingRow>(db, {
      table: 'trigger_firings',
      key: 'execution_id',
      leaseColumn: 'claimed_until',
      due: sql`status = 'pending' and kind = 'schedule'`,
      orderBy: 'scheduled_for',
      limit: 50,
      now: at,
      until: at + leaseMs,
      returning: 'execution_id, trigger_id, workspace_id, workflow_id, scheduled_for',
    });
    return leased.sort((a, b) => ms(a.scheduled_for) - ms(b.scheduled_for));
  }

  /** Starts leased firings (overlap policy applied); returns how many started. */
  async function startLeased(claimed: PendingRow[]): Promise<number> {
    let started = 0;
    const held = new Set<string>();
    for (const firing of claimed) {
      const [trigger] = rowsOf<{ config: ScheduleConfig }>(
        await db.execute(sql`select config from workflow_triggers where id = ${firing.trigger_id}`),
      );
      if (!trigger) {
        await mark(firing.execution_id, 'refused', 'AF_NOT_FOUND: the trigger was deleted');
        continue;
      }
      const { overlap, input = {} } = trigger.config;
      if (overlap !== 'allow') {
        const previous = held.has(firing.trigger_id) ? undefined : await latestStarted(firing.trigger_id);
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
          await db.execute(
            sql`update trigger_firings set claimed_until = null where execution_id = ${firing.execution_id}`,
          );
          continue;
        }
      }
      try {
        await launch(
          { workspaceId: firing.workspace_id, workflowId: firing.workflow_id },
          input,
          firing.execution_id,
        );
        await mark(firing.execution_id, 'started');
        started++;
        if (overlap !== 'allow') held.add(firing.trigger_id);
      } catch (error) {
        if ((await options.statusOf(firing.execution_id)) !== undefined) {
          // Another process (or this one before a crash) created it: the tick has its one execution.
          await mark(firing.execution_id, 'started');
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
    return started;
  }

  /** Leases pending firings and starts them. */
  async function startDue(): Promise<number> {
    return startLeased(await lease());
  }

  // Each round: write due ticks as firings (`claim`), lease pending firings, start them.
  const loop = createLeaseLoop<PendingRow>({
    name: 'schedule loop',
    pollMs,
    jitter: 0.25,
    ...(options.logger ? { logger: options.logger } : {}),
    before: claim,
    claim: lease,
    handle: startLeased,
  });

  async function runOnce(): Promise<{ claimed: number; started: number }> {
    const round = await loop.runOnce();
    return { claimed: round.before, started: round.handled };
  }

  return {
    claim,
    lease,
    startLeased,
    startDue,
    runOnce,
    start: () => loop.start(),
    stop: () => loop.stop(),
  };
}

export type ScheduleLoop = ReturnType<typeof createScheduleLoop>;
