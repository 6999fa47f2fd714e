import {
  AgentFlowError,
  type Issue,
  TemplatePublishInput,
  type TemplateRatingInput,
} from '@agentflow/protocol';
import type {
  ListTemplatesQuery,
  SqlStore,
  TemplateInput,
  TemplateRecord,
  TemplateReviewRecord,
} from '@agentflow/store-sql';
import type { Scope, WorkflowService } from './services.js';
import { findSecrets, isPlainObject, toTemplateInput } from './template-input.js';
import { type InstallPreview, installPreview, requireConfirmation } from './template-targets.js';
import {
  bindCredentials,
  type InstallCredential,
  type InstantiateOptions,
  workflowFromTemplate,
} from './template-workflow.js';
import type { AuditService } from './tenancy/audit.js';

export type { InstallCredential, InstantiateOptions } from './template-workflow.js';

type WorkflowRecord = Awaited<ReturnType<WorkflowService['create']>>;

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
