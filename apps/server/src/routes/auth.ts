import type { AuthResult, Runtime } from '@agentflow/runtime';
import { ROLES } from '@agentflow/runtime';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { credentialsOf, principalOf } from '../auth.js';
import { clearSessionCookies, REFRESH_COOKIE, setSessionCookies } from '../cookies.js';
import { errorResponses } from '../schemas.js';

const tags = ['auth'];

export const RoleEnum = z.enum(ROLES);

export const UserDto = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().optional(),
  avatarUrl: z.string().optional(),
  createdAt: z.number(),
});

export const WorkspaceDto = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string().optional(),
  plan: z.string(),
  createdAt: z.number(),
});

const SessionDto = z
  .object({
    user: UserDto,
    workspace: WorkspaceDto,
    role: RoleEnum,
    csrfToken: z
      .string()
      .meta({ description: 'Echo it in the X-CSRF-Token header of state-changing requests' }),
    accessTokenExpiresAt: z.number(),
  })
  .meta({ description: 'Signed in: the access, refresh and CSRF cookies are set' });

const MeDto = z.object({
  kind: z.enum(['user', 'apiKey']),
  user: UserDto,
  workspace: WorkspaceDto,
  role: RoleEnum,
  permissions: z.array(z.string()),
  workspaces: z.array(z.object({ workspace: WorkspaceDto, role: RoleEnum })),
  apiKeyId: z.string().optional(),
});

const Email = z.string().min(1).max(254);
const Password = z.string().min(1).max(1024);

/** Where a request came from, for the audit log and the session record. */
export function metaOf(request: FastifyRequest): { ip: string; userAgent?: string } {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, ...(userAgent ? { userAgent: userAgent.slice(0, 512) } : {}) };
}

/** Sign-up, sign-in, token refresh (rotation), sign-out, and who am I. Tokens travel in cookies only. */
export const authRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { auth } = runtime;

  function signedIn(request: FastifyRequest, reply: FastifyReply, result: AuthResult, status = 200) {
    const csrfToken = auth.csrfToken(result.tokens.sessionId);
    setSessionCookies(request, reply, { ...result.tokens, csrfToken });
    return reply.code(status).send({
      user: result.user,
      workspace: result.workspace,
      role: result.role,
      csrfToken,
      accessTokenExpiresAt: result.tokens.accessTokenExpiresAt,
    });
  }

  app.post(
    '/auth/register',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Create an account and its personal workspace, and sign in',
        body: z.object({
          email: Email,
          password: Password,
          name: z.string().min(1).max(255).optional(),
          workspaceName: z.string().min(1).max(255).optional(),
        }),
        response: { 201: SessionDto, ...errorResponses },
      },
    },
    async (request, reply) =>
      signedIn(request, reply, await auth.register(request.body, metaOf(request)), 201),
  );

  app.post(
    '/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Sign in with email and password (repeated failures are rate-limited)',
        body: z.object({ email: Email, password: Password, workspaceId: z.string().max(200).optional() }),
        response: { 200: SessionDto, ...errorResponses },
      },
    },
    async (request, reply) => signedIn(request, reply, await auth.login(request.body, metaOf(request))),
  );

  app.post(
    '/auth/refresh',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Exchange the refresh token (cookie) for new tokens; a reused token ends the session',
        body: z.object({ refreshToken: z.string().max(200).optional() }).optional(),
        response: { 200: SessionDto, ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = request.cookies[REFRESH_COOKIE] ?? request.body?.refreshToken ?? '';
      try {
        return signedIn(request, reply, await auth.refresh(token, metaOf(request)));
      } catch (error) {
        clearSessionCookies(request, reply);
        throw error;
      }
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'End this session and clear its cookies',
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = await currentPrincipal(runtime, request);
      const refreshToken = request.cookies[REFRESH_COOKIE];
      await auth.logout(
        { ...(principal ? { principal } : {}), ...(refreshToken ? { refreshToken } : {}) },
        metaOf(request),
      );
      clearSessionCookies(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout-all',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'End every session of the signed-in user',
        response: { 200: z.object({ sessions: z.number().int() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const sessions = await auth.logoutAll(principalOf(request), metaOf(request));
      clearSessionCookies(request, reply);
      return { sessions };
    },
  );

  app.get(
    '/auth/me',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'The caller: user, current workspace, role and permissions, other workspaces',
        response: { 200: MeDto, ...errorResponses },
      },
    },
    async (request) => auth.me(principalOf(request)),
  );

  app.post(
    '/auth/switch-workspace',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Continue the session in another workspace of the caller (new access cookie)',
        body: z.object({ workspaceId: z.string().min(1).max(200) }),
        response: {
          200: z.object({ workspace: WorkspaceDto, role: RoleEnum, accessTokenExpiresAt: z.number() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const switched = await auth.switchWorkspace(
        principalOf(request),
        request.body.workspaceId,
        metaOf(request),
      );
      setSessionCookies(request, reply, {
        accessToken: switched.accessToken,
        accessTokenExpiresAt: switched.accessTokenExpiresAt,
      });
      return {
        workspace: switched.workspace,
        role: switched.role,
        accessTokenExpiresAt: switched.accessTokenExpiresAt,
      };
    },
  );
};

/** The caller of a public route, if it sent valid credentials (logout works with an expired access token too). */
async function currentPrincipal(runtime: Runtime, request: FastifyRequest) {
  try {
    const credentials = credentialsOf(request, false);
    if (!credentials) return undefined;
    return credentials.kind === 'apiKey'
      ? await runtime.auth.authenticateApiKey(credentials.token)
      : await runtime.auth.authenticateToken(credentials.token);
  } catch {
    return undefined;
  }
}
