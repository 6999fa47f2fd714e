import { AgentFlowError } from '@agentflow/protocol';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { createOllama } from 'ollama-ai-provider-v2';
import {
  type ModelsConfig,
  normalizeBaseURL,
  type ProviderDefinition,
  providerDefinitions,
} from './config.js';

export interface ResolvedTarget {
  definition: ProviderDefinition;
  model: LanguageModelV3;
  baseURL: string;
  /** Names the circuit breaker and the concurrency limit (custom endpoints: per base URL). */
  poolKey: string;
  /** Where a rejected key comes from, for error messages. */
  keyHint: string | undefined;
}

const MAX_CACHED_MODELS = 512;

function createModel(
  def: ProviderDefinition,
  modelId: string,
  apiKey: string | undefined,
  baseURL: string,
  config: ModelsConfig,
): LanguageModelV3 {
  switch (def.kind) {
    case 'openai': {
      const openai = createOpenAI({ apiKey: apiKey ?? '', baseURL });
      return config.openaiApi === 'responses' ? openai.responses(modelId) : openai.chat(modelId);
    }
    case 'anthropic':
      return createAnthropic({ apiKey: apiKey ?? '', baseURL })(modelId);
    case 'gemini':
      return createGoogleGenerativeAI({ apiKey: apiKey ?? '', baseURL })(modelId);
    case 'ollama':
      return createOllama({ baseURL, ...(apiKey && { headers: { authorization: `Bearer ${apiKey}` } }) })(
        modelId,
      );
    case 'openai-compatible':
      return createOpenAICompatible({
        name: def.name,
        baseURL,
        ...(apiKey && { apiKey }),
        includeUsage: true,
        supportsStructuredOutputs: true,
      }).chatModel(modelId);
  }
}

/** Resolves provider names to AI SDK models: credentials, base URLs, one cached model per combination. */
export class ProviderResolver {
  readonly definitions: Map<string, ProviderDefinition>;
  private readonly env: Record<string, string | undefined>;
  private readonly models = new Map<string, LanguageModelV3>();
  /** Resolved targets when keys come only from config/env (fixed for this resolver's life). */
  private readonly resolved = new Map<string, ResolvedTarget>();

  constructor(private readonly config: ModelsConfig) {
    this.definitions = providerDefinitions(config);
    this.env = config.env ?? process.env;
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

  async apiKey(def: ProviderDefinition): Promise<string | undefined> {
    const fromHook = await this.config.resolveKey?.(def.name);
    if (fromHook) return fromHook;
    const fromConfig = this.config.apiKeys?.[def.name] ?? this.config.endpoints?.[def.name]?.apiKey;
    if (fromConfig) return fromConfig;
    for (const name of def.keyEnv) {
      const value = this.env[name];
      if (value) return value;
    }
    return undefined;
  }

  baseURL(def: ProviderDefinition, requestBaseURL: string | undefined): string {
    const explicit = def.kind === 'openai-compatible' ? requestBaseURL : undefined;
    let raw = explicit ?? this.config.baseURLs?.[def.name];
    for (const name of def.baseURLEnv) raw ??= this.env[name] || undefined;
    raw ??= def.defaultBaseURL;
    if (!raw) {
      throw new AgentFlowError(
        'AF_PROVIDER_NOT_CONFIGURED',
        `Provider "${def.name}" needs a base URL: set "baseURL" on the agent (any OpenAI-compatible endpoint, e.g. http://localhost:8000/v1)`,
        { details: { provider: def.name } },
      );
    }
    try {
      return normalizeBaseURL(raw, def.pathSuffix);
    } catch {
      throw new AgentFlowError(
        'AF_PROVIDER_NOT_CONFIGURED',
        `Provider "${def.name}" has an invalid base URL "${raw}"`,
        {
          details: { provider: def.name },
        },
      );
    }
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
    const apiKey = await this.apiKey(definition);
    if (!apiKey && definition.keyRequired) {
      const variable = definition.keyEnv[0] ?? 'an API key';
      throw new AgentFlowError(
        'AF_PROVIDER_NOT_CONFIGURED',
        `Provider "${provider}" has no API key: set ${variable} (or add a workspace credential for ${provider})`,
        { details: { provider, variable } },
      );
    }
    const baseURL = this.baseURL(definition, requestBaseURL);
    const cacheKey = `${provider}\u0000${baseURL}\u0000${apiKey ?? ''}\u0000${modelId}`;
    let model = this.models.get(cacheKey);
    if (!model) {
      if (this.models.size >= MAX_CACHED_MODELS) this.models.clear();
      model = createModel(definition, modelId, apiKey, baseURL, this.config);
      this.models.set(cacheKey, model);
    }
    return {
      definition,
      model,
      baseURL,
      poolKey: provider === 'custom' ? `custom:${baseURL}` : provider,
      keyHint: definition.keyEnv[0],
    };
  }
}
