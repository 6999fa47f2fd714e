import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth.js';
import { errorResponses, IdParams, InvitationDto } from '../schemas.js';
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
 * Workspaces of the caller, and the members of the current one with their roles. Members join by invitation
 * (by email, accepted by the invitee). Only owners grant, change or remove the owner role; the last owner stays;
 * anyone may leave.
 */
export const memberRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { workspaces, members, invitations } = runtime.tenancy;

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
        summary: 'Invite someone by email with a role; they become a member once they accept',
        description:
          'Always 202 with the same body, whether or not the email has an account (nothing is revealed). The ' +
          'invitee accepts with POST /invitations/accept, signed in with that email. Without mail delivery ' +
          'configured, the token is in the response and in GET /invitations, for admins to pass on.',
        body: z.object({ email: z.string().max(254), role: RoleEnum }),
        response: { 202: InvitationDto, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await invitations.invite(principalOf(request), request.body, metaOf(request))),
  );

  app.get(
    '/invitations',
    {
      config: { permission: 'member:manage' },
      schema: {
        tags: ['members'],
        summary: 'Pending invitations of the current workspace',
        response: { 200: z.object({ items: z.array(InvitationDto) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await invitations.list(principalOf(request)) }),
  );

  app.delete(
    '/invitations/:id',
    {
      config: { permission: 'member:manage' },
      schema: {
        tags: ['members'],
        summary: 'Revoke a pending invitation',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await invitations.revoke(principalOf(request), request.params.id, metaOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/invitations/accept',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['members'],
        summary:
          "Accept an invitation: join its workspace with its role (signed in as the invited email's account)",
        body: z.object({ token: z.string().max(200) }),
        response: { 200: MemberDto, ...errorResponses },
      },
    },
    async (request) => invitations.accept(principalOf(request), request.body.token, metaOf(request)),
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
