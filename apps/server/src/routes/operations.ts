import {
  AgentStat,
  AnalyticsBucket,
  AnalyticsWindow,
  CostSummary,
  ExecutionStats,
  Id,
  ModelStat,
} from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../auth.js';
import { errorResponses, IdParams, PageQuery, page } from '../schemas.js';

const ForkAccepted = z.object({
  executionId: z.string().meta({ description: 'The new execution' }),
  forkedFrom: z.object({ executionId: z.string(), nodeId: z.string().optional() }),
  reusedSteps: z.number().int().meta({
    description: 'Steps taken over from the source execution (not run again)',
  }),
});

const ForkBody = z.object({
  nodeId: Id.meta({ description: 'Run again from this node; every step not downstream of it is reused' }),
  input: z.unknown().optional().meta({
    description: "The node's input on its first activation, instead of what its upstream delivered",
  }),
});

export const ApprovalItemDto = z.object({
  executionId: z.string(),
  workflowId: z.string(),
  workflowName: z.string().optional(),
  workflowVersion: z.number().int(),
  agentId: z.string(),
  nodeName: z.string().optional(),
  kind: z.enum(['human', 'tool_call']),
  prompt: z.string().optional(),
  schema: z.record(z.string(), z.unknown()).optional().meta({
    description: "A human node's JSON Schema of its payload: generate the approval form from it",
  }),
  call: z
    .object({
      tool: z.string(),
      args: z.unknown(),
      idempotencyKey: z.string(),
      toolCallId: z.string().optional(),
    })
    .optional()
    .meta({ description: 'tool_call: answer with `{approved: boolean, reason?: string}`' }),
  stepId: z.string(),
  waitingSince: z.number().meta({ description: 'When the node started waiting (ms)' }),
  executionCreatedAt: z.number(),
});

const ApprovalsQuery = PageQuery.extend({ workflowId: z.string().min(1).max(200).optional() });

const AnalyticsQuery = z.object({
  window: AnalyticsWindow.default('24h').meta({ description: 'The last hour, day, 7 or 30 days' }),
  bucket: AnalyticsBucket.optional().meta({
    description: 'Bucket of the time series (default: 1m for 1h, 15m for 24h, 1h for 7d, 6h for 30d)',
  }),
  workflowId: z.string().min(1).max(200).optional(),
});

const CostQuery = z.object({
  utcOffsetMinutes: z.coerce
    .number()
    .int()
    .min(-840)
    .max(840)
    .optional()
    .meta({ description: 'Where today and this month start: the offset from UTC in minutes (default 0)' }),
});

const tags = ['operations'];

/**
 * Operations views (issue 14): re-run and fork an execution, the approvals inbox, the monitoring aggregates and
 * the workspace's cost.
 */
export const operationRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { operations } = runtime;

  app.post(
    '/executions/:id/rerun',
    {
      config: { permission: 'workflow:execute' },
      schema: {
        tags: ['executions'],
        summary: 'Re-run an ended or paused execution: a new execution, same input, same pinned version',
        params: IdParams,
        response: { 202: ForkAccepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const { executionId, done, reusedSteps } = await operations.rerun(id, scopeOf(request));
      done.catch((error: unknown) => request.log.error({ err: error, executionId }, 're-run failed'));
      return reply.code(202).send({ executionId, forkedFrom: { executionId: id }, reusedSteps });
    },
  );

  app.post(
    '/executions/:id/fork',
    {
      config: { permission: 'workflow:execute' },
      schema: {
        tags: ['executions'],
        summary:
          'Fork an ended or paused execution at a node: reuse every step not downstream of it, run from it on (optionally with an edited input)',
        params: IdParams,
        body: ForkBody,
        response: { 202: ForkAccepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const { nodeId } = request.body;
      const input = 'input' in request.body ? { value: request.body.input } : undefined;
      const { executionId, done, reusedSteps } = await operations.fork(id, scopeOf(request), {
        nodeId,
        ...(input ? { input } : {}),
      });
      done.catch((error: unknown) => request.log.error({ err: error, executionId }, 'fork failed'));
      return reply.code(202).send({ executionId, forkedFrom: { executionId: id, nodeId }, reusedSteps });
    },
  );

  app.get(
    '/approvals',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary:
          'Approvals inbox: every node waiting for a person across the workspace, longest waiting first (answer with POST /executions/{id}/approve)',
        querystring: ApprovalsQuery,
        response: { 200: page(ApprovalItemDto), ...errorResponses },
      },
    },
    async (request) => operations.approvals(scopeOf(request), request.query),
  );

  app.get(
    '/analytics/executions',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary:
          'Executions per bucket (by creation time): outcomes, p50/p95 duration, cost; totals with the success rate',
        querystring: AnalyticsQuery,
        response: { 200: ExecutionStats, ...errorResponses },
      },
    },
    async (request) => operations.executionStats(scopeOf(request), request.query),
  );

  app.get(
    '/analytics/steps',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary:
          'Per node error rate and usage; per provider, model and workflow: calls, errors, tokens, cost (executions created in the window)',
        querystring: AnalyticsQuery,
        response: {
          200: z.object({
            from: z.number(),
            to: z.number(),
            agents: z.array(AgentStat),
            models: z.array(ModelStat),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => operations.stepStats(scopeOf(request), request.query),
  );

  app.get(
    '/analytics/costs',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary: "The workspace's cost today, this month, and per workflow this month (USD)",
        querystring: CostQuery,
        response: { 200: CostSummary, ...errorResponses },
      },
    },
    async (request) => operations.costs(scopeOf(request), request.query),
  );
};
