import { randomUUID } from 'node:crypto';
import type { AgentFlowEvent } from '@agentflow/protocol';
import type { Redis } from 'ioredis';
import { loadIoredis } from './lazy-deps.js';

/**
 * Carries execution events between processes: every process publishes what its engine emits, and a process
 * that serves live views (WebSocket, GraphQL subscriptions) subscribes to what the others emit. Events are
 * notifications, not state (the store is the truth): a subscriber that is down misses them, and reloads.
 * The same relay, on another channel, carries other JSON messages `T` (the runtime's control commands).
 */
export interface EventRelay<T = AgentFlowEvent> {
  /** This relay's id, stamped on what it publishes; its own events are never delivered back to it. */
  readonly origin: string;
  /** Publishes an event (fire and forget; a failure is reported to `onError`). */
  publish(event: T): void;
  /**
   * Calls `listener` with every event other relays on the channel publish, in each publisher's order.
   * Resolves once Redis confirmed the subscription; the returned function unsubscribes.
   */
  subscribe(listener: (event: T) => void): Promise<() => void>;
  close(): Promise<void>;
}

export interface EventRelayOptions {
  /** A Redis URL, or an ioredis client to publish with (not closed by the relay; subscribing duplicates it). */
  connection: string | Redis;
  /** Pub/sub channel shared by the processes of one deployment. (Default: 'agentflow:events') */
  channel?: string;
  /** (Default: a random id) */
  origin?: string;
  /** Publish failures and undecodable messages. (Default: ignored) */
  onError?: (error: unknown) => void;
}

/** On the wire: `{ o: origin, e: event }` as JSON. */
interface Envelope<T> {
  o: string;
  e: T;
}

/** An EventRelay on Redis pub/sub: one channel, a publishing connection and, once subscribed, a listening one. */
export function createRedisEventRelay<T = AgentFlowEvent>(options: EventRelayOptions): EventRelay<T> {
  const channel = options.channel ?? 'agentflow:events';
  const origin = options.origin ?? randomUUID();
  const onError = options.onError ?? (() => undefined);
  const ownsConnection = typeof options.connection === 'string';
  const publisher =
    typeof options.connection === 'string'
      ? new (loadIoredis().Redis)(options.connection)
      : options.connection;
  publisher.on('error', onError);
  const listeners = new Set<(event: T) => void>();
  let subscriber: Redis | undefined;
  let subscribed: Promise<unknown> | undefined;
  let closed = false;

  function deliver(_channel: string, message: string): void {
    let envelope: Envelope<T>;
    try {
      envelope = JSON.parse(message) as Envelope<T>;
    } catch (error) {
      onError(error);
      return;
    }
    if (envelope.o === origin) return;
    for (const listener of listeners) {
      try {
        listener(envelope.e);
      } catch (error) {
        onError(error);
      }
    }
  }

  return {
    origin,
    publish(event) {
      if (closed) return;
      const message = JSON.stringify({ o: origin, e: event } satisfies Envelope<T>);
      publisher.publish(channel, message).catch(onError);
    },
    async subscribe(listener) {
      listeners.add(listener);
      if (!subscriber) {
        subscriber = publisher.duplicate();
        subscriber.on('error', onError);
        subscriber.on('message', deliver);
        subscribed = subscriber.subscribe(channel);
      }
      await subscribed;
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      if (subscriber) await subscriber.quit().catch(() => subscriber?.disconnect());
      if (ownsConnection) await publisher.quit().catch(() => publisher.disconnect());
    },
  };
}
