import { afterAll, beforeAll } from 'vitest';
import { createPgliteStore } from './pglite.js';
import { defineScheduleRepositoryTests } from './schedule-firings.suite.js';
import type { SqlStore } from './sql-store.js';

let store: SqlStore | undefined;
beforeAll(async () => {
  store = await createPgliteStore({ inMemory: true });
});
afterAll(() => store?.close());

defineScheduleRepositoryTests(() => {
  if (!store) throw new Error('store not open');
  return store;
});
