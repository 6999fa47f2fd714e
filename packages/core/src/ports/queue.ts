/** A reserved queue entry. Unacked leases expire and the entry is delivered again (at-least-once). */
export interface QueueLease {
  executionId: string;
  /** Opaque token identifying this delivery. */
  token: string;
  /** 1 on first delivery. */
  deliveries: number;
  /** The W3C `traceparent` the entry was enqueued with (the trace the execution continues). */
  traceparent?: string;
}

export interface EnqueueOptions {
  delayMs?: number;
  /** A W3C `traceparent` delivered with the entry (`QueueLease.traceparent`): the trace the execution continues. */
  traceparent?: string;
}

export interface ConsumeOptions {
  /** Deliveries processed at once. (Default: 1) */
  concurrency?: number;
  /** How long a delivery stays reserved before redelivery. (Default: 30000) */
  leaseMs?: number;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
}

export interface Consumer {
  /** Stops taking new deliveries and waits for running handlers. */
  stop(): Promise<void>;
}

/**
 * The Queue port carries only execution ids; it can be rebuilt from the store. Delivery is at-least-once:
 * an entry not acked before its lease expires is delivered again.
 */
export interface Queue {
  /**
   * Adds an entry for `executionId`, available after `delayMs`. One entry per id: enqueueing an id that is
   * already waiting, delayed or reserved changes nothing (its delay and its reservation included); once the
   * entry is acked, the id can be enqueued again.
   */
  enqueue(executionId: string, options?: EnqueueOptions): Promise<void>;
  /** Reserve the next available entry, or undefined when none is ready. */
  reserve(leaseMs: number): Promise<QueueLease | undefined>;
  /** Extend a reservation. Returns false if it was lost. */
  extend(lease: QueueLease, leaseMs: number): Promise<boolean>;
  ack(lease: QueueLease): Promise<void>;
  /** Give an entry back, to be delivered again after `delayMs`. */
  nack(lease: QueueLease, delayMs?: number): Promise<void>;
  /** Run `handler` for each delivery; acks on success, nacks on throw. */
  consume(handler: (lease: QueueLease) => Promise<void>, options?: ConsumeOptions): Consumer;
  /** Entries waiting or reserved. */
  size(): Promise<number>;
  /**
   * Entries by state now: `waiting` (available), `active` (reserved), `delayed` (available later). Read where the
   * entries are (Redis for BullMQ), so any process sees the deployment's queue. (Optional: a queue without it
   * reports no depth)
   */
  counts?(): Promise<QueueCounts>;
  close?(): Promise<void>;
}
