import { emptyUsage, type Issue } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/engine.js';
import { createToolRegistryForTest } from '../../engine/test/tools.js';
import type { ModelProvider, ModelRequest, ModelResponse } from '../../ports/model-provider.js';

/** A provider that answers from a list of canned responses and records each request. */
/** The issues of a validation, [] when valid. */
function issuesOf(result: { ok: true } | { ok: false; issues: Issue[] }): Issue[] {
  return result.ok ? [] : result.issues;
}

function canned(responses: Partial<ModelResponse>[]): ModelProvider & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  return {
    requests,
    async generate(request, context) {
      requests.push(structuredClone(request));
      const next = responses.shift();
      if (!next) throw new Error('no more responses');
      if (next.text) context.onToken?.(next.text);
      const target = { provider: request.provider ?? '', model: request.model ?? '' };
      const call = { ...target, status: 'ok' as const, latencyMs: 1 };
      context.onCall?.(call);
      return {
        text: '',
        toolCalls: [],
        finishReason: 'stop',
        usage: { ...emptyUsage(), inputTokens: 10, outputTokens: 5, costUsd: 0.001 },
        ...target,
        calls: [call],
        ...next,
      };
    },
  };
}

const agentWorkflow = (config: Record<string, unknown>) => ({
  name: 'agent',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'bot', type: 'agent', config: { provider: 'openai', model: 'gpt-test', ...config } },
  ],
  connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'bot' }],
});

describe('agent node', () => {
  it('renders the prompt, runs a multi-step tool loop and records usage', async () => {
    const models = canned([
      { toolCalls: [{ id: 'call-1', name: 'add', input: { a: 2, b: 3 } }], finishReason: 'tool-calls' },
      { toolCalls: [{ id: 'call-2', name: 'missing_input', input: {} }], finishReason: 'tool-calls' },
      { text: 'The sum is 5.' },
    ]);
    const engine = createEngine({ models, tools: createToolRegistryForTest() });
    const result = await engine.run(
      agentWorkflow({
        prompt: 'Add {{input.a}} and {{input.b}}',
        systemPrompt: 'Be exact.',
        tools: ['add', 'missing_input'],
      }),
      { a: 2, b: 3 },
    );
    expect(result.status).toBe('succeeded');
    expect(result.output).toBe('The sum is 5.');
    expect(models.requests[0]).toMatchObject({
      system: 'Be exact.',
      messages: [{ role: 'user', content: 'Add 2 and 3' }],
    });
    expect(models.requests[0]!.tools?.map((t) => t.name)).toEqual(['add', 'missing_input']);
    // The tool result went back to the model; the failing tool came back as an error result, not a crash.
    expect(models.requests[1]!.messages.at(-1)).toMatchObject({ role: 'tool', toolName: 'add', content: 5 });
    expect(models.requests[2]!.messages.at(-1)).toMatchObject({
      role: 'tool',
      toolName: 'missing_input',
      isError: true,
    });
    const step = (await engine.getSteps(result.executionId)).find((s) => s.agentId === 'bot')!;
    expect(step.usage).toMatchObject({ inputTokens: 30, outputTokens: 15 });
    expect(step.modelCalls).toHaveLength(3);
    expect(result.usage.inputTokens).toBe(30);
  });

  it('validates structured output and retries the step when it does not match', async () => {
    const models = canned([{ text: '{"score": "high"}' }, { text: '```json\n{"score": 0.9}\n```' }]);
    const engine = createEngine({ models });
    const wf = agentWorkflow({
      schema: { type: 'object', properties: { score: { type: 'number' } }, required: ['score'] },
    });
    (wf.agents[1] as Record<string, unknown>).retry = { maxAttempts: 2, initialDelayMs: 1 };
    const result = await engine.run(wf, 'rate this');
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ score: 0.9 });
    expect(
      (await engine.getSteps(result.executionId)).find((s) => s.agentId === 'bot')!.attempts?.[0]?.error
        ?.code,
    ).toBe('AF_STRUCTURED_OUTPUT_INVALID');
  });

  it('stops at maxSteps when the model keeps calling tools', async () => {
    const loop = { toolCalls: [{ id: 'x', name: 'add', input: { a: 1, b: 1 } }] };
    const models = canned([loop, loop]);
    const engine = createEngine({ models, tools: createToolRegistryForTest() });
    const result = await engine.run(agentWorkflow({ tools: ['add'], maxSteps: 2 }), 'go');
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('AF_MAX_AGENT_STEPS');
  });

  it('fails clearly when no provider is configured', async () => {
    const engine = createEngine();
    const wf = agentWorkflow({});
    (wf.agents[1] as Record<string, unknown>).retry = { maxAttempts: 1 };
    const result = await engine.run(wf, 'hi');
    expect(result.error?.code).toBe('AF_PROVIDER_NOT_CONFIGURED');
  });

  it('with chatHistory, sends the workflow input history as earlier turns before the prompt', async () => {
    const models = canned([{ text: 'ok' }, { text: 'ok' }]);
    const engine = createEngine({ models });
    const input = {
      message: 'and now?',
      conversationId: 'cnv_1',
      history: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'system', content: 'ignored: not a chat turn' },
        { role: 'user', content: 42 },
      ],
    };
    const chat = await engine.run(agentWorkflow({ prompt: '{{input.message}}', chatHistory: true }), input);
    expect(chat.status).toBe('succeeded');
    expect(models.requests[0]?.messages).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'user', content: 'and now?' },
    ]);
    await engine.run(agentWorkflow({ prompt: '{{input.message}}' }), input);
    expect(models.requests[1]?.messages).toEqual([{ role: 'user', content: 'and now?' }]);
  });

  it('sends frequencyPenalty and presencePenalty (-2..2) to the model', async () => {
    const models = canned([{ text: 'ok' }]);
    const engine = createEngine({ models });
    const result = await engine.run(agentWorkflow({ frequencyPenalty: 0.5, presencePenalty: -1.5 }), 'hi');
    expect(result.status).toBe('succeeded');
    expect(models.requests[0]).toMatchObject({ frequencyPenalty: 0.5, presencePenalty: -1.5 });
    const issues = issuesOf(engine.validate(agentWorkflow({ frequencyPenalty: 2.5, presencePenalty: -3 })));
    expect(issues.map((i) => i.path).sort()).toEqual([
      'agents[1].config.frequencyPenalty',
      'agents[1].config.presencePenalty',
    ]);
  });

  it('refuses penalties at validation when the provider says the model does not take them', () => {
    const models = {
      ...canned([]),
      capabilities: (provider: string) => ({
        functionCalling: true,
        vision: true,
        streaming: true,
        structuredOutput: true,
        penalties: provider !== 'anthropic',
      }),
    };
    const engine = createEngine({ models });
    const named = issuesOf(
      engine.validate(agentWorkflow({ provider: 'anthropic', model: 'claude-x', frequencyPenalty: 1 })),
    );
    expect(named).toEqual([
      expect.objectContaining({ code: 'AF_UNSUPPORTED_SETTING', path: 'agents[1].config.frequencyPenalty' }),
    ]);
    expect(named[0]?.message).toContain('anthropic/claude-x does not take frequencyPenalty');
    const fallback = issuesOf(
      engine.validate(
        agentWorkflow({ presencePenalty: 1, fallback: [{ provider: 'anthropic', model: 'claude-x' }] }),
      ),
    );
    expect(fallback).toEqual([
      expect.objectContaining({ code: 'AF_UNSUPPORTED_SETTING', path: 'agents[1].config.presencePenalty' }),
    ]);
    expect(issuesOf(engine.validate(agentWorkflow({ frequencyPenalty: 1, presencePenalty: 1 })))).toEqual([]);
  });

  it('takes provider and model together or neither (the default model)', async () => {
    const models = canned([{ text: 'ok' }]);
    const engine = createEngine({ models });
    const wf = agentWorkflow({});
    (wf.agents[1] as { config: Record<string, unknown> }).config = {};
    expect(issuesOf(engine.validate(wf))).toEqual([]);
    expect((await engine.run(wf, 'hi')).status).toBe('succeeded');
    expect(models.requests[0]?.provider).toBeUndefined();
    const modelOnly = agentWorkflow({});
    (modelOnly.agents[1] as { config: Record<string, unknown> }).config = { model: 'gpt-test' };
    expect(issuesOf(engine.validate(modelOnly))).toEqual([
      expect.objectContaining({ code: 'AF_INVALID_CONFIG', path: 'agents[1].config.provider' }),
    ]);
  });
});
