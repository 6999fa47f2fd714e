import { type ExecutionRecord, Id } from '@agentflow/protocol';
import type { ExecutionDetail, Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../auth.js';
import {
  Accepted,
  ExecutionDetailDto,
  ExecutionDto,
  ExecutionStatusEnum,
  ExecutionSummaryDto,
  errorResponses,
  IdParams,
  LogDto,
  LogLevelEnum,
  PageQuery,
  page,
  TimeParam,
} from '../schemas.js';

const tags = ['executions'];

/** What started an execution (issue 19): a trigger, or nothing (a person or an API client). */
export const TriggerRefDto = z
  .object({
    id: z.string(),
    kind: z.enum(['webhook', 'schedule', 'workflow_event', 'chat']),
    name: z.string().optional(),
  })
  .optional()
  .meta({ description: 'The trigger that started it (absent: a person or an API client did)' });
const ExecutionListItemDto = ExecutionSummaryDto.extend({ trigger: TriggerRefDto });
const ExecutionDetailWithTriggerDto = ExecutionDetailDto.extend({
  execution: ExecutionDto.extend({ trigger: TriggerRefDto }),
});

/** `status=failed,cancelled` or `status=failed&status=cancelled`: any of them. */
const STATUSES: readonly string[] = ExecutionStatusEnum.options;
const StatusList = z
  .union([z.string().max(200), z.array(z.string().max(20)).max(6)])
  .transform((value, ctx) => {
    const list = (Array.isArray(value) ? value : value.split(',')).map((s) => s.trim());
    const bad = list.filter((s) => !STATUSES.includes(s));
    if (bad.length > 0 || list.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown status ${bad.join(', ')}; one of ${STATUSES.join(', ')}`,
      });
      return z.NEVER;
    }
    return list as z.infer<typeof ExecutionStatusEnum>[];
  })
  .meta({ description: 'One status or several, comma separated (or the parameter repeated): any of them' });

const ListQuery = PageQuery.extend({
  workflowId: z.string().min(1).max(200).optional(),
  status: StatusList.optional(),
  since: TimeParam.optional().meta({ description: 'Created at or after (ms since the epoch or ISO date)' }),
  until: TimeParam.optional().meta({ description: 'Created before (ms since the epoch or ISO date)' }),
});

const LogsQuery = z.object({
  level: LogLevelEnum.optional().meta({ description: 'Only lines of this level and above' }),
  levels: z
    .string()
    .max(64)
    .transform((value, ctx) => {
      const levels = value.split(',').map((l) => l.trim());
      const bad = levels.find((l) => !LogLevelEnum.safeParse(l).success);
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: `unknown level "${bad}": use debug, info, warn, error` });
        return z.NEVER;
      }
      return levels as z.infer<typeof LogLevelEnum>[];
    })
    .optional()
    .meta({ description: 'Only lines of these levels, comma-separated (e.g. `warn,error`)' }),
  agentId: z.string().min(1).max(200).optional().meta({ description: "Only this node's lines" }),
  /** Max items. (Default: 100, max 1000) */
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  cursor: z.string().min(1).max(1000).optional().meta({ description: '`nextCursor` of the previous page' }),
});

const ApproveBody = z.object({
  agentId: Id.meta({
    description: 'The waiting node: a human node, or a node whose tool call waits for approval',
  }),
  payload: z.unknown().meta({
    description:
      "Checked before anything changes: against a human node's schema; `{approved: boolean, reason?: string}` for a tool call",
  }),
});

const PendingApproval = z.object({
  agentId: z.string(),
  stepId: z.string().meta({ description: 'The waiting step record' }),
  kind: z.enum(['human', 'tool_call']),
  prompt: z.string().optional(),
  call: z
    .object({
      tool: z.string(),
      args: z.unknown(),
      idempotencyKey: z.string(),
      toolCallId: z.string().optional(),
    })
    .optional()
    .meta({
      description: 'tool_call: the exact call, which runs once (with this idempotency key) if approved',
    }),
});
type PendingApproval = z.infer<typeof PendingApproval>;

/** What an execution waits for: per waiting node, its latest waiting step (a tool call's is the exact call). */
function pendingApprovals({ execution, steps }: ExecutionDetail): PendingApproval[] {
  const items: PendingApproval[] = [];
  for (const agentId of execution.waiting) {
    const step = steps.findLast((s) => s.agentId === agentId && s.status === 'waiting');
    if (!step) continue;
    const call = (step.output as { approval?: PendingApproval['call'] & { kind?: string } } | undefined)
      ?.approval;
    if (call?.kind === 'tool_call') {
      const { tool, args, idempotencyKey, toolCallId } = call;
      const shown = { tool, args, idempotencyKey, ...(toolCallId ? { toolCallId } : {}) };
      items.push({
        agentId,
        stepId: step.id,
        kind: 'tool_call',
        prompt: `approve the call of ${tool}`,
        call: shown,
      });
      continue;
    }
    const prompt = execution.workflow.agents.find((a) => a.id === agentId)?.config.prompt;
    items.push({
      agentId,
      stepId: step.id,
      kind: 'human',
      ...(typeof prompt === 'string' ? { prompt } : {}),
    });
  }
  return items;
}

/** An execution as the API shows it: its record, with its duration once it ended. */
export function executionView<T extends ExecutionRecord>(x: T): T & { durationMs?: number } {
  if (x.startedAt === undefined || x.completedAt === undefined) return x;
  return { ...x, durationMs: x.completedAt - x.startedAt };
}

/** Executions: history with filters and cursor pagination, detail, cancel, resume, approve a human step. */
export const executionRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { executions } = runtime;

  app.get(
    '/executions',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary:
          'List executions, newest first (filtered by workflow, statuses, creation time), each with its cost and duration',
        querystring: ListQuery,
        response: { 200: page(ExecutionListItemDto), ...errorResponses },
      },
    },
    async (request) => {
      const page = await executions.list(scopeOf(request), request.query);
      const by = await runtime.triggers.triggeredBy(page.items.map((x) => x.id));
      return {
        ...page,
        items: page.items.map((x) => {
          const trigger = by.get(x.id);
          return trigger ? { ...executionView(x), trigger } : executionView(x);
        }),
      };
    },
  );

  app.get(
    '/executions/:id',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary: 'Get an execution with its steps, messages and logs',
        params: IdParams,
        response: { 200: ExecutionDetailWithTriggerDto, ...errorResponses },
      },
    },
    async (request) => {
      const detail = await executions.detail(request.params.id, scopeOf(request));
      const trigger = (await runtime.triggers.triggeredBy([detail.execution.id])).get(detail.execution.id);
      const execution = executionView(detail.execution);
      return { ...detail, execution: trigger ? { ...execution, trigger } : execution };
    },
  );

  app.get(
    '/executions/:id/logs',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary:
          "An execution's log lines in the order they were written, a page at a time, by level and node",
        params: IdParams,
        querystring: LogsQuery,
        response: { 200: page(LogDto), ...errorResponses },
      },
    },
    async (request) => executions.logs(request.params.id, scopeOf(request), request.query),
  );

  app.get(
    '/executions/:id/approvals',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary:
          'What a paused execution waits for: human nodes, and tool calls waiting for approval (the exact call)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(PendingApproval) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: pendingApprovals(await executions.detail(request.params.id, scopeOf(request))),
    }),
  );

  app.post(
    '/executions/:id/cancel',
    {
      config: { permission: 'execution:cancel' },
      schema: {
        tags,
        summary: 'Cancel an execution (running steps are aborted)',
        params: IdParams,
        response: {
          202: Accepted.extend({
            cancelled: z.boolean().meta({ description: 'False when it had already ended' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const cancelled = await executions.cancel(request.params.id, scopeOf(request));
      return reply.code(202).send({ executionId: request.params.id, cancelled });
    },
  );

  app.post(
    '/executions/:id/resume',
    {
      config: { permission: 'workflow:execute' },
      schema: {
        tags,
        summary: 'Continue an interrupted or paused execution from its last committed step',
        params: IdParams,
        response: { 202: Accepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { executionId, done } = await executions.requestResume(request.params.id, scopeOf(request));
      done.catch((error: unknown) =>
        request.log.error({ err: error, executionId }, 'resumed execution failed'),
      );
      return reply.code(202).send({ executionId });
    },
  );

  app.post(
    '/executions/:id/approve',
    {
      config: { permission: 'execution:approve' },
      schema: {
        tags,
        summary: 'Give a waiting human node its payload; 202 once it is validated and accepted',
        params: IdParams,
        body: ApproveBody,
        response: { 202: Accepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { agentId, payload } = request.body;
      const { executionId, done } = await executions.submitApproval(
        request.params.id,
        agentId,
        payload,
        scopeOf(request),
      );
      done.catch((error: unknown) =>
        request.log.error({ err: error, executionId }, 'approved execution failed'),
      );
      return reply.code(202).send({ executionId });
    },
  );
};
