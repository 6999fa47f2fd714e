/**
 * Helpers for this package's tests (not exported): a fresh PostgreSQL schema per test file, dropped after.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
