import { defineStoreContract } from '@agentflow/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { createPgliteStore } from './pglite.js';
import { defineRepositoryTests } from './repository.suite.js';
import type { SqlStore } from './sql-store.js';
import { defineSqlStoreTests } from './store-semantics.suite.js';

// One in-memory PGlite for the whole file (opening one costs seconds and ~240 MB), shared by every suite (each
// test uses fresh ids) and closed once at the end.
let shared: SqlStore | undefined;
beforeAll(async () => {
  shared = await createPgliteStore({ inMemory: true });
});
afterAll(async () => {
  await shared?.close();
});
const store = (): SqlStore => {
  if (!shared) throw new Error('store not open');
  return shared;
};

// The contract closes its store when done: hand it a view whose close() leaves the shared one open.
defineStoreContract('PGlite (in memory)', async () => ({ store: { ...store(), close: undefined } }));

describe('SQL store on PGlite', () => {
  defineSqlStoreTests(store);
  defineRepositoryTests(store);
});
