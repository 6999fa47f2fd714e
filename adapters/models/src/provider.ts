import {
  type ModelCallContext,
  type ModelCapabilities,
  type ModelProvider,
  type ModelRequest,
  type ModelResponse,
  systemClock,
} from '@agentflow/core';
import { AgentFlowError, type Issue, type ModelCallRecord, type Usage } from '@agentflow/protocol';
import { DEFAULT_BREAKER } from './breaker.js';
import { modelCapabilities } from './capabilities.js';
import type { ModelsConfig } from './config.js';
import type { Target } from './errors.js';
import { callbackFailed } from './errors.js';
import { type PreparedCall, prepareCall } from './prepare.js';
import { PriceBook } from './pricing.js';
import { ProviderResolver } from './providers.js';
import { DEFAULT_RETRY } from './retry.js';
import { type PoolHealth, TargetRunner } from './target-runner.js';
import { checkModelRequest } from './validate.js';

const DEFAULT_CONCURRENCY = 16;
const DEFAULT_TIMEOUT_MS = 120_000;

/** The ModelProvider port plus what the runtime needs around it. */
export interface ModelsProvider extends ModelProvider {
  capabilities(provider: string, model: string): ModelCapabilities;
  /**
   * Validation before a run starts: unknown providers, malformed fallback lists, missing credentials and
   * base URLs, each with its path under `path` (e.g. `agents[2].config`).
   */
  check(
    request: Pick<ModelRequest, 'provider' | 'model' | 'fallback' | 'baseURL'>,
    path?: string,
  ): Promise<Issue[]>;
  /** Breaker state and load per provider pool. */
  health(): Record<string, PoolHealth>;
  /** Cost of a call from the price table (USD). */
  cost(provider: string, model: string, inputTokens: number, outputTokens: number): number;
}

function sumUsage(calls: ModelCallRecord[]): Usage {
  const usage: Usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  for (const call of calls) {
    usage.inputTokens += call.inputTokens ?? 0;
    usage.outputTokens += call.outputTokens ?? 0;
    usage.costUsd += call.costUsd ?? 0;
  }
  return usage;
}

function concurrencyFor(config: ModelsConfig) {
  return (_poolKey: string, provider: string): number => {
    const setting = config.concurrency;
    if (typeof setting === 'number') return setting;
    return setting?.[provider] ?? DEFAULT_CONCURRENCY;
  };
}

/**
 * Everything failed: one error naming each provider's last failure, carrying every call made. Its code is the
 * last transient failure's when there is one (the engine's retry policy keys on it), else the last failure's.
 */
function exhausted(failures: AgentFlowError[], calls: ModelCallRecord[]): AgentFlowError {
  const last = (failures.findLast((f) => f.retryable) ?? failures[failures.length - 1]) as AgentFlowError;
  const message =
    failures.length === 1
      ? last.message
      : `All ${failures.length} providers failed: ${failures.map((f) => f.message).join('; ')}`;
  return new AgentFlowError(last.code, message, {
    retryable: failures.some((f) => f.retryable),
    ...(last.retryAfterMs !== undefined && { retryAfterMs: last.retryAfterMs }),
    details: { ...last.details, calls },
    cause: last,
  });
}

/**
 * The ModelProvider port on the Vercel AI SDK. Routes by `request.provider` (gemini, openai, anthropic, ollama,
 * custom, groq, together, plus `config.endpoints`), retries and falls back per the resilience policy, and reports
 * every attempt as a ModelCallRecord with tokens and cost.
 */
export function createModelProvider(config: ModelsConfig): ModelsProvider {
  if (typeof config?.fetch !== 'function') {
    throw new AgentFlowError(
      'AF_INVALID_CONFIG',
      'createModelProvider needs a fetch: the runtime passes one behind the egress guard (tests pass globalThis.fetch)',
    );
  }
  const resolver = new ProviderResolver(config);
  const prices = new PriceBook(config.prices);
  const runner = new TargetRunner({
    resolver,
    prices,
    clock: config.clock ?? systemClock,
    random: config.random ?? Math.random,
    retry: { ...DEFAULT_RETRY, ...config.retry },
    breaker: { ...DEFAULT_BREAKER, ...config.breaker },
    concurrency: concurrencyFor(config),
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });

  async function generate(request: ModelRequest, context: ModelCallContext): Promise<ModelResponse> {
    const calls: ModelCallRecord[] = [];
    const record = (call: ModelCallRecord) => {
      calls.push(call);
      if (context.onCall) {
        try {
          context.onCall(call);
        } catch (error) {
          throw callbackFailed('onCall', error);
        }
      }
    };
    let prepared: PreparedCall;
    try {
      prepared = prepareCall(request);
    } catch (error) {
      throw new AgentFlowError('AF_INVALID_CONFIG', `Invalid model request: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (request.provider === undefined || request.model === undefined) {
      throw new AgentFlowError(
        'AF_PROVIDER_NOT_CONFIGURED',
        'The agent names no provider and model, and no default model was applied: set them on the agent, or a default model for the workspace or the instance (AGENTFLOW_DEFAULT_PROVIDER, AGENTFLOW_DEFAULT_MODEL)',
      );
    }
    const targets: Target[] = [
      { provider: request.provider, model: request.model },
      ...(request.fallback ?? []),
    ];
    checkSettings(request, targets);
    const failures: AgentFlowError[] = [];
    for (const target of targets) {
      try {
        const baseURL =
          target === targets[0] ? request.baseURL : resolver.fallbackBaseURL(target, request.baseURL);
        const last = target === targets[targets.length - 1];
        const result = await runner.run(target, baseURL, prepared, context, record, !last);
        const response: ModelResponse = {
          text: result.text,
          toolCalls: result.toolCalls,
          finishReason: result.finishReason,
          usage: sumUsage(calls),
          provider: target.provider,
          model: target.model,
          calls,
        };
        if (result.object !== undefined) response.object = result.object;
        return response;
      } catch (error) {
        const failure = error as AgentFlowError;
        if (failure.code === 'AF_CANCELLED' || context.signal.aborted) {
          throw new AgentFlowError('AF_CANCELLED', failure.message, { details: { calls }, cause: failure });
        }
        // A caller's callback threw: no provider or retry can fix that.
        if (failure.code === 'AF_INTERNAL') throw failure;
        failures.push(failure);
      }
    }
    throw exhausted(failures, calls);
  }

  function capabilities(provider: string, model: string): ModelCapabilities {
    const kind = resolver.definition(provider).kind;
    const found = modelCapabilities(kind, model);
    // The Responses API takes no penalties (the AI SDK drops them with a warning).
    return kind === 'openai' && config.openaiApi === 'responses' ? { ...found, penalties: false } : found;
  }

  /**
   * Settings a target does not take are refused before any call (AF_UNSUPPORTED_SETTING), rather than dropped
   * by the AI SDK with a warning nobody reads. Validation reports them for the providers a workflow names; this
   * catches the rest (a default model, a provider unknown at validation).
   */
  function checkSettings(request: ModelRequest, targets: Target[]): void {
    const set = (['frequencyPenalty', 'presencePenalty'] as const).filter((k) => request[k] !== undefined);
    if (set.length === 0) return;
    for (const target of targets) {
      if (!resolver.definitions.has(target.provider)) continue; // the runner reports an unknown provider
      if (capabilities(target.provider, target.model).penalties) continue;
      throw new AgentFlowError(
        'AF_UNSUPPORTED_SETTING',
        `${target.provider}/${target.model} does not take ${set.join(' or ')}; remove it from the agent or use OpenAI, an OpenAI-compatible provider or Gemini (nothing was sent)`,
        { retryable: false, details: { provider: target.provider, model: target.model, settings: set } },
      );
    }
  }

  return {
    generate,
    capabilities,
    check: (request, path = '') => checkModelRequest(resolver, request, path),
    health: () => runner.health(),
    cost: (provider, model, inputTokens, outputTokens) =>
      prices.cost(provider, model, inputTokens, outputTokens).costUsd,
  };
}
