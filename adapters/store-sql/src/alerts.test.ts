import { afterAll, beforeAll } from 'vitest';
import { defineAlertStoreTests } from './alerts.suite.js';
import { createPgliteStore } from './pglite.js';
import type { SqlStore } from './sql-store.js';

let store: SqlStore | undefined;
beforeAll(async () => {
  store = await createPgliteStore({ inMemory: true });
});
afterAll(() => store?.close());

defineAlertStoreTests(() => {
  if (!store) throw new Error('store not open');
  return store;
});
