/**
 * Access tokens: JWTs signed with HS256 (`jose`), 24 hours by default. Verification accepts HS256 only (so
 * `alg: none`, RS256/ES256 confusion and any other algorithm are refused), and checks signature, expiry, issuer,
 * audience and the claims AgentFlow needs. Claims: `sub` (user id), `ws` (workspace id), `role`, `sid` (login
 * session), `jti`, `email`, `iat`, `exp`, `iss`, `aud`.
 */
import { randomUUID } from 'node:crypto';
import { AgentFlowError } from '@agentflow/protocol';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ROLES, type Role } from './permissions.js';

export const ACCESS_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_TOKEN_LENGTH = 4096;

export interface AccessClaims {
  sub: string;
  ws: string;
  role: Role;
  sid: string;
  jti: string;
  email?: string;
  iat: number;
  exp: number;
}

export interface SignedAccessToken {
  token: string;
  jti: string;
  /** ms since the epoch. */
  expiresAt: number;
}

export interface TokenServiceOptions {
  secret: Uint8Array;
  /** (Default: agentflow) */
  issuer?: string;
  /** (Default: agentflow) */
  audience?: string;
  /** (Default: 24 h) */
  ttlMs?: number;
  /** Allowed clock skew, seconds. (Default: 5) */
  clockToleranceSec?: number;
  /** Current time in ms (tests). */
  now?: () => number;
}

export interface TokenService {
  signAccess(input: {
    userId: string;
    workspaceId: string;
    role: Role;
    sessionId: string;
    email?: string;
  }): Promise<SignedAccessToken>;
  /** The verified claims, or AF_UNAUTHENTICATED (details.reason: `expired` or `invalid`). */
  verifyAccess(token: string): Promise<AccessClaims>;
}

export function createTokenService(options: TokenServiceOptions): TokenService {
  const issuer = options.issuer ?? 'agentflow';
  const audience = options.audience ?? 'agentflow';
  const ttlMs = options.ttlMs ?? ACCESS_TOKEN_TTL_MS;
  const now = options.now ?? (() => Date.now());
  if (options.secret.length < 32) throw new Error('the token secret must have at least 32 bytes');
  // Imported once: given raw bytes, jose imports a key on every sign and verify (most of a verify's cost).
  const secret = globalThis.crypto.subtle.importKey(
    'raw',
    Uint8Array.from(options.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  secret.catch(() => {}); // surfaced by the first sign or verify that awaits it

  return {
    async signAccess(input) {
      const jti = randomUUID();
      const iat = Math.floor(now() / 1000);
      const exp = iat + Math.floor(ttlMs / 1000);
      const claims: Record<string, unknown> = {
        ws: input.workspaceId,
        role: input.role,
        sid: input.sessionId,
      };
      if (input.email !== undefined) claims.email = input.email;
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(input.userId)
        .setJti(jti)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(await secret);
      return { token, jti, expiresAt: exp * 1000 };
    },

    async verifyAccess(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
        throw unauthenticated('invalid');
      }
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, await secret, {
          algorithms: ['HS256'],
          issuer,
          audience,
          requiredClaims: ['sub', 'jti', 'iat', 'exp'],
          clockTolerance: options.clockToleranceSec ?? 5,
          currentDate: new Date(now()),
        }));
      } catch (error) {
        throw unauthenticated(error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid');
      }
      const { sub, ws, role, sid, jti, email, iat, exp } = payload;
      if (
        typeof sub !== 'string' ||
        typeof ws !== 'string' ||
        typeof sid !== 'string' ||
        typeof jti !== 'string' ||
        typeof iat !== 'number' ||
        typeof exp !== 'number' ||
        !(ROLES as readonly unknown[]).includes(role)
      ) {
        throw unauthenticated('invalid');
      }
      const claims: AccessClaims = { sub, ws, role: role as Role, sid, jti, iat, exp };
      if (typeof email === 'string') claims.email = email;
      return claims;
    },
  };
}

export function unauthenticated(reason: string, message?: string): AgentFlowError {
  const text =
    message ??
    (reason === 'expired' ? 'the access token has expired' : 'missing or invalid authentication credentials');
  return new AgentFlowError('AF_UNAUTHENTICATED', text, { details: { reason } });
}
