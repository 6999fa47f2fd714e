import { createHash } from 'node:crypto';
import { AgentFlowError } from '@agentflow/protocol';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import {
  type ModelsConfig,
  normalizeBaseURL,
  type ProviderDefinition,
  providerDefinitions,
  type ScopedKey,
} from './config.js';

export interface ResolvedTarget {
  definition: ProviderDefinition;
  model: LanguageModelV3;
  baseURL: string;
  /** Names the concurrency limit (custom endpoints: per base URL). */
  poolKey: string;
  /**
   * Names the circuit breaker: provider, base URL, model and which key (a hash), so one workspace's failures (its
   * own key's rate limit, its own endpoint) never open the circuit for another.
   */
  breakerKey: string;
  /** Where a rejected key comes from, for error messages. */
  keyHint: string | undefined;
}

const MAX_CACHED_MODELS = 512;

/**
 * The AI SDK provider package of `def` is imported on its first model, not when the process starts: a server
 * loads the one or two providers it calls (each with its schemas), not all five.
 */
async function createModel(
  def: ProviderDefinition,
  modelId: string,
  apiKey: string | undefined,
  baseURL: string,
  config: ModelsConfig,
): Promise<LanguageModelV3> {
  const { fetch } = config;
  switch (def.kind) {
    case 'openai': {
      const { createOpenAI } = await import('@ai-sdk/openai');
      const openai = createOpenAI({ apiKey: apiKey ?? '', baseURL, fetch });
      return config.openaiApi === 'responses' ? openai.responses(modelId) : openai.chat(modelId);
    }
    case 'anthropic': {
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      return createAnthropic({ apiKey: apiKey ?? '', baseURL, fetch })(modelId);
    }
    case 'gemini': {
      const { createGoogleGenerativeAI } = await import('@ai-sdk/google');
      return createGoogleGenerativeAI({ apiKey: apiKey ?? '', baseURL, fetch })(modelId);
    }
    case 'ollama': {
      const { createOllama } = await import('ollama-ai-provider-v2');
      return createOllama({
        baseURL,
        fetch,
        ...(apiKey && { headers: { authorization: `Bearer ${apiKey}` } }),
      })(modelId);
    }
    case 'openai-compatible': {
      const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
      return createOpenAICompatible({
        name: def.name,
        baseURL,
        fetch,
        ...(apiKey && { apiKey }),
        includeUsage: true,
        supportsStructuredOutputs: true,
      }).chatModel(modelId);
    }
  }
}

/** Resolves provider names to AI SDK models: credentials, base URLs, one cached model per combination. */
export class ProviderResolver {
  readonly definitions: Map<string, ProviderDefinition>;
  private readonly models = new Map<string, LanguageModelV3>();
  /** Resolved targets when keys come only from config/env (fixed for this resolver's life). */
  private readonly resolved = new Map<string, ResolvedTarget>();

  constructor(private readonly config: ModelsConfig) {
    this.definitions = providerDefinitions(config);
  }

  definition(provider: string): ProviderDefinition {
    const def = this.definitions.get(provider);
    if (!def) {
      throw new AgentFlowError(
        'AF_INVALID_CONFIG',
        `Unknown model provider "${provider}"; use one of: ${[...this.definitions.keys()].join(', ')}`,
        { details: { provider } },
      );
    }
    return def;
  }

  /**
   * The key a call to `baseURL` may carry. A workspace credential (`resolveKey`) is revealed only when `baseURL` is
   * one it is bound to (by default the configured endpoint), else AF_CREDENTIAL_SCOPE. The operator's keys
   * (`apiKeys`, the environment) go only to the configured endpoint; elsewhere a provider that needs a key fails
   * with AF_CREDENTIAL_SCOPE and one that does not (custom, ollama) is called without it.
   */
  async apiKey(
    def: ProviderDefinition,
    baseURL: string,
    configured: string | undefined,
  ): Promise<string | undefined> {
    const fromHook = await this.config.resolveKey?.(def.name);
    if (fromHook) {
      const scoped: ScopedKey = typeof fromHook === 'string' ? { reveal: () => fromHook } : fromHook;
      const bound = scoped.baseURLs?.length
        ? scoped.baseURLs.flatMap((url) => normalizedOrNone(url, def.pathSuffix))
        : configured === undefined
          ? []
          : [configured];
      if (!bound.includes(baseURL)) {
        const where = scoped.baseURLs?.length
          ? 'the base URLs it is bound to'
          : `${def.name}'s configured endpoint`;
        throw outOfScope(def, baseURL, `The workspace credential for "${def.name}" is sent only to ${where}`);
      }
      return scoped.reveal();
    }
    const operator =
      this.config.apiKeys?.[def.name] || this.config.endpoints?.[def.name]?.apiKey || undefined;
    if (!operator) return undefined;
    if (configured !== undefined && baseURL === configured) return operator;
    if (!def.keyRequired) return undefined;
    const variable = def.keyEnv[0] ?? `The key of "${def.name}"`;
    throw outOfScope(def, baseURL, `${variable} is sent only to ${def.name}'s configured endpoint`);
  }

  /** The endpoint an administrator configured (`baseURLs`) or the built-in default. */
  configuredBaseURL(def: ProviderDefinition): string | undefined {
    const raw = this.config.baseURLs?.[def.name] || def.defaultBaseURL;
    return raw === undefined ? undefined : normalized(def, raw);
  }

  /**
   * Where a call goes: a request's own `baseURL` for OpenAI-compatible providers, else the configured endpoint.
   * Other providers accept a request `baseURL` only when it is their configured endpoint (AF_INVALID_CONFIG).
   */
  baseURL(def: ProviderDefinition, requestBaseURL: string | undefined): string {
    const configured = this.configuredBaseURL(def);
    if (requestBaseURL !== undefined) {
      const requested = normalized(def, requestBaseURL);
      if (def.kind === 'openai-compatible' || requested === configured) return requested;
      const variable = def.baseURLEnv[0] ? ` (${def.baseURLEnv[0]})` : '';
      throw new AgentFlowError(
        'AF_INVALID_CONFIG',
        `Provider "${def.name}" is reached only at its configured base URL${variable}; remove "baseURL" from the agent`,
        { details: { provider: def.name } },
      );
    }
    if (!configured) {
      throw new AgentFlowError(
        'AF_PROVIDER_NOT_CONFIGURED',
        `Provider "${def.name}" needs a base URL: set "baseURL" on the agent (any OpenAI-compatible endpoint, e.g. http://localhost:8000/v1)`,
        { details: { provider: def.name } },
      );
    }
    return configured;
  }

  /**
   * The request's `baseURL` as a fallback target sees it: OpenAI-compatible providers take it (as they always
   * have), the others use their configured endpoint (a `custom` agent may fall back on `openai`).
   */
  fallbackBaseURL(target: { provider: string }, requestBaseURL: string | undefined): string | undefined {
    return this.definitions.get(target.provider)?.kind === 'openai-compatible' ? requestBaseURL : undefined;
  }

  /** The resolution of an earlier call, when it cannot have changed (no `resolveKey` hook). */
  cached(provider: string, modelId: string, requestBaseURL?: string): ResolvedTarget | undefined {
    return this.resolved.get(`${provider}\u0000${modelId}\u0000${requestBaseURL ?? ''}`);
  }

  async resolve(provider: string, modelId: string, requestBaseURL?: string): Promise<ResolvedTarget> {
    const target = await this.resolveUncached(provider, modelId, requestBaseURL);
    if (!this.config.resolveKey) {
      if (this.resolved.size >= MAX_CACHED_MODELS) this.resolved.clear();
      this.resolved.set(`${provider}\u0000${modelId}\u0000${requestBaseURL ?? ''}`, target);
    }
    return target;
  }

  private async resolveUncached(
    provider: string,
    modelId: string,
    requestBaseURL?: string,
  ): Promise<ResolvedTarget> {
    const definition = this.definition(provider);
    const configured = this.configuredBaseURL(definition);
    const baseURL = this.baseURL(definition, requestBaseURL);
    const apiKey = await this.apiKey(definition, baseURL, configured);
    if (!apiKey && definition.keyRequired) {
      const variable = definition.keyEnv[0] ?? 'an API key';
      throw new AgentFlowError(
        'AF_PROVIDER_NOT_CONFIGURED',
        `Provider "${provider}" has no API key: set ${variable} (or add a workspace credential for ${provider})`,
        { details: { provider, variable } },
      );
    }
    const cacheKey = `${provider}\u0000${baseURL}\u0000${apiKey ?? ''}\u0000${modelId}`;
    let model = this.models.get(cacheKey);
    if (!model) {
      if (this.models.size >= MAX_CACHED_MODELS) this.models.clear();
      model = await createModel(definition, modelId, apiKey, baseURL, this.config);
      this.models.set(cacheKey, model);
    }
    return {
      definition,
      model,
      baseURL,
      poolKey: provider === 'custom' ? `custom:${baseURL}` : provider,
      breakerKey: `${provider}\u0000${baseURL}\u0000${modelId}\u0000${fingerprint(apiKey)}`,
      keyHint: definition.keyEnv[0],
    };
  }
}

function normalized(def: ProviderDefinition, raw: string): string {
  try {
    return normalizeBaseURL(raw, def.pathSuffix);
  } catch {
    throw new AgentFlowError(
      'AF_PROVIDER_NOT_CONFIGURED',
      `Provider "${def.name}" has an invalid base URL "${raw}"`,
      { details: { provider: def.name } },
    );
  }
}

function normalizedOrNone(raw: string, suffix: string): string[] {
  try {
    return [normalizeBaseURL(raw, suffix)];
  } catch {
    return [];
  }
}

function outOfScope(def: ProviderDefinition, baseURL: string, what: string): AgentFlowError {
  return new AgentFlowError('AF_CREDENTIAL_SCOPE', `${what}, not to ${baseURL}; nothing was sent`, {
    retryable: false,
    details: { provider: def.name, baseURL },
  });
}

/** Tells keys apart without keeping them: a short SHA-256 prefix ('' without a key). */
function fingerprint(key: string | undefined): string {
  return key ? createHash('sha256').update(key).digest('base64url').slice(0, 16) : '';
}
