import { backoffDelay, type Clock, type ModelCallContext, onAbort } from '@agentflow/core';
import { AgentFlowError, type ModelCallRecord, toErrorInfo } from '@agentflow/protocol';
import { type AttemptResult, runAttempt } from './attempt.js';
import { type BreakerOptions, CircuitBreaker } from './breaker.js';
import { AttemptTimeout, countsAgainstProvider, type Target, toProviderError } from './errors.js';
import { ConcurrencyLimiter } from './limiter.js';
import type { PreparedCall } from './prepare.js';
import type { PriceBook } from './pricing.js';
import type { ProviderResolver, ResolvedTarget } from './providers.js';
import type { RetryOptions } from './retry.js';

export interface RunnerOptions {
  resolver: ProviderResolver;
  prices: PriceBook;
  clock: Clock;
  random: () => number;
  retry: RetryOptions;
  breaker: BreakerOptions;
  concurrency: (poolKey: string, provider: string) => number;
  timeoutMs: number;
}

export interface PoolHealth {
  breaker: CircuitBreaker['state'];
  inFlight: number;
  queued: number;
}

const MAX_BREAKERS = 4096;

/** `latencyMs` is the provider call's own time, queueing for a concurrency slot excluded. */
type Outcome =
  | { ok: true; result: AttemptResult; latencyMs: number }
  | { ok: false; error: AgentFlowError; latencyMs: number };

/**
 * Runs one provider/model with the resilience policy: circuit breaker, concurrency limit, per-attempt timeout,
 * retries with exponential backoff and full jitter (Retry-After honoured), never retrying permanent errors.
 * Every attempt, refused ones included, is reported through `record`.
 */
export class TargetRunner {
  /** By breaker key (provider, base URL, model, key hash), each with the pool it belongs to. */
  private readonly breakers = new Map<string, { pool: string; breaker: CircuitBreaker }>();
  private readonly limiters = new Map<string, ConcurrencyLimiter>();
  private readonly now: () => number;

  constructor(private readonly options: RunnerOptions) {
    this.now = () => options.clock.now();
  }

  /** Per pool: its limiter's load and its most tripped circuit (open, then half-open, then closed). */
  health(): Record<string, PoolHealth> {
    const out: Record<string, PoolHealth> = {};
    const rank = { closed: 0, 'half-open': 1, open: 2 } as const;
    for (const [key, limiter] of this.limiters) {
      out[key] = { breaker: 'closed', inFlight: limiter.inFlight, queued: limiter.queued };
    }
    for (const { pool, breaker } of this.breakers.values()) {
      out[pool] ??= { breaker: 'closed', inFlight: 0, queued: 0 };
      const entry = out[pool];
      const state = breaker.state;
      if (rank[state] > rank[entry.breaker]) entry.breaker = state;
    }
    return out;
  }

  async run(
    target: Target,
    baseURL: string | undefined,
    call: PreparedCall,
    context: ModelCallContext,
    record: (call: ModelCallRecord) => void,
    /** More providers follow in the chain: an open circuit is given up on at once. (Default: false) */
    fallbackFollows = false,
  ): Promise<AttemptResult> {
    const fail = (
      error: AgentFlowError,
      latencyMs = 0,
      tokens?: { inputTokens: number; outputTokens: number },
    ) => {
      record(this.record(target, 'error', latencyMs, tokens, error));
      return error;
    };
    const { resolver } = this.options;
    let resolved = resolver.cached(target.provider, target.model, baseURL);
    if (!resolved) {
      try {
        resolved = await resolver.resolve(target.provider, target.model, baseURL);
      } catch (error) {
        throw fail(toProviderError(error, target, { cancelled: context.signal, now: this.now() }));
      }
    }
    const breaker = this.breaker(resolved.breakerKey, resolved.poolKey);
    const limiter = this.limiter(resolved.poolKey, target.provider);
    for (let attempt = 1; ; attempt++) {
      if (!breaker.tryAcquire() && !(await this.waitForProbes(breaker, fallbackFollows, context.signal))) {
        // Refused at once, never waited for here: the fallback chain moves on now, and the error tells the
        // node's retry when a probe will be let through (at least 1 ms: a half-open circuit full of probes).
        const retryAfterMs = Math.max(1, breaker.retryInMs());
        throw fail(
          new AgentFlowError(
            'AF_PROVIDER_ERROR',
            `${target.provider}/${target.model} circuit is open after repeated failures; next probe in ${retryAfterMs} ms`,
            {
              retryable: true,
              retryAfterMs,
              details: { provider: target.provider, model: target.model, circuit: breaker.state },
            },
          ),
        );
      }
      const outcome = await this.attempt(resolved, target, call, context, limiter);
      const { latencyMs } = outcome;
      if (outcome.ok) {
        breaker.success();
        record(this.record(target, 'ok', latencyMs, outcome.result));
        return outcome.result;
      }
      const { error } = outcome;
      if (countsAgainstProvider(error)) breaker.failure();
      else breaker.release();
      const tokens = error.details?.usage as { inputTokens: number; outputTokens: number } | undefined;
      fail(error, latencyMs, tokens);
      if (error.code === 'AF_CANCELLED' || !error.retryable || attempt >= this.options.retry.maxAttempts)
        throw error;
      const delay = backoffDelay(this.options.retry, attempt, error.retryAfterMs, this.options.random);
      if (delay === undefined) throw error;
      try {
        await this.options.clock.sleep(delay, context.signal);
      } catch (reason) {
        throw new AgentFlowError('AF_CANCELLED', `${target.provider}/${target.model} call cancelled`, {
          cause: reason,
        });
      }
    }
  }

  /**
   * With no fallback left, a caller refused by a half-open circuit (its probes all out) waits for them to decide,
   * up to one attempt's timeout, instead of failing with the whole herd; true when it then got a slot.
   */
  private async waitForProbes(
    breaker: CircuitBreaker,
    fallbackFollows: boolean,
    cancelled: AbortSignal,
  ): Promise<boolean> {
    if (fallbackFollows) return false;
    const deadline = Date.now() + this.options.timeoutMs;
    while (breaker.state === 'half-open' && !cancelled.aborted) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let stop = () => {};
      await new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
        stop = onAbort(cancelled, resolve);
        breaker.changed().then(resolve);
      });
      clearTimeout(timer);
      stop();
      if (breaker.tryAcquire()) return true;
    }
    return false;
  }

  private async attempt(
    resolved: ResolvedTarget,
    target: Target,
    call: PreparedCall,
    context: ModelCallContext,
    limiter: ConcurrencyLimiter,
  ): Promise<Outcome> {
    const cancelled = context.signal;
    try {
      const wait = limiter.acquire(cancelled);
      if (wait) await wait;
    } catch (reason) {
      return {
        ok: false,
        error: toProviderError(reason, target, { cancelled, now: this.now() }),
        latencyMs: 0,
      };
    }
    const started = this.now();
    const controller = new AbortController();
    const stopListening = onAbort(cancelled, () => controller.abort(cancelled.reason));
    const timeoutMs = this.options.timeoutMs;
    const timer = setTimeout(() => controller.abort(new AttemptTimeout(timeoutMs)), timeoutMs);
    try {
      // Streams time out on silence, not on length: every chunk pushes the deadline back.
      const onActivity = () => timer.refresh();
      const result = await runAttempt(resolved.model, call, controller.signal, context.onToken, onActivity);
      return { ok: true, result, latencyMs: this.now() - started };
    } catch (thrown) {
      const reason = controller.signal.aborted && !cancelled.aborted ? controller.signal.reason : thrown;
      const error = toProviderError(reason, target, {
        cancelled,
        now: this.now(),
        ...(resolved.keyHint && { keyHint: resolved.keyHint }),
      });
      return { ok: false, error, latencyMs: this.now() - started };
    } finally {
      clearTimeout(timer);
      stopListening();
      limiter.release();
    }
  }

  private record(
    target: Target,
    status: 'ok' | 'error',
    latencyMs: number,
    tokens: { inputTokens: number; outputTokens: number } | undefined,
    error?: AgentFlowError,
  ): ModelCallRecord {
    const out: ModelCallRecord = { provider: target.provider, model: target.model, status, latencyMs };
    if (tokens) {
      out.inputTokens = tokens.inputTokens;
      out.outputTokens = tokens.outputTokens;
      out.costUsd = this.options.prices.cost(
        target.provider,
        target.model,
        tokens.inputTokens,
        tokens.outputTokens,
      ).costUsd;
    }
    if (error) {
      const info = toErrorInfo(error);
      if (info.details?.usage) {
        const { usage: _usage, ...rest } = info.details;
        info.details = rest;
      }
      out.error = info;
    }
    return out;
  }

  private breaker(key: string, pool: string): CircuitBreaker {
    let entry = this.breakers.get(key);
    if (!entry) {
      // One per workspace key and model: forget closed circuits (they hold no state worth keeping) past a bound.
      if (this.breakers.size >= MAX_BREAKERS) {
        for (const [k, e] of this.breakers) if (e.breaker.state === 'closed') this.breakers.delete(k);
      }
      entry = { pool, breaker: new CircuitBreaker(this.options.breaker, this.now) };
      this.breakers.set(key, entry);
    }
    return entry.breaker;
  }

  private limiter(key: string, provider: string): ConcurrencyLimiter {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new ConcurrencyLimiter(this.options.concurrency(key, provider));
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}
