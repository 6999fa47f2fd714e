import { createMemoryStore, createStoreOperations } from '@agentflow/core';
import { defineExecutionReadsContract } from './execution-reads-contract.js';
import { defineOperationsContract } from './operations-contract.js';

defineOperationsContract('memory store (reference implementation)', async () => {
  const store = createMemoryStore();
  return { store, ops: createStoreOperations(store) };
});

defineExecutionReadsContract('memory store (reference implementation)', async () => {
  const store = createMemoryStore();
  return { store, ops: createStoreOperations(store) };
});
