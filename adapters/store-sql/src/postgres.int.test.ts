import {
  defineStoreContract,
  makeExecutionRecord,
  makeMessageRecord,
  makeStepRecord,
} from '@agentflow/testing';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db.js';
import { applyMigrations, MIGRATIONS_FOLDER } from './migrate.js';
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

        it('upgrading a schema from before migration 0003 keeps its messages first', async () => {
          const old = freshSchemaName('upgrade');
          const client = new pg.Client({ connectionString: url, options: `-c search_path=${old}` });
          await client.connect();
          try {
            await client.query(`CREATE SCHEMA "${old}"`);
            await applyMigrations(drizzle(client) as unknown as Db, { schema: old, only: 3 });
            await client.query(`
              INSERT INTO workflow_executions (id, workflow_id, workflow_version, workflow, status, ready)
              VALUES ('x-old', 'wf', 1, '{"name":"old","agents":[]}', 'running', '["b"]');
              INSERT INTO execution_steps (execution_id, seq, step_id, agent_id, iteration, status, attempt,
                started_at, completed_at)
              VALUES ('x-old', 1, 'x-old:a:0', 'a', 0, 'succeeded', 1, to_timestamp(1), to_timestamp(2));
              INSERT INTO agent_messages (execution_id, connection_id, from_agent_id, to_agent_id, step_id, payload, at)
              VALUES ('x-old', 'a-b', 'a', 'b', 'x-old:a:0', '"old"', to_timestamp(3));`);
            const upgraded = await createPostgresStore({ url, schema: old, poolSize: 2 });
            try {
              await upgraded.commitStep({
                executionId: 'x-old',
                steps: [makeStepRecord('x-old', 'b', 2)],
                messages: [makeMessageRecord('x-old', 'x-old:b:0', 'b', 'c', 'new')],
                ready: ['c'],
                waiting: [],
              });
              expect((await upgraded.listMessages('x-old')).map((m) => m.payload)).toEqual(['old', 'new']);
              expect(await upgraded.getExecution('x-old')).toMatchObject({ ready: ['c'], stepCount: 1 });
            } finally {
              await upgraded.close();
            }
          } finally {
            await client.end();
            await dropSchema(url, old);
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
