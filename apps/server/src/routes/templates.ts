import { httpUrl } from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../auth.js';
import {
  errorResponses,
  IdParams,
  JsonObject,
  PageQuery,
  page,
  TemplateDto,
  WorkflowDto,
} from '../schemas.js';

const tags = ['templates'];

const TemplateBody = z.object({
  name: z.string().min(1).max(255),
  description: z.string().max(10_000).optional(),
  category: z.string().min(1).max(100).optional(),
  iconUrl: httpUrl.optional(),
  configSchema: JsonObject.meta({ description: 'JSON Schema of the node config' }),
  defaultConfig: JsonObject.optional().meta({
    description: 'Default node config; a workflow template keeps its whole definition in `workflow`',
  }),
  isPublic: z.boolean().default(false).meta({
    description: 'Visible to every workspace; only instance admins (AGENTFLOW_INSTANCE_ADMINS) may',
  }),
});

const InstallOptions = z.object({
  name: z.string().min(1).max(200).optional(),
  description: z.string().max(10_000).optional(),
  nodeType: z.string().min(1).max(64).optional().meta({ description: "Agent templates: the node's type" }),
  config: JsonObject.optional().meta({ description: "Merged over the template's default config" }),
});

const InstantiateBody = InstallOptions.extend({
  confirm: z
    .string()
    .max(128)
    .optional()
    .meta({
      description:
        'Digest of the external targets (from install-preview or the AF_CONFIRMATION_REQUIRED error); ' +
        'required when the workflow reaches any model, tool or URL',
    }),
}).optional();

const InstallTargetDto = z.object({
  kind: z.enum(['model', 'tool', 'url']),
  path: z.string().meta({ description: 'Where in the workflow definition' }),
  provider: z.string().optional(),
  model: z.string().optional(),
  tool: z.string().optional(),
  url: z.string().optional().meta({ description: "Absent on a model: the provider's configured endpoint" }),
  host: z.string().optional(),
});

const InstallPreviewDto = z.object({
  digest: z.string().meta({ description: 'Send it as `confirm` to instantiate' }),
  targets: z.array(InstallTargetDto),
});

/** Templates: list, get, publish, instantiate (creates a workflow in the caller's workspace). */
export const templateRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { templates } = runtime;

  app.get(
    '/templates',
    {
      config: { permission: 'template:read' },
      schema: {
        tags,
        summary: "List the workspace's templates and the public ones",
        querystring: PageQuery.extend({
          category: z.string().min(1).max(100).optional(),
          public: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: page(TemplateDto), ...errorResponses },
      },
    },
    async (request) => {
      const { public: publicOnly, ...query } = request.query;
      return templates.list(scopeOf(request), { ...query, ...(publicOnly ? { publicOnly } : {}) });
    },
  );

  app.post(
    '/templates',
    {
      config: { permission: 'template:publish' },
      schema: {
        tags,
        summary: 'Publish a template',
        body: TemplateBody,
        response: { 201: TemplateDto, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await templates.publish(request.body, scopeOf(request))),
  );

  app.get(
    '/templates/:id',
    {
      config: { permission: 'template:read' },
      schema: {
        tags,
        summary: 'Get a template',
        params: IdParams,
        response: { 200: TemplateDto, ...errorResponses },
      },
    },
    async (request) => templates.get(request.params.id, scopeOf(request)),
  );

  app.post(
    '/templates/:id/install-preview',
    {
      config: { permission: 'workflow:create' },
      schema: {
        tags,
        summary: 'What a workflow created from the template would reach outside AgentFlow (to confirm)',
        params: IdParams,
        body: InstallOptions.optional(),
        response: { 200: InstallPreviewDto, ...errorResponses },
      },
    },
    async (request) => templates.previewInstall(request.params.id, request.body ?? {}, scopeOf(request)),
  );

  app.post(
    '/templates/:id/instantiate',
    {
      config: { permission: 'workflow:create' },
      schema: {
        tags,
        summary:
          'Create a workflow from a template (409 AF_CONFIRMATION_REQUIRED until its targets are confirmed)',
        params: IdParams,
        body: InstantiateBody,
        response: { 201: WorkflowDto, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await templates.instantiate(request.params.id, request.body ?? {}, scopeOf(request));
      return reply.code(201).send(created);
    },
  );
};
