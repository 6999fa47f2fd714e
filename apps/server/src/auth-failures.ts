/**
 * The limit on failed authentications per source IP (bad or expired API keys and access tokens, from the
 * header, the cookie or `?token=`): each failure is counted in the runtime's rate limiter (shared through Redis
 * in distributed mode); once a source has used up its failures (default 30 per 10 minutes) the failing request
 * and every later request with credentials from it are answered 429 AF_RATE_LIMITED with Retry-After, without
 * checking the credentials, until the window ends. The block is remembered in this process, so the hot path of
 * a valid request costs no round trip; another process blocks the source at its first failure from it.
 */
import { AgentFlowError, isAgentFlowError } from '@agentflow/protocol';
import type { RateLimitResult } from '@agentflow/runtime';

export interface AuthFailureCounter {
  hitAuthFailure(ip: string, cost?: number): Promise<RateLimitResult>;
}

export interface AuthFailureGuard {
  /** AF_RATE_LIMITED while the source is blocked. */
  check(ip: string): void;
  /** Runs `authenticate`; a failed authentication is counted (and turns into AF_RATE_LIMITED past the limit). */
  guard<T>(ip: string, authenticate: () => Promise<T>): Promise<T>;
}

/** Sources blocked at once in this process, at most. */
const MAX_BLOCKED = 10_000;

export function createAuthFailureGuard(counter: AuthFailureCounter, now = Date.now): AuthFailureGuard {
  const blocked = new Map<string, number>();
  function refuse(retryAfterMs: number): AgentFlowError {
    return new AgentFlowError(
      'AF_RATE_LIMITED',
      'too many failed authentications from this address; retry later',
      { retryAfterMs: Math.max(1_000, retryAfterMs), details: { reason: 'auth_failures' } },
    );
  }
  function block(ip: string, until: number): void {
    if (blocked.size >= MAX_BLOCKED) {
      const t = now();
      for (const [key, end] of blocked) if (end <= t) blocked.delete(key);
      if (blocked.size >= MAX_BLOCKED) blocked.delete(blocked.keys().next().value as string);
    }
    blocked.set(ip, until);
  }
  const guard: AuthFailureGuard = {
    check(ip) {
      const until = blocked.get(ip);
      if (until === undefined) return;
      const left = until - now();
      if (left > 0) throw refuse(left);
      blocked.delete(ip);
    },
    async guard(ip, authenticate) {
      guard.check(ip);
      try {
        return await authenticate();
      } catch (error) {
        if (!isAgentFlowError(error) || error.code !== 'AF_UNAUTHENTICATED') throw error;
        const result = await counter.hitAuthFailure(ip);
        if (result.allowed) throw error;
        block(ip, now() + result.retryAfterMs);
        throw refuse(result.retryAfterMs);
      }
    },
  };
  return guard;
}
