/**
 * Test support (excluded from the build): the fake provider servers and a provider wired to them.
 * Imported by path until @agentflow/testing re-exports the fake servers.
 */
import type { Clock } from '@agentflow/core';
import {
  type FakeOllamaServer,
  type FakeProviderServer,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOllama,
  startFakeOpenAI,
} from '../../../../packages/testing/src/fake-providers/index.js';
import type { ModelsConfig } from '../config.js';
import { createModelProvider, type ModelsProvider } from '../provider.js';

export * from '../../../../packages/testing/src/fake-providers/index.js';
export { seeded } from './seeded.js';

export interface FakeFleet {
  openai: FakeProviderServer;
  anthropic: FakeProviderServer;
  gemini: FakeProviderServer;
  ollama: FakeOllamaServer;
  /** A second OpenAI-wire server standing in for custom/groq/together endpoints. */
  compatible: FakeProviderServer;
  all: FakeProviderServer[];
  reset(): void;
  close(): Promise<void>;
}

export async function startFleet(): Promise<FakeFleet> {
  const [openai, anthropic, gemini, ollama, compatible] = await Promise.all([
    startFakeOpenAI({ apiKey: 'sk-openai' }),
    startFakeAnthropic({ apiKey: 'sk-anthropic' }),
    startFakeGemini({ apiKey: 'gemini-key' }),
    startFakeOllama(),
    startFakeOpenAI(),
  ]);
  const all = [openai, anthropic, gemini, ollama, compatible];
  return {
    openai,
    anthropic,
    gemini,
    ollama,
    compatible,
    all,
    reset: () => {
      for (const s of all) s.reset();
    },
    close: async () => {
      await Promise.all(all.map((s) => s.close()));
    },
  };
}

/** A provider whose every built-in points at the fleet, with tiny retry delays. */
export function fleetProvider(fleet: FakeFleet, config: Partial<ModelsConfig> = {}): ModelsProvider {
  return createModelProvider({
    // The fleet listens on 127.0.0.1: these tests call it without the runtime's egress guard, explicitly.
    fetch: globalThis.fetch,
    apiKeys: {
      openai: 'sk-openai',
      anthropic: 'sk-anthropic',
      gemini: 'gemini-key',
      groq: 'gsk',
      together: 'tk',
    },
    baseURLs: {
      openai: fleet.openai.baseURL,
      anthropic: fleet.anthropic.baseURL,
      gemini: fleet.gemini.baseURL,
      ollama: fleet.ollama.url,
      groq: fleet.compatible.baseURL,
      together: fleet.compatible.baseURL,
    },
    ...config,
    retry: { initialDelayMs: 1, maxDelayMs: 5, ...config.retry },
  });
}

export interface FakeClock extends Clock {
  /** Every sleep requested, in ms. */
  readonly sleeps: number[];
  advance(ms: number): void;
}

/** Time that moves only when told to (or when something sleeps, which returns at once). */
export function fakeClock(start = 1_000_000): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance(ms) {
      now += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
  };
}

export function signal(): AbortSignal {
  return new AbortController().signal;
}
