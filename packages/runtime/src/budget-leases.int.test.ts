/**
 * Budget leases on PostgreSQL: two stores (two connection pools, as two processes) sharing one schema.
 */
import type { SqlStore } from '@agentflow/store-sql';
import { createPostgresStore } from '@agentflow/store-sql/postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { defineBudgetLeaseTests } from './budget-leases.suite.js';

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('budget leases on PostgreSQL (needs DATABASE_URL)', () => {
  const schema = `budget_leases_${process.pid}_${Date.now()}`;
  let a: SqlStore | undefined;
  let b: SqlStore | undefined;
  beforeAll(async () => {
    a = await createPostgresStore({ url: url!, schema });
    b = await createPostgresStore({ url: url!, schema });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  defineBudgetLeaseTests(() => {
    if (!a || !b) throw new Error('stores not open');
    return { a, b };
  });
});
