import { performance } from 'node:perf_hooks';
import type { ModelRequest } from '@agentflow/core';
// Through the package name: under the benchmarks' tsconfig that is the built adapter, the code users run.
import { createModelProvider } from '@agentflow/models';
import { createOpenAI } from '@ai-sdk/openai';

/** The fake OpenAI server from @agentflow/testing (`startFakeOpenAI`), injected to keep it out of production code. */
export interface BenchServer {
  /** `${url}/v1` */
  baseURL: string;
  requests: { firstChunkAt?: number }[];
  reset(): void;
  close(): Promise<void>;
}

export interface ProviderBenchOptions {
  startServer: () => Promise<BenchServer>;
  /** Calls measured per path. (Default: 2000) */
  iterations?: number;
  /** Calls made first and not measured. (Default: 300) */
  warmup?: number;
}

export interface ProviderBenchResult {
  iterations: number;
  /** Raw fetch + JSON parse of the same request to the same server, per call. */
  rawFetch: { meanMs: number; trimmedMeanMs: number; p50Ms: number };
  /** `createModelProvider().generate()` (AI SDK openai chat model, retries/breaker/limiter/cost), per call. */
  adapter: { meanMs: number; trimmedMeanMs: number; p50Ms: number };
  /**
   * The AI SDK's own chat model (`@ai-sdk/openai`, `doGenerate`, no abort signal) making the same request, per
   * call: splits the overhead into what the provider package costs and what this layer adds on top of it.
   */
  sdk: { meanMs: number; trimmedMeanMs: number; p50Ms: number };
  /** The provider package alone, excluding the network: sdk minus raw fetch (p50). */
  sdkOverheadP50Ms: number;
  /** Provider-layer overhead excluding the network: adapter minus raw fetch. Target <= 0.2 ms. */
  overheadMeanMs: number;
  overheadTrimmedMeanMs: number;
  overheadP50Ms: number;
  /** Streaming: from the server writing the first chunk to onToken receiving it (p50, ms). Target <= 5 ms. */
  firstTokenP50Ms: number;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  // Mean of the fastest 99%: drops the GC pauses and scheduler stalls a shared machine adds at random.
  const kept = sorted.slice(0, Math.max(1, Math.floor(sorted.length * 0.99)));
  const trimmed = kept.reduce((a, b) => a + b, 0) / kept.length;
  return {
    meanMs: round(mean),
    trimmedMeanMs: round(trimmed),
    p50Ms: round(sorted[Math.floor(sorted.length / 2)] ?? 0),
  };
}

function round(ms: number): number {
  return Math.round(ms * 10_000) / 10_000;
}

/**
 * Measures the provider layer's own cost per call against a fake OpenAI server on loopback: the same request
 * made with a bare fetch and through the adapter, alternated call by call so both see the same conditions.
 * Medians are the figure to quote on a shared machine; means include GC pauses and scheduler noise.
 */
export async function benchProviderOverhead(options: ProviderBenchOptions): Promise<ProviderBenchResult> {
  const iterations = options.iterations ?? 2000;
  const warmup = options.warmup ?? 300;
  const server = await options.startServer();
  const provider = createModelProvider({
    fetch: globalThis.fetch,
    apiKeys: { openai: 'bench-key' },
    baseURLs: { openai: server.baseURL },
  });
  const request: ModelRequest = {
    provider: 'openai',
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hi' }],
  };
  const rawBody = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
  const signal = new AbortController().signal;
  const sdkModel = createOpenAI({
    apiKey: 'bench-key',
    baseURL: server.baseURL,
    fetch: globalThis.fetch,
  }).chat('gpt-4o-mini');
  const sdkPrompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }];

  const raw = async () => {
    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench-key' },
      body: rawBody,
    });
    await response.json();
  };
  const viaAdapter = async () => {
    await provider.generate(request, { signal });
  };
  const viaSdk = async () => {
    await sdkModel.doGenerate({ prompt: sdkPrompt });
  };

  try {
    for (let i = 0; i < warmup; i++) {
      await raw();
      await viaSdk();
      await viaAdapter();
    }
    // Alternate the paths call by call (order reversed each time) so all see the same machine load.
    const rawSamples: number[] = [];
    const sdkSamples: number[] = [];
    const adapterSamples: number[] = [];
    const timed = async (fn: () => Promise<void>, into: number[]) => {
      const t0 = performance.now();
      await fn();
      into.push(performance.now() - t0);
    };
    for (let i = 0; i < iterations; i++) {
      if (i % 2 === 0) {
        await timed(raw, rawSamples);
        await timed(viaSdk, sdkSamples);
        await timed(viaAdapter, adapterSamples);
      } else {
        await timed(viaAdapter, adapterSamples);
        await timed(viaSdk, sdkSamples);
        await timed(raw, rawSamples);
      }
      if (i % 500 === 499) server.reset();
    }

    const firstToken: number[] = [];
    for (let i = 0; i < Math.min(200, iterations); i++) {
      server.reset();
      let receivedAt = 0;
      await provider.generate(request, {
        signal,
        onToken: () => {
          receivedAt ||= performance.now();
        },
      });
      const sentAt = server.requests[0]?.firstChunkAt;
      if (sentAt !== undefined && receivedAt > 0) firstToken.push(receivedAt - sentAt);
    }

    const rawStats = stats(rawSamples);
    const adapterStats = stats(adapterSamples);
    const sdkStats = stats(sdkSamples);
    return {
      iterations,
      rawFetch: rawStats,
      adapter: adapterStats,
      sdk: sdkStats,
      sdkOverheadP50Ms: round(sdkStats.p50Ms - rawStats.p50Ms),
      overheadMeanMs: round(adapterStats.meanMs - rawStats.meanMs),
      overheadTrimmedMeanMs: round(adapterStats.trimmedMeanMs - rawStats.trimmedMeanMs),
      overheadP50Ms: round(adapterStats.p50Ms - rawStats.p50Ms),
      firstTokenP50Ms: stats(firstToken).p50Ms,
    };
  } finally {
    await server.close();
  }
}
