import {
  TemplateCredentialMapping,
  TemplateListQuery,
  TemplatePublishInput,
  TemplateRatingInput,
} from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type RoutePermission, scopeOf } from '../auth.js';
import {
  errorResponses,
  IdParams,
  JsonObject,
  PageQuery,
  page,
  TemplateCategoryDto,
  TemplateDto,
  TemplateRatingSummaryDto,
  TemplateReviewDto,
  TemplateVersionDto,
  WorkflowDto,
} from '../schemas.js';

const tags = ['templates'];

/** A template route's options: its permission and its OpenAPI schema (under the `templates` tag). */
function route<S extends object>(permission: RoutePermission, schema: S) {
  return { config: { permission }, schema: { tags, ...schema } };
}

const TemplateBody = TemplatePublishInput.extend({
  configSchema: JsonObject.optional().meta({
    description: 'Agent templates: JSON Schema of the node config (workflow templates: none)',
  }),
  isPublic: z.boolean().optional().meta({
    description:
      'Same as `visibility: public`: every workspace sees it; only instance admins (AGENTFLOW_INSTANCE_ADMINS) may',
  }),
});
const InstallOptions = z.object({
  name: z.string().min(1).max(200).optional(),
  description: z.string().max(10_000).optional(),
  nodeType: z.string().min(1).max(64).optional().meta({ description: "Agent templates: the node's type" }),
  config: JsonObject.optional().meta({ description: "Merged over the template's default config" }),
  credentials: TemplateCredentialMapping.optional().meta({
    description:
      "Requirement key -> name of a credential in the caller's workspace (of the requirement's type). " +
      'Unmapped keys take the only credential of that type, if there is exactly one',
  }),
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

const InstallCredentialDto = z.object({
  key: z.string(),
  type: z.string(),
  description: z.string().optional(),
  optional: z.boolean(),
  candidates: z.array(z.string()).meta({ description: "The caller's credentials of that type (names)" }),
  mapped: z.string().optional().meta({ description: 'The credential the install would use' }),
});

const InstallPreviewDto = z.object({
  digest: z.string().meta({ description: 'Send it as `confirm` to instantiate' }),
  targets: z.array(InstallTargetDto),
  credentials: z.array(InstallCredentialDto),
});

/** Templates: list, get, publish, instantiate (creates a workflow in the caller's workspace). */
export const templateRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { templates } = runtime;

  app.get(
    '/templates',
    route('template:read', {
      summary: "List the workspace's templates and the public ones (search, filters, sort, cursor paging)",
      querystring: PageQuery.extend(TemplateListQuery.shape).extend({
        public: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional()
          .meta({ description: 'Legacy: `true` = `visibility=public`' }),
      }),
      response: { 200: page(TemplateDto), ...errorResponses },
    }),
    async (request) => {
      const { public: publicOnly, ...query } = request.query;
      return templates.list(scopeOf(request), { ...query, ...(publicOnly ? { publicOnly } : {}) });
    },
  );

  app.get(
    '/templates/categories',
    route('template:read', {
      summary: 'Categories of the templates the caller sees, with how many each',
      response: { 200: z.object({ items: z.array(TemplateCategoryDto) }), ...errorResponses },
    }),
    async (request) => ({ items: await templates.categories(scopeOf(request)) }),
  );

  app.post(
    '/templates',
    route('template:publish', {
      summary: 'Publish a template',
      body: TemplateBody,
      response: { 201: TemplateDto, ...errorResponses },
    }),
    async (request, reply) => reply.code(201).send(await templates.publish(request.body, scopeOf(request))),
  );

  app.get(
    '/templates/:id',
    route('template:read', {
      summary: 'Get a template',
      params: IdParams,
      response: { 200: TemplateDto, ...errorResponses },
    }),
    async (request) => templates.get(request.params.id, scopeOf(request)),
  );

  app.put(
    '/templates/:id',
    route('template:publish', {
      summary: "Publish a new version of a template (the publisher's workspace; public: an instance admin)",
      params: IdParams,
      body: TemplateBody,
      response: { 200: TemplateDto, ...errorResponses },
    }),
    async (request) => templates.update(request.params.id, request.body, scopeOf(request)),
  );

  app.delete(
    '/templates/:id',
    route('template:publish', {
      summary: 'Unpublish (delete) a template; workflows installed from it stay',
      params: IdParams,
      response: { 204: z.null(), ...errorResponses },
    }),
    async (request, reply) => {
      await templates.unpublish(request.params.id, scopeOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/templates/:id/versions',
    route('template:read', {
      summary: "A template's version history, newest first",
      params: IdParams,
      response: { 200: z.object({ items: z.array(TemplateVersionDto) }), ...errorResponses },
    }),
    async (request) => ({ items: await templates.versions(request.params.id, scopeOf(request)) }),
  );

  app.get(
    '/templates/:id/ratings',
    route('template:read', {
      summary: "A template's ratings and reviews, newest first",
      params: IdParams,
      querystring: PageQuery,
      response: { 200: page(TemplateReviewDto), ...errorResponses },
    }),
    async (request) => templates.ratings(request.params.id, request.query, scopeOf(request)),
  );

  app.put(
    '/templates/:id/rating',
    route('template:read', {
      summary: 'Rate a template 1-5 stars with an optional review (one per user: again replaces it)',
      params: IdParams,
      body: TemplateRatingInput,
      response: { 200: TemplateRatingSummaryDto, ...errorResponses },
    }),
    async (request) => templates.rate(request.params.id, request.body, scopeOf(request)),
  );

  app.delete(
    '/templates/:id/rating',
    route('template:read', {
      summary: "Remove the caller's rating",
      params: IdParams,
      response: { 200: TemplateRatingSummaryDto, ...errorResponses },
    }),
    async (request) => templates.unrate(request.params.id, scopeOf(request)),
  );

  app.post(
    '/templates/:id/install-preview',
    route('workflow:create', {
      summary: 'What a workflow created from the template would reach outside AgentFlow (to confirm)',
      params: IdParams,
      body: InstallOptions.optional(),
      response: { 200: InstallPreviewDto, ...errorResponses },
    }),
    async (request) => templates.previewInstall(request.params.id, request.body ?? {}, scopeOf(request)),
  );

  // `/install` and its older name `/instantiate`: one handler.
  for (const [url, summary] of [
    ['/templates/:id/install', 'Install: create a workflow from a template'],
    ['/templates/:id/instantiate', 'Create a workflow from a template (same as install)'],
  ] as const) {
    app.post(
      url,
      route('workflow:create', {
        summary: `${summary} (409 AF_CONFIRMATION_REQUIRED until its targets are confirmed)`,
        params: IdParams,
        body: InstantiateBody,
        response: { 201: WorkflowDto, ...errorResponses },
      }),
      async (request, reply) => {
        const created = await templates.instantiate(request.params.id, request.body ?? {}, scopeOf(request));
        return reply.code(201).send(created);
      },
    );
  }
};
