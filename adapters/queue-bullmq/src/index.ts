/**
 * @agentflow/queue-bullmq: distributed mode on Redis. The Queue port on BullMQ (execution ids only,
 * at-least-once) and the event relay that carries execution events between processes over pub/sub.
 */
export { type BullmqQueueOptions, createBullmqQueue } from './bullmq-queue.js';
export { createRedisEventRelay, type EventRelay, type EventRelayOptions } from './event-relay.js';
export { loadIoredis } from './lazy-deps.js';
export { createRedisTurn, type RedisTurn, type RedisTurnOptions } from './turn.js';
