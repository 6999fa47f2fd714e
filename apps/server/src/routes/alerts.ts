import {
  ALERT_KINDS,
  ALERT_SEVERITIES,
  AlertChannels,
  AlertRuleInput,
  AlertRuleUpdate,
} from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth.js';
import { errorResponses, IdParams, page } from '../schemas.js';
import { metaOf } from './auth.js';

const tags = ['alerts'];

const AlertRuleDto = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ALERT_KINDS).meta({
    description:
      'error_rate (failed steps / ended steps), p95_latency (ms), daily_cost (USD today, UTC), ' +
      'workflow_failure_rate (failed / ended executions), queue_backlog (executions waiting to start)',
  }),
  threshold: z
    .number()
    .meta({ description: 'Fires when the figure is above it (rates as fractions: 0.05 is 5 %)' }),
  windowMs: z.number().int().meta({ description: 'The window the rates and latency are computed over' }),
  durationMs: z
    .number()
    .int()
    .meta({ description: 'How long the condition must hold before the rule fires' }),
  severity: z.enum(ALERT_SEVERITIES),
  enabled: z.boolean(),
  channels: AlertChannels,
  defaultKey: z.string().optional().meta({ description: 'The built-in default the rule was created from' }),
  createdAt: z.number(),
  updatedAt: z.number(),
  state: z.object({
    pendingSince: z.number().optional().meta({ description: 'The condition has held since' }),
    firingId: z.string().optional(),
    firingSince: z.number().optional(),
    lastValue: z.number().optional(),
    lastEvaluatedAt: z.number().optional(),
  }),
});

const AlertFiringDto = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(ALERT_SEVERITIES),
  threshold: z.number(),
  value: z.number().meta({ description: 'The figure when it fired' }),
  pendingSince: z.number(),
  firedAt: z.number(),
  resolvedAt: z.number().optional(),
  resolvedValue: z.number().optional(),
  resolution: z.enum(['cleared', 'rule_disabled', 'rule_deleted']).optional(),
});

const FiringsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().min(1).max(1000).optional(),
  active: z.enum(['true', 'false']).optional().meta({ description: 'true: only firings not resolved yet' }),
});

/** Built-in alerts (issue 17 item 3): rules read by members, managed by admins (audited); the firing history. */
export const alertRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { alerts } = runtime;

  app.get(
    '/alerts/rules',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary: "The workspace's alert rules (the defaults are created on first read) and where each stands",
        response: { 200: z.object({ items: z.array(AlertRuleDto) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await alerts.listRules(principalOf(request)) }),
  );

  app.post(
    '/alerts/rules',
    {
      config: { permission: 'provider:manage' },
      schema: {
        tags,
        summary: 'Add an alert rule (admins; audited)',
        body: AlertRuleInput,
        response: { 201: AlertRuleDto, ...errorResponses },
      },
    },
    async (request, reply) => {
      const rule = await alerts.createRule(principalOf(request), request.body, metaOf(request));
      return reply.code(201).send(rule);
    },
  );

  app.get(
    '/alerts/rules/:id',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary: 'One alert rule',
        params: IdParams,
        response: { 200: AlertRuleDto, ...errorResponses },
      },
    },
    async (request) => alerts.getRule(principalOf(request), request.params.id),
  );

  app.patch(
    '/alerts/rules/:id',
    {
      config: { permission: 'provider:manage' },
      schema: {
        tags,
        summary: 'Change an alert rule (admins; audited); disabling it resolves its open firing',
        params: IdParams,
        body: AlertRuleUpdate,
        response: { 200: AlertRuleDto, ...errorResponses },
      },
    },
    async (request) =>
      alerts.updateRule(principalOf(request), request.params.id, request.body, metaOf(request)),
  );

  app.delete(
    '/alerts/rules/:id',
    {
      config: { permission: 'provider:manage' },
      schema: {
        tags,
        summary: 'Delete an alert rule (admins; audited); its firings stay in the history',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await alerts.deleteRule(principalOf(request), request.params.id, metaOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/alerts/firings',
    {
      config: { permission: 'execution:read' },
      schema: {
        tags,
        summary: 'The firing history, newest first (cursor paged; active=true: unresolved only)',
        querystring: FiringsQuery,
        response: { 200: page(AlertFiringDto), ...errorResponses },
      },
    },
    async (request) => {
      const { limit, cursor, active } = request.query;
      return alerts.listFirings(principalOf(request), {
        ...(limit !== undefined ? { limit } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        ...(active !== undefined ? { active: active === 'true' } : {}),
      });
    },
  );
};
