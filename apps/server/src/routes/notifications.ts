import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth.js';
import { errorResponses, IdParams } from '../schemas.js';
import { metaOf } from './auth.js';

const DeliveryDto = z.object({
  id: z.string().meta({ description: 'Also the Idempotency-Key header of every attempt' }),
  executionId: z.string(),
  workflowId: z.string(),
  url: z.string(),
  event: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: z.number(),
  lastError: z.string().optional(),
  createdAt: z.number(),
  deliveredAt: z.number().optional(),
});

/**
 * Completion notifications (a workflow's `config.notifications`): the signing secret of a workflow's webhooks
 * (shown once) and the deliveries of an execution.
 */
export const notificationRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { notifications } = runtime;

  app.post(
    '/workflows/:id/notification-secret',
    {
      config: { permission: 'workflow:update' },
      schema: {
        tags: ['workflows'],
        summary:
          "A new secret signing the workflow's completion notifications (X-AgentFlow-Signature); shown only in this response, it replaces the previous one",
        params: IdParams,
        response: {
          201: z.object({ secret: z.string().meta({ description: 'whsec_...; store it now' }) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await notifications.rotateSecret(principalOf(request), request.params.id, metaOf(request))),
  );

  app.get(
    '/executions/:id/notifications',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags: ['executions'],
        summary: "The execution's completion notifications: target, status, attempts, last error",
        params: IdParams,
        response: { 200: z.object({ items: z.array(DeliveryDto) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await notifications.list(principalOf(request), request.params.id) }),
  );
};
