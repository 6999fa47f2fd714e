import { defineStoreContract, makeExecutionRecord } from '@agentflow/testing';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from './migrate.js';
import { createPostgresStore } from './postgres.js';
import { defineRepositoryTests } from './repository.suite.js';
import type { SqlStore } from './sql-store.js';
import { defineSqlStoreTests } from './store-semantics.suite.js';
import { DATABASE_URL, dropSchema, freshSchemaName } from './test-support.js';

describe.skipIf(!DATABASE_URL)(
  'SQL store on PostgreSQL (skipped without DATABASE_URL, e.g. postgres://root@127.0.0.1:5432/test)',
  () => {
    const url = DATABASE_URL ?? '';
    // This file's own schema, dropped at the end, so concurrent runs do not see each other.
    const schema = freshSchemaName('pg');
    let shared: SqlStore | undefined;
    beforeAll(async () => {
      shared = await createPostgresStore({ url, schema });
    });
    afterAll(async () => {
      await shared?.close();
      await dropSchema(url, schema);
    });
    const store = (): SqlStore => {
      if (!shared) throw new Error('store not open');
      return shared;
    };

    defineStoreContract('PostgreSQL', async () => ({ store: { ...store(), close: undefined } }));

    describe('SQL store on PostgreSQL', () => {
      defineSqlStoreTests(store);
      defineRepositoryTests(store);

      describe('several processes on one database', () => {
        it('stores opened at the same time on a new schema migrate it once', async () => {
          const fresh = freshSchemaName('migrate');
          try {
            const stores = await Promise.all(
              [1, 2, 3].map(() => createPostgresStore({ url, schema: fresh, poolSize: 2 })),
            );
            const applied = await stores[0]!.db.execute(
              sql.raw(`SELECT count(*)::int AS n FROM "${fresh}".__drizzle_migrations`),
            );
            expect((applied as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(
              readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length,
            );
            await stores[1]!.migrate(); // idempotent
            const x = makeExecutionRecord();
            await stores[1]!.createExecution(x);
            expect((await stores[2]!.getExecution(x.id))?.id).toBe(x.id);
            await Promise.all(stores.map((s) => s.close()));
          } finally {
            await dropSchema(url, fresh);
          }
        });

        it('of two stores racing to finish an execution exactly one wins, every time', async () => {
          const other = await createPostgresStore({ url, schema, poolSize: 4 });
          try {
            for (let i = 0; i < 30; i++) {
              const x = makeExecutionRecord({ status: 'running' });
              await store().createExecution(x);
              const [a, b] = await Promise.all([
                store().updateExecution(x.id, { status: 'succeeded', output: 'a', completedAt: 1 }),
                other.updateExecution(x.id, { status: 'failed', output: 'b', completedAt: 2 }),
              ]);
              expect(Number(a) + Number(b)).toBe(1);
              const got = await other.getExecution(x.id);
              expect(got?.status).toBe(a ? 'succeeded' : 'failed');
              expect(got?.output).toBe(a ? 'a' : 'b');
              expect(await store().updateExecution(x.id, { status: 'running' })).toBe(false);
            }
          } finally {
            await other.close();
          }
        });

        it('a lease taken through one store is respected by another (database time)', async () => {
          const other = await createPostgresStore({ url, schema, poolSize: 2 });
          try {
            const x = makeExecutionRecord({ status: 'running' });
            await store().createExecution(x);
            const results = await Promise.all([
              store().acquireLease(x.id, 'worker-a', 60_000),
              other.acquireLease(x.id, 'worker-b', 60_000),
            ]);
            expect(results.filter(Boolean)).toHaveLength(1);
            expect(await store().listOrphans(100_000)).not.toContain(x.id);
          } finally {
            await other.close();
          }
        });
      });

      it('names an unreachable server', async () => {
        await expect(
          createPostgresStore({ url: 'postgres://nobody@127.0.0.1:1/none' }),
        ).rejects.toMatchObject({
          message: expect.stringContaining(
            'cannot connect to PostgreSQL at postgres://nobody@127.0.0.1:1/none',
          ),
        });
      });
    });
  },
);
