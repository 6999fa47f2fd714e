/**
 * Helpers for this package's tests (not exported): a fresh PostgreSQL schema per test file, dropped after.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { createPostgresStore } from './postgres.js';
import type { SqlStore } from './sql-store.js';

export const DATABASE_URL = process.env.DATABASE_URL;

/** A new schema name, unique per call: `af_test_<label>_<random>`. */
export function freshSchemaName(label: string): string {
  return `af_test_${label}_${randomBytes(5).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * A contract suite on PostgreSQL: `define` gets the store of a fresh schema (opened before the suite, closed and
 * dropped after). Skipped without DATABASE_URL (CI sets it; its test setup fails a run without it).
 */
export function describeOnPostgres(
  what: string,
  label: string,
  define: (store: () => SqlStore) => void,
): void {
  describe.skipIf(!DATABASE_URL)(
    `${what} on PostgreSQL (skipped without DATABASE_URL, e.g. postgres://root@127.0.0.1:5432/test)`,
    () => {
      const url = DATABASE_URL ?? '';
      const schema = freshSchemaName(label);
      let store: SqlStore | undefined;
      beforeAll(async () => {
        store = await createPostgresStore({ url, schema });
      });
      afterAll(async () => {
        await store?.close();
        await dropSchema(url, schema);
      });
      define(() => {
        if (!store) throw new Error('store not open');
        return store;
      });
    },
  );
}
