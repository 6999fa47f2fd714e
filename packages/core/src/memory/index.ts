export { createMemoryLogger, silentLogger, type CapturedLog } from './logger.js';
export { createMemoryStore } from './memory-store.js';
export { systemClock } from './system-clock.js';
