import { afterAll, beforeAll } from 'vitest';
import { createPgliteStore } from './pglite.js';
import type { SqlStore } from './sql-store.js';
import { defineTriggerTests } from './triggers.suite.js';

let store: SqlStore | undefined;
beforeAll(async () => {
  store = await createPgliteStore({ inMemory: true });
});
afterAll(() => store?.close());

defineTriggerTests(() => {
  if (!store) throw new Error('store not open');
  return store;
});
