import {
  AgentFlowError,
  DEFAULT_LIMITS,
  precheckWorkflowLimits,
  Workflow,
  WorkflowStatus,
} from '@agentflow/protocol';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../auth.js';
import {
  Accepted,
  errorResponses,
  IdParams,
  MAX_VERSION,
  PageQuery,
  page,
  VersionNumber,
  WorkflowDto,
  WorkflowVersionDto,
} from '../schemas.js';

/** A definition as clients send it: ids, version and workspace are the server's to assign. */
const WorkflowBody = Workflow.omit({ id: true, version: true, workspaceId: true }).meta({
  description: 'A workflow definition (agents and connections); validated in full before it is stored',
});

/** Versions are stored as 32-bit integers: a larger number cannot name one (404 would hide a typo; 400 says why). */
const VersionParams = IdParams.extend({ version: z.coerce.number().int().min(1).max(MAX_VERSION) });

const ValidationResult = z.object({
  ok: z.boolean(),
  issues: z.array(z.object({ code: z.string(), path: z.string(), message: z.string() })).optional(),
});

const tags = ['workflows'];

/** Agents and connections are counted in the raw body, before it is parsed (see json-body.ts). */
const jsonItemLimits = { agents: DEFAULT_LIMITS.maxAgents, connections: DEFAULT_LIMITS.maxConnections };

/**
 * The cheap limits (agent and connection counts, string lengths) before the body schema parses every agent: an
 * oversized definition is refused as the engine would refuse it (400 AF_VALIDATION whose issues are
 * AF_LIMIT_EXCEEDED with their paths), without the cost of the full parse.
 */
async function definitionLimits(request: FastifyRequest): Promise<void> {
  const issues = precheckWorkflowLimits(request.body);
  if (issues.length > 0) {
    throw new AgentFlowError('AF_VALIDATION', `workflow is invalid (${issues.length} problems)`, { issues });
  }
}

/** Workflows: CRUD, validation, execution and versions. */
export const workflowRoutes: FastifyPluginAsyncZod<{ runtime: Runtime }> = async (app, { runtime }) => {
  const { workflows } = runtime;

  app.get(
    '/workflows',
    {
      config: { permission: 'workflow:read' },
      schema: {
        tags,
        summary: "List the workspace's workflows, newest first",
        querystring: PageQuery.extend({ status: WorkflowStatus.optional() }),
        response: { 200: page(WorkflowDto), ...errorResponses },
      },
    },
    async (request) => workflows.list(scopeOf(request), request.query),
  );

  app.post(
    '/workflows',
    {
      config: { permission: 'workflow:create', jsonItemLimits },
      preValidation: definitionLimits,
      schema: {
        tags,
        summary: 'Create a workflow (version 1)',
        body: WorkflowBody,
        response: { 201: WorkflowDto, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await workflows.create(request.body, scopeOf(request));
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/workflows/validate',
    {
      config: { permission: 'workflow:read', jsonItemLimits },
      schema: {
        tags,
        summary: 'Validate a definition without storing it; lists every problem with its path',
        body: z.unknown(),
        response: { 200: ValidationResult, ...errorResponses },
      },
    },
    async (request) => {
      const limits = precheckWorkflowLimits(request.body);
      if (limits.length > 0) return { ok: false, issues: limits };
      const result = workflows.validate(request.body);
      return result.ok ? { ok: true } : { ok: false, issues: result.issues };
    },
  );

  app.get(
    '/workflows/:id',
    {
      config: { permission: 'workflow:read' },
      schema: {
        tags,
        summary: 'Get a workflow',
        params: IdParams,
        response: { 200: WorkflowDto, ...errorResponses },
      },
    },
    async (request) => workflows.get(request.params.id, scopeOf(request)),
  );

  app.put(
    '/workflows/:id',
    {
      config: { permission: 'workflow:update', jsonItemLimits },
      preValidation: definitionLimits,
      schema: {
        tags,
        summary: 'Replace the definition: stores it as the next version',
        params: IdParams,
        body: WorkflowBody,
        response: { 200: WorkflowDto, ...errorResponses },
      },
    },
    async (request) => workflows.update(request.params.id, request.body, scopeOf(request)),
  );

  app.delete(
    '/workflows/:id',
    {
      config: { permission: 'workflow:delete' },
      schema: {
        tags,
        summary: 'Delete a workflow and its versions (executions keep their snapshot)',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await workflows.remove(request.params.id, scopeOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/workflows/:id/execute',
    {
      config: { permission: 'workflow:execute' },
      schema: {
        tags,
        summary: 'Start an execution; answers 202 once it is recorded (follow it over the WebSocket)',
        params: IdParams,
        body: z
          .object({
            input: z
              .unknown()
              .meta({ description: "The execution input (checked against the input node's schema)" }),
            version: VersionNumber.optional().meta({ description: 'Run this version (default: current)' }),
          })
          .optional(),
        response: { 202: Accepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body: { input?: unknown; version?: number } = request.body ?? {};
      const { executionId, done } = await workflows.execute(
        request.params.id,
        body.input ?? null,
        scopeOf(request),
        body.version === undefined ? {} : { version: body.version },
      );
      done.catch((error: unknown) =>
        request.log.error({ err: error, executionId }, 'execution failed to run'),
      );
      return reply.code(202).send({ executionId });
    },
  );

  app.get(
    '/workflows/:id/versions',
    {
      config: { permission: 'workflow:read' },
      schema: {
        tags,
        summary: 'List the versions of a workflow, newest first',
        params: IdParams,
        response: { 200: z.object({ items: z.array(WorkflowVersionDto) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await workflows.versions(request.params.id, scopeOf(request)) }),
  );

  app.get(
    '/workflows/:id/versions/:version',
    {
      config: { permission: 'workflow:read' },
      schema: {
        tags,
        summary: 'Get one version of a workflow',
        params: VersionParams,
        response: { 200: WorkflowVersionDto, ...errorResponses },
      },
    },
    async (request) => workflows.version(request.params.id, request.params.version, scopeOf(request)),
  );

  app.post(
    '/workflows/:id/versions/:version/restore',
    {
      config: { permission: 'workflow:update' },
      schema: {
        tags,
        summary: 'Make an old version current again, as a new version',
        params: VersionParams,
        response: { 200: WorkflowDto, ...errorResponses },
      },
    },
    async (request) => workflows.restore(request.params.id, request.params.version, scopeOf(request)),
  );
};
