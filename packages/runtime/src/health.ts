import { MIGRATIONS_FOLDER, type SqlStore } from '@agentflow/store-sql';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';

export interface Readiness {
  ready: boolean;
  checks: {
    /** The store answered a query. */
    store: { ok: boolean; error?: string };
    /** Every migration this version ships is applied. */
    migrations: { ok: boolean; applied: number; expected: number };
  };
}

/** Readiness of the process: the store is reachable and its schema is up to date. */
export function createHealthService(store: SqlStore) {
  let expected: number | undefined;
  // drizzle keeps its bookkeeping in the `drizzle` schema for `public`, else in the store's own schema.
  const table = `"${store.schema === 'public' ? 'drizzle' : store.schema}"."__drizzle_migrations"`;
  return {
    async ready(): Promise<Readiness> {
      expected ??= readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
      const result: Readiness = {
        ready: false,
        checks: { store: { ok: false }, migrations: { ok: false, applied: 0, expected } },
      };
      try {
        const rows = (await store.db.execute(
          sql.raw(`SELECT count(*)::int AS applied FROM ${table}`),
        )) as unknown as { rows: { applied: number }[] };
        result.checks.store.ok = true;
        const applied = Number(rows.rows[0]?.applied ?? 0);
        result.checks.migrations = { ok: applied >= expected, applied, expected };
      } catch (error) {
        result.checks.store.error = error instanceof Error ? error.message.split('\n')[0] : 'unreachable';
      }
      result.ready = result.checks.store.ok && result.checks.migrations.ok;
      return result;
    },
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
