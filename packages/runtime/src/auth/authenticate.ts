/**
 * Turns a credential presented with a request into a Principal, or AF_UNAUTHENTICATED.
 *
 * - Access token (JWT): signature, algorithm, expiry, issuer and audience (tokens.ts), then its login session must
 *   be live and the user still a member of the token's workspace. The role comes from the membership now, not
 *   from the token, so a demotion or removal takes effect at once.
 * - API key (`af_...`): looked up by SHA-256; it must be neither revoked nor expired, its creator must still be a
 *   member, and it acts with the lower of its own role and the creator's current role.
 *
 * The database part of both checks is cached for `cacheTtlMs` (default 5 s); this process clears the cache on every
 * change of sessions, members, roles, keys or plans. Other processes (distributed mode) see a change within the TTL.
 */
import type { ApiKeyRepository, SessionRepository } from '@agentflow/store-sql/tenancy';
import { hashApiKey } from '@agentflow/store-sql/tenancy';
import { weakerRole } from './authorize.js';
import type { Principal } from './permissions.js';
import { type AccessClaims, type TokenService, unauthenticated } from './tokens.js';

const API_KEY_PATTERN = /^af_[A-Za-z0-9_-]{43}$/;

export interface Authenticator {
  authenticateToken(accessToken: string): Promise<Principal>;
  authenticateApiKey(bearer: string): Promise<Principal>;
  /** A bearer value of either kind: `af_...` is an API key, anything else an access token. */
  authenticateBearer(bearer: string): Promise<Principal>;
  /** Forgets cached lookups (after a change of sessions, members, roles, keys or plans). */
  invalidate(): void;
}

export function isApiKey(bearer: string): boolean {
  return bearer.startsWith('af_');
}

export function createAuthenticator(deps: {
  tokens: TokenService;
  sessions: SessionRepository;
  apiKeys: ApiKeyRepository;
  cacheTtlMs?: number;
  /** Minimum interval between last-used updates of a key. (Default: 60000) */
  touchIntervalMs?: number;
}): Authenticator {
  const ttl = deps.cacheTtlMs ?? 5_000;
  const cache = new Map<string, { principal: Principal; until: number }>();

  function cached(key: string): Principal | undefined {
    if (ttl <= 0) return undefined;
    const hit = cache.get(key);
    if (!hit) return undefined;
    if (hit.until > Date.now()) return { ...hit.principal };
    cache.delete(key);
    return undefined;
  }
  function remember(key: string, principal: Principal, notAfter: number): Principal {
    if (ttl > 0) {
      if (cache.size >= 50_000) cache.clear();
      cache.set(key, { principal: { ...principal }, until: Math.min(Date.now() + ttl, notAfter) });
    }
    return principal;
  }

  /**
   * Verified tokens, until they expire: a token's signature and claims never change, so a client sending the
   * same token again skips the HMAC and decoding. Bounded; the session and membership are still checked below.
   */
  const verified = new Map<string, AccessClaims>();
  async function verify(accessToken: string): Promise<AccessClaims> {
    const known = verified.get(accessToken);
    if (known && known.exp * 1000 > Date.now()) return known;
    const claims = await deps.tokens.verifyAccess(accessToken);
    if (verified.size >= 10_000) verified.clear();
    verified.set(accessToken, claims);
    return claims;
  }

  async function authenticateToken(accessToken: string): Promise<Principal> {
    const claims = await verify(accessToken);
    const key = `t:${claims.sid}:${claims.ws}:${claims.sub}`;
    const hit = cached(key);
    if (hit) return hit;
    const access = await deps.sessions.getSessionAccess(claims.sid, claims.ws);
    const session = access?.session;
    if (!session || session.userId !== claims.sub) throw unauthenticated('invalid');
    if (session.revokedAt !== undefined)
      throw unauthenticated('revoked', 'the session has ended; sign in again');
    if (session.expiresAt <= Date.now())
      throw unauthenticated('expired', 'the session has expired; sign in again');
    if (!access.role || !access.plan) {
      throw unauthenticated('not_member', 'you are no longer a member of this workspace');
    }
    const principal: Principal = {
      kind: 'user',
      userId: claims.sub,
      workspaceId: claims.ws,
      role: access.role,
      plan: access.plan,
      sessionId: claims.sid,
    };
    return remember(key, principal, Math.min(session.expiresAt, claims.exp * 1000));
  }

  async function authenticateApiKey(bearer: string): Promise<Principal> {
    if (typeof bearer !== 'string' || !API_KEY_PATTERN.test(bearer)) throw unauthenticated('invalid');
    const keyHash = hashApiKey(bearer);
    const cacheKey = `k:${keyHash}`;
    const hit = cached(cacheKey);
    if (hit) return hit;
    const found = await deps.apiKeys.findApiKeyByHash(keyHash);
    if (!found) throw unauthenticated('invalid');
    const { key } = found;
    if (key.revokedAt !== undefined) throw unauthenticated('revoked', 'this API key has been revoked');
    if (key.expiresAt !== undefined && key.expiresAt <= Date.now()) {
      throw unauthenticated('expired', 'this API key has expired');
    }
    if (!found.memberRole || !found.plan) {
      throw unauthenticated('not_member', "the API key's owner is no longer a member of its workspace");
    }
    void deps.apiKeys.touchApiKey(key.id, deps.touchIntervalMs ?? 60_000).catch(() => {});
    const principal: Principal = {
      kind: 'apiKey',
      userId: key.userId,
      workspaceId: key.workspaceId,
      role: weakerRole(key.role, found.memberRole),
      plan: found.plan,
      apiKeyId: key.id,
    };
    return remember(cacheKey, principal, key.expiresAt ?? Number.POSITIVE_INFINITY);
  }

  return {
    authenticateToken,
    authenticateApiKey,
    authenticateBearer: (bearer) =>
      isApiKey(bearer) ? authenticateApiKey(bearer) : authenticateToken(bearer),
    invalidate: () => cache.clear(),
  };
}
