import { fileURLToPath } from 'node:url';
import { AgentFlowError } from '@agentflow/protocol';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Db } from './db.js';

/** The SQL migrations drizzle-kit generated (`../drizzle`, next to both `src` and `dist`). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/** Table recording applied migrations (drizzle's own bookkeeping). */
export const MIGRATIONS_TABLE = '__drizzle_migrations';

/** Where the bookkeeping table lives: drizzle's default schema for `public`, else the store's own schema. */
export function migrationsSchemaFor(schema: string): string {
  return schema === 'public' ? 'drizzle' : schema;
}

export interface MigrationStatus {
  /** Migrations recorded as applied in this database. */
  applied: number;
  /** Migrations this version ships. */
  expected: number;
}

let shipped: number | undefined;

/** How many migrations the database has applied against how many this version ships (readiness checks). */
export async function migrationStatus(db: Db, schema: string): Promise<MigrationStatus> {
  shipped ??= readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
  const table = `"${migrationsSchemaFor(schema)}"."${MIGRATIONS_TABLE}"`;
  const result = (await db.execute(sql.raw(`SELECT count(*)::int AS applied FROM ${table}`))) as unknown as {
    rows: { applied: number }[];
  };
  return { applied: Number(result.rows[0]?.applied ?? 0), expected: shipped };
}

export interface MigrateOptions {
  /** PostgreSQL schema the tables live in (the connection's search_path must point at it). (Default: public) */
  schema?: string;
  /** Only apply the first `n` migrations (tests of upgrades). */
  only?: number;
  migrationsFolder?: string;
}

/**
 * Applies pending migrations in one transaction, exactly as drizzle's migrator does (`readMigrationFiles` +
 * `dialect.migrate`). drizzle-kit qualifies foreign-key targets with `"public".`; for another schema those
 * references are rewritten to it, so one set of migrations serves every schema.
 */
export async function applyMigrations(db: Db, options: MigrateOptions = {}): Promise<void> {
  const schema = options.schema ?? 'public';
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
  let migrations = readMigrationFiles({ migrationsFolder });
  if (options.only !== undefined) migrations = migrations.slice(0, options.only);
  if (schema !== 'public') {
    const target = `"${schema}".`;
    for (const m of migrations) m.sql = m.sql.map((stmt) => stmt.replaceAll('"public".', target));
  }
  const latestKnown = migrations.at(-1)?.folderMillis ?? 0;
  const applied = await refuseNewerDatabase(db, latestKnown, schema);
  // Up to date (every open of an existing database): drizzle's migrator would apply nothing, but first runs its
  // CREATE SCHEMA / CREATE TABLE IF NOT EXISTS, each a catalog transaction (~80 ms of an embedded store's open).
  if (applied === latestKnown && migrations.length > 0) return;
  const internals = db as unknown as {
    dialect: { migrate(m: unknown, session: unknown, config: object): Promise<void> };
    session: unknown;
  };
  try {
    await internals.dialect.migrate(migrations, internals.session, {
      migrationsFolder,
      migrationsTable: MIGRATIONS_TABLE,
      migrationsSchema: migrationsSchemaFor(schema),
    });
  } catch (error) {
    throw new AgentFlowError(
      'AF_INTERNAL',
      `database migration failed (${describe(error)}); nothing was changed: fix the cause and start again`,
      { cause: error },
    );
  }
}

/**
 * A database migrated by a newer AgentFlow has migrations this version does not know; running on it could corrupt
 * it, so refuse (drizzle's migrator would silently carry on). Returns when the latest applied migration was made.
 */
async function refuseNewerDatabase(db: Db, latestKnown: number, schema: string): Promise<number | undefined> {
  const table = `"${migrationsSchemaFor(schema)}"."${MIGRATIONS_TABLE}"`;
  let applied: number | undefined;
  try {
    const result = (await db.execute(
      sql.raw(`SELECT max(created_at)::float8 AS at FROM ${table}`),
    )) as unknown as {
      rows: { at: number | null }[];
    };
    applied = result.rows[0]?.at ?? undefined;
  } catch {
    return undefined; // no bookkeeping table yet: a new database
  }
  if (applied !== undefined && applied > latestKnown) {
    throw new AgentFlowError(
      'AF_VALIDATION',
      `the database was migrated by a newer version of AgentFlow (migration of ${new Date(applied).toISOString()}` +
        `, this version knows migrations up to ${new Date(latestKnown).toISOString()}); upgrade AgentFlow to use it`,
    );
  }
  return applied;
}

function describe(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return e.cause?.message ?? e.message ?? String(error);
}

/** A valid, unquoted PostgreSQL schema name (we interpolate it into DDL and search_path). */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new AgentFlowError(
      'AF_VALIDATION',
      `invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and "_"`,
    );
  }
  return schema;
}
