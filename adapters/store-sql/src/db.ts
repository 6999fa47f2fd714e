import { TERMINAL_STATUSES } from '@agentflow/protocol';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.js';

export type Schema = typeof schema;

/**
 * A Drizzle database (or transaction) on either driver. The shared query code is written against this type; the
 * PGlite and node-postgres drivers differ only in how they are opened and closed.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Runs a raw statement and returns its rows (both drivers put them in `.rows`). */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Milliseconds since the epoch of a timestamptz column or expression, as float8 (exact for whole ms). */
export const MS = (column: string): string => `(extract(epoch from ${column}) * 1000)::float8`;

/** The protocol's terminal statuses as an SQL list: `('succeeded', 'failed', 'cancelled')`. */
export const TERMINAL_SQL = `(${[...TERMINAL_STATUSES].map((status) => `'${status}'`).join(', ')})`;
