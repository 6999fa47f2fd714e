import { TriggerCreate, TriggerUpdate } from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth.js';
import { errorResponses, IdParams, JsonObject } from '../schemas.js';
import { metaOf } from './auth.js';

const tags = ['triggers'];

export const TriggerDto = z.object({
  id: z.string(),
  workflowId: z.string(),
  kind: z.enum(['webhook', 'schedule', 'workflow_event', 'chat']),
  name: z.string(),
  enabled: z.boolean(),
  config: JsonObject,
  path: z
    .string()
    .optional()
    .meta({ description: "Webhooks: POST here; chat: the public embed's page (relative to the server)" }),
  token: z.string().optional().meta({
    description: 'Chat: the share token (to members who may change the workflow); rotate to revoke',
  }),
  nextRunAt: z.number().optional().meta({ description: 'Schedules: the next tick (ms)' }),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const Shown = {
  secret: z.string().optional().meta({ description: 'HMAC secret (webhooks with hmac), shown this once' }),
  token: z.string().optional().meta({
    description: 'Bearer token (webhooks with bearer), shown this once; a chat trigger: its share token',
  }),
};

const FiringDto = z.object({
  executionId: z.string(),
  triggerId: z.string(),
  kind: z.string(),
  status: z.enum(['pending', 'started', 'skipped', 'refused']),
  scheduledFor: z.number().optional(),
  sourceExecutionId: z.string().optional(),
  error: z.string().optional(),
  createdAt: z.number(),
  startedAt: z.number().optional(),
});

/** Trigger management (issue 19): webhooks, schedules and workflow events of a workflow. */
export const triggerRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { triggers } = runtime;

  app.get(
    '/workflows/:id/triggers',
    {
      config: { permission: 'workflow:read' },
      schema: {
        tags,
        summary: "The workflow's triggers (its entry points besides the API)",
        params: IdParams,
        response: { 200: z.object({ items: z.array(TriggerDto) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await triggers.list(principalOf(request), request.params.id) }),
  );

  app.post(
    '/workflows/:id/triggers',
    {
      config: { permission: 'workflow:update' },
      schema: {
        tags,
        summary: 'Add a trigger (a webhook secret or token is in the answer, shown this once)',
        params: IdParams,
        body: TriggerCreate,
        response: { 201: z.object({ trigger: TriggerDto, ...Shown }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await triggers.create(principalOf(request), request.params.id, request.body, metaOf(request))),
  );

  app.get(
    '/triggers/:id',
    {
      config: { permission: 'workflow:read' },
      schema: {
        tags,
        summary: 'One trigger',
        params: IdParams,
        response: { 200: TriggerDto, ...errorResponses },
      },
    },
    async (request) => triggers.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/triggers/:id',
    {
      config: { permission: 'workflow:update' },
      schema: {
        tags,
        summary: 'Rename, enable or disable a trigger, or replace its config',
        params: IdParams,
        body: TriggerUpdate,
        response: { 200: TriggerDto, ...errorResponses },
      },
    },
    async (request) =>
      triggers.update(principalOf(request), request.params.id, request.body, metaOf(request)),
  );

  app.delete(
    '/triggers/:id',
    {
      config: { permission: 'workflow:update' },
      schema: {
        tags,
        summary: 'Delete a trigger',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await triggers.remove(principalOf(request), request.params.id, metaOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/triggers/:id/rotate-secret',
    {
      config: { permission: 'workflow:update' },
      schema: {
        tags,
        summary:
          'A new secret or token for a webhook (shown this once) or a chat trigger; the old one stops working',
        params: IdParams,
        response: { 200: z.object(Shown), ...errorResponses },
      },
    },
    async (request) => triggers.rotateSecret(principalOf(request), request.params.id, metaOf(request)),
  );

  app.get(
    '/triggers/:id/next-runs',
    {
      config: { permission: 'workflow:read' },
      schema: {
        tags,
        summary: "A schedule's next ticks (ms), in its time zone's calendar",
        params: IdParams,
        querystring: z.object({ count: z.coerce.number().int().min(1).max(100).optional() }),
        response: { 200: z.object({ items: z.array(z.number()) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await triggers.nextRuns(principalOf(request), request.params.id, request.query.count),
    }),
  );

  app.get(
    '/triggers/:id/firings',
    {
      config: { permission: 'workflow:read' },
      schema: {
        tags,
        summary: 'What the trigger started, skipped or was refused, newest first',
        params: IdParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }),
        response: { 200: z.object({ items: z.array(FiringDto) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await triggers.firings(principalOf(request), request.params.id, request.query.limit),
    }),
  );
};
