import {
  createMemoryLogger,
  createMemoryQueue,
  createMemoryStore,
  createToolRegistry,
  systemClock,
} from '@agentflow/core';
import { defineClockContract, defineLoggerContract } from './clock-logger-contract.js';
import { defineQueueContract } from './queue-contract.js';
import { defineStoreContract } from './store-contract.js';
import { contractTools, defineToolHostContract } from './tool-host-contract.js';

defineStoreContract('memory', async () => ({ store: createMemoryStore() }));
defineQueueContract('memory', async () => ({ queue: createMemoryQueue() }));
defineToolHostContract('tool registry', async () => ({ host: createToolRegistry(contractTools()) }));

defineClockContract('system clock', () => systemClock);
defineLoggerContract('memory logger', () => {
  const logger = createMemoryLogger();
  return { logger, lines: () => logger.lines };
});
