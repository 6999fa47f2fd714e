/**
 * Model providers behind the egress guard. Every request a provider package sends (OpenAI, Anthropic, Gemini,
 * Ollama, OpenAI-compatible) goes through the same guard as the HTTP tools: the target is resolved and checked,
 * the connection pinned to the checked address, redirects re-checked (key headers dropped when the origin
 * changes), private, loopback, link-local and metadata addresses refused unless `AGENTFLOW_EGRESS_ALLOW` lists
 * them. The endpoints the administrator configured (`OPENAI_BASE_URL`, `CUSTOM_BASE_URL`, `OLLAMA_BASE_URL`...,
 * and Ollama's local default) are reached at their exact origin whatever their address.
 */
import {
  configuredEndpoints,
  createModelProvider,
  type ModelsConfig,
  type ModelsProvider,
} from '@agentflow/models';
import { createEgressGuard, createGuardedFetch } from '@agentflow/tools';
import type { RuntimeConfig } from './config.js';

/** The largest timer Node accepts: model attempts have their own timeouts (the models adapter's `timeoutMs`). */
const NO_TOTAL_TIMEOUT_MS = 2_147_483_647;
/** Response cap of one model call. */
const MAX_MODEL_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface GuardedModels {
  models: ModelsProvider;
  /** Closes the guard's connection pools. */
  close(): Promise<void>;
}

/** What of the runtime's configuration the model providers use. */
export type ModelsRuntimeConfig = Pick<RuntimeConfig, 'egressAllow' | 'modelApiKeys' | 'modelBaseURLs'>;

/**
 * `createModelProvider` with a fetch behind the egress guard (see the module comment), the operator's keys and base
 * URLs from `config`; `options` adds the rest (workspace key lookups, retry, breaker...).
 */
export function createGuardedModels(
  config: ModelsRuntimeConfig,
  options: Omit<ModelsConfig, 'fetch' | 'apiKeys' | 'baseURLs'> = {},
): GuardedModels {
  const settings = { ...options, apiKeys: config.modelApiKeys, baseURLs: config.modelBaseURLs };
  const endpoints = configuredEndpoints(settings);
  const guard = createEgressGuard({
    allow: config.egressAllow,
    allowOrigins: Object.values(endpoints).map((url) => new URL(url).origin),
  });
  const fetch = createGuardedFetch(guard, {
    timeoutMs: NO_TOTAL_TIMEOUT_MS,
    maxResponseBytes: MAX_MODEL_RESPONSE_BYTES,
  });
  return { models: createModelProvider({ ...settings, fetch }), close: () => guard.close() };
}
