import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth.js';
import { errorResponses, IdParams } from '../schemas.js';
import { metaOf } from './auth.js';

const tags = ['executions'];

const DeadLetterDto = z.object({
  id: z.string(),
  executionId: z.string(),
  reason: z.string().meta({ description: "The last delivery's error" }),
  deliveries: z.number().int(),
  createdAt: z.number(),
  retriedAt: z.number().optional(),
});

/**
 * Distributed mode: executions whose queue deliveries failed for good (AGENTFLOW_MAX_DELIVERIES), listed and
 * retried per workspace.
 */
export const deadLetterRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { deadLetters } = runtime;

  app.get(
    '/dead-letters',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary: "The workspace's dead-lettered executions not retried yet, newest first",
        response: { 200: z.object({ items: z.array(DeadLetterDto) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await deadLetters.list(principalOf(request)) }),
  );

  app.post(
    '/dead-letters/:id/retry',
    {
      config: { permission: 'workflow:execute' },
      schema: {
        tags,
        summary:
          'Put a dead-lettered execution back on the queue (audited); it resumes from its last committed step',
        params: IdParams,
        response: { 202: DeadLetterDto, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await deadLetters.retry(principalOf(request), request.params.id, metaOf(request))),
  );
};
