/**
 * Workspace settings and the default model.
 *
 * A workspace may name a default model (`{ provider, model }`), used by every agent node that names none; without
 * one, the instance's default applies (`AGENTFLOW_DEFAULT_PROVIDER` / `AGENTFLOW_DEFAULT_MODEL`, Gemini by
 * default as in the product brief). Members read the settings (`provider:read`), admins change them
 * (`provider:manage`, audited as `workspace.settings_update`). The default is applied when an agent's model call
 * is made (`withDefaultModel`), so changing it affects the next call, not a workflow's stored definition.
 */
import type { ModelProvider, ModelRequest } from '@agentflow/core';
import { AgentFlowError, type Issue, isAgentFlowError } from '@agentflow/protocol';
import type { WorkspaceSettingsRepository } from '@agentflow/store-sql';
import { z } from 'zod';
import { authorize } from './auth/authorize.js';
import type { Principal } from './auth/permissions.js';
import type { AuditService, RequestMeta } from './tenancy/audit.js';
import { currentWorkspaceId } from './tenancy/context.js';

export const DefaultModel = z.strictObject({
  provider: z.string().min(1).max(64),
  model: z.string().min(1).max(200),
});
export type DefaultModel = z.infer<typeof DefaultModel>;

/** What a workspace stores. Every field is optional: absent means "the instance's". */
export const WorkspaceSettings = z.strictObject({
  /** Model of agents that name no provider and model. (Default: the instance's default model) */
  defaultModel: DefaultModel.nullable().optional(),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;

/** The settings as read: the workspace's own, plus what applies when it has none. */
export interface WorkspaceSettingsView {
  defaultModel: DefaultModel | null;
  /** The model agents without one run on: the workspace's default, else the instance's. */
  effectiveDefaultModel: DefaultModel;
}

export interface WorkspaceSettingsService {
  get(principal: Principal): Promise<WorkspaceSettingsView>;
  /** Merges `patch` (a `null` field clears it) and returns the new settings. */
  update(principal: Principal, patch: unknown, meta?: RequestMeta): Promise<WorkspaceSettingsView>;
  /** The default model of `workspaceId`'s agents (the instance's when the workspace has none or is unknown). */
  defaultModel(workspaceId: string | undefined): Promise<DefaultModel>;
}

export interface WorkspaceSettingsOptions {
  /** The stored settings (`createWorkspaceSettingsRepository` of @agentflow/store-sql). */
  repository: WorkspaceSettingsRepository;
  audit: AuditService;
  /** The instance's default model (loadConfig: `defaultProvider`, `defaultModel`). */
  instanceDefault: DefaultModel;
  /** Checks that a provider exists (throws AF_INVALID_CONFIG otherwise); the model provider's `capabilities`. */
  checkProvider?: (provider: string, model: string) => void;
}

function parse(value: unknown): WorkspaceSettings {
  const parsed = WorkspaceSettings.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

export function createWorkspaceSettingsService(options: WorkspaceSettingsOptions): WorkspaceSettingsService {
  const { repository, audit, instanceDefault } = options;

  async function read(workspaceId: string): Promise<WorkspaceSettings> {
    return parse(await repository.read(workspaceId));
  }

  function view(settings: WorkspaceSettings): WorkspaceSettingsView {
    const own = settings.defaultModel ?? null;
    return { defaultModel: own, effectiveDefaultModel: own ?? instanceDefault };
  }

  return {
    async get(principal) {
      authorize(principal, 'provider:read');
      return view(await read(principal.workspaceId));
    },
    async update(principal, patch, meta) {
      authorize(principal, 'provider:manage');
      const parsed = WorkspaceSettings.safeParse(patch);
      if (!parsed.success) {
        const issues: Issue[] = parsed.error.issues.map((i) => ({
          code: 'AF_VALIDATION',
          path: i.path.map(String).join('.'),
          message: i.message,
        }));
        throw new AgentFlowError('AF_VALIDATION', 'invalid workspace settings', { issues });
      }
      const next = { ...(await read(principal.workspaceId)), ...parsed.data };
      const model = next.defaultModel;
      if (model && options.checkProvider) {
        try {
          options.checkProvider(model.provider, model.model);
        } catch (error) {
          if (!isAgentFlowError(error)) throw error;
          throw new AgentFlowError('AF_VALIDATION', 'invalid workspace settings', {
            issues: [{ code: error.code, path: 'defaultModel.provider', message: error.message }],
          });
        }
      }
      if (next.defaultModel === null) delete next.defaultModel;
      await repository.write(principal.workspaceId, next);
      await audit.record({
        action: 'workspace.settings_update',
        principal,
        target: { type: 'workspace', id: principal.workspaceId },
        details: { defaultModel: next.defaultModel ?? null },
        ...(meta ? { meta } : {}),
      });
      return view(next);
    },
    async defaultModel(workspaceId) {
      if (workspaceId === undefined) return instanceDefault;
      return (await read(workspaceId)).defaultModel ?? instanceDefault;
    },
  };
}

/**
 * The engine's model provider: a request without a provider (an agent that names none) gets the default model of
 * the workspace it runs for (the async context's, see tenancy/context.ts), else the instance's.
 */
export function withDefaultModel(
  inner: ModelProvider,
  defaultModel: (workspaceId: string | undefined) => Promise<DefaultModel>,
): ModelProvider {
  const provider: ModelProvider = {
    async generate(request, context) {
      if (request.provider !== undefined && request.model !== undefined)
        return inner.generate(request, context);
      const chosen = await defaultModel(currentWorkspaceId());
      const resolved: ModelRequest = { ...request, provider: chosen.provider, model: chosen.model };
      return inner.generate(resolved, context);
    },
  };
  const capabilities = inner.capabilities;
  if (capabilities) provider.capabilities = (name, model) => capabilities.call(inner, name, model);
  return provider;
}
