/**
 * The notification outbox (issue 13 item 14; tables `notification_outbox` and `notification_secrets`): one row per
 * webhook to tell that an execution ended (or per alert channel), claimed by one process per attempt. The runtime's
 * notification service (packages/runtime/src/notifications.ts) decides what to write, signs, sends and backs off;
 * this module only reads and writes rows.
 *
 * - `claim`: due rows no process holds are taken `FOR UPDATE SKIP LOCKED` and locked (`locked_until`), their
 *   attempts counted, in one statement (`leaseDue`).
 * - `insert`: `ON CONFLICT DO NOTHING` (row ids are derived from execution and URL: writing twice changes nothing).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { leaseDue } from './lease.js';
import { workflows } from './schema.js';
import { notificationOutbox as outbox, notificationSecrets as secrets } from './tenancy-schema.js';

/** A row as `claim` leased it (columns as the driver gives them). */
export interface ClaimedNotification {
  id: string;
  workspace_id: string;
  /** '' for an alert's row. */
  workflow_id: string;
  /** The execution, or the alert firing, notified about. */
  execution_id: string;
  url: string;
  event: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

export interface NewNotification {
  id: string;
  workspaceId: string;
  workflowId: string;
  executionId: string;
  url: string;
  event: string;
  payload: unknown;
  maxAttempts: number;
  /** ms */
  nextAttemptAt: number;
}

/** One delivery as the API shows it. */
export interface NotificationDeliveryRecord {
  id: string;
  executionId: string;
  workflowId: string;
  url: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: number;
  lastError?: string;
  createdAt: number;
  deliveredAt?: number;
}

export interface NotificationOutboxRepository {
  /** Writes the rows (a row whose id exists is left as it is); returns how many were new. */
  insert(rows: NewNotification[]): Promise<number>;
  /**
   * Claims up to `limit` pending rows due at `now` that no process holds: locked until `until`, attempts + 1,
   * earliest `next_attempt_at` first.
   */
  claim(options: { now: number; until: number; limit: number }): Promise<ClaimedNotification[]>;
  /** The attempt succeeded at `at`. */
  delivered(id: string, at: number): Promise<void>;
  /** The attempt failed: the row is `failed` when `final`, else pending again at `nextAttemptAt`. */
  failed(id: string, outcome: { lastError: string; final: boolean; nextAttemptAt: number }): Promise<void>;
  /**
   * Top-level executions that ended (succeeded, failed, cancelled) in a workspace between `since` and `before`
   * (ms), whose workflow has a notification target for that status and which have no outbox row: at most 100 ids,
   * oldest end first.
   */
  endedWithoutRows(window: { since: number; before: number }): Promise<string[]>;
  /** The earliest moment a pending row is due or its lock ends (ms); +Infinity when there is none. */
  nextDue(): Promise<number>;
  /** The rows of one execution in the workspace, oldest first (then by URL). */
  list(workspaceId: string, executionId: string): Promise<NotificationDeliveryRecord[]>;
  /** The workflow's sealed signing secret, as saved. */
  sealedSecret(workspaceId: string, workflowId: string): Promise<string | undefined>;
  /** Saves (or replaces, dated `at`) the workflow's sealed signing secret. */
  saveSecret(input: {
    workspaceId: string;
    workflowId: string;
    sealed: string;
    createdBy?: string;
    at: number;
  }): Promise<void>;
  /** Whether the workflow exists in the workspace. */
  workflowExists(workspaceId: string, workflowId: string): Promise<boolean>;
}

export function createNotificationOutboxRepository(db: Db): NotificationOutboxRepository {
  return {
    async insert(rows) {
      if (rows.length === 0) return 0;
      const written = await db
        .insert(outbox)
        .values(rows.map((row) => ({ ...row, nextAttemptAt: new Date(row.nextAttemptAt) })))
        .onConflictDoNothing()
        .returning({ id: outbox.id });
      return written.length;
    },

    claim({ now, until, limit }) {
      return leaseDue<ClaimedNotification>(db, {
        table: 'notification_outbox',
        key: 'id',
        leaseColumn: 'locked_until',
        due: sql`status = 'pending' and next_attempt_at <= ${new Date(now).toISOString()}::timestamptz`,
        orderBy: 'next_attempt_at',
        limit,
        now,
        until,
        set: sql`attempts = attempts + 1`,
        returning: 'id, workspace_id, workflow_id, execution_id, url, event, payload, attempts, max_attempts',
      });
    },

    async delivered(id, at) {
      await db
        .update(outbox)
        .set({ status: 'delivered', deliveredAt: new Date(at), lockedUntil: null, lastError: null })
        .where(eq(outbox.id, id));
    },

    async failed(id, { lastError, final, nextAttemptAt }) {
      await db
        .update(outbox)
        .set({
          status: final ? 'failed' : 'pending',
          lastError,
          lockedUntil: null,
          ...(final ? {} : { nextAttemptAt: new Date(nextAttemptAt) }),
        })
        .where(eq(outbox.id, id));
    },

    async endedWithoutRows({ since: sinceMs, before: beforeMs }) {
      const before = new Date(beforeMs).toISOString();
      const since = new Date(sinceMs).toISOString();
      const found = (await db.execute(sql`
      select e.id from workflow_executions e
      where e.status in ('succeeded', 'failed', 'cancelled') and e.parent_execution_id is null
        and e.workspace_id is not null
        and e.completed_at > ${since}::timestamptz and e.completed_at <= ${before}::timestamptz
        and exists (
          select 1 from jsonb_array_elements(
            case when jsonb_typeof(e.workflow->'config'->'notifications') = 'array'
              then e.workflow->'config'->'notifications' else '[]'::jsonb end) t
          where not (t ? 'events') or (t->'events') ? e.status)
        and not exists (select 1 from notification_outbox o where o.execution_id = e.id)
      order by e.completed_at
      limit 100`)) as unknown as { rows: { id: string }[] };
      return found.rows.map((row) => row.id);
    },

    async nextDue() {
      const [row] = (
        (await db.execute(sql`
        select (extract(epoch from min(greatest(next_attempt_at, coalesce(locked_until, next_attempt_at))))
          * 1000)::float8 as due
        from notification_outbox where status = 'pending'`)) as unknown as { rows: { due: number | null }[] }
      ).rows;
      return row?.due == null ? Number.POSITIVE_INFINITY : Number(row.due);
    },

    async list(workspaceId, executionId) {
      const rows = await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.executionId, executionId)))
        .orderBy(asc(outbox.createdAt), asc(outbox.url));
      return rows.map((r) => ({
        id: r.id,
        executionId: r.executionId,
        workflowId: r.workflowId,
        url: r.url,
        event: r.event,
        status: r.status as NotificationDeliveryRecord['status'],
        attempts: r.attempts,
        maxAttempts: r.maxAttempts,
        nextAttemptAt: r.nextAttemptAt.getTime(),
        ...(r.lastError ? { lastError: r.lastError } : {}),
        createdAt: r.createdAt.getTime(),
        ...(r.deliveredAt ? { deliveredAt: r.deliveredAt.getTime() } : {}),
      }));
    },

    async sealedSecret(workspaceId, workflowId) {
      const [row] = await db
        .select({ sealed: secrets.sealed })
        .from(secrets)
        .where(and(eq(secrets.workspaceId, workspaceId), eq(secrets.workflowId, workflowId)))
        .limit(1);
      return row?.sealed;
    },

    async saveSecret({ workspaceId, workflowId, sealed, createdBy, at }) {
      await db
        .insert(secrets)
        .values({ workspaceId, workflowId, sealed, createdBy: createdBy ?? null })
        .onConflictDoUpdate({
          target: [secrets.workspaceId, secrets.workflowId],
          set: { sealed, createdAt: new Date(at) },
        });
    },

    async workflowExists(workspaceId, workflowId) {
      const [workflow] = await db
        .select({ id: workflows.id })
        .from(workflows)
        .where(and(eq(workflows.id, workflowId), eq(workflows.workspaceId, workspaceId)))
        .limit(1);
      return workflow !== undefined;
    },
  };
}
