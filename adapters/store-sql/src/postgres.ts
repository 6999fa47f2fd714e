/**
 * `@agentflow/store-sql/postgres`: the store on a PostgreSQL server through a `pg` pool. Any number of processes
 * may share one database; migrations on start are serialized with an advisory lock.
 */
import { AgentFlowError } from '@agentflow/protocol';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from './db.js';
import type { GroupCommitOptions } from './group.js';
import { applyMigrations, checkSchemaName } from './migrate.js';
import type { Param, RawDb, Statement } from './raw.js';
import * as schema from './schema.js';
import { assembleSqlStore, type SqlStore } from './sql-store.js';

export type { SqlStore } from './sql-store.js';

export interface PostgresStoreOptions {
  /** Connection string (`DATABASE_URL`). */
  url: string;
  /** PostgreSQL schema to use, created if missing (lets each test file isolate itself). (Default: public) */
  schema?: string;
  /** Max pooled connections. (Default: 10) */
  poolSize?: number;
  groupCommit?: GroupCommitOptions;
  /**
   * Wait for the WAL flush before a commit returns. With false (`synchronous_commit = off`), a commit returns
   * before it reaches the disk: a crash of the PostgreSQL server or its machine (not of an AgentFlow process)
   * may lose the last fraction of a second of commits; those steps then re-run with their idempotency keys on
   * resume. The database stays consistent either way. (Default: true)
   */
  synchronousCommit?: boolean;
}

/**
 * Commit groups in flight at once. Fewer, larger groups mean fewer transactions and WAL flushes: measured on a
 * 2-core machine with the server local (5-node workflow, 50 executions in flight), 1-2 groups gave 1,300-1,400
 * executions/s against 1,100 with 5 and 850 with 10. Two keep one group being sent while another is flushed.
 */
const GROUPS_IN_FLIGHT = 2;

export async function createPostgresStore(options: PostgresStoreOptions): Promise<SqlStore> {
  const schemaName = checkSchemaName(options.schema ?? 'public');
  const poolSize = Math.max(2, options.poolSize ?? 10);
  const config: pg.PoolConfig = { connectionString: options.url, max: poolSize };
  const settings: string[] = [];
  if (schemaName !== 'public') settings.push(`-c search_path=${schemaName}`);
  if (options.synchronousCommit === false) settings.push('-c synchronous_commit=off');
  // Short OLTP statements only: JIT compilation (~250 ms) dominated the dashboard queries, whose row estimates
  // are inflated by set-returning functions (jsonb_array_elements is planned at 100 rows per call).
  settings.push('-c jit=off');
  if (settings.length > 0) config.options = settings.join(' ');
  const pool = new pg.Pool(config);
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries report their own errors.
  });
  const db = drizzle(pool, { schema }) as unknown as Db;
  const migrate = () => migrateLocked(pool, schemaName, options.url);
  try {
    await migrate();
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return assembleSqlStore({
    driver: 'postgres',
    schema: schemaName,
    db,
    raw: pgRaw(pool),
    migrate,
    groupCommit: { maxInFlight: GROUPS_IN_FLIGHT, ...options.groupCommit },
    close: () => pool.end(),
  });
}

/** node-postgres prepares a named statement once per pooled connection, then only binds and executes it. */
export function pgRaw(pool: pg.Pool): RawDb {
  return {
    async run<T>(s: Statement, params: readonly Param[]) {
      const result = await pool.query({ name: s.name, text: s.text, values: params as Param[] });
      return result.rows as T[];
    },
    async query<T>(text: string, params: readonly Param[]) {
      return (await pool.query(text, params as Param[])).rows as T[];
    },
  };
}

/** Migrates under a session advisory lock, so processes starting together migrate one after the other. */
async function migrateLocked(pool: pg.Pool, schemaName: string, url: string): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new AgentFlowError(
      'AF_INTERNAL',
      `cannot connect to PostgreSQL at ${redact(url)} (${(error as Error)?.message ?? error}). Check ` +
        `DATABASE_URL and that the server is running.`,
      { cause: error },
    );
  }
  const key = `agentflow:migrate:${schemaName}`;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    try {
      if (schemaName !== 'public') await client.query(`CREATE SCHEMA IF NOT EXISTS "${schemaName}"`);
      await applyMigrations(drizzle(client, { schema }) as unknown as Db, { schema: schemaName });
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    }
  } finally {
    client.release();
  }
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

/**
 * A plain connection to the store's database and schema, without opening the store (no migration runs): for
 * reading it as it is, such as a logical backup (`writeLogicalBackup`).
 */
export function connectPostgres(options: { url: string; schema?: string }): {
  db: Db;
  close(): Promise<void>;
} {
  const schemaName = checkSchemaName(options.schema ?? 'public');
  const pool = new pg.Pool({
    connectionString: options.url,
    max: 2,
    ...(schemaName !== 'public' ? { options: `-c search_path=${schemaName}` } : {}),
  });
  pool.on('error', () => {});
  return { db: drizzle(pool, { schema }) as unknown as Db, close: () => pool.end() };
}
