import { defineExecutionReadsContract, defineOperationsContract } from '@agentflow/testing';
import { describe } from 'vitest';
import { DURATION_ERROR } from './analytics-sql.js';
import { createPostgresStore } from './postgres.js';
import { DATABASE_URL, dropSchema, freshSchemaName } from './test-support.js';

describe.skipIf(!DATABASE_URL)('operations on PostgreSQL (skipped without DATABASE_URL)', () => {
  defineOperationsContract('PostgreSQL (SQL, hourly rollups)', async () => {
    const url = DATABASE_URL ?? '';
    const schema = freshSchemaName('ops');
    const store = await createPostgresStore({ url, schema });
    return {
      store,
      ops: store,
      percentileError: DURATION_ERROR,
      close: async () => {
        await store.close();
        await dropSchema(url, schema);
      },
    };
  });
  defineExecutionReadsContract('PostgreSQL', async () => {
    const url = DATABASE_URL ?? '';
    const schema = freshSchemaName('reads');
    const store = await createPostgresStore({ url, schema });
    return {
      store,
      ops: store,
      close: async () => {
        await store.close();
        await dropSchema(url, schema);
      },
    };
  });
});
