/**
 * Request rate limits per plan tier (the brief's table): anonymous callers 10 per minute by IP; signed-in users
 * 100 (free), 1,000 (pro) or 10,000 (enterprise) per hour. Fixed windows that open on a key's first hit.
 *
 * Counters live in this process by default (bounded: at most `maxKeys` keys; expired ones are swept first, then
 * the oldest windows are dropped) and in Redis when a URL is given (one atomic Lua script: INCRBY, then PEXPIRE
 * on the window's first hit), so every API process shares them. If Redis is unreachable, the in-process counters
 * stand in until it is back, so an outage neither blocks every request nor lifts the limits.
 */
import type { Logger } from '@agentflow/core';
import { loadIoredis } from '@agentflow/queue-bullmq';
import type { Principal } from './permissions.js';

export type RateTier = 'anonymous' | 'free' | 'pro' | 'enterprise';

export interface RateRule {
  limit: number;
  windowMs: number;
}

export const RATE_LIMITS: Readonly<Record<RateTier, RateRule>> = {
  anonymous: { limit: 10, windowMs: 60_000 },
  free: { limit: 100, windowMs: 3_600_000 },
  pro: { limit: 1_000, windowMs: 3_600_000 },
  enterprise: { limit: 10_000, windowMs: 3_600_000 },
};

/** A signed-in browser session's request budget, as a multiple of its plan's API limit (see `hitRequest`). */
export const INTERACTIVE_FACTOR = 20;

/** Failed authentications (bad API key or access token) per source IP: 30 per 10 minutes. */
export const AUTH_FAILURE_LIMIT: Readonly<RateRule> = { limit: 30, windowMs: 10 * 60_000 };

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  /** Requests left in the current window. */
  remaining: number;
  /** ms until the window ends and the count starts again. */
  resetMs: number;
  /** ms to wait before retrying (0 when allowed). */
  retryAfterMs: number;
}

export interface RateLimiterOptions {
  /** Keep counters in Redis (`REDIS_URL`). */
  redisUrl?: string;
  /** Prefix of every Redis key (tests use a unique one). (Default: `af:rl:`) */
  keyPrefix?: string;
  /** Max keys held in process. (Default: 100000) */
  maxKeys?: number;
  /** Limits by tier. (Default: RATE_LIMITS) */
  limits?: Partial<Record<RateTier, RateRule>>;
  /** Failed authentications allowed per source IP. (Default: AUTH_FAILURE_LIMIT, 30 per 10 minutes) */
  authFailures?: RateRule;
  logger?: Logger;
  /** Current time in ms (tests of the in-process store). */
  now?: () => number;
}

export interface RateLimiter {
  readonly backend: 'memory' | 'redis';
  /** Counts `cost` hits on `key` under `rule` (a tier name or explicit limits). */
  hit(key: string, rule: RateTier | RateRule, cost?: number): Promise<RateLimitResult>;
  /**
   * The request limit for a caller: per user at its plan's tier, or per IP when anonymous. `interactive`: the
   * request came from a signed-in browser session (the web app, cookie), counted apart from the user's API calls
   * at INTERACTIVE_FACTOR times the tier's limit: the app makes several requests per page view and follows live
   * changes, so the plan's API budget (100 an hour on free) would sign a person out after a few minutes.
   */
  hitRequest(
    principal: Pick<Principal, 'userId' | 'plan'> | undefined,
    ip: string,
    interactive?: boolean,
  ): Promise<RateLimitResult>;
  /**
   * Counts `cost` failed authentications from a source IP (cost 0 reads the count); `allowed` turns false once
   * the source has used up its failures (AUTH_FAILURE_LIMIT).
   */
  hitAuthFailure(ip: string, cost?: number): Promise<RateLimitResult>;
  /** Forgets a key's counts. */
  reset(key: string, rule: RateTier | RateRule): Promise<void>;
  /** Resolves once Redis is connected (at once for the in-process store). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const HIT_SCRIPT = `
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {n, ttl}`;

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const limits = { ...RATE_LIMITS, ...options.limits };
  const resolve = (rule: RateTier | RateRule): RateRule => (typeof rule === 'string' ? limits[rule] : rule);
  const memory = createMemoryCounter(options.maxKeys ?? 100_000, options.now ?? Date.now);
  const redis = options.redisUrl ? createRedisCounter(options.redisUrl, options) : undefined;

  async function count(key: string, rule: RateRule, cost: number): Promise<{ n: number; ttl: number }> {
    if (redis) {
      try {
        return await redis.hit(key, rule, cost);
      } catch (error) {
        redis.warn(error);
      }
    }
    return memory.hit(`${key}:${rule.windowMs}`, rule.windowMs, cost);
  }

  const limiter: RateLimiter = {
    backend: redis ? 'redis' : 'memory',
    async hit(key, ruleOrTier, cost = 1) {
      const rule = resolve(ruleOrTier);
      const { n, ttl } = await count(key, rule, cost);
      const allowed = n <= rule.limit;
      const resetMs = Math.max(0, ttl);
      return {
        allowed,
        limit: rule.limit,
        remaining: Math.max(0, rule.limit - n),
        resetMs,
        retryAfterMs: allowed ? 0 : Math.max(1, resetMs),
      };
    },
    hitRequest(principal, ip, interactive = false) {
      if (!principal) return limiter.hit(`ip:${ip}`, 'anonymous');
      if (!interactive) return limiter.hit(`user:${principal.userId}`, principal.plan);
      const tier = resolve(principal.plan);
      return limiter.hit(`session:${principal.userId}`, {
        limit: tier.limit * INTERACTIVE_FACTOR,
        windowMs: tier.windowMs,
      });
    },
    hitAuthFailure(ip, cost = 1) {
      return limiter.hit(`authfail:${ip}`, options.authFailures ?? AUTH_FAILURE_LIMIT, cost);
    },
    async reset(key, ruleOrTier) {
      const rule = resolve(ruleOrTier);
      memory.reset(`${key}:${rule.windowMs}`);
      await redis?.reset(key, rule);
    },
    ready: () => redis?.ready() ?? Promise.resolve(),
    close: () => redis?.close() ?? Promise.resolve(),
  };
  return limiter;
}

/** In-process fixed windows in a Map kept in window-start order, so the oldest are dropped first when full. */
function createMemoryCounter(maxKeys: number, now: () => number) {
  const windows = new Map<string, { n: number; resetAt: number }>();
  function makeRoom(t: number) {
    for (const [key, w] of windows) if (w.resetAt <= t) windows.delete(key);
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  }
  return {
    hit(key: string, windowMs: number, cost: number) {
      const t = now();
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        if (w) windows.delete(key);
        else if (windows.size >= maxKeys) makeRoom(t);
        w = { n: 0, resetAt: t + windowMs };
        windows.set(key, w);
      }
      w.n += cost;
      return { n: w.n, ttl: w.resetAt - t };
    },
    reset(key: string) {
      windows.delete(key);
    },
    get size() {
      return windows.size;
    },
  };
}

function createRedisCounter(url: string, options: RateLimiterOptions) {
  const prefix = options.keyPrefix ?? 'af:rl:';
  const client = new (loadIoredis().Redis)(url, {
    // Fail fast while disconnected: the in-process counters stand in.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    lazyConnect: false,
  });
  client.defineCommand('afRateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  let warnedAt = 0;
  client.on('error', () => {
    // Reported on use (warn below); ioredis keeps reconnecting.
  });
  const redisKey = (key: string, rule: RateRule) => `${prefix}${key}:${rule.windowMs}`;
  return {
    async hit(key: string, rule: RateRule, cost: number) {
      const run = (client as unknown as Record<string, (...a: unknown[]) => Promise<[number, number]>>)
        .afRateHit!;
      const [n, ttl] = await run.call(client, redisKey(key, rule), cost, rule.windowMs);
      return { n: Number(n), ttl: Number(ttl) };
    },
    async reset(key: string, rule: RateRule) {
      await client.del(redisKey(key, rule));
    },
    warn(error: unknown) {
      const t = Date.now();
      if (t - warnedAt < 60_000) return;
      warnedAt = t;
      options.logger?.warn('rate limiter: Redis unavailable, counting in process', {
        error: error instanceof Error ? error.message : String(error),
      });
    },
    ready(): Promise<void> {
      if (client.status === 'ready') return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('Redis did not become ready within 5 s')), 5_000);
        client.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async close() {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}
