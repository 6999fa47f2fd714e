import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth.js';
import { errorResponses, IdParams } from '../schemas.js';
import { metaOf } from './auth.js';

const tags = ['budgets'];

const Usd = z.number().positive().max(1_000_000_000).nullable().optional();
const BudgetBody = z.object({
  dailyUsd: Usd.meta({ description: 'USD per UTC day (null: no daily limit; left out: kept)' }),
  monthlyUsd: Usd.meta({ description: 'USD per UTC month (null: no monthly limit; left out: kept)' }),
  executionUsd: Usd.meta({ description: 'USD per execution, loop bodies and subworkflows included' }),
  onExceed: z
    .enum(['pause', 'fail'])
    .optional()
    .meta({ description: 'What a refused model call does to its execution (default fail)' }),
});

const BudgetDto = z.object({
  workflowId: z.string().optional(),
  dailyUsd: z.number().nullable(),
  monthlyUsd: z.number().nullable(),
  executionUsd: z.number().nullable(),
  onExceed: z.enum(['pause', 'fail']),
});
const PeriodDto = z.object({
  start: z.number().meta({ description: 'Start of the UTC period, ms since the epoch' }),
  limitUsd: z.number().nullable(),
  spentUsd: z.number(),
  reservedUsd: z.number().meta({ description: 'Held by model calls in flight (their maximum cost)' }),
  leasedUsd: z.number().meta({
    description: 'Leased by server and worker processes and not used yet: refusals can come this much early',
  }),
  calls: z.number().int(),
});
const UsageDto = z.object({
  workflowId: z.string().optional(),
  budget: BudgetDto.nullable(),
  day: PeriodDto,
  month: PeriodDto,
});

/** Spend budgets (issue 17 item 4): read with `execution:read`, the workspace's set by admins, a workflow's by members. */
export const budgetRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { budgets } = runtime;

  app.get(
    '/budgets',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary: "The workspace's budget and its workflows' with what they spent today and this month (UTC)",
        response: { 200: z.object({ items: z.array(UsageDto) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await budgets.usage(principalOf(request)) }),
  );

  app.put(
    '/budgets/workspace',
    {
      config: { permission: 'provider:manage' },
      schema: {
        tags,
        summary: "Set the workspace's budget (admins; audited); every limit null removes it",
        body: BudgetBody,
        response: { 200: UsageDto, ...errorResponses },
      },
    },
    async (request) => budgets.set(principalOf(request), undefined, request.body, metaOf(request)),
  );

  app.get(
    '/workflows/:id/budget',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary: "A workflow's budget and what it spent today and this month (UTC)",
        params: IdParams,
        response: { 200: UsageDto, ...errorResponses },
      },
    },
    async (request) => (await budgets.usage(principalOf(request), request.params.id))[0]!,
  );

  app.put(
    '/workflows/:id/budget',
    {
      config: { permission: 'workflow:update' },
      schema: {
        tags,
        summary: "Set a workflow's budget (audited); every limit null removes it",
        params: IdParams,
        body: BudgetBody,
        response: { 200: UsageDto, ...errorResponses },
      },
    },
    async (request) => budgets.set(principalOf(request), request.params.id, request.body, metaOf(request)),
  );
};
