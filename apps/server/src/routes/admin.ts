import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth.js';
import { errorResponses, IdParams, PageQuery, page } from '../schemas.js';
import { metaOf } from './auth.js';

const tags = ['admin'];

const PlanEnum = z.enum(['free', 'pro', 'enterprise']);

const AdminWorkspaceDto = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string().optional(),
  plan: PlanEnum,
  createdAt: z.number(),
});

/**
 * Instance administration (`/admin`): for the instance admins (`AGENTFLOW_INSTANCE_ADMINS`) only, whatever their
 * workspace role; anyone else signed in gets 403 AF_FORBIDDEN before the body is read (route permission
 * `instance-admin`), and the runtime's admin service checks again and audits every change.
 */
export const adminRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { admin } = runtime.tenancy;

  app.get(
    '/admin/workspaces',
    {
      config: { permission: 'instance-admin' },
      schema: {
        tags,
        summary: 'Every workspace of the instance, by id (instance admins only)',
        querystring: PageQuery,
        response: { 200: page(AdminWorkspaceDto), ...errorResponses },
      },
    },
    async (request) => admin.listWorkspaces(principalOf(request), request.query),
  );

  app.put(
    '/admin/workspaces/:id/plan',
    {
      config: { permission: 'instance-admin' },
      schema: {
        tags,
        summary:
          "Change a workspace's plan (instance admins only); its request and execution limits follow at once",
        params: IdParams,
        body: z.object({ plan: PlanEnum }),
        response: { 200: AdminWorkspaceDto, ...errorResponses },
      },
    },
    async (request) =>
      admin.setPlan(principalOf(request), request.params.id, request.body.plan, metaOf(request)),
  );
};
