/**
 * The execution detail view's reads (issue 14): an overview without any step's data (the graph, the timeline and
 * the counts on the connections are drawn from it), then one step in full or one connection's messages when they
 * are opened. `GET /executions/{id}` still answers everything at once.
 */
import { CONNECTION_MESSAGES_PAGE } from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../auth.js';
import { ExecutionDto, errorResponses, IdParams, LogDto, MessageDto, page, StepDto } from '../schemas.js';
import { executionView, TriggerRefDto } from './executions.js';

const tags = ['executions'];

export const StepSummaryDto = StepDto.omit({ input: true, output: true, toolCalls: true }).meta({
  description:
    'A step without its input, output and tool calls (GET /executions/{id}/steps/{stepId} has them)',
});

const ExecutionOverviewDto = z.object({
  execution: ExecutionDto.extend({ trigger: TriggerRefDto }),
  steps: z.array(StepSummaryDto).meta({ description: 'Every step in commit (seq) order, without its data' }),
  messageCounts: z
    .array(z.object({ connectionId: z.string(), count: z.number().int() }))
    .meta({ description: 'Messages per connection (connections without any are absent)' }),
  logs: z.array(LogDto).meta({
    description:
      'The first 1,000 log lines; GET /executions/{id}/logs pages through all of them, with filters',
  }),
});

const StepParams = IdParams.extend({ stepId: z.string().min(1).max(600) });

const MessagesQuery = z.object({
  connectionId: z.string().min(1).max(200).meta({ description: 'The connection whose messages to list' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(CONNECTION_MESSAGES_PAGE.max)
    .optional()
    .meta({ description: `Max items (default ${CONNECTION_MESSAGES_PAGE.default})` }),
  cursor: z.string().min(1).max(100).optional().meta({ description: '`nextCursor` of the previous page' }),
});

export const executionDetailRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (
  app,
  { runtime },
) => {
  const { operations } = runtime;

  app.get(
    '/executions/:id/overview',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary:
          "An execution with every step's summary (no input, output or tool calls) and the message count of each connection: what the detail view draws first",
        params: IdParams,
        response: { 200: ExecutionOverviewDto, ...errorResponses },
      },
    },
    async (request) => {
      const overview = await operations.overview(request.params.id, scopeOf(request));
      const id = overview.execution.id;
      const trigger = (await runtime.triggers.triggeredBy([id])).get(id);
      const execution = executionView(overview.execution);
      return { ...overview, execution: trigger ? { ...execution, trigger } : execution };
    },
  );

  app.get(
    '/executions/:id/steps/:stepId',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary: 'One step of an execution in full: input, output, attempts, provider attempts, tool calls',
        params: StepParams,
        response: { 200: StepDto, ...errorResponses },
      },
    },
    async (request) => operations.step(request.params.id, request.params.stepId, scopeOf(request)),
  );

  app.get(
    '/executions/:id/messages',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary: 'The messages that flowed along one connection of an execution, in order, a page at a time',
        params: IdParams,
        querystring: MessagesQuery,
        response: { 200: page(MessageDto), ...errorResponses },
      },
    },
    async (request) => operations.messages(request.params.id, scopeOf(request), request.query),
  );
};
