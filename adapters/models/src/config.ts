import type { Clock } from '@agentflow/core';
import type { BreakerOptions } from './breaker.js';
import type { PriceOverrides } from './pricing.js';
import type { RetryOptions } from './retry.js';

/** The SDK family that talks to a provider. */
export type ProviderKind = 'openai' | 'anthropic' | 'gemini' | 'ollama' | 'openai-compatible';

export interface EndpointConfig {
  baseURL: string;
  /** Environment variable holding the key (read by `modelSettingsFromEnv`, into `apiKeys`). */
  apiKeyEnv?: string;
  apiKey?: string;
}

/**
 * A key found by `resolveKey` (a workspace credential), with the base URLs it may be sent to. It is revealed only
 * when the call's base URL is one of them; otherwise the call fails with AF_CREDENTIAL_SCOPE and nothing is sent.
 */
export interface ScopedKey {
  /** Base URLs the key is bound to. Empty or absent: the provider's configured endpoint only. */
  baseURLs?: readonly string[];
  /** The plaintext, read only once the base URL matched. */
  reveal(): string | Promise<string>;
}

/** The `fetch` every provider package uses: the runtime passes one that goes through the egress guard. */
export type ModelFetch = typeof globalThis.fetch;

export interface ModelsConfig {
  /**
   * The fetch every model request goes through. Required: the runtime passes a fetch behind the egress guard (so a
   * workflow's `baseURL` cannot reach private, loopback or metadata addresses); tests against fake servers on
   * 127.0.0.1 pass `globalThis.fetch` explicitly.
   */
  fetch: ModelFetch;
  /**
   * Looked up first for every call (encrypted workspace credentials, a vault...). Return undefined to fall
   * through to `apiKeys`. A plain string is bound to the provider's configured endpoint.
   */
  resolveKey?: (provider: string) => ScopedKey | string | undefined | Promise<ScopedKey | string | undefined>;
  /**
   * The operator's keys by provider name (the runtime's come from `OPENAI_API_KEY`... through its `loadConfig`,
   * see `modelSettingsFromEnv`), used after `resolveKey`. They are sent only to the provider's configured
   * endpoint, never to a base URL a request names.
   */
  apiKeys?: Partial<Record<string, string>>;
  /**
   * The operator's base URLs by provider name (the runtime's from `OPENAI_BASE_URL`...). These and the built-in
   * defaults are the providers' configured endpoints.
   */
  baseURLs?: Partial<Record<string, string>>;
  /** Which OpenAI API `openai` uses: chat completions (default) or Responses. */
  openaiApi?: 'chat' | 'responses';
  /** More named OpenAI-compatible endpoints (`groq` and `together` are built in). */
  endpoints?: Record<string, EndpointConfig>;
  retry?: Partial<RetryOptions>;
  breaker?: Partial<BreakerOptions>;
  /** Max calls in flight per provider: one number for all, or by provider name. (Default: 16) */
  concurrency?: number | Partial<Record<string, number>>;
  /**
   * Per-attempt timeout in ms: the longest wait for a whole non-streamed answer, or for a streamed answer's
   * first chunk and then between chunks (a long stream that keeps flowing is never cut). (Default: 120000)
   */
  timeoutMs?: number;
  /** Price table additions/overrides, USD per million tokens. */
  prices?: PriceOverrides;
  /** Injectable time for tests. (Default: the system clock) */
  clock?: Clock;
  /** Injectable randomness for jitter, in [0, 1). (Default: Math.random) */
  random?: () => number;
}

export interface ProviderDefinition {
  name: string;
  kind: ProviderKind;
  /** Environment variables holding the key, the first one named in errors. Empty when no key is needed. */
  keyEnv: string[];
  keyRequired: boolean;
  baseURLEnv: string[];
  defaultBaseURL?: string;
  /** Appended when a configured base URL has no path (`http://proxy:8080` -> `http://proxy:8080/v1`). */
  pathSuffix: string;
}

const BUILT_IN: ProviderDefinition[] = [
  {
    name: 'openai',
    kind: 'openai',
    keyEnv: ['OPENAI_API_KEY'],
    keyRequired: true,
    baseURLEnv: ['OPENAI_BASE_URL'],
    defaultBaseURL: 'https://api.openai.com/v1',
    pathSuffix: '/v1',
  },
  {
    name: 'anthropic',
    kind: 'anthropic',
    keyEnv: ['ANTHROPIC_API_KEY'],
    keyRequired: true,
    baseURLEnv: ['ANTHROPIC_BASE_URL'],
    defaultBaseURL: 'https://api.anthropic.com/v1',
    pathSuffix: '/v1',
  },
  {
    name: 'gemini',
    kind: 'gemini',
    keyEnv: ['GEMINI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY'],
    keyRequired: true,
    baseURLEnv: ['GEMINI_BASE_URL'],
    defaultBaseURL: 'https://generativelanguage.googleapis.com/v1beta',
    pathSuffix: '/v1beta',
  },
  {
    name: 'ollama',
    kind: 'ollama',
    keyEnv: ['OLLAMA_API_KEY'],
    keyRequired: false,
    baseURLEnv: ['OLLAMA_BASE_URL', 'OLLAMA_HOST'],
    defaultBaseURL: 'http://127.0.0.1:11434',
    pathSuffix: '/api',
  },
  {
    name: 'custom',
    kind: 'openai-compatible',
    keyEnv: ['CUSTOM_API_KEY'],
    keyRequired: false,
    baseURLEnv: ['CUSTOM_BASE_URL'],
    pathSuffix: '',
  },
  {
    name: 'groq',
    kind: 'openai-compatible',
    keyEnv: ['GROQ_API_KEY'],
    keyRequired: true,
    baseURLEnv: ['GROQ_BASE_URL'],
    defaultBaseURL: 'https://api.groq.com/openai/v1',
    pathSuffix: '',
  },
  {
    name: 'together',
    kind: 'openai-compatible',
    keyEnv: ['TOGETHER_API_KEY'],
    keyRequired: true,
    baseURLEnv: ['TOGETHER_BASE_URL'],
    defaultBaseURL: 'https://api.together.xyz/v1',
    pathSuffix: '',
  },
];

/** Every provider name this configuration routes: the built-ins plus `config.endpoints`. */
export function providerDefinitions(config: ModelsConfig): Map<string, ProviderDefinition> {
  const defs = new Map(BUILT_IN.map((d) => [d.name, d]));
  for (const [name, endpoint] of Object.entries(config.endpoints ?? {})) {
    defs.set(name, {
      name,
      kind: 'openai-compatible',
      keyEnv: endpoint.apiKeyEnv ? [endpoint.apiKeyEnv] : [],
      keyRequired: endpoint.apiKeyEnv !== undefined,
      baseURLEnv: [],
      defaultBaseURL: endpoint.baseURL,
      pathSuffix: '',
    });
  }
  return defs;
}

/** Adds the API version path when a base URL has none; strips a trailing slash. */
export function normalizeBaseURL(raw: string, suffix: string): string {
  // OLLAMA_HOST is often written without a scheme (`0.0.0.0:11434`).
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path === '' ? suffix : path}`;
}

/**
 * The operator's model settings in an environment: each provider's key (`OPENAI_API_KEY`, the first set of
 * `GEMINI_API_KEY`/`GOOGLE_GENERATIVE_AI_API_KEY`, an endpoint's `apiKeyEnv`...) and base URL (`OPENAI_BASE_URL`,
 * `OLLAMA_BASE_URL` else `OLLAMA_HOST`...), as `apiKeys` and `baseURLs`. The variable names are the providers'
 * (`ProviderDefinition.keyEnv`/`baseURLEnv`); the runtime's `loadConfig` is the one caller in production.
 */
export function modelSettingsFromEnv(
  env: Record<string, string | undefined>,
  endpoints?: ModelsConfig['endpoints'],
): { apiKeys: Record<string, string>; baseURLs: Record<string, string> } {
  const apiKeys: Record<string, string> = {};
  const baseURLs: Record<string, string> = {};
  const first = (names: readonly string[]) => {
    for (const name of names) if (env[name]) return env[name];
    return undefined;
  };
  for (const def of providerDefinitions({ endpoints } as ModelsConfig).values()) {
    const key = first(def.keyEnv);
    if (key !== undefined) apiKeys[def.name] = key;
    const baseURL = first(def.baseURLEnv);
    if (baseURL !== undefined) baseURLs[def.name] = baseURL;
  }
  return { apiKeys, baseURLs };
}

/**
 * The endpoints an administrator configured, by provider: `baseURLs` (`OPENAI_BASE_URL`, `CUSTOM_BASE_URL`... in
 * the runtime), `endpoints`, and Ollama's local default. The runtime lets its egress guard reach their origins even
 * when they are private or loopback addresses; built-in public defaults are not listed.
 */
export function configuredEndpoints(config: Omit<ModelsConfig, 'fetch'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const def of providerDefinitions(config as ModelsConfig).values()) {
    let raw = config.baseURLs?.[def.name];
    if (def.kind === 'ollama' || config.endpoints?.[def.name]) raw ??= def.defaultBaseURL;
    if (raw === undefined) continue;
    try {
      out[def.name] = normalizeBaseURL(raw, def.pathSuffix);
    } catch {
      // An invalid base URL is reported by the provider's check; it opens nothing.
    }
  }
  return out;
}
