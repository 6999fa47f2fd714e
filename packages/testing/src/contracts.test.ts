import { createMemoryQueue, createMemoryStore, createToolRegistry } from '@agentflow/core';
import { defineQueueContract } from './queue-contract.js';
import { defineStoreContract } from './store-contract.js';
import { contractTools, defineToolHostContract } from './tool-host-contract.js';

defineStoreContract('memory', async () => ({ store: createMemoryStore() }));
defineQueueContract('memory', async () => ({ queue: createMemoryQueue() }));
defineToolHostContract('tool registry', async () => ({ host: createToolRegistry(contractTools()) }));
