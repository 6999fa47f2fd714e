import { afterAll, beforeAll } from 'vitest';
import { defineNotificationOutboxTests } from './notification-outbox.suite.js';
import { createPgliteStore } from './pglite.js';
import type { SqlStore } from './sql-store.js';

let store: SqlStore | undefined;
beforeAll(async () => {
  store = await createPgliteStore({ inMemory: true });
});
afterAll(() => store?.close());

defineNotificationOutboxTests(() => {
  if (!store) throw new Error('store not open');
  return store;
});
