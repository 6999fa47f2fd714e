import { createMemoryStore, createStoreOperations } from '@agentflow/core';
import { defineOperationsContract } from './operations-contract.js';

defineOperationsContract('memory store (reference implementation)', async () => {
  const store = createMemoryStore();
  return { store, ops: createStoreOperations(store) };
});
