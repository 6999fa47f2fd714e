/**
 * Authentication and authorization for every route, in one hook. Each route declares its permission in its
 * config (`config: { permission: 'workflow:read' }`, or `'public'`); the hook turns the request's credentials
 * into a `Principal` (through the AuthPort) and checks the permission before the body is even parsed.
 */
import { AgentFlowError } from '@agentflow/protocol';
import type { Permission, Principal, Scope } from '@agentflow/runtime';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AuthFailureCounter, createAuthFailureGuard } from './auth-failures.js';
import {
  ACCESS_COOKIE,
  API_KEY_PREFIX,
  type AuthPort,
  authorizeByRole,
  type Credentials,
} from './auth-port.js';

/**
 * What a route requires: a permission; a signed-in caller whatever its role (`authenticated`: me, leaving a
 * workspace); an instance admin whatever their role (`instance-admin`: `/admin`, AuthPort.isInstanceAdmin);
 * nothing at all (`public`: health, sign-in); or a principal when credentials are sent, each field checking its
 * own permission (`per-field`: GraphQL). Routes that declare nothing (docs) are public too, except under the
 * guarded prefixes, where a declaration is mandatory.
 */
export type RoutePermission = Permission | 'authenticated' | 'instance-admin' | 'public' | 'per-field';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every /api and /ws route; checked before the handler runs. */
    permission?: RoutePermission;
    /** Accept the token in `?token=` (WebSocket upgrades, where browsers cannot set headers). */
    queryToken?: boolean;
  }
  interface FastifyRequest {
    /** Who is calling; undefined for anonymous requests. */
    principal: Principal | undefined;
  }
}

/** A declared route and its permission, as collected at startup (the role x route matrix walks these). */
export interface DeclaredRoute {
  method: string;
  url: string;
  permission: RoutePermission;
}

/** Counts requests per caller (the runtime's rate limiter: per user at its plan's tier, per IP when anonymous). */
export interface RequestLimiter {
  hitRequest(
    principal: Pick<Principal, 'userId' | 'plan'> | undefined,
    ip: string,
    interactive?: boolean,
  ): Promise<{ allowed: boolean; limit: number; remaining: number; resetMs: number; retryAfterMs: number }>;
  /** Counts failed authentications per source IP (auth-failures.ts); without it they are not limited. */
  hitAuthFailure?: AuthFailureCounter['hitAuthFailure'];
}

/** Routes under these prefixes must declare a permission; the server refuses to start otherwise. */
const GUARDED_PREFIXES = ['/api/', '/ws/'];
/** Cookie-authenticated requests with other methods must carry the CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Installs the authentication hook on the root instance (so it covers every route, GraphQL included) and
 * returns the list of declared routes, filled as routes are registered. With a limiter, every API, GraphQL,
 * MCP and WebSocket request is counted (after authentication, so users count against their own plan).
 */
export function installAuth(app: FastifyInstance, port: AuthPort, limiter?: RequestLimiter): DeclaredRoute[] {
  const declared: DeclaredRoute[] = [];
  const authorize = port.authorize ?? authorizeByRole;
  const hitAuthFailure = limiter?.hitAuthFailure?.bind(limiter);
  // Failed authentications per source IP, with the request limits (`rateLimiter: false` turns both off).
  const failures = hitAuthFailure ? createAuthFailureGuard({ hitAuthFailure }) : undefined;

  app.decorateRequest('principal', undefined);

  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (permission === undefined) {
      if (GUARDED_PREFIXES.some((p) => route.url.startsWith(p))) {
        throw new Error(`route ${methods.join(',')} ${route.url} declares no permission`);
      }
      return;
    }
    for (const method of methods) {
      if (method === 'HEAD') continue;
      declared.push({ method, url: route.url, permission });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config ?? {};
    const permission = config.permission;
    // A browser session's requests (cookie) have their own budget (RateLimiter.hitRequest).
    let interactive = false;
    if (permission !== undefined && permission !== 'public') {
      const read = async () => credentialsOf(request, config.queryToken === true);
      const credentials = failures ? await failures.guard(request.ip, read) : await read();
      if (credentials) {
        interactive = credentials.source === 'cookie';
        if (credentials.source === 'cookie') refuseCrossSiteUpgrade(request);
        const principal = failures
          ? await failures.guard(request.ip, () => port.authenticate(credentials))
          : await port.authenticate(credentials);
        request.principal = principal;
        if (credentials.source === 'cookie' && !SAFE_METHODS.has(request.method)) {
          await port.verifyCsrf?.(principal, headerValue(request.headers[CSRF_HEADER]));
        }
      }
      if (permission !== 'per-field') {
        if (!request.principal) throw new AgentFlowError('AF_UNAUTHENTICATED', 'authentication required');
        if (permission === 'instance-admin') {
          if (port.isInstanceAdmin?.(request.principal) !== true) {
            throw new AgentFlowError(
              'AF_FORBIDDEN',
              'only an instance admin (AGENTFLOW_INSTANCE_ADMINS) may do this',
            );
          }
        } else if (permission !== 'authenticated') await authorize(request.principal, permission);
      }
    }
    if (limiter && isLimited(request.routeOptions.url)) {
      const result = await limiter.hitRequest(request.principal, request.ip, interactive);
      reply.header('x-ratelimit-limit', result.limit);
      reply.header('x-ratelimit-remaining', Math.max(0, result.remaining));
      reply.header('x-ratelimit-reset', Math.ceil(result.resetMs / 1000));
      if (!result.allowed) {
        throw new AgentFlowError('AF_RATE_LIMITED', 'too many requests for your plan; retry later', {
          retryAfterMs: result.retryAfterMs,
        });
      }
    }
  });

  return declared;
}

function isLimited(url: string | undefined): boolean {
  return (
    url !== undefined &&
    (GUARDED_PREFIXES.some((p) => url.startsWith(p)) || url === '/graphql' || url === '/mcp')
  );
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The credentials a request carries: `Authorization: Bearer`, else the access cookie, else `?token=`. */
export function credentialsOf(request: FastifyRequest, allowQuery: boolean): Credentials | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer +([\x21-\x7e]{1,4096})$/i.exec(header.trim());
    if (!match) throw new AgentFlowError('AF_UNAUTHENTICATED', 'malformed Authorization header');
    return credential(match[1]!, 'header');
  }
  const cookie = request.cookies?.[ACCESS_COOKIE];
  if (cookie) return credential(cookie, 'cookie');
  if (allowQuery) {
    const token = (request.query as Record<string, unknown> | undefined)?.token;
    if (typeof token === 'string' && token !== '') return credential(token, 'query');
  }
  return undefined;
}

/**
 * Browsers send cookies on WebSocket handshakes from any page (cross-site WebSocket hijacking): a
 * cookie-authenticated upgrade must come from a page of this origin.
 */
function refuseCrossSiteUpgrade(request: FastifyRequest): void {
  if (request.headers.upgrade?.toLowerCase() !== 'websocket') return;
  const origin = request.headers.origin;
  if (origin === undefined) return; // not a browser
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host !== request.headers.host) {
    throw new AgentFlowError('AF_FORBIDDEN', 'cross-origin WebSocket upgrades cannot use the session cookie');
  }
}

function credential(token: string, source: Credentials['source']): Credentials {
  return { kind: token.startsWith(API_KEY_PREFIX) ? 'apiKey' : 'jwt', token, source };
}

/** The authenticated caller (the hook guarantees one on every route that declares a permission). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AgentFlowError('AF_UNAUTHENTICATED', 'authentication required');
  return request.principal;
}

/** The service scope of the caller: every query is filtered by their workspace. */
export function scopeOf(request: FastifyRequest): Scope {
  const principal = principalOf(request);
  return { workspaceId: principal.workspaceId, userId: principal.userId };
}

/** The same check for GraphQL fields and WebSocket subscriptions. */
export async function requirePermission(
  port: AuthPort,
  principal: Principal | undefined,
  permission: Permission,
): Promise<Principal> {
  if (!principal) throw new AgentFlowError('AF_UNAUTHENTICATED', 'authentication required');
  await (port.authorize ?? authorizeByRole)(principal, permission);
  return principal;
}
