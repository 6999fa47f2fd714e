import { afterAll, beforeAll, describe } from 'vitest';
import { defineNotificationOutboxTests } from './notification-outbox.suite.js';
import { createPostgresStore } from './postgres.js';
import type { SqlStore } from './sql-store.js';
import { DATABASE_URL, dropSchema, freshSchemaName } from './test-support.js';

describe.skipIf(!DATABASE_URL)(
  'notification outbox on PostgreSQL (skipped without DATABASE_URL, e.g. postgres://root@127.0.0.1:5432/test)',
  () => {
    const url = DATABASE_URL ?? '';
    const schema = freshSchemaName('outbox');
    let store: SqlStore | undefined;
    beforeAll(async () => {
      store = await createPostgresStore({ url, schema });
    });
    afterAll(async () => {
      await store?.close();
      await dropSchema(url, schema);
    });
    defineNotificationOutboxTests(() => {
      if (!store) throw new Error('store not open');
      return store;
    });
  },
);
