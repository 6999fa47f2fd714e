import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { loadIoredis } from './lazy-deps.js';

/**
 * A turn shared by the processes of a deployment: at most one of them holds it at a time, for a given length
 * (Redis `SET key token NX PX ms`). Workers use it so that a periodic job (the orphan sweep) runs once per period
 * across the deployment rather than once per worker. A holder that dies simply lets the turn expire.
 */
export interface RedisTurn {
  /** Takes the turn for `ms` if nobody holds it; false if another process (or this one) still does. */
  take(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface RedisTurnOptions {
  /** A Redis URL, or an ioredis client (not closed by the turn). */
  connection: string | Redis;
  /** The key the turn is held under. */
  key: string;
}

export function createRedisTurn(options: RedisTurnOptions): RedisTurn {
  const owns = typeof options.connection === 'string';
  const redis =
    typeof options.connection === 'string'
      ? new (loadIoredis().Redis)(options.connection, { maxRetriesPerRequest: 1 })
      : options.connection;
  if (owns) redis.on('error', () => undefined);
  const token = randomUUID();
  return {
    async take(ms) {
      const px = Math.max(1, Math.floor(ms));
      return (await redis.set(options.key, token, 'PX', px, 'NX')) === 'OK';
    },
    async close() {
      if (owns) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
