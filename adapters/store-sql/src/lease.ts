/**
 * The one claim statement of the store's pollers (notification outbox, schedule firings, alert rules): due rows
 * are taken `FOR UPDATE SKIP LOCKED` and leased in one `UPDATE ... RETURNING`, so across any number of processes
 * each row is held by one of them until its lease ends; a process that dies leaves its rows to be claimed again
 * once the lease has passed. The runtime's `createLeaseLoop` polls it.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from './db.js';

export interface LeaseDueOptions {
  /** Table (trusted identifier). */
  table: string;
  /** Its key column (trusted identifier). */
  key: string;
  /** The lease column set to `until` (trusted identifier). */
  leaseColumn: string;
  /** Which rows are due (besides a passed or absent lease). */
  due: SQL;
  /** Oldest first: the order rows are taken in (trusted SQL text). */
  orderBy: string;
  limit: number;
  now: number;
  /** The lease's end (ms). */
  until: number;
  /** More assignments made with the lease (e.g. `attempts = attempts + 1`). */
  set?: SQL;
  /** The columns returned (trusted SQL text). (Default: *) */
  returning?: string;
  /** `FROM <table> <alias> WHERE ...` joined in the UPDATE (trusted SQL text), for returning columns of another table. */
  from?: string;
}

/** Leases up to `limit` due rows no process holds; returns them as the driver gives them. */
export async function leaseDue<T>(db: Db, options: LeaseDueOptions): Promise<T[]> {
  const at = new Date(options.now).toISOString();
  const until = new Date(options.until).toISOString();
  const { table, key, leaseColumn } = options;
  const extra = options.set ? sql`, ${options.set}` : sql``;
  const from = options.from ? sql.raw(` FROM ${options.from} AND`) : sql.raw(' WHERE');
  return rows<T>(
    db,
    sql`UPDATE ${sql.raw(table)} SET ${sql.raw(leaseColumn)} = ${until}::timestamptz${extra}
      ${from} ${sql.raw(`${table}.${key}`)} IN (
        SELECT ${sql.raw(key)} FROM ${sql.raw(table)}
        WHERE (${options.due})
          AND (${sql.raw(leaseColumn)} IS NULL OR ${sql.raw(leaseColumn)} <= ${at}::timestamptz)
        ORDER BY ${sql.raw(options.orderBy)}
        LIMIT ${options.limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING ${sql.raw(options.returning ?? '*')}`,
  );
}
