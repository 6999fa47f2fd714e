/**
 * GraphQL for triggers (issue 19 item 5): a workflow's triggers, and creating, changing and deleting them. The
 * same runtime service and permissions as the REST routes (routes/triggers.ts); merged into the schema and
 * resolvers by plugin.ts.
 */
import type { TriggerCreate, TriggerUpdate } from '@agentflow/protocol';
import type { Permission, Runtime } from '@agentflow/runtime';
import { requirePermission } from '../auth.js';
import type { AuthPort } from '../auth-port.js';
import type { GraphQLContext } from './resolvers.js';

export const triggerTypeDefs = /* GraphQL */ `
  "What starts a workflow on its own: a webhook, a cron schedule or another workflow's end."
  type Trigger {
    id: ID!
    workflowId: ID!
    "webhook, schedule or workflow_event"
    kind: String!
    name: String!
    enabled: Boolean!
    config: JSON!
    "Webhooks: the path to POST to."
    path: String
    "Schedules: the next tick (ms)."
    nextRunAt: Float
    createdAt: Float!
    updatedAt: Float!
  }

  "A new trigger; a webhook's secret (hmac) or token (bearer) is shown this once."
  type CreatedTrigger {
    trigger: Trigger!
    secret: String
    token: String
  }

  input TriggerInput {
    kind: String!
    name: String!
    enabled: Boolean
    config: JSON
  }

  input TriggerChange {
    name: String
    enabled: Boolean
    config: JSON
  }

  extend type Query {
    "The workflow's triggers."
    workflowTriggers(workflowId: ID!): [Trigger!]!
  }

  extend type Mutation {
    createTrigger(workflowId: ID!, input: TriggerInput!): CreatedTrigger!
    updateTrigger(id: ID!, change: TriggerChange!): Trigger!
    deleteTrigger(id: ID!): Boolean!
  }
`;

/** The permission of each trigger field (the same as the REST routes'). */
export const TRIGGER_FIELD_PERMISSIONS = {
  'Query.workflowTriggers': 'workflow:read',
  'Mutation.createTrigger': 'workflow:update',
  'Mutation.updateTrigger': 'workflow:update',
  'Mutation.deleteTrigger': 'workflow:update',
} as const satisfies Record<string, Permission>;

type Field = keyof typeof TRIGGER_FIELD_PERMISSIONS;
type Args = Record<string, unknown>;

export function createTriggerResolvers(runtime: Runtime, auth: AuthPort) {
  const principalFor = (field: Field, ctx: GraphQLContext) =>
    requirePermission(auth, ctx.principal, TRIGGER_FIELD_PERMISSIONS[field]).catch(async (error: unknown) => {
      await ctx.refused?.(error, field);
      throw error;
    });
  const { triggers } = runtime;
  return {
    Query: {
      workflowTriggers: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        triggers.list(await principalFor('Query.workflowTriggers', ctx), String(args.workflowId)),
    },
    Mutation: {
      createTrigger: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        triggers.create(
          await principalFor('Mutation.createTrigger', ctx),
          String(args.workflowId),
          withoutNulls(args.input) as TriggerCreate,
        ),
      updateTrigger: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        triggers.update(
          await principalFor('Mutation.updateTrigger', ctx),
          String(args.id),
          withoutNulls(args.change) as TriggerUpdate,
        ),
      deleteTrigger: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        await triggers.remove(await principalFor('Mutation.deleteTrigger', ctx), String(args.id));
        return true;
      },
    },
  };
}

/** GraphQL input objects carry explicit nulls for omitted optional fields only when sent; drop them. */
function withoutNulls(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries((value ?? {}) as Record<string, unknown>))
    if (v !== null) out[key] = v;
  return out;
}
