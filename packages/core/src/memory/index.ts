export { type CapturedLog, createMemoryLogger, silentLogger } from './logger.js';
export { createMemoryQueue, type MemoryQueueOptions } from './memory-queue.js';
export {
  createMemoryStore,
  DEFAULT_RETENTION,
  type MemoryRetention,
  type MemoryStoreOptions,
} from './memory-store.js';
// The in-memory ModelProvider: everything scripted-provider.ts exports.
export * from './scripted-provider.js';
export { systemClock } from './system-clock.js';
export {
  createToolRegistry,
  defineTool,
  type Tool,
  type ToolDefinition,
  type ToolRegistry,
} from './tool-registry.js';
