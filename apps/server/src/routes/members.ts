import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth.js';
import { errorResponses } from '../schemas.js';
import { metaOf, RoleEnum, WorkspaceDto } from './auth.js';

const MemberDto = z.object({
  workspaceId: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string().optional(),
  role: RoleEnum,
  createdAt: z.number(),
});

const Membership = z.object({ workspace: WorkspaceDto, role: RoleEnum });
const UserParams = z.object({ userId: z.string().min(1).max(200) });

/**
 * Workspaces of the caller, and the members of the current one with their roles. Only owners grant, change or
 * remove the owner role; the last owner stays; anyone may leave.
 */
export const memberRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { workspaces, members } = runtime.tenancy;

  app.get(
    '/workspaces',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['workspaces'],
        summary: 'Workspaces the caller belongs to, with its role in each',
        response: { 200: z.object({ items: z.array(Membership) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await workspaces.list(principalOf(request)) }),
  );

  app.post(
    '/workspaces',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['workspaces'],
        summary: 'Create a workspace owned by the caller (switch to it with /auth/switch-workspace)',
        body: z.object({ name: z.string().min(1).max(255) }),
        response: { 201: WorkspaceDto, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await workspaces.create(principalOf(request), request.body, metaOf(request))),
  );

  app.get(
    '/members',
    {
      config: { permission: 'member:read' },
      schema: {
        tags: ['members'],
        summary: 'Members of the current workspace',
        response: { 200: z.object({ items: z.array(MemberDto) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await members.list(principalOf(request)) }),
  );

  app.post(
    '/members',
    {
      config: { permission: 'member:manage' },
      schema: {
        tags: ['members'],
        summary: 'Add an existing account (by email or user id) with a role',
        body: z
          .object({
            email: z.string().max(254).optional(),
            userId: z.string().max(200).optional(),
            role: RoleEnum,
          })
          .refine((b) => b.email !== undefined || b.userId !== undefined, {
            message: 'give email or userId',
            path: ['email'],
          }),
        response: { 201: MemberDto, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await members.add(principalOf(request), request.body, metaOf(request))),
  );

  app.patch(
    '/members/:userId',
    {
      config: { permission: 'member:manage' },
      schema: {
        tags: ['members'],
        summary: "Change a member's role",
        params: UserParams,
        body: z.object({ role: RoleEnum }),
        response: { 200: MemberDto, ...errorResponses },
      },
    },
    async (request) =>
      members.changeRole(principalOf(request), request.params.userId, request.body.role, metaOf(request)),
  );

  app.delete(
    '/members/me',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['members'],
        summary: 'Leave the current workspace (its last owner cannot)',
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await members.remove(principal, principal.userId, metaOf(request));
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/members/:userId',
    {
      config: { permission: 'member:manage' },
      schema: {
        tags: ['members'],
        summary: 'Remove a member',
        params: UserParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await members.remove(principalOf(request), request.params.userId, metaOf(request));
      return reply.code(204).send(null);
    },
  );
};
