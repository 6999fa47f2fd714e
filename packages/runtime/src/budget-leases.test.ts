/** Budget leases on PGlite: the two "processes" are two holders on one in-memory store. */
import type { SqlStore } from '@agentflow/store-sql';
import { createPgliteStore } from '@agentflow/store-sql/pglite';
import { afterAll, beforeAll } from 'vitest';
import { defineBudgetLeaseTests } from './budget-leases.suite.js';

let store: SqlStore | undefined;
beforeAll(async () => {
  store = await createPgliteStore({ inMemory: true });
});
afterAll(() => store?.close());

defineBudgetLeaseTests(() => {
  if (!store) throw new Error('store not open');
  return { a: store, b: store };
});
