/**
 * OpenTelemetry traces (issue 17 item 1) with the SDK's InMemorySpanExporter: the span tree and attributes of an
 * execution with two agents side by side on the configured OpenAI provider (a fake server on 127.0.0.1), a tool
 * call, a node retried (an attempt span per attempt), and a provider error (status ERROR and `error.type` up the
 * tree). And tracing off: no tracer, no OpenTelemetry loaded by the runtime.
 */
import { defineNodeType, type ToolHost, type ToolResult } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import { type FakeProviderServer, type RecordedRequest, startFakeOpenAI } from '@agentflow/testing';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from './config.js';
import { createRuntime, type Runtime } from './runtime.js';
import { parseKeyValues, tracesUrl, tracingSettings } from './tracing.js';

/** Fails its first attempt with a retryable error, then answers. */
const flakyNode = defineNodeType({
  type: 'flaky',
  configSchema: z.object({}).passthrough(),
  run: ({ input, context }) => {
    if (context.attempt === 1) {
      throw new AgentFlowError('AF_PROVIDER_ERROR', 'first attempt fails', { retryable: true });
    }
    return { again: input };
  },
});

/** One tool, `lookup`, answering from a table. */
const tools: ToolHost = {
  list: async () => [
    {
      name: 'lookup',
      description: 'Looks a city up',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
      sideEffect: false,
    },
  ],
  call: async (name, input): Promise<ToolResult> =>
    name === 'lookup'
      ? { ok: true, output: { city: (input as { city: string }).city, population: 2_100_000 } }
      : { ok: false, error: { code: 'AF_TOOL_ERROR', message: `no tool ${name}` } },
};

function lastUserText(request: RecordedRequest): string {
  const body = request.body as { messages?: { role: string; content: unknown }[] };
  return JSON.stringify(body.messages ?? []);
}

/** The fake's answers: by model and by what the conversation holds. */
function answer(request: RecordedRequest) {
  if (request.model === 'gpt-broken') return { kind: 'error' as const, status: 400, message: 'bad request' };
  const text = lastUserText(request);
  if (text.includes('Use the tool') && !text.includes('population')) {
    return {
      toolCalls: [{ id: 'call_1', name: 'lookup', input: { city: 'Paris' } }],
      usage: { inputTokens: 20, outputTokens: 5 },
    };
  }
  return { text: 'done', usage: { inputTokens: 30, outputTokens: 7 } };
}

const parallel = {
  name: 'traced',
  agents: [
    { id: 'in', type: 'input' },
    {
      id: 'writer',
      type: 'agent',
      config: { provider: 'openai', model: 'gpt-4o', prompt: 'Write one line.', maxTokens: 200 },
    },
    {
      id: 'researcher',
      type: 'agent',
      config: {
        provider: 'openai',
        model: 'gpt-4o-mini',
        prompt: 'Use the tool to find Paris.',
        tools: ['lookup'],
        maxTokens: 300,
      },
    },
    { id: 'retry', type: 'flaky', config: {}, retry: { maxAttempts: 2, initialDelayMs: 1 } },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 'writer' },
    { id: 'c2', sourceAgentId: 'in', targetAgentId: 'researcher' },
    { id: 'c3', sourceAgentId: 'in', targetAgentId: 'retry' },
    { id: 'c4', sourceAgentId: 'writer', targetAgentId: 'out' },
    { id: 'c5', sourceAgentId: 'researcher', targetAgentId: 'out' },
    { id: 'c6', sourceAgentId: 'retry', targetAgentId: 'out' },
  ],
};

const broken = {
  name: 'broken',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'bot', type: 'agent', config: { provider: 'openai', model: 'gpt-broken', prompt: 'Hi.' } },
  ],
  connections: [{ id: 'c1', sourceAgentId: 'in', targetAgentId: 'bot' }],
};

let openai: FakeProviderServer;
let runtime: Runtime;
const exporter = new InMemorySpanExporter();

beforeAll(async () => {
  openai = await startFakeOpenAI();
  openai.setDefault(answer);
  runtime = await createRuntime({
    inMemory: true,
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseURL },
    nodeTypes: [flakyNode],
    tools,
    traceExporter: exporter,
  });
});
afterAll(async () => {
  await runtime?.close();
  await openai?.close();
});

function spansOf(traceId: string): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
}

const parentId = (s: ReadableSpan) => s.parentSpanContext?.spanId;
const idOf = (s: ReadableSpan) => s.spanContext().spanId;

function only(spans: ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((s) => s.name === name);
  expect(found.map((s) => s.name)).toEqual([name]);
  return found[0]!;
}

describe('traces', () => {
  it('one trace per execution: steps, attempts, GenAI chat and tool spans with their attributes', async () => {
    exporter.reset();
    const result = await runtime.engine.run(parallel, { topic: 'cities' });
    expect(result.status, JSON.stringify(result.error)).toBe('succeeded');
    const root = exporter.getFinishedSpans().find((s) => s.name === 'workflow.execute')!;
    expect(root).toBeDefined();
    const spans = spansOf(root.spanContext().traceId);
    expect(parentId(root)).toBeUndefined();
    expect(root.attributes).toMatchObject({
      'agentflow.execution.id': result.executionId,
      'agentflow.workflow.id': 'traced',
      'agentflow.workflow.version': 1,
      'agentflow.execution.status': 'succeeded',
      'agentflow.execution.resumed': false,
      'gen_ai.usage.input_tokens': 30 + 20 + 30,
      'gen_ai.usage.output_tokens': 7 + 5 + 7,
    });
    expect(root.status.code).not.toBe(SpanStatusCode.ERROR);

    // A span per step under the execution's, one per attempt under its step's.
    const steps = spans.filter((s) => s.name.startsWith('step '));
    expect(steps.map((s) => s.name).sort()).toEqual([
      'step in',
      'step out',
      'step researcher',
      'step retry',
      'step writer',
    ]);
    for (const step of steps) expect(parentId(step)).toBe(idOf(root));
    const retryStep = only(spans, 'step retry');
    expect(retryStep.attributes).toMatchObject({
      'agentflow.agent.id': 'retry',
      'agentflow.node.type': 'flaky',
      'agentflow.step.status': 'succeeded',
      'agentflow.step.attempts': 2,
      'agentflow.step.id': `${result.executionId}:retry:0`,
    });
    const retries = spans
      .filter((s) => s.name === 'attempt retry')
      .sort(
        (a, b) =>
          Number(a.attributes['agentflow.step.attempt']) - Number(b.attributes['agentflow.step.attempt']),
      );
    expect(retries.map((s) => s.attributes['agentflow.step.attempt'])).toEqual([1, 2]);
    for (const a of retries) expect(parentId(a)).toBe(idOf(retryStep));
    expect(retries[0]!.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'first attempt fails' });
    expect(retries[0]!.attributes['error.type']).toBe('AF_PROVIDER_ERROR');
    expect(retries[1]!.status.code).not.toBe(SpanStatusCode.ERROR);

    // The two agents ran side by side: their step spans overlap in time.
    const writer = only(spans, 'step writer');
    const researcher = only(spans, 'step researcher');
    const ns = (t: [number, number]) => t[0] * 1e9 + t[1];
    expect(ns(writer.startTime)).toBeLessThan(ns(researcher.endTime));
    expect(ns(researcher.startTime)).toBeLessThan(ns(writer.endTime));

    // GenAI inference spans under the agents' attempts.
    const writerAttempt = only(spans, 'attempt writer');
    const chat4o = only(spans, 'chat gpt-4o');
    expect(parentId(chat4o)).toBe(idOf(writerAttempt));
    expect(chat4o.kind).toBe(SpanKind.CLIENT);
    expect(chat4o.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.request.max_tokens': 200,
      'gen_ai.response.model': 'gpt-4o',
      'gen_ai.usage.input_tokens': 30,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    const researcherAttempt = only(spans, 'attempt researcher');
    const minis = spans.filter((s) => s.name === 'chat gpt-4o-mini');
    expect(minis).toHaveLength(2);
    for (const m of minis) expect(parentId(m)).toBe(idOf(researcherAttempt));
    const tool = only(spans, 'execute_tool lookup');
    expect(parentId(tool)).toBe(idOf(researcherAttempt));
    expect(tool.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup',
      'gen_ai.tool.call.id': 'call_1',
    });
    // The tool ran between the two model calls of the researcher.
    const [first, second] = minis.sort((a, b) => ns(a.startTime) - ns(b.startTime));
    expect(first!.attributes['gen_ai.response.finish_reasons']).toEqual(['tool-calls']);
    expect(ns(tool.startTime)).toBeGreaterThanOrEqual(ns(first!.endTime) - 1e6);
    expect(ns(tool.endTime)).toBeLessThanOrEqual(ns(second!.startTime) + 1e6);
    // Every span of the trace hangs off the execution's.
    const ids = new Set(spans.map(idOf));
    for (const s of spans) if (s !== root) expect(ids.has(parentId(s)!)).toBe(true);
  });

  it('a provider error: the chat, attempt, step and execution spans fail with error.type', async () => {
    exporter.reset();
    const result = await runtime.engine.run(broken, {});
    expect(result.status).toBe('failed');
    const code = result.error!.code;
    const root = exporter.getFinishedSpans().find((s) => s.name === 'workflow.execute')!;
    const spans = spansOf(root.spanContext().traceId);
    const chat = only(spans, 'chat gpt-broken');
    const attempt = only(spans, 'attempt bot');
    const step = only(spans, 'step bot');
    for (const span of [chat, attempt, step, root]) {
      expect(span.status.code, span.name).toBe(SpanStatusCode.ERROR);
      expect(span.attributes['error.type'], span.name).toBe(code);
    }
    expect(chat.attributes['gen_ai.response.model']).toBeUndefined();
    expect(root.attributes['agentflow.execution.status']).toBe('failed');
  });
});

describe('tracing configuration', () => {
  it('is off without an endpoint, on with one, and OTEL_SDK_DISABLED wins', () => {
    expect(tracingSettings(loadConfig({}))).toBeUndefined();
    const on = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/',
      OTEL_SERVICE_NAME: 'af-test',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%20def,bad',
    });
    expect(tracingSettings(on)).toMatchObject({
      endpoint: 'http://127.0.0.1:4318/v1/traces',
      serviceName: 'af-test',
      headers: { 'x-api-key': 'abc def' },
    });
    expect(tracesUrl({ otlpTracesEndpoint: 'http://c:1/custom' })).toBe('http://c:1/custom');
    expect(
      tracingSettings(
        loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' }),
      ),
    ).toBeUndefined();
    expect(parseKeyValues('a=1,b=two=2')).toEqual({ a: '1', b: 'two=2' });
  });

  it('a runtime without tracing has no tracer', async () => {
    const plain = await createRuntime({ inMemory: true, env: {} });
    try {
      expect(plain.tracing).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
