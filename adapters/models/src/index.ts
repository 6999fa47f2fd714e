/**
 * @agentflow/models: the ModelProvider port on the Vercel AI SDK (gemini, openai, anthropic, ollama, custom
 * OpenAI-compatible endpoints with groq and together presets), with retries, circuit breakers, concurrency
 * limits, fallback chains, token and cost accounting, Ollama management and record/replay cassettes.
 */
export { type BreakerOptions, type BreakerState, CircuitBreaker, DEFAULT_BREAKER } from './breaker.js';
export { modelCapabilities } from './capabilities.js';
export {
  type Cassette,
  type CassetteEntry,
  type CassetteResponse,
  createRecordingProvider,
  createReplayProvider,
  requestHash,
} from './cassette.js';
export {
  configuredEndpoints,
  type EndpointConfig,
  type ModelFetch,
  type ModelsConfig,
  modelSettingsFromEnv,
  type ProviderKind,
  type ScopedKey,
} from './config.js';
export { parseRetryAfter } from './errors.js';
export {
  createOllamaManager,
  type OllamaManager,
  type OllamaManagerOptions,
  type OllamaModelInfo,
  type OllamaPullProgress,
  type OllamaStatus,
} from './ollama-manager.js';
export { DEFAULT_PRICES, PRICES_AS_OF, type Price, type PriceTable } from './prices.js';
export { type Cost, PriceBook, type PriceOverrides } from './pricing.js';
export { createModelProvider, type ModelsProvider } from './provider.js';
export { DEFAULT_RETRY, type RetryOptions } from './retry.js';
export type { PoolHealth } from './target-runner.js';
