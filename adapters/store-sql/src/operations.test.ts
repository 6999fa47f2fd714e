import { defineOperationsContract } from '@agentflow/testing';
import { createPgliteStore } from './pglite.js';

defineOperationsContract('PGlite (SQL, hourly rollups)', async () => {
  const store = await createPgliteStore({ inMemory: true });
  return { store, ops: store, close: () => store.close() };
});
