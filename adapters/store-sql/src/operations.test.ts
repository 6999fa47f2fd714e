import { defineExecutionReadsContract, defineOperationsContract } from '@agentflow/testing';
import { DURATION_ERROR } from './analytics-sql.js';
import { createPgliteStore } from './pglite.js';

defineOperationsContract('PGlite (SQL, hourly rollups)', async () => {
  const store = await createPgliteStore({ inMemory: true });
  return { store, ops: store, percentileError: DURATION_ERROR, close: () => store.close() };
});

defineExecutionReadsContract('PGlite', async () => {
  const store = await createPgliteStore({ inMemory: true });
  return { store, ops: store, close: () => store.close() };
});
