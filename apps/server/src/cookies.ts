/**
 * Session cookies. The access token (JWT) is httpOnly and SameSite=Lax on every path; the refresh token is
 * httpOnly, SameSite=Strict and only sent to `/api/v1/auth`; the CSRF token is readable by the web app, which
 * echoes it in the `X-CSRF-Token` header. Cookies are cleared with the attributes they were set with, or browsers
 * keep them. All of them are `Secure` over HTTPS (see `secure`).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS_COOKIE } from './auth-port.js';

export const REFRESH_COOKIE = 'af_refresh';
export const CSRF_COOKIE = 'af_csrf';
const REFRESH_PATH = '/api/v1/auth';

interface CookieTokens {
  accessToken?: string;
  accessTokenExpiresAt?: number;
  refreshToken?: string;
  refreshTokenExpiresAt?: number;
  csrfToken?: string;
}

/**
 * `Secure` when the request came over HTTPS, directly or as a trusted proxy's X-Forwarded-Proto says
 * (`request.protocol` believes the header only with `trustProxy`), and always when the server says so
 * (`secureCookies`, on by default in production).
 */
function secure(request: FastifyRequest): boolean {
  return request.server.agentflow?.secureCookies === true || request.protocol === 'https';
}

function maxAge(expiresAt: number): number {
  return Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
}

export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, tokens: CookieTokens): void {
  const base = { secure: secure(request), path: '/' } as const;
  if (tokens.accessToken !== undefined && tokens.accessTokenExpiresAt !== undefined) {
    reply.setCookie(ACCESS_COOKIE, tokens.accessToken, {
      ...base,
      httpOnly: true,
      sameSite: 'lax',
      maxAge: maxAge(tokens.accessTokenExpiresAt),
    });
  }
  if (tokens.refreshToken !== undefined && tokens.refreshTokenExpiresAt !== undefined) {
    reply.setCookie(REFRESH_COOKIE, tokens.refreshToken, {
      ...base,
      path: REFRESH_PATH,
      httpOnly: true,
      sameSite: 'strict',
      maxAge: maxAge(tokens.refreshTokenExpiresAt),
    });
  }
  if (tokens.csrfToken !== undefined && tokens.refreshTokenExpiresAt !== undefined) {
    reply.setCookie(CSRF_COOKIE, tokens.csrfToken, {
      ...base,
      httpOnly: false,
      sameSite: 'strict',
      maxAge: maxAge(tokens.refreshTokenExpiresAt),
    });
  }
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  const base = { secure: secure(request), path: '/' } as const;
  reply.clearCookie(ACCESS_COOKIE, { ...base, httpOnly: true, sameSite: 'lax' });
  reply.clearCookie(REFRESH_COOKIE, { ...base, path: REFRESH_PATH, httpOnly: true, sameSite: 'strict' });
  reply.clearCookie(CSRF_COOKIE, { ...base, httpOnly: false, sameSite: 'strict' });
}
