import type { ModelRequest, ToolSpec } from '@agentflow/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelsConfig } from './config.js';
import {
  type FakeFleet,
  type FakeProviderServer,
  fleetProvider,
  type RecordedRequest,
  signal,
  startFleet,
} from './test-support/index.js';

// biome-ignore lint/suspicious/noExplicitAny: wire bodies are inspected loosely
type Body = Record<string, any>;

interface Settings {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  stop?: string[];
  system?: string;
}

interface Case {
  name: string;
  provider: string;
  model: string;
  server: (fleet: FakeFleet) => FakeProviderServer;
  config?: Partial<ModelsConfig>;
  custom?: boolean;
  settings: (body: Body) => Settings;
  /** Settings the provider's API does not take with the others (the SDK drops them with a warning). */
  dropped?: Partial<Settings>;
}

const chatSettings = (b: Body): Settings => ({
  temperature: b.temperature,
  maxTokens: b.max_tokens,
  topP: b.top_p,
  stop: b.stop,
  system: b.messages?.[0]?.role === 'system' ? b.messages[0].content : undefined,
});

const cases: Case[] = [
  {
    name: 'openai (chat completions)',
    provider: 'openai',
    model: 'gpt-4o-mini',
    server: (f) => f.openai,
    settings: chatSettings,
  },
  {
    name: 'openai (responses)',
    provider: 'openai',
    model: 'gpt-4o-mini',
    server: (f) => f.openai,
    config: { openaiApi: 'responses' },
    settings: (b) => ({
      temperature: b.temperature,
      maxTokens: b.max_output_tokens,
      topP: b.top_p,
      stop: b.stop,
      system: b.input?.[0]?.role === 'system' ? b.input[0].content : undefined,
    }),
    // The Responses API has no stop sequences.
    dropped: { stop: undefined },
  },
  {
    name: 'anthropic',
    provider: 'anthropic',
    model: 'claude-haiku-4-5',
    server: (f) => f.anthropic,
    settings: (b) => ({
      temperature: b.temperature,
      maxTokens: b.max_tokens,
      topP: b.top_p,
      stop: b.stop_sequences,
      system: b.system?.[0]?.text,
    }),
    // Anthropic rejects temperature and top_p together; the SDK keeps temperature.
    dropped: { topP: undefined },
  },
  {
    name: 'gemini',
    provider: 'gemini',
    model: 'gemini-2.5-flash',
    server: (f) => f.gemini,
    settings: (b) => ({
      temperature: b.generationConfig?.temperature,
      maxTokens: b.generationConfig?.maxOutputTokens,
      topP: b.generationConfig?.topP,
      stop: b.generationConfig?.stopSequences,
      system: b.systemInstruction?.parts?.[0]?.text,
    }),
  },
  {
    name: 'ollama',
    provider: 'ollama',
    model: 'llama3.2',
    server: (f) => f.ollama,
    settings: (b) => ({
      temperature: b.options?.temperature,
      maxTokens: b.options?.num_predict,
      topP: b.options?.top_p,
      stop: b.options?.stop,
      system: b.messages?.[0]?.role === 'system' ? b.messages[0].content : undefined,
    }),
  },
  {
    name: 'custom (OpenAI-compatible, per-request baseURL)',
    provider: 'custom',
    model: 'qwen2.5-7b-instruct',
    server: (f) => f.compatible,
    custom: true,
    settings: chatSettings,
  },
  {
    name: 'groq preset',
    provider: 'groq',
    model: 'llama-3.3-70b-versatile',
    server: (f) => f.compatible,
    settings: chatSettings,
  },
];

const weatherTool: ToolSpec = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  sideEffect: false,
};

const answerSchema = {
  type: 'object',
  properties: { answer: { type: 'string' }, confidence: { type: 'number' } },
  required: ['answer', 'confidence'],
  additionalProperties: false,
};

let fleet: FakeFleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.close();
});
beforeEach(() => fleet.reset());

describe.each(cases)('$name', (c) => {
  const server = () => c.server(fleet);
  const provider = () => fleetProvider(fleet, c.config);
  const request = (extra: Partial<ModelRequest> = {}): ModelRequest => ({
    provider: c.provider,
    model: c.model,
    messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
    ...(c.custom && { baseURL: fleet.compatible.baseURL }),
    ...extra,
  });
  const last = (): RecordedRequest => {
    const calls = server().modelRequests();
    return calls[calls.length - 1] as RecordedRequest;
  };

  it('generates text with usage, cost and one call record', async () => {
    server().enqueue({ text: 'It is sunny.', usage: { inputTokens: 1200, outputTokens: 300 } });
    const models = provider();
    const response = await models.generate(request(), { signal: signal() });
    expect(response.text).toBe('It is sunny.');
    expect(response.finishReason).toBe('stop');
    expect(response.toolCalls).toEqual([]);
    expect(response.provider).toBe(c.provider);
    expect(response.usage.inputTokens).toBe(1200);
    expect(response.usage.outputTokens).toBe(300);
    expect(response.usage.costUsd).toBeCloseTo(models.cost(c.provider, c.model, 1200, 300), 10);
    expect(response.calls).toMatchObject([
      { provider: c.provider, model: c.model, status: 'ok', inputTokens: 1200 },
    ]);
    expect(last().stream).toBe(false);
    expect(last().model).toBe(c.model);
  });

  it('streams tokens to onToken as they arrive', async () => {
    server().enqueue({ text: 'One two three four.', usage: { inputTokens: 10, outputTokens: 4 } });
    const deltas: string[] = [];
    const response = await provider().generate(request(), {
      signal: signal(),
      onToken: (d) => deltas.push(d),
    });
    expect(deltas.filter((d) => d !== '')).toEqual(['One ', 'two ', 'three ', 'four.']);
    expect(response.text).toBe('One two three four.');
    expect(response.usage).toMatchObject({ inputTokens: 10, outputTokens: 4 });
    expect(last().stream).toBe(true);
  });

  it.each([false, true])('returns tool calls to the caller (streaming: %s)', async (streaming) => {
    server().enqueue({ toolCalls: [{ name: 'get_weather', input: { city: 'Paris' } }] });
    const response = await provider().generate(request({ tools: [weatherTool] }), {
      signal: signal(),
      ...(streaming && { onToken: () => {} }),
    });
    expect(response.finishReason).toBe('tool-calls');
    expect(response.toolCalls).toHaveLength(1);
    expect(response.toolCalls[0]).toMatchObject({ name: 'get_weather', input: { city: 'Paris' } });
    expect(response.toolCalls[0]?.id).toEqual(expect.any(String));
    expect(JSON.stringify(last().body)).toContain('Current weather for a city');
  });

  it('sends earlier tool calls and their results back to the model', async () => {
    server().enqueue({ text: 'Sunny, 18C.' });
    const response = await provider().generate(
      request({
        tools: [weatherTool],
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }],
          },
          { role: 'tool', toolCallId: 'call_1', toolName: 'get_weather', content: { forecast: 'sunny-18C' } },
        ],
      }),
      { signal: signal() },
    );
    expect(response.text).toBe('Sunny, 18C.');
    const body = JSON.stringify(last().body);
    expect(body).toContain('sunny-18C');
    expect(body).toContain('get_weather');
  });

  it.each([false, true])(
    'returns structured output validated against the schema (streaming: %s)',
    async (streaming) => {
      server().enqueue({ json: { answer: 'Paris', confidence: 0.9 } });
      const response = await provider().generate(request({ responseSchema: answerSchema }), {
        signal: signal(),
        ...(streaming && { onToken: () => {} }),
      });
      expect(response.object).toEqual({ answer: 'Paris', confidence: 0.9 });
      expect(JSON.stringify(last().body)).toContain('confidence');
    },
  );

  it('retries, then fails with AF_STRUCTURED_OUTPUT_INVALID, when replies do not match the schema', async () => {
    server().setDefault({ json: { answer: 'Paris' } });
    const error = await provider()
      .generate(request({ responseSchema: answerSchema }), { signal: signal() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AF_STRUCTURED_OUTPUT_INVALID' });
    expect((error as Error).message).toContain('confidence');
    expect(server().modelRequests()).toHaveLength(3);
  });

  it('passes the system prompt, temperature, max tokens, top-p and stop sequences', async () => {
    await provider().generate(
      request({ system: 'Be brief.', temperature: 0.3, maxTokens: 50, topP: 0.9, stop: ['END'] }),
      { signal: signal() },
    );
    expect(c.settings(last().body as Body)).toEqual({
      temperature: 0.3,
      maxTokens: 50,
      topP: 0.9,
      stop: ['END'],
      system: 'Be brief.',
      ...c.dropped,
    });
  });
});
