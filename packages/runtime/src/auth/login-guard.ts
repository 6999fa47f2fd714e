/**
 * Brute-force limit on sign-in, kept in the database so every API process shares it. Failures are counted per
 * account and source IP, and per source IP over all accounts; failures older than `windowMs` (default 1 hour)
 * are forgotten. Once a key has had its free failures (default 5 per account and IP, 50 per IP), each further
 * attempt must wait after the last failure a delay that doubles with every failure, from `baseDelayMs` (1 s)
 * up to `maxDelayMs` (15 minutes); an attempt during the delay is refused with AF_RATE_LIMITED and
 * `retryAfterMs` without checking the password (and is not counted). There is no lock per account alone:
 * failures from other addresses never keep the owner out from their own. Keys are stored hashed; unknown
 * emails count like known ones; a success clears its account+IP counter.
 */
import { createHash } from 'node:crypto';
import { AgentFlowError } from '@agentflow/protocol';
import type { SessionRepository } from '@agentflow/store-sql/tenancy';
import { normalizeEmail } from '@agentflow/store-sql/tenancy';

export interface LoginGuardOptions {
  /** Failures per account and IP before the back-off starts. (Default: 5) */
  maxFailures?: number;
  /** Failures from one IP over all accounts before the back-off starts. (Default: 50) */
  maxFailuresPerSource?: number;
  /** First delay after the free failures, doubled for each further failure. (Default: 1000 ms) */
  baseDelayMs?: number;
  /** Longest delay. (Default: 15 minutes) */
  maxDelayMs?: number;
  /** Failures older than this are forgotten. (Default: 1 hour) */
  windowMs?: number;
}

export interface LoginGuard {
  /** AF_RATE_LIMITED (with retryAfterMs) while the account (from this IP) or the IP must wait. */
  check(email: string, ip: string | undefined): Promise<void>;
  failed(email: string, ip: string | undefined): Promise<void>;
  succeeded(email: string, ip: string | undefined): Promise<void>;
}

export function createLoginGuard(sessions: SessionRepository, options: LoginGuardOptions = {}): LoginGuard {
  const free = options.maxFailures ?? 5;
  const freePerSource = options.maxFailuresPerSource ?? 50;
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
  const windowMs = options.windowMs ?? 60 * 60_000;
  const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const keys = (email: string, ip: string | undefined) => {
    const e = normalizeEmail(email);
    const source = ip ?? '-';
    return { pair: `login:${hash(`${e}\n${source}`)}`, source: `login-ip:${hash(source)}` };
  };
  let lastPrune = 0;

  /** How long `key` must still wait (undefined: not at all). */
  async function waitOf(key: string, freeFailures: number, now: number): Promise<number | undefined> {
    const { count, newestAt } = await sessions.countLoginFailures(key, now - windowMs);
    if (count < freeFailures || newestAt === undefined) return undefined;
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(count - freeFailures, 40));
    const left = newestAt + delay - now;
    return left > 0 ? left : undefined;
  }

  return {
    async check(email, ip) {
      const now = Date.now();
      const k = keys(email, ip);
      const [pair, source] = await Promise.all([
        waitOf(k.pair, free, now),
        waitOf(k.source, freePerSource, now),
      ]);
      const wait = Math.max(pair ?? 0, source ?? 0);
      if (wait > 0) {
        throw new AgentFlowError(
          'AF_RATE_LIMITED',
          `too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} second(s)`,
          { retryAfterMs: wait, details: { reason: 'login_attempts' } },
        );
      }
    },
    async failed(email, ip) {
      const k = keys(email, ip);
      await sessions.recordLoginFailure([k.pair, k.source]);
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
