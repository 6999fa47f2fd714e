import { REDACTED, storedToolValue, TOOL_CALL_LIMITS } from '@agentflow/protocol';
import { createScriptedProvider } from '@agentflow/testing';
import { describe, expect, it } from 'vitest';
import { createToolRegistry, defineTool } from '../memory/tool-registry.js';
import { createEngine } from './engine.js';

/** A GET reads, anything else changes something (and waits for approval); `fail` answers a tool error. */
function tools() {
  const http = defineTool<{ url: string; method?: string; headers?: Record<string, string> }, unknown>({
    name: 'http_request',
    description: 'HTTP',
    inputSchema: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] },
    sideEffect: (input) => (input.method ?? 'GET') !== 'GET',
    run: (input) => ({ status: 200, echo: { token: 'from-the-server', url: input.url } }),
  });
  const fail = defineTool<Record<string, unknown>, unknown>({
    name: 'fail',
    description: 'always fails',
    inputSchema: { type: 'object' },
    run: () => {
      throw new Error('boom');
    },
  });
  return createToolRegistry([http, fail]);
}

const get = {
  name: 'http_request',
  input: { url: 'https://example.com', headers: { Authorization: 'Bearer sk-live-1', accept: 'json' } },
};
const post = { name: 'http_request', input: { url: 'https://example.com/p', method: 'POST' } };

const workflow = {
  name: 'tools',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'bot', type: 'agent', config: { provider: 'p', model: 'm', tools: ['http_request', 'fail'] } },
  ],
  connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'bot' }],
};

function model(calls: { name: string; input: unknown }[]) {
  return createScriptedProvider({
    rules: [{ when: { lastUserIncludes: 'go' }, reply: { toolCalls: calls }, times: 1 }],
    fallback: () => 'done',
  });
}

describe('tool calls stored with their step', () => {
  it("keeps an agent's calls with arguments, results and errors, credentials redacted", async () => {
    const engine = createEngine({ models: model([get, { name: 'fail', input: {} }]), tools: tools() });
    const done = await engine.run(workflow, 'go');
    expect(done.status).toBe('succeeded');
    const steps = await engine.getSteps(done.executionId);
    const bot = steps.find((s) => s.agentId === 'bot')!;
    expect(bot.toolCalls).toEqual([
      {
        toolName: 'http_request',
        toolCallId: 'call_1',
        status: 'ok',
        attempt: 1,
        startedAt: expect.any(Number),
        latencyMs: expect.any(Number),
        args: { url: 'https://example.com', headers: { Authorization: REDACTED, accept: 'json' } },
        result: { status: 200, echo: { token: REDACTED, url: 'https://example.com' } },
      },
      expect.objectContaining({
        toolName: 'fail',
        toolCallId: 'call_2',
        status: 'error',
        args: {},
        error: expect.objectContaining({ code: 'AF_TOOL_ERROR' }),
      }),
    ]);
    // Steps that called no tool carry nothing.
    expect(steps.find((s) => s.agentId === 'in')).not.toHaveProperty('toolCalls');
  });

  it('records the approval of an approved call and a rejected call that never ran', async () => {
    for (const approved of [true, false]) {
      const engine = createEngine({ models: model([post]), tools: tools() });
      const paused = await engine.run(workflow, 'go');
      expect(paused.status).toBe('paused');
      const decision = approved ? { approved } : { approved, reason: 'no' };
      const done = await engine.approve(paused.executionId, 'bot', decision);
      expect(done.status).toBe('succeeded');
      const last = (await engine.getSteps(done.executionId)).at(-1)!;
      expect(last.toolCalls).toEqual([
        expect.objectContaining({
          toolName: 'http_request',
          toolCallId: 'call_1',
          status: approved ? 'ok' : 'rejected',
          approval: decision,
          ...(approved
            ? { args: post.input, result: expect.objectContaining({ status: 200 }) }
            : { error: expect.objectContaining({ code: 'AF_TOOL_REJECTED' }) }),
        }),
      ]);
    }
  });

  it("keeps a tool node's call", async () => {
    const engine = createEngine({ tools: tools() });
    const done = await engine.run(
      {
        name: 'tool node',
        agents: [
          { id: 'in', type: 'input' },
          { id: 't', type: 'tool', config: { tool: 'http_request' } },
        ],
        connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 't' }],
      },
      { url: 'https://example.com/x' },
    );
    expect(done.status).toBe('succeeded');
    const step = (await engine.getSteps(done.executionId)).find((s) => s.agentId === 't')!;
    expect(step.toolCalls).toEqual([
      expect.objectContaining({
        toolName: 'http_request',
        toolCallId: step.id,
        status: 'ok',
        args: { url: 'https://example.com/x' },
      }),
    ]);
  });
});

describe('storedToolValue', () => {
  it('cuts a value whose JSON is longer than the limit, keeping a preview', () => {
    const big = { text: 'x'.repeat(TOOL_CALL_LIMITS.valueChars) };
    const stored = storedToolValue(big) as { truncated: boolean; chars: number; preview: string };
    expect(stored.truncated).toBe(true);
    expect(stored.chars).toBe(JSON.stringify(big).length);
    expect(stored.preview).toHaveLength(TOOL_CALL_LIMITS.previewChars);
  });

  it('redacts credential-like keys at any depth, whatever their spelling', () => {
    expect(
      storedToolValue({
        a: [{ api_key: 'k', 'X-Api-Key': 'k2', password: 'p', nested: { client_secret: 's' } }],
      }),
    ).toEqual({
      a: [
        { api_key: REDACTED, 'X-Api-Key': REDACTED, password: REDACTED, nested: { client_secret: REDACTED } },
      ],
    });
    expect(storedToolValue({ token: '', tokens: 12 })).toEqual({ token: '', tokens: 12 });
  });
});
