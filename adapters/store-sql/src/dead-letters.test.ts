import { afterAll, beforeAll } from 'vitest';
import { defineDeadLetterTests } from './dead-letters.suite.js';
import { createPgliteStore } from './pglite.js';
import type { SqlStore } from './sql-store.js';

let store: SqlStore | undefined;
beforeAll(async () => {
  store = await createPgliteStore({ inMemory: true });
});
afterAll(() => store?.close());

defineDeadLetterTests(() => {
  if (!store) throw new Error('store not open');
  return store;
});
