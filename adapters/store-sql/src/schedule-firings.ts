/**
 * The statements of the schedule claim loop (issue 19 item 2; tables `workflow_triggers` and `trigger_firings`).
 * The runtime's loop (packages/runtime/src/triggers/schedules.ts) decides which ticks fire (missed-run and overlap
 * policies) and launches them; this module only reads and writes rows. See ARCHITECTURE.md §11d.
 *
 * - `claim`: in one transaction, due schedules are locked `FOR UPDATE SKIP LOCKED`, the caller's plan turns them
 *   into pending firings (`ON CONFLICT DO NOTHING`: execution ids are deterministic) and new cursors
 *   (`next_run_at`), both written before the transaction commits.
 * - `lease`: pending schedule firings nobody holds are leased (`claimed_until`) through `leaseDue`.
 * - `nextDue`: the earliest `next_run_at` and the earliest leasable pending firing, in one statement.
 */
import type { ScheduleConfig } from '@agentflow/protocol';
import { sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { leaseDue } from './lease.js';

/** A due schedule as `claim` locked it (columns as the driver gives them). */
export interface DueScheduleRow {
  id: string;
  workspace_id: string;
  workflow_id: string;
  config: ScheduleConfig;
  next_run_at: string | Date;
}

/** A leased pending firing (columns as the driver gives them). */
export interface PendingScheduleFiring {
  execution_id: string;
  trigger_id: string;
  workspace_id: string;
  workflow_id: string;
  scheduled_for: string | Date;
}

/** What `claim`'s plan writes: the firings of the due ticks and each locked schedule's new cursor. */
export interface SchedulePlan {
  firings: {
    executionId: string;
    triggerId: string;
    workspaceId: string;
    workflowId: string;
    /** The tick (ms). */
    scheduledFor: number;
  }[];
  /** `next` undefined: no next tick (the schedule stops until saved again). */
  cursors: { id: string; next: number | undefined }[];
}

export interface ScheduleRepository {
  /** Whether any enabled schedule is due at `at` (one read of the due index). */
  anyDue(at: number): Promise<boolean>;
  /**
   * In one transaction: locks up to `limit` due schedules (`FOR UPDATE SKIP LOCKED`, oldest cursor first), writes
   * the firings and cursors `plan` returns for them; returns how many firings were new.
   */
  claim(at: number, limit: number, plan: (due: DueScheduleRow[]) => SchedulePlan): Promise<number>;
  /**
   * Each trigger's latest started firing (trigger id -> its execution id, and that execution's status when it
   * exists), in one query: the overlap policy's check for a whole round.
   */
  latestStarted(triggerIds: string[]): Promise<Map<string, LatestStarted>>;
  /** The configs of the triggers that still exist. */
  configs(triggerIds: string[]): Promise<Map<string, ScheduleConfig>>;
  /** Ends one pending firing: `started` (at `startedAt`), `skipped` or `refused`; the lease is dropped. */
  mark(executionId: string, status: string, options?: { error?: string; startedAt?: number }): Promise<void>;
  /** Marks pending firings started at `at` (one update). */
  markStarted(executionIds: string[], at: number): Promise<void>;
  /** Drops the leases of firings left pending (queued behind a running execution). */
  release(executionIds: string[]): Promise<void>;
  /**
   * The earliest `next_run_at` of an enabled schedule (`tick`) and the moment the earliest pending schedule firing
   * can be leased (`pending`; one not leased: the epoch), in ms; +Infinity when there is none.
   */
  nextDue(): Promise<{ tick: number; pending: number }>;
  /** Leases up to `limit` pending schedule firings nobody holds until `until`, oldest tick first (unsorted result). */
  lease(options: { now: number; until: number; limit: number }): Promise<PendingScheduleFiring[]>;
}

const iso = (t: number) => new Date(t).toISOString();
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
/**
 * The values as one `jsonb` parameter read back as rows (for `in (...)`, the same SQL on PostgreSQL and PGlite): a
 * round's 250-1,000 ids as as many parameters cost more to build and encode than the statement's work.
 */
const list = (values: string[]) => sql`select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)`;

/** A trigger's latest started firing: its execution and, when that exists, its status. */
export interface LatestStarted {
  executionId: string;
  status?: string;
}

export function createScheduleRepository(db: Db): ScheduleRepository {
  return {
    async anyDue(at) {
      const [anyDue] = rowsOf<unknown>(
        await db.execute(sql`
          select 1 from workflow_triggers
          where kind = 'schedule' and enabled and next_run_at <= ${iso(at)}::timestamptz limit 1`),
      );
      return Boolean(anyDue);
    },

    claim(at, limit, plan) {
      return db.transaction(async (tx) => {
        const due = rowsOf<DueScheduleRow>(
          await tx.execute(sql`
          select id, workspace_id, workflow_id, config, next_run_at from workflow_triggers
          where kind = 'schedule' and enabled and next_run_at <= ${iso(at)}::timestamptz
          order by next_run_at limit ${limit} for update skip locked`),
        );
        const planned = plan(due);
        let written = 0;
        // The firings and the cursors each as one jsonb parameter (see `list`).
        if (planned.firings.length > 0) {
          const firings = planned.firings.map((f) => ({
            execution_id: f.executionId,
            trigger_id: f.triggerId,
            workspace_id: f.workspaceId,
            workflow_id: f.workflowId,
            scheduled_for: iso(f.scheduledFor),
          }));
          const result = await tx.execute(sql`
          insert into trigger_firings
            (execution_id, trigger_id, workspace_id, workflow_id, kind, status, scheduled_for)
          select f.execution_id, f.trigger_id, f.workspace_id, f.workflow_id, 'schedule', 'pending', f.scheduled_for
          from jsonb_to_recordset(${JSON.stringify(firings)}::jsonb)
            as f(execution_id text, trigger_id text, workspace_id text, workflow_id text, scheduled_for timestamptz)
          on conflict do nothing`);
          written =
            (result as { affectedRows?: number; rowCount?: number }).rowCount ??
            (result as { affectedRows?: number }).affectedRows ??
            firings.length;
        }
        if (planned.cursors.length > 0) {
          const cursors = planned.cursors.map((c) => ({
            id: c.id,
            next: c.next === undefined ? null : iso(c.next),
          }));
          await tx.execute(sql`
          update workflow_triggers set next_run_at = v.next
          from jsonb_to_recordset(${JSON.stringify(cursors)}::jsonb) as v(id text, next timestamptz)
          where workflow_triggers.id = v.id`);
        }
        return written;
      });
    },

    async latestStarted(triggerIds) {
      if (triggerIds.length === 0) return new Map();
      const found = rowsOf<{ trigger_id: string; execution_id: string; status: string | null }>(
        await db.execute(sql`
        select latest.trigger_id, latest.execution_id, e.status from (
          select distinct on (trigger_id) trigger_id, execution_id from trigger_firings
          where trigger_id in (${list(triggerIds)}) and status = 'started'
          order by trigger_id, scheduled_for desc nulls last
        ) latest left join workflow_executions e on e.id = latest.execution_id`),
      );
      return new Map(
        found.map((row) => [
          row.trigger_id,
          { executionId: row.execution_id, ...(row.status !== null ? { status: row.status } : {}) },
        ]),
      );
    },

    async configs(triggerIds) {
      if (triggerIds.length === 0) return new Map();
      return new Map(
        rowsOf<{ id: string; config: ScheduleConfig }>(
          await db.execute(sql`select id, config from workflow_triggers where id in (${list(triggerIds)})`),
        ).map((row) => [row.id, row.config]),
      );
    },

    async mark(executionId, status, options = {}) {
      await db.execute(sql`
      update trigger_firings set status = ${status}, claimed_until = null, error = ${options.error ?? null},
        started_at = ${options.startedAt === undefined ? null : iso(options.startedAt)}::timestamptz
      where execution_id = ${executionId} and status = 'pending'`);
    },

    async markStarted(executionIds, at) {
      if (executionIds.length === 0) return;
      await db.execute(sql`
          update trigger_firings set status = 'started', claimed_until = null, error = null,
            started_at = ${iso(at)}::timestamptz
          where execution_id in (${list(executionIds)}) and status = 'pending'`);
    },

    async release(executionIds) {
      if (executionIds.length === 0) return;
      await db.execute(
        sql`update trigger_firings set claimed_until = null where execution_id in (${list(executionIds)})`,
      );
    },

    async nextDue() {
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
      return { tick, pending };
    },

    lease({ now, until, limit }) {
      return leaseDue<PendingScheduleFiring>(db, {
        table: 'trigger_firings',
        key: 'execution_id',
        leaseColumn: 'claimed_until',
        due: sql`status = 'pending' and kind = 'schedule'`,
        orderBy: 'scheduled_for',
        limit,
        now,
        until,
        returning: 'execution_id, trigger_id, workspace_id, workflow_id, scheduled_for',
      });
    },
  };
}
