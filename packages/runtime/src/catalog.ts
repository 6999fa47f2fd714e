import { compileJsonSchema } from '@agentflow/core';
import {
  AgentFlowError,
  type Issue,
  type TemplateCredentialRequirement,
  TemplatePublishInput,
  type TemplateRatingInput,
  type WorkflowInput,
} from '@agentflow/protocol';
import type {
  ListTemplatesQuery,
  SqlStore,
  TemplateInput,
  TemplateRecord,
  TemplateReviewRecord,
} from '@agentflow/store-sql';
import type { Scope, WorkflowService } from './services.js';
import { type InstallPreview, installPreview, requireConfirmation } from './template-targets.js';
import type { AuditService } from './tenancy/audit.js';

type WorkflowRecord = Awaited<ReturnType<WorkflowService['create']>>;

/** What instantiating a template may override. */
export interface InstantiateOptions {
  /** Name of the new workflow. (Default: the template's name) */
  name?: string;
  description?: string;
  /** Node type of an agent template's node. (Default: the template's `nodeType`, else `agent`) */
  nodeType?: string;
  /** Merged over the template's `defaultConfig`, then checked against its `configSchema`. */
  config?: Record<string, unknown>;
  /**
   * The digest of the workflow's external targets (`previewInstall`, or the AF_CONFIRMATION_REQUIRED error's
   * details). Required when the workflow reaches anything external (a model, a tool, a URL). (Default: none)
   */
  confirm?: string;
  /**
   * Requirement key -> name of a credential of the caller's workspace (of the requirement's type). An unmapped
   * key takes the workspace's only credential of that type. (Default: none)
   */
  credentials?: Record<string, string>;
}

/** What the template service needs to know of a workspace's credentials. */
export interface TemplateCredentialAccess {
  /** Names and types (metadata only). */
  list(workspaceId: string): Promise<{ name: string; type: string }[]>;
  /** A credential's plaintext (for the publish check: a template must not contain it). */
  reveal(workspaceId: string, name: string): Promise<string | undefined>;
}

export interface TemplateServiceOptions {
  /**
   * Instance admins: the user ids allowed to publish public templates (`AGENTFLOW_INSTANCE_ADMINS`).
   * (Default: none)
   */
  instanceAdmins?: readonly string[];
  /** Records `template.publish`, `template.update`, `template.unpublish` and `template.install`. (Default: none) */
  audit?: Pick<AuditService, 'record'>;
  /** Credential mapping at install and the secret check on publish. (Default: no credentials) */
  credentials?: TemplateCredentialAccess;
  /** More values a template must never contain (the operator's keys). (Default: none) */
  instanceSecrets?: readonly string[];
}

/** A requirement as the install preview shows it, with the caller's matching credentials. */
export interface InstallCredential extends TemplateCredentialRequirement {
  candidates: string[];
  mapped?: string;
}

/** A rating as others see it: no user id. */
export interface TemplateReview {
  stars: number;
  review?: string;
  mine: boolean;
  createdAt: number;
  updatedAt: number;
}

/** What a template shows: a public one carries no workspace or user id of its publisher. */
function present(template: TemplateRecord): TemplateRecord & {
  visibility: 'workspace' | 'public';
  workflow?: Record<string, unknown>;
} {
  const embedded = template.defaultConfig?.workflow;
  const workflow = isPlainObject(embedded) ? embedded : undefined;
  const base = { ...template, visibility: template.isPublic ? ('public' as const) : ('workspace' as const) };
  const withWorkflow = workflow ? { ...base, workflow } : base;
  if (!template.isPublic) return withWorkflow;
  const { workspaceId: _ws, createdBy: _by, ...rest } = withWorkflow;
  return rest;
}

/**
 * A workflow definition keeps none of the publisher's ids, nor which of the publisher's credentials it used
 * (`config.credentials`: an install sets the installer's own from the template's credential mapping).
 */
function scrubWorkflow(embedded: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, workspaceId: _ws, version: _v, createdBy: _by, ...workflow } = embedded;
  if (!isPlainObject(workflow.config) || workflow.config.credentials === undefined) return workflow;
  const { credentials: _c, ...config } = workflow.config;
  return { ...workflow, config };
}

/** A workflow template's embedded definition keeps none of the publisher's ids. */
function scrubbed(input: TemplateInput): TemplateInput {
  const embedded = input.defaultConfig?.workflow;
  if (!isPlainObject(embedded)) return input;
  return { ...input, defaultConfig: { ...input.defaultConfig, workflow: scrubWorkflow(embedded) } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The publish API's input (issue 16) as the store keeps it: a workflow template's definition in `defaultConfig.workflow`. */
export function toTemplateInput(input: TemplatePublishInput | TemplateInput): TemplateInput {
  const i = input as TemplatePublishInput & Partial<TemplateInput>;
  const isPublic = i.visibility !== undefined ? i.visibility === 'public' : i.isPublic === true;
  const workflow = isPlainObject(i.workflow) ? scrubWorkflow(i.workflow) : undefined;
  const kind = i.kind ?? (workflow || isPlainObject(i.defaultConfig?.workflow) ? 'workflow' : 'agent');
  if (kind === 'agent' && i.configSchema === undefined) {
    throw new AgentFlowError('AF_VALIDATION', 'an agent template needs configSchema', {
      issues: [{ code: 'AF_VALIDATION', path: 'configSchema', message: 'required for an agent template' }],
    });
  }
  if (kind === 'workflow' && !workflow && !isPlainObject(i.defaultConfig?.workflow)) {
    throw new AgentFlowError('AF_VALIDATION', 'a workflow template needs workflow', {
      issues: [{ code: 'AF_VALIDATION', path: 'workflow', message: 'required for a workflow template' }],
    });
  }
  const out: TemplateInput = {
    name: i.name,
    configSchema: i.configSchema ?? { type: 'object' },
    isPublic,
    kind,
  };
  if (i.id !== undefined) out.id = i.id;
  if (i.description !== undefined) out.description = i.description;
  if (i.category !== undefined) out.category = i.category;
  if (i.iconUrl !== undefined) out.iconUrl = i.iconUrl;
  if (i.icon !== undefined) out.icon = i.icon;
  if (i.author !== undefined) out.author = i.author;
  if (i.tags !== undefined) out.tags = i.tags;
  if (i.credentials !== undefined) out.credentials = i.credentials;
  if (i.script !== undefined) out.script = i.script;
  if (i.sampleInput !== undefined) out.sampleInput = i.sampleInput;
  if (i.nodeType !== undefined) out.nodeType = i.nodeType;
  const defaults = workflow ? { ...i.defaultConfig, workflow } : i.defaultConfig;
  if (defaults !== undefined) out.defaultConfig = defaults;
  return scrubbed(out);
}

/** Well-known secret shapes a template must never carry. */
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}/, 'an API key (sk-...)'],
  [/\baf_[A-Za-z0-9_-]{16,}/, 'an AgentFlow API key'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/, 'a GitHub token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bAIza[0-9A-Za-z_-]{30,}/, 'a Google API key'],
  [/\bwhsec_[A-Za-z0-9+/=_-]{16,}/, 'a webhook secret'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'a JSON web token'],
];

/**
 * Every string (and object key) in a template, with its path: checked on publish for credential values, the
 * publisher's workspace and user ids, and well-known secret shapes. Iterative (no recursion limit).
 */
function findSecrets(value: unknown, secrets: { value: string; what: string }[]): Issue[] {
  const issues: Issue[] = [];
  const stack: [unknown, string][] = [[value, '']];
  const check = (text: string, path: string) => {
    for (const s of secrets) {
      if (s.value.length > 0 && text.includes(s.value)) {
        issues.push({ code: 'AF_VALIDATION', path, message: `contains ${s.what}` });
        return;
      }
    }
    for (const [re, what] of SECRET_PATTERNS) {
      if (re.test(text)) {
        issues.push({ code: 'AF_VALIDATION', path, message: `contains what looks like ${what}` });
        return;
      }
    }
  };
  while (stack.length > 0 && issues.length < 50) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') check(v, path || '(value)');
    else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}[${i}]`]);
    } else if (isPlainObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        const p = path === '' ? k : `${path}.${k}`;
        check(k, p);
        stack.push([x, p]);
      }
    }
  }
  return issues.sort((a, b) => (a.path ?? '').localeCompare(b.path ?? ''));
}

/**
 * Templates (issue 16's marketplace): list (search, filters, sort, paging), get, publish, update (a new
 * version), unpublish, rate, preview and install. A template is "a pre-configured agent or workflow":
 * - a **workflow template** keeps a whole definition in `defaultConfig.workflow`; installing it stores a
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
 * their publisher's workspace and user ids. A template is refused on publish (AF_VALIDATION at the field) when
 * any string in it contains a credential value of the publisher's workspace, the workspace's or user's id, an
 * operator secret, or a well-known secret shape.
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
  function isOperator(scope: Scope): boolean {
    return scope.workspaceId === undefined && scope.userId === undefined;
  }
  function mayPublishPublic(scope: Scope): boolean {
    if (isOperator(scope)) return true;
    return scope.userId !== undefined && instanceAdmins.has(scope.userId);
  }
  function refusePublic(): never {
    throw new AgentFlowError('AF_FORBIDDEN', 'only an instance admin may publish a public template', {
      issues: [
        {
          code: 'AF_FORBIDDEN',
          path: 'isPublic',
          message: 'publish to your workspace (visibility: workspace), or ask an instance admin',
        },
      ],
    });
  }
  /** Changing a template: its own workspace's publishers; a public or built-in one: an instance admin. */
  async function requireOwned(id: string, scope: Scope): Promise<TemplateRecord> {
    const found = await require(id, scope);
    if (isOperator(scope)) return found;
    if (found.isPublic || found.builtin) {
      if (!mayPublishPublic(scope))
        throw new AgentFlowError('AF_FORBIDDEN', 'only an instance admin may change a public template');
      return found;
    }
    if (found.workspaceId !== scope.workspaceId)
      throw new AgentFlowError('AF_NOT_FOUND', `template ${id} not found`);
    return found;
  }
  /**
   * Checks what would be stored (the dropped ids are not stored, so not refused) plus the `changelog`, with the
   * caller's paths: `workflow.<path>` for a definition sent as `workflow`.
   */
  async function checkSecrets(
    t: TemplateInput,
    input: TemplatePublishInput | TemplateInput,
    scope: Scope,
  ): Promise<void> {
    const secrets: { value: string; what: string }[] = [];
    if (scope.workspaceId !== undefined) {
      secrets.push({ value: scope.workspaceId, what: "the workspace's id" });
      const creds = options.credentials;
      if (creds) {
        for (const c of await creds.list(scope.workspaceId)) {
          const value = await creds.reveal(scope.workspaceId, c.name);
          if (value !== undefined && value.length >= 4)
            secrets.push({ value, what: `the value of credential ${c.name}` });
        }
      }
    }
    if (scope.userId !== undefined) secrets.push({ value: scope.userId, what: "the publisher's user id" });
    for (const value of options.instanceSecrets ?? []) {
      if (value.length >= 8) secrets.push({ value, what: 'an operator secret' });
    }
    const sent = input as { workflow?: unknown; changelog?: unknown };
    const checked = sent.changelog === undefined ? t : { ...t, changelog: sent.changelog };
    const issues = findSecrets(checked, secrets).map((issue) =>
      sent.workflow !== undefined && issue.path?.startsWith('defaultConfig.workflow')
        ? { ...issue, path: issue.path.slice('defaultConfig.'.length) }
        : issue,
    );
    if (issues.length > 0) {
      throw new AgentFlowError('AF_VALIDATION', 'a template must not contain secrets or ids', { issues });
    }
  }
  function parsePublish(input: TemplatePublishInput | TemplateInput): TemplateInput {
    const parsed = TemplatePublishInput.safeParse(input);
    if (!parsed.success) {
      throw new AgentFlowError('AF_VALIDATION', 'invalid template', {
        issues: parsed.error.issues.map((i) => ({
          code: 'AF_VALIDATION' as const,
          path: i.path.join('.'),
          message: i.message,
        })),
      });
    }
    return toTemplateInput({ ...(input as object), ...parsed.data } as TemplatePublishInput);
  }
  async function installCredentials(
    template: TemplateRecord,
    mapping: Record<string, string> | undefined,
    scope: Scope,
  ): Promise<InstallCredential[]> {
    const have =
      scope.workspaceId !== undefined && options.credentials
        ? await options.credentials.list(scope.workspaceId)
        : [];
    return template.credentials.map((req) => {
      const candidates = have.filter((c) => c.type === req.type).map((c) => c.name);
      const out: InstallCredential = { ...req, candidates };
      const chosen = mapping?.[req.key] ?? (candidates.length === 1 ? candidates[0] : undefined);
      if (chosen !== undefined) out.mapped = chosen;
      return out;
    });
  }
  function checkMapping(found: InstallCredential[], mapping: Record<string, string> | undefined) {
    const issues: Issue[] = [];
    const keys = new Set(found.map((c) => c.key));
    for (const key of Object.keys(mapping ?? {})) {
      if (!keys.has(key))
        issues.push({
          code: 'AF_VALIDATION',
          path: `credentials.${key}`,
          message: 'the template needs no such credential',
        });
    }
    for (const c of found) {
      if (c.mapped !== undefined && !c.candidates.includes(c.mapped)) {
        issues.push({
          code: 'AF_VALIDATION',
          path: `credentials.${c.key}`,
          message: `no credential named ${c.mapped} of type ${c.type} in this workspace`,
        });
      } else if (c.mapped === undefined && !c.optional) {
        issues.push({
          code: 'AF_VALIDATION',
          path: `credentials.${c.key}`,
          message:
            c.candidates.length === 0
              ? `create a credential of type ${c.type} first`
              : `choose one of: ${c.candidates.join(', ')}`,
        });
      }
    }
    if (issues.length > 0)
      throw new AgentFlowError('AF_VALIDATION', 'the credentials the template needs are not mapped', {
        issues,
      });
  }
  return {
    async list(
      scope: Scope = {},
      query: Omit<ListTemplatesQuery, 'workspaceId' | 'userId'> = {},
    ): Promise<{ items: ReturnType<typeof present>[]; nextCursor?: string }> {
      const page = await store.listTemplates({
        ...query,
        ...templateScope(scope),
        ...(scope.userId !== undefined ? { userId: scope.userId } : {}),
      });
      return { ...page, items: page.items.map(present) };
    },
    async get(id: string, scope: Scope = {}) {
      const found = await store.getTemplate(id, {
        ...templateScope(scope),
        ...(scope.userId !== undefined ? { userId: scope.userId } : {}),
      });
      if (!found) throw new AgentFlowError('AF_NOT_FOUND', `template ${id} not found`);
      return present(found);
    },
    categories: (scope: Scope = {}) => store.templateCategories(templateScope(scope)),
    /**
     * Stores a template in the caller's workspace. A public one (visible to every workspace) needs an instance
     * admin: anyone else gets AF_FORBIDDEN at `isPublic`.
     */
    async publish(input: TemplatePublishInput | TemplateInput, scope: Scope = {}) {
      const t = parsePublish(input);
      if (t.isPublic === true && !mayPublishPublic(scope)) refusePublic();
      await checkSecrets(t, input, scope);
      const changelog = (input as TemplatePublishInput).changelog;
      const created = await store.createTemplate(t, {
        ...templateScope(scope),
        ...(scope.userId ? { createdBy: scope.userId } : {}),
        ...(changelog ? { changelog } : {}),
      });
      await record('template.publish', scope, created.id, { name: created.name, isPublic: created.isPublic });
      return present(created);
    },
    /** A new version (same id): the publisher's workspace; a public one needs an instance admin. */
    async update(id: string, input: TemplatePublishInput, scope: Scope = {}) {
      await requireOwned(id, scope);
      const t = parsePublish(input);
      if (t.isPublic === true && !mayPublishPublic(scope)) refusePublic();
      await checkSecrets(t, input, scope);
      const updated = await store.updateTemplate(id, t, {
        ...(scope.userId ? { createdBy: scope.userId } : {}),
        ...(input.changelog ? { changelog: input.changelog } : {}),
      });
      if (!updated) throw new AgentFlowError('AF_NOT_FOUND', `template ${id} not found`);
      await record('template.update', scope, id, { version: updated.version, isPublic: updated.isPublic });
      return present(updated);
    },
    async unpublish(id: string, scope: Scope = {}): Promise<void> {
      await requireOwned(id, scope);
      await store.deleteTemplate(id);
      await record('template.unpublish', scope, id, {});
    },
    async versions(id: string, scope: Scope = {}) {
      await require(id, scope);
      return (await store.listTemplateVersions(id)).map(({ snapshot: _s, ...v }) => v);
    },
    /** One rating per user (again replaces it); a publisher does not rate their own template. */
    async rate(id: string, rating: TemplateRatingInput, scope: Scope = {}) {
      const found = await require(id, scope);
      if (scope.userId === undefined)
        throw new AgentFlowError('AF_FORBIDDEN', 'only a signed-in user may rate a template');
      if (found.createdBy !== undefined && found.createdBy === scope.userId) {
        throw new AgentFlowError('AF_FORBIDDEN', 'you may not rate your own template', {
          issues: [{ code: 'AF_FORBIDDEN', path: 'stars', message: 'rate templates others published' }],
        });
      }
      const review = rating.review?.trim();
      return store.rateTemplate(id, scope.userId, {
        stars: rating.stars,
        ...(review ? { review } : {}),
      });
    },
    async unrate(id: string, scope: Scope = {}) {
      await require(id, scope);
      if (scope.userId === undefined)
        throw new AgentFlowError('AF_FORBIDDEN', 'only a signed-in user may rate a template');
      return store.unrateTemplate(id, scope.userId);
    },
    /** Reviews, newest first, without user ids (`mine` marks the caller's). */
    async ratings(
      id: string,
      query: { limit?: number; cursor?: string } = {},
      scope: Scope = {},
    ): Promise<{ items: TemplateReview[]; nextCursor?: string }> {
      await require(id, scope);
      const page = await store.listTemplateRatings(id, query);
      return {
        ...page,
        items: page.items.map(({ userId, ...r }: TemplateReviewRecord) => ({
          ...r,
          mine: userId === scope.userId,
        })),
      };
    },
    /** The external targets the workflow created from the template would reach, their digest, and credentials. */
    async previewInstall(
      id: string,
      options: InstantiateOptions = {},
      scope: Scope = {},
    ): Promise<InstallPreview & { credentials: InstallCredential[] }> {
      const template = await require(id, scope);
      const preview = installPreview(workflowFromTemplate(template, options));
      return { ...preview, credentials: await installCredentials(template, options.credentials, scope) };
    },
    /**
     * Creates a workflow in the caller's workspace. AF_CONFIRMATION_REQUIRED (nothing created) unless the
     * workflow reaches nothing external or `options.confirm` is the digest of its targets; AF_VALIDATION at
     * `credentials.<key>` when a required credential is not mapped to one of the caller's of its type.
     */
    async instantiate(
      id: string,
      options: InstantiateOptions = {},
      scope: Scope = {},
    ): Promise<WorkflowRecord> {
      const template = await require(id, scope);
      const creds = await installCredentials(template, options.credentials, scope);
      checkMapping(creds, options.credentials);
      const definition = bindCredentials(workflowFromTemplate(template, options), creds);
      requireConfirmation(installPreview(definition), options.confirm, `template ${id}`);
      const created = await workflows.create(definition, scope);
      // One more install (`downloads`), counted once the workflow exists: a refused install counts nothing.
      const downloads = await store.countTemplateInstall(id, templateScope(scope));
      const mapped = Object.fromEntries(
        creds.filter((c) => c.mapped !== undefined).map((c) => [c.key, c.mapped]),
      );
      await record('template.install', scope, id, {
        workflowId: created.id,
        ...(downloads !== undefined ? { downloads } : {}),
        ...(Object.keys(mapped).length > 0 ? { credentials: mapped } : {}),
      });
      return created;
    },
  };
}

export type TemplateService = ReturnType<typeof createTemplateService>;

function templateScope(scope: Scope): { workspaceId?: string } {
  return scope.workspaceId === undefined ? {} : { workspaceId: scope.workspaceId };
}

/**
 * The installed workflow runs with the credentials the install mapped: `config.credentials` (credential type ->
 * name) is what the model providers and built-in tools pick at run time. Two requirements of one type mapped to
 * different credentials is AF_VALIDATION at the second's `credentials.<key>`.
 */
function bindCredentials(definition: WorkflowInput, creds: InstallCredential[]): WorkflowInput {
  const chosen: Record<string, string> = {};
  const issues: Issue[] = [];
  for (const c of creds) {
    if (c.mapped === undefined) continue;
    const earlier = chosen[c.type];
    if (earlier !== undefined && earlier !== c.mapped) {
      issues.push({
        code: 'AF_VALIDATION',
        path: `credentials.${c.key}`,
        message: `a workflow uses one credential of type ${c.type}: ${earlier} is already mapped`,
      });
    }
    chosen[c.type] = c.mapped;
  }
  if (issues.length > 0)
    throw new AgentFlowError('AF_VALIDATION', 'the credentials the template needs are not mapped', {
      issues,
    });
  if (Object.keys(chosen).length === 0) return definition;
  const config = isPlainObject(definition.config) ? definition.config : {};
  return { ...definition, config: { ...config, credentials: chosen } } as WorkflowInput;
}

function workflowFromTemplate(template: TemplateRecord, options: InstantiateOptions): WorkflowInput {
  const defaults = template.defaultConfig ?? {};
  const name = options.name ?? template.name;
  const description = options.description ?? template.description;
  const embedded = defaults.workflow;
  if (typeof embedded === 'object' && embedded !== null && !Array.isArray(embedded)) {
    const rest = scrubWorkflow(embedded as Record<string, unknown>);
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
      {
        id: 'agent',
        type: options.nodeType ?? template.nodeType ?? 'agent',
        name: template.name,
        config,
      },
      { id: 'output', type: 'output' },
    ],
    connections: [
      { id: 'input-agent', sourceAgentId: 'input', targetAgentId: 'agent' },
      { id: 'agent-output', sourceAgentId: 'agent', targetAgentId: 'output' },
    ],
  };
}
