/**
 * GraphQL resolvers: thin calls into the runtime services, each guarded by the permission in FIELD_PERMISSIONS
 * (the same permissions as the REST routes) and scoped to the caller's workspace.
 */

import {
  AgentFlowError,
  type AgentFlowEvent,
  AnalyticsBucket,
  AnalyticsWindow,
  type ExecutionStatus,
  isAgentFlowError,
  type WorkflowInput,
} from '@agentflow/protocol';
import type { Permission, Principal, Runtime, Scope } from '@agentflow/runtime';
import type { GraphQLResolveInfo } from 'graphql';
import { requirePermission } from '../auth.js';
import type { AuthPort } from '../auth-port.js';
import type { EventHub } from '../events/event-hub.js';
import { eventIterator } from '../events/event-iterator.js';
import { graphql } from './graphql-lib.js';
import { selects } from './selection.js';
import { TEMPLATE_FIELD_PERMISSIONS } from './template-permissions.js';

/** What every resolver gets: the caller (undefined when anonymous). */
export interface GraphQLContext {
  principal?: Principal;
  /** Records a refused field in the audit log (HTTP requests; not subscriptions). */
  refused?: (error: unknown, field: string) => Promise<void>;
}

/** The permission each root field and each protected nested field requires. */
export const FIELD_PERMISSIONS = {
  'Query.workflow': 'workflow:read',
  'Query.workflows': 'workflow:read',
  'Query.execution': 'execution:read',
  'Query.executions': 'execution:read',
  'Query.nodeTypes': 'workflow:read',
  'Query.approvals': 'execution:read',
  'Query.analyticsExecutions': 'execution:read',
  'Query.analyticsSteps': 'execution:read',
  'Query.analyticsCosts': 'execution:read',
  'Query.workspaceSettings': 'provider:read',
  'Query.budgets': 'execution:read',
  'Workflow.versions': 'workflow:read',
  'Workflow.executions': 'execution:read',
  'Mutation.createWorkflow': 'workflow:create',
  'Mutation.updateWorkflow': 'workflow:update',
  'Mutation.deleteWorkflow': 'workflow:delete',
  'Mutation.executeWorkflow': 'workflow:execute',
  'Mutation.cancelExecution': 'execution:cancel',
  'Mutation.approveExecution': 'execution:approve',
  'Mutation.rerunExecution': 'workflow:execute',
  'Mutation.forkExecution': 'workflow:execute',
  'Mutation.updateWorkspaceSettings': 'provider:manage',
  'Mutation.setBudget': 'workflow:update',
  'Subscription.executionEvents': 'execution:read',
  // The templates marketplace (graphql/templates.ts)
  ...TEMPLATE_FIELD_PERMISSIONS,
} as const satisfies Record<string, Permission>;

type Field = keyof typeof FIELD_PERMISSIONS;
type Args = Record<string, unknown>;

const JSONScalar = new graphql.GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => graphql.valueFromASTUntyped(ast, variables),
});

interface WithDefinition {
  id: string;
  definition: { agents?: unknown[]; connections?: unknown[]; config?: unknown };
}

export function createResolvers(runtime: Runtime, auth: AuthPort, hub: EventHub) {
  async function principalFor(field: Field, ctx: GraphQLContext) {
    return requirePermission(auth, ctx.principal, FIELD_PERMISSIONS[field]).catch(async (error: unknown) => {
      await ctx.refused?.(error, field);
      throw error;
    });
  }
  async function scope(field: Field, ctx: GraphQLContext): Promise<Scope> {
    const principal = await principalFor(field, ctx);
    return { workspaceId: principal.workspaceId, userId: principal.userId };
  }
  /** Missing (or another workspace's) objects are null, like REST's 404. */
  async function orNull<T>(promise: Promise<T>): Promise<T | null> {
    try {
      return await promise;
    } catch (error) {
      if (isAgentFlowError(error) && error.code === 'AF_NOT_FOUND') return null;
      throw error;
    }
  }

  return {
    JSON: JSONScalar,
    Query: {
      workflow: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        orNull(runtime.workflows.get(String(args.id), await scope('Query.workflow', ctx))),
      workflows: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        runtime.workflows.list(await scope('Query.workflows', ctx), pageArgs(args, ['status'])),
      execution: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        orNull(runtime.executions.get(String(args.id), await scope('Query.execution', ctx))),
      executions: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const query = pageArgs<Record<string, unknown>>(args, ['workflowId', 'status', 'since', 'until']);
        if (Array.isArray(args.statuses)) query.status = statusesOf(args.statuses);
        return runtime.executions.list(await scope('Query.executions', ctx), query);
      },
      approvals: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        runtime.operations.approvals(await scope('Query.approvals', ctx), pageArgs(args, ['workflowId'])),
      analyticsExecutions: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        runtime.operations.executionStats(await scope('Query.analyticsExecutions', ctx), analyticsArgs(args)),
      analyticsSteps: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        runtime.operations.stepStats(await scope('Query.analyticsSteps', ctx), analyticsArgs(args)),
      analyticsCosts: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const s = await scope('Query.analyticsCosts', ctx);
        const offset = args.utcOffsetMinutes;
        if (typeof offset === 'number' && (offset < -840 || offset > 840)) {
          throw invalidArg('utcOffsetMinutes', 'between -840 and 840');
        }
        return runtime.operations.costs(s, typeof offset === 'number' ? { utcOffsetMinutes: offset } : {});
      },
      workspaceSettings: async (_: unknown, _args: Args, ctx: GraphQLContext) =>
        runtime.settings.get(await principalFor('Query.workspaceSettings', ctx)),
      budgets: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        runtime.budgets.usage(
          await principalFor('Query.budgets', ctx),
          args.workflowId as string | undefined,
        ),
      nodeTypes: async (_: unknown, _args: Args, ctx: GraphQLContext) => {
        await scope('Query.nodeTypes', ctx);
        return runtime.nodeTypes.list();
      },
    },
    Workflow: {
      agents: (w: WithDefinition) => w.definition.agents ?? [],
      connections: (w: WithDefinition) => w.definition.connections ?? [],
      config: (w: WithDefinition) => w.definition.config ?? null,
      versions: async (w: WithDefinition, _args: Args, ctx: GraphQLContext) =>
        runtime.workflows.versions(w.id, await scope('Workflow.versions', ctx)),
      executions: async (w: WithDefinition, args: Args, ctx: GraphQLContext) =>
        runtime.executions.list(await scope('Workflow.executions', ctx), {
          ...pageArgs<{ limit?: number; cursor?: string }>(args, ['status']),
          workflowId: w.id,
        }),
    },
    Execution: {
      durationMs: (e: { startedAt?: number; completedAt?: number }) =>
        e.startedAt === undefined || e.completedAt === undefined ? null : e.completedAt - e.startedAt,
      // The parent execution was already authorized and scoped; these read its parts.
      // Every step's data only when the query asks for it (a 1,000-step execution's can be megabytes).
      steps: async (e: ExecutionRef, _args: Args, _ctx: GraphQLContext, info: GraphQLResolveInfo) =>
        selects(info, STEP_DATA)
          ? (await detail(e)).steps
          : runtime.operations.stepSummaries(e.id, scopeOfExecution(e)),
      step: async (e: ExecutionRef, args: Args) =>
        runtime.operations.step(e.id, String(args.id), scopeOfExecution(e)).catch((error: unknown) => {
          if (isAgentFlowError(error) && error.code === 'AF_NOT_FOUND') return null;
          throw error;
        }),
      messages: async (e: { id: string; workspaceId?: string }) => (await detail(e)).messages,
      logs: async (e: { id: string; workspaceId?: string }, args: Args) =>
        runtime.executions.logs(
          e.id,
          e.workspaceId === undefined ? {} : { workspaceId: e.workspaceId },
          pageArgs(args, ['level', 'levels', 'agentId']),
        ),
    },
    Mutation: {
      // The workspace's own budget needs provider:manage, checked by the service.
      setBudget: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        runtime.budgets.set(
          await principalFor('Mutation.setBudget', ctx),
          (args.workflowId as string | null | undefined) ?? undefined,
          args.input,
        ),
      updateWorkspaceSettings: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        runtime.settings.update(await principalFor('Mutation.updateWorkspaceSettings', ctx), args.input),
      createWorkflow: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        runtime.workflows.create(definitionOf(args.input), await scope('Mutation.createWorkflow', ctx)),
      updateWorkflow: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        runtime.workflows.update(
          String(args.id),
          definitionOf(args.input),
          await scope('Mutation.updateWorkflow', ctx),
        ),
      deleteWorkflow: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        await runtime.workflows.remove(String(args.id), await scope('Mutation.deleteWorkflow', ctx));
        return true;
      },
      executeWorkflow: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const options = typeof args.version === 'number' ? { version: args.version } : {};
        const { executionId, done } = await runtime.workflows.execute(
          String(args.id),
          args.input ?? null,
          await scope('Mutation.executeWorkflow', ctx),
          options,
        );
        done.catch(() => {}); // recorded on the execution
        return { executionId };
      },
      cancelExecution: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        runtime.executions.cancel(String(args.id), await scope('Mutation.cancelExecution', ctx)),
      approveExecution: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const { executionId, done } = await runtime.executions.submitApproval(
          String(args.id),
          String(args.agentId),
          args.payload,
          await scope('Mutation.approveExecution', ctx),
        );
        done.catch(() => {});
        return { executionId };
      },
      rerunExecution: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const id = String(args.id);
        const started = await runtime.operations.rerun(id, await scope('Mutation.rerunExecution', ctx));
        started.done.catch(() => {});
        return { executionId: started.executionId, forkedFrom: { executionId: id }, reusedSteps: 0 };
      },
      forkExecution: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const id = String(args.id);
        const nodeId = String(args.nodeId);
        const started = await runtime.operations.fork(id, await scope('Mutation.forkExecution', ctx), {
          nodeId,
          ...('input' in args ? { input: { value: args.input } } : {}),
        });
        started.done.catch(() => {});
        return {
          executionId: started.executionId,
          forkedFrom: { executionId: id, nodeId },
          reusedSteps: started.reusedSteps,
        };
      },
    },
    Subscription: {
      executionEvents: {
        subscribe: async (_: unknown, args: Args, ctx: GraphQLContext) => {
          const s = await scope('Subscription.executionEvents', ctx);
          const workflowId = String(args.workflowId);
          await runtime.workflows.get(workflowId, s);
          const executionId = typeof args.executionId === 'string' ? args.executionId : undefined;
          if (executionId !== undefined) {
            const execution = await runtime.executions.get(executionId, s);
            if (execution.workflowId !== workflowId) {
              throw new AgentFlowError('AF_NOT_FOUND', `execution ${executionId} not found`);
            }
          }
          return eventIterator(hub, workflowId, {
            ...(executionId === undefined ? {} : { executionId }),
            ...(typeof args.after === 'number' ? { after: args.after } : {}),
          });
        },
        resolve: (event: AgentFlowEvent) => ({
          executionId: event.executionId,
          seq: event.seq,
          type: event.type,
          at: event.at,
          agentId: 'agentId' in event ? event.agentId : null,
          stepId: 'stepId' in event ? event.stepId : null,
          data: event,
        }),
      },
    },
  };

  function detail(e: ExecutionRef) {
    return runtime.executions.detail(e.id, scopeOfExecution(e));
  }
}

/** An execution a parent resolver already authorized and scoped. */
type ExecutionRef = { id: string; workspaceId?: string };
const scopeOfExecution = (e: ExecutionRef): Scope =>
  e.workspaceId === undefined ? {} : { workspaceId: e.workspaceId };
/** Step fields read from the step's data (not in its summary). */
const STEP_DATA = ['input', 'output', 'toolCalls'] as const;

function invalidArg(path: string, message: string): AgentFlowError {
  return new AgentFlowError('AF_VALIDATION', `${path}: ${message}`, {
    issues: [{ code: 'AF_VALIDATION', path, message }],
  });
}

/** `statuses` checked against the execution statuses. */
function statusesOf(values: unknown[]): ExecutionStatus[] {
  const known = ['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled'];
  const bad = values.filter((v) => typeof v !== 'string' || !known.includes(v));
  if (bad.length > 0 || values.length === 0)
    throw invalidArg('statuses', `one or more of ${known.join(', ')}`);
  return values as ExecutionStatus[];
}

/** `window`, `bucket`, `workflowId` of the analytics queries, checked like the REST query string. */
function analyticsArgs(args: Args): {
  window: AnalyticsWindow;
  bucket?: AnalyticsBucket;
  workflowId?: string;
} {
  const window = AnalyticsWindow.safeParse(args.window);
  if (!window.success) throw invalidArg('window', 'one of 1h, 24h, 7d, 30d');
  const out: { window: AnalyticsWindow; bucket?: AnalyticsBucket; workflowId?: string } = {
    window: window.data,
  };
  if (args.bucket !== null && args.bucket !== undefined) {
    const bucket = AnalyticsBucket.safeParse(args.bucket);
    if (!bucket.success) throw invalidArg('bucket', 'one of 1m, 5m, 15m, 1h, 6h, 1d');
    out.bucket = bucket.data;
  }
  if (typeof args.workflowId === 'string') out.workflowId = args.workflowId;
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Page and filter arguments, without the nulls GraphQL passes for omitted nullable arguments. */
function pageArgs<T>(args: Args, filters: string[]): T {
  const out: Record<string, unknown> = {};
  for (const key of ['limit', 'cursor', ...filters]) {
    if (args[key] !== null && args[key] !== undefined) out[key] = args[key];
  }
  return out as T;
}

/** A WorkflowInput argument as a definition: explicit nulls of optional fields mean "not set". */
function definitionOf(input: unknown): WorkflowInput {
  const strip = (value: unknown) =>
    isObject(value) ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) : value;
  const top = strip(input) as Record<string, unknown>;
  if (Array.isArray(top.agents)) top.agents = top.agents.map(strip);
  if (Array.isArray(top.connections)) top.connections = top.connections.map(strip);
  return top as WorkflowInput;
}
