import { type AnyNodeType, compileJsonSchema, type Engine, type Page } from '@agentflow/core';
import { AgentFlowError, type Issue, type WorkflowInput } from '@agentflow/protocol';
import type { SqlStore, TemplateInput, TemplateRecord } from '@agentflow/store-sql';
import { z } from 'zod';
import type { Scope, WorkflowService } from './services.js';
import { type InstallPreview, installPreview, requireConfirmation } from './template-targets.js';
import type { AuditService } from './tenancy/audit.js';

type WorkflowRecord = Awaited<ReturnType<WorkflowService['create']>>;

/** A registered node type as the API and the UI list it. */
export interface NodeTypeInfo {
  type: string;
  category: string | null;
  description: string;
  /** The config as JSON Schema (input form: fields with defaults are optional). */
  configSchema: Record<string, unknown>;
}

/** The registered node types, with their config JSON Schemas. */
export function createNodeTypeService(engine: Engine) {
  const cache = new WeakMap<AnyNodeType, NodeTypeInfo>();
  return {
    list(): NodeTypeInfo[] {
      return engine.nodeTypes().map((t) => {
        let info = cache.get(t);
        if (!info) {
          info = {
            type: t.type,
            category: t.category ?? null,
            description: t.description ?? '',
            configSchema: configJsonSchema(t),
          };
          cache.set(t, info);
        }
        return info;
      });
    },
  };
}

export type NodeTypeService = ReturnType<typeof createNodeTypeService>;

function configJsonSchema(nodeType: AnyNodeType): Record<string, unknown> {
  try {
    const out = z.toJSONSchema(nodeType.configSchema, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
    const { $schema: _drop, ...rest } = out;
    return rest;
  } catch {
    // Refinements and transforms JSON Schema cannot express: accept any object.
    return { type: 'object' };
  }
}

/** What instantiating a template may override. */
export interface InstantiateOptions {
  /** Name of the new workflow. (Default: the template's name) */
  name?: string;
  description?: string;
  /** Node type of an agent template's node. (Default: `agent`) */
  nodeType?: string;
  /** Merged over the template's `defaultConfig`, then checked against its `configSchema`. */
  config?: Record<string, unknown>;
  /**
   * The digest of the workflow's external targets (`previewInstall`, or the AF_CONFIRMATION_REQUIRED error's
   * details). Required when the workflow reaches anything external (a model, a tool, a URL). (Default: none)
   */
  confirm?: string;
}

export interface TemplateServiceOptions {
  /**
   * Instance admins: the user ids allowed to publish public templates (`AGENTFLOW_INSTANCE_ADMINS`).
   * (Default: none)
   */
  instanceAdmins?: readonly string[];
  /** Records `template.publish` and `template.install`. (Default: none) */
  audit?: Pick<AuditService, 'record'>;
}

/** What a public template shows every workspace: no workspace or user id of its publisher. */
function present(template: TemplateRecord): TemplateRecord {
  if (!template.isPublic) return template;
  const { workspaceId: _ws, createdBy: _by, ...rest } = template;
  return rest;
}

/** A workflow template's embedded definition keeps none of the publisher's ids. */
function scrubbed(input: TemplateInput): TemplateInput {
  const embedded = input.defaultConfig?.workflow;
  if (!isPlainObject(embedded)) return input;
  const { id: _id, workspaceId: _ws, version: _v, createdBy: _by, ...workflow } = embedded;
  return { ...input, defaultConfig: { ...input.defaultConfig, workflow } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Templates (the brief's agent templates): list, get, publish, preview, instantiate. A template is "a
 * pre-configured agent or workflow":
 * - a **workflow template** keeps a whole definition in `defaultConfig.workflow`; instantiating it stores a
 *   copy under the caller's workspace;
 * - an **agent template** is a node configuration: `defaultConfig` (merged with the caller's `config`) is checked
 *   against `configSchema` and becomes the config of one node (`nodeType`, default `agent`) wired
 *   input -> node -> output.
 * Either way the new workflow is validated like any other before it is stored, and installing one that reaches
 * anything external (models, tools, URLs) needs the caller's confirmation of those targets.
 *
 * Each install counts one download (`downloads`, incremented in the database, so concurrent installs all count);
 * publishing and installing are audited (`template.publish`, `template.install`).
 *
 * Public templates are seen by every workspace: only instance admins publish them, and they are shown without
 * their publisher's workspace and user ids.
 */
export function createTemplateService(
  store: SqlStore,
  workflows: WorkflowService,
  options: TemplateServiceOptions = {},
) {
  const instanceAdmins = new Set(options.instanceAdmins ?? []);
  const audit = options.audit;
  function record(action: string, scope: Scope, id: string, details: Record<string, unknown>) {
    return audit?.record({
      action,
      ...(scope.workspaceId !== undefined ? { workspaceId: scope.workspaceId } : {}),
      ...(scope.userId !== undefined ? { actorId: scope.userId, actorType: 'user' as const } : {}),
      target: { type: 'template', id },
      details,
    });
  }
  async function require(id: string, scope: Scope): Promise<TemplateRecord> {
    const found = await store.getTemplate(id, templateScope(scope));
    if (!found) throw new AgentFlowError('AF_NOT_FOUND', `template ${id} not found`);
    return found;
  }
  /** In-process callers without a workspace or user (the CLI) act for the operator. */
  function mayPublishPublic(scope: Scope): boolean {
    if (scope.workspaceId === undefined && scope.userId === undefined) return true;
    return scope.userId !== undefined && instanceAdmins.has(scope.userId);
  }
  return {
    async list(
      scope: Scope = {},
      query: { category?: string; publicOnly?: boolean; limit?: number; cursor?: string } = {},
    ): Promise<Page<TemplateRecord>> {
      const page = await store.listTemplates({ ...query, ...templateScope(scope) });
      return { ...page, items: page.items.map(present) };
    },
    get: async (id: string, scope: Scope = {}): Promise<TemplateRecord> => present(await require(id, scope)),
    /**
     * Stores a template in the caller's workspace. A public one (visible to every workspace) needs an instance
     * admin: anyone else gets AF_FORBIDDEN at `isPublic`.
     */
    async publish(input: TemplateInput, scope: Scope = {}): Promise<TemplateRecord> {
      if (input.isPublic === true && !mayPublishPublic(scope)) {
        throw new AgentFlowError('AF_FORBIDDEN', 'only an instance admin may publish a public template', {
          issues: [
            {
              code: 'AF_FORBIDDEN',
              path: 'isPublic',
              message: 'publish to your workspace (isPublic: false), or ask an instance admin',
            },
          ],
        });
      }
      const created = await store.createTemplate(scrubbed(input), {
        ...templateScope(scope),
        ...(scope.userId ? { createdBy: scope.userId } : {}),
      });
      await record('template.publish', scope, created.id, { name: created.name, isPublic: created.isPublic });
      return present(created);
    },
    /** The external targets the workflow created from the template would reach, and their digest. */
    async previewInstall(
      id: string,
      options: InstantiateOptions = {},
      scope: Scope = {},
    ): Promise<InstallPreview> {
      const template = await require(id, scope);
      return installPreview(workflowFromTemplate(template, options));
    },
    /**
     * Creates a workflow in the caller's workspace. AF_CONFIRMATION_REQUIRED (nothing created) unless the
     * workflow reaches nothing external or `options.confirm` is the digest of its targets.
     */
    async instantiate(
      id: string,
      options: InstantiateOptions = {},
      scope: Scope = {},
    ): Promise<WorkflowRecord> {
      const template = await require(id, scope);
      const definition = workflowFromTemplate(template, options);
      requireConfirmation(installPreview(definition), options.confirm, `template ${id}`);
      const created = await workflows.create(definition, scope);
      // One more install (`downloads`), counted once the workflow exists: a refused install counts nothing.
      const downloads = await store.countTemplateInstall(id, templateScope(scope));
      await record('template.install', scope, id, {
        workflowId: created.id,
        ...(downloads !== undefined ? { downloads } : {}),
      });
      return created;
    },
  };
}

export type TemplateService = ReturnType<typeof createTemplateService>;

function templateScope(scope: Scope): { workspaceId?: string } {
  return scope.workspaceId === undefined ? {} : { workspaceId: scope.workspaceId };
}

function workflowFromTemplate(template: TemplateRecord, options: InstantiateOptions): WorkflowInput {
  const defaults = template.defaultConfig ?? {};
  const name = options.name ?? template.name;
  const description = options.description ?? template.description;
  const embedded = defaults.workflow;
  if (typeof embedded === 'object' && embedded !== null && !Array.isArray(embedded)) {
    const { id: _id, workspaceId: _ws, version: _v, ...rest } = embedded as Record<string, unknown>;
    return { ...rest, name, ...(description ? { description } : {}) } as WorkflowInput;
  }
  const config = { ...defaults, ...options.config };
  const issues: Issue[] = compileJsonSchema(
    template.configSchema,
    'AF_INVALID_CONFIG',
  )(config).map((i) => ({
    ...i,
    path: i.path ? `config.${i.path}` : 'config',
  }));
  if (issues.length > 0) {
    throw new AgentFlowError('AF_VALIDATION', `the config does not match template ${template.id}`, {
      issues,
    });
  }
  return {
    name,
    ...(description ? { description } : {}),
    agents: [
      { id: 'input', type: 'input' },
      { id: 'agent', type: options.nodeType ?? 'agent', name: template.name, config },
      { id: 'output', type: 'output' },
    ],
    connections: [
      { id: 'input-agent', sourceAgentId: 'input', targetAgentId: 'agent' },
      { id: 'agent-output', sourceAgentId: 'agent', targetAgentId: 'output' },
    ],
  };
}
