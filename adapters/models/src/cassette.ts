import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ModelCallContext, ModelProvider, ModelRequest, ModelResponse } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';

export interface CassetteResponse extends ModelResponse {
  /** Streamed text deltas, replayed through onToken. */
  tokens?: string[];
}

export interface CassetteEntry {
  provider: string;
  model: string;
  /** Answers in the order they were recorded; identical requests replay them in turn. */
  responses: CassetteResponse[];
}

export interface Cassette {
  version: 1;
  entries: Record<string, CassetteEntry>;
}

/** JSON with object keys sorted, undefined dropped: equal requests give equal text. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** Stable hash of everything that shapes a model's answer. */
export function requestHash(request: ModelRequest): string {
  const { provider, model, system, messages, tools, temperature, maxTokens, topP, stop, responseSchema } =
    request;
  const { fallback, baseURL, frequencyPenalty, presencePenalty } = request;
  // Absent fields are left out, so recordings made before a field existed keep their hashes.
  const key = canonical({
    provider,
    model,
    system,
    messages,
    tools,
    temperature,
    maxTokens,
    topP,
    frequencyPenalty,
    presencePenalty,
    stop,
    responseSchema,
    fallback,
    baseURL,
  });
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function readCassette(path: string): Cassette {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Cassette>;
  if (parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) {
    throw new AgentFlowError('AF_INVALID_CONFIG', `${path} is not an AgentFlow model cassette (version 1)`);
  }
  return parsed as Cassette;
}

/**
 * Wraps a provider and writes every successful request/response to a JSON cassette (appending to an existing
 * one). Writes are serialized and atomic (temp file + rename); `flush()` waits for the last one.
 */
export function createRecordingProvider(
  inner: ModelProvider,
  cassettePath: string,
): ModelProvider & { flush(): Promise<void> } {
  const cassette: Cassette = existsSync(cassettePath)
    ? readCassette(cassettePath)
    : { version: 1, entries: {} };
  let writing: Promise<void> = Promise.resolve();
  let counter = 0;

  const save = () => {
    const text = `${JSON.stringify(cassette, null, 2)}\n`;
    writing = writing.then(async () => {
      await mkdir(dirname(cassettePath), { recursive: true });
      const temp = `${cassettePath}.${process.pid}.${++counter}.tmp`;
      await writeFile(temp, text);
      await rename(temp, cassettePath);
    });
    return writing;
  };

  const provider: ModelProvider & { flush(): Promise<void> } = {
    async generate(request: ModelRequest, context: ModelCallContext): Promise<ModelResponse> {
      const tokens: string[] = [];
      const onToken = context.onToken;
      const wrapped: ModelCallContext = onToken
        ? {
            ...context,
            onToken: (delta) => {
              tokens.push(delta);
              onToken(delta);
            },
          }
        : context;
      const response = await inner.generate(request, wrapped);
      const hash = requestHash(request);
      const entry = cassette.entries[hash] ?? {
        provider: request.provider ?? response.provider,
        model: request.model ?? response.model,
        responses: [],
      };
      cassette.entries[hash] = entry;
      entry.responses.push({ ...structuredClone(response), ...(onToken && { tokens }) });
      await save();
      return response;
    },
    flush: () => writing,
  };
  if (inner.capabilities) provider.capabilities = inner.capabilities.bind(inner);
  return provider;
}

/**
 * Answers from a cassette without any network. A request that was not recorded fails with a non-retryable
 * AF_PROVIDER_ERROR naming its hash.
 */
export function createReplayProvider(cassettePath: string): ModelProvider {
  if (!existsSync(cassettePath)) {
    throw new AgentFlowError('AF_INVALID_CONFIG', `Cassette ${cassettePath} does not exist; record it first`);
  }
  const cassette = readCassette(cassettePath);
  const served = new Map<string, number>();
  return {
    async generate(request: ModelRequest, context: ModelCallContext): Promise<ModelResponse> {
      if (context.signal.aborted) {
        throw new AgentFlowError('AF_CANCELLED', 'model call cancelled', { cause: context.signal.reason });
      }
      const hash = requestHash(request);
      const entry = cassette.entries[hash];
      if (!entry || entry.responses.length === 0) {
        throw new AgentFlowError(
          'AF_PROVIDER_ERROR',
          `No recorded response for request ${hash} (${request.provider}/${request.model}) in cassette ${cassettePath}; the workflow asked something the recording did not, re-record it`,
          {
            retryable: false,
            details: { hash, provider: request.provider, model: request.model, cassettePath },
          },
        );
      }
      const index = served.get(hash) ?? 0;
      served.set(hash, index + 1);
      const recorded = entry.responses[Math.min(index, entry.responses.length - 1)] as CassetteResponse;
      const { tokens, ...response } = structuredClone(recorded);
      if (context.onToken) {
        for (const delta of tokens ?? (response.text ? [response.text] : [])) context.onToken(delta);
      }
      for (const call of response.calls) context.onCall?.(call);
      return response;
    },
  };
}
