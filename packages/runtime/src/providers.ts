import type { ModelCapabilities, ModelProvider } from '@agentflow/core';
import {
  createModelProvider,
  createOllamaManager,
  DEFAULT_PRICES,
  type ModelsProvider,
  modelCapabilities,
  type OllamaManager,
  type OllamaModelInfo,
  type OllamaPullProgress,
  type OllamaStatus,
  type ProviderKind,
} from '@agentflow/models';
import { createEgressGuard, createGuardedFetch, type EgressGuard } from '@agentflow/tools';
import type { ModelsRuntimeConfig } from './models.js';

/** A pull streams for as long as the download takes (cancelled by its client); listing has its own timeout. */
const NO_TOTAL_TIMEOUT_MS = 2_147_483_647;
/** NDJSON progress of one pull, or the installed models' list. */
const MAX_OLLAMA_RESPONSE_BYTES = 16 * 1024 * 1024;

/** The built-in providers and the SDK family each speaks (mirrors @agentflow/models' definitions). */
const BUILT_IN: readonly { name: string; kind: ProviderKind }[] = [
  { name: 'openai', kind: 'openai' },
  { name: 'anthropic', kind: 'anthropic' },
  { name: 'gemini', kind: 'gemini' },
  { name: 'ollama', kind: 'ollama' },
  { name: 'groq', kind: 'openai-compatible' },
  { name: 'together', kind: 'openai-compatible' },
  { name: 'custom', kind: 'openai-compatible' },
];

/**
 * Labels for operator-level metrics: a built-in provider name, and a model only when the price table lists it;
 * anything else is `other`. Tenants write provider and model names into their workflows (free text): these
 * labels never carry it, so metrics neither identify a tenant nor grow a series per invented name.
 */
export function publicModelLabels(provider: string, model: string): { provider: string; model: string } {
  if (!BUILT_IN.some((b) => b.name === provider)) return { provider: 'other', model: 'other' };
  const table = DEFAULT_PRICES[provider];
  return { provider, model: table !== undefined && Object.hasOwn(table, model) ? model : 'other' };
}

export interface ProviderModelInfo {
  id: string;
  capabilities: ModelCapabilities;
  /** USD per million tokens, when the price table knows the model. */
  price?: { inputPerMTok: number; outputPerMTok: number };
}

export interface ProviderInfo {
  name: string;
  kind: ProviderKind;
  /** True when the credentials and base URL the provider needs are configured. */
  configured: boolean;
  /** Why it is not configured (never contains a secret). */
  problem?: string;
  /** What a model of this provider can usually do (for models not listed). */
  capabilities: ModelCapabilities;
  /** Known models (from the price table); Ollama's installed models come from `ollama.list()`. */
  models: ProviderModelInfo[];
}

/**
 * Model providers: which are configured, what their models can do, and Ollama's management API (status, list,
 * pull with progress, delete).
 */
export function createProviderService(models: ModelProvider, config: ModelsRuntimeConfig) {
  // Replaced providers (scripted, replayed) are checked against the configuration by a provider that never sends:
  // `check` opens no connection.
  const checker: ModelsProvider = isModelsProvider(models)
    ? models
    : createModelProvider({
        apiKeys: config.modelApiKeys,
        baseURLs: config.modelBaseURLs,
        fetch: () => Promise.reject(new Error('configuration check only')),
      });
  let ollama: OllamaManager | undefined;
  let guard: EgressGuard | undefined;
  // Ollama's management API goes through the egress guard, to the configured OLLAMA_BASE_URL's origin only.
  const manager = () => {
    if (!ollama) {
      const configured = config.modelBaseURLs.ollama;
      const { baseURL } = createOllamaManager(configured ? { baseURL: configured } : {});
      guard = createEgressGuard({ allow: config.egressAllow, allowOrigins: [new URL(baseURL).origin] });
      const fetch = createGuardedFetch(guard, {
        timeoutMs: NO_TOTAL_TIMEOUT_MS,
        maxResponseBytes: MAX_OLLAMA_RESPONSE_BYTES,
      });
      ollama = createOllamaManager({ baseURL, fetch });
    }
    return ollama;
  };
  return {
    async list(): Promise<ProviderInfo[]> {
      return Promise.all(
        BUILT_IN.map(async ({ name, kind }) => {
          const issues = await checker.check({ provider: name, model: 'probe' }).catch(() => []);
          const problem = issues.find((i) => !i.path.endsWith('model'))?.message;
          const table = DEFAULT_PRICES[name] ?? {};
          const info: ProviderInfo = {
            name,
            kind,
            configured: problem === undefined,
            capabilities: modelCapabilities(kind, ''),
            models: Object.entries(table).map(([id, price]) => ({
              id,
              capabilities: modelCapabilities(kind, id),
              price: { inputPerMTok: price.inputPerMTok, outputPerMTok: price.outputPerMTok },
            })),
          };
          if (problem !== undefined) info.problem = problem;
          return info;
        }),
      );
    },
    ollama: {
      status: (): Promise<OllamaStatus> => manager().status(),
      async list(): Promise<(OllamaModelInfo & { capabilities: ModelCapabilities })[]> {
        const installed = await manager().list();
        return installed.map((m) => ({ ...m, capabilities: modelCapabilities('ollama', m.name) }));
      },
      pull: (name: string, onProgress?: (p: OllamaPullProgress) => void, signal?: AbortSignal) =>
        manager().pull(name, onProgress, signal),
      delete: (name: string) => manager().delete(name),
    },
    /** Closes the Ollama guard's connection pool. */
    async close(): Promise<void> {
      await guard?.close();
    },
  };
}

export type ProviderService = ReturnType<typeof createProviderService>;

function isModelsProvider(models: ModelProvider): models is ModelsProvider {
  return typeof (models as Partial<ModelsProvider>).check === 'function';
}
