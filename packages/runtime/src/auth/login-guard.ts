/**
 * Brute-force limit on sign-in, kept in the database so every API process shares it: after `maxFailures` failed
 * logins for one email from one IP within `windowMs` (default 5 in 15 minutes), further attempts are refused with
 * AF_RATE_LIMITED and `retryAfterMs` without checking the password; a looser per-email limit over all IPs
 * (default 50) slows down distributed guessing. Keys are stored hashed; a success clears its email+IP counter.
 */
import { createHash } from 'node:crypto';
import { AgentFlowError } from '@agentflow/protocol';
import type { SessionRepository } from '@agentflow/store-sql/tenancy';
import { normalizeEmail } from '@agentflow/store-sql/tenancy';

export interface LoginGuardOptions {
  /** Failures per email and IP in the window. (Default: 5) */
  maxFailures?: number;
  /** Failures per email from any IP in the window. (Default: 50) */
  maxFailuresPerEmail?: number;
  /** (Default: 15 minutes) */
  windowMs?: number;
}

export interface LoginGuard {
  /** AF_RATE_LIMITED (with retryAfterMs) while the email (from this IP) is locked. */
  check(email: string, ip: string | undefined): Promise<void>;
  failed(email: string, ip: string | undefined): Promise<void>;
  succeeded(email: string, ip: string | undefined): Promise<void>;
}

export function createLoginGuard(sessions: SessionRepository, options: LoginGuardOptions = {}): LoginGuard {
  const max = options.maxFailures ?? 5;
  const maxPerEmail = options.maxFailuresPerEmail ?? 50;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const keys = (email: string, ip: string | undefined) => {
    const e = normalizeEmail(email);
    return { pair: `login:${hash(`${e}\n${ip ?? '-'}`)}`, email: `login-email:${hash(e)}` };
  };
  let lastPrune = 0;

  async function limited(key: string, limit: number, now: number): Promise<number | undefined> {
    const { count, oldestAt } = await sessions.countLoginFailures(key, now - windowMs);
    if (count < limit) return undefined;
    return Math.max(1_000, (oldestAt ?? now) + windowMs - now);
  }

  return {
    async check(email, ip) {
      const now = Date.now();
      const k = keys(email, ip);
      const wait = (await limited(k.pair, max, now)) ?? (await limited(k.email, maxPerEmail, now));
      if (wait !== undefined) {
        throw new AgentFlowError(
          'AF_RATE_LIMITED',
          `too many failed sign-ins; try again in ${Math.ceil(wait / 60_000)} minute(s)`,
          { retryAfterMs: wait, details: { reason: 'login_attempts' } },
        );
      }
    },
    async failed(email, ip) {
      const k = keys(email, ip);
      await sessions.recordLoginFailure([k.pair, k.email]);
      const now = Date.now();
      if (now - lastPrune > windowMs) {
        lastPrune = now;
        await sessions.pruneAuth(now - windowMs);
      }
    },
    async succeeded(email, ip) {
      await sessions.clearLoginFailures([keys(email, ip).pair]);
    },
  };
}
