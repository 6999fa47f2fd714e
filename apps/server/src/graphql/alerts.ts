/**
 * GraphQL for built-in alerts (issue 17 item 3): the workspace's rules and firing history, and managing rules.
 * The same runtime service, validation and permissions as the REST routes (routes/alerts.ts); merged into the
 * schema and resolvers by plugin.ts.
 */
import type { Permission, Runtime } from '@agentflow/runtime';
import { requirePermission } from '../auth.js';
import type { AuthPort } from '../auth-port.js';
import type { GraphQLContext } from './resolvers.js';

export const alertTypeDefs = /* GraphQL */ `
  "Where a rule's sends its notifications."
  type AlertChannels {
    webhooks: [String!]!
    "Slack channels ({channel})"
    slack: [JSON!]!
    emails: [String!]!
  }

  type AlertRuleState {
    pendingSince: Float
    firingId: ID
    firingSince: Float
    lastValue: Float
    lastEvaluatedAt: Float
  }

  "A built-in alert rule (REST /alerts/rules): fires when its figure stays above the threshold for durationMs."
  type AlertRule {
    id: ID!
    name: String!
    "error_rate, p95_latency, daily_cost, workflow_failure_rate or queue_backlog"
    kind: String!
    threshold: Float!
    windowMs: Int!
    durationMs: Int!
    "critical, warning or info"
    severity: String!
    enabled: Boolean!
    channels: AlertChannels!
    defaultKey: String
    createdAt: Float!
    updatedAt: Float!
    state: AlertRuleState!
  }

  "One firing of a rule, from firing to resolution."
  type AlertFiring {
    id: ID!
    ruleId: ID!
    ruleName: String!
    kind: String!
    severity: String!
    threshold: Float!
    value: Float!
    pendingSince: Float!
    firedAt: Float!
    resolvedAt: Float
    resolvedValue: Float
    "cleared, rule_disabled or rule_deleted"
    resolution: String
  }

  type AlertFiringPage {
    items: [AlertFiring!]!
    nextCursor: String
  }

  extend type Query {
    "The workspace's alert rules (the defaults are created on first read)."
    alertRules: [AlertRule!]!
    "Firings, newest first; active: unresolved only."
    alertFirings(limit: Int, cursor: String, active: Boolean): AlertFiringPage!
  }

  extend type Mutation {
    "Adds a rule (admins; audited). input: the REST body (name, kind, threshold, windowMs, durationMs, ...)."
    createAlertRule(input: JSON!): AlertRule!
    "Changes a rule (admins; audited); fields left out are kept."
    updateAlertRule(id: ID!, change: JSON!): AlertRule!
    deleteAlertRule(id: ID!): Boolean!
  }
`;

/** The permission of each alert field (the same as the REST routes'). */
export const ALERT_FIELD_PERMISSIONS = {
  'Query.alertRules': 'execution:read',
  'Query.alertFirings': 'execution:read',
  'Mutation.createAlertRule': 'provider:manage',
  'Mutation.updateAlertRule': 'provider:manage',
  'Mutation.deleteAlertRule': 'provider:manage',
} as const satisfies Record<string, Permission>;

type Field = keyof typeof ALERT_FIELD_PERMISSIONS;
type Args = Record<string, unknown>;

export function createAlertResolvers(runtime: Runtime, auth: AuthPort) {
  const principalFor = (field: Field, ctx: GraphQLContext) =>
    requirePermission(auth, ctx.principal, ALERT_FIELD_PERMISSIONS[field]).catch(async (error: unknown) => {
      await ctx.refused?.(error, field);
      throw error;
    });
  const { alerts } = runtime;
  return {
    Query: {
      alertRules: async (_: unknown, _args: Args, ctx: GraphQLContext) =>
        alerts.listRules(await principalFor('Query.alertRules', ctx)),
      alertFirings: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        alerts.listFirings(await principalFor('Query.alertFirings', ctx), {
          ...(typeof args.limit === 'number' ? { limit: Math.min(Math.max(args.limit, 1), 200) } : {}),
          ...(typeof args.cursor === 'string' ? { cursor: args.cursor } : {}),
          ...(typeof args.active === 'boolean' ? { active: args.active } : {}),
        }),
    },
    Mutation: {
      createAlertRule: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        alerts.createRule(await principalFor('Mutation.createAlertRule', ctx), args.input),
      updateAlertRule: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        alerts.updateRule(await principalFor('Mutation.updateAlertRule', ctx), String(args.id), args.change),
      deleteAlertRule: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        await alerts.deleteRule(await principalFor('Mutation.deleteAlertRule', ctx), String(args.id));
        return true;
      },
    },
  };
}
