import type { ModelProvider, ModelRequest } from '@agentflow/core';
import { isAgentFlowError } from '@agentflow/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** What the contract asks a provider to answer next; the fixture makes its provider answer exactly that. */
export type ContractReply =
  | { text: string }
  | { toolCalls: { name: string; input: unknown }[] }
  | { json: unknown }
  | { error: 'bad-request' }
  | { hang: true };

export interface ModelProviderFixture {
  /** Makes the provider's next answer `reply`, and returns the provider. */
  next(reply: ContractReply): ModelProvider;
  /** Provider and model names the requests use. */
  target: { provider: string; model: string };
  cleanup?: () => Promise<void>;
}

/**
 * The ModelProvider contract: text, streaming, tool calls, structured output, usage and call records,
 * non-retryable errors as AgentFlowErrors, and cancellation. Every adapter of the port must pass it.
 */
export function defineModelProviderContract(
  name: string,
  factory: () => Promise<ModelProviderFixture>,
): void {
  describe(`ModelProvider contract: ${name}`, () => {
    let fx: ModelProviderFixture;
    beforeAll(async () => {
      fx = await factory();
    });
    afterAll(async () => {
      await fx.cleanup?.();
    });
    const request = (over: Partial<ModelRequest> = {}): ModelRequest => ({
      ...fx.target,
      messages: [{ role: 'user', content: 'Say hello' }],
      ...over,
    });

    it('answers with text, usage and one call record per attempt', async () => {
      const calls: unknown[] = [];
      const response = await fx.next({ text: 'hello world' }).generate(request({ system: 'Be brief.' }), {
        signal: new AbortController().signal,
        onCall: (c) => calls.push(c),
      });
      expect(response.text).toBe('hello world');
      expect(response.toolCalls).toEqual([]);
      expect(response.finishReason).toBe('stop');
      expect(response.provider).toBe(fx.target.provider);
      expect(response.model).toBe(fx.target.model);
      expect(response.usage.inputTokens).toBeGreaterThanOrEqual(0);
      expect(response.usage.outputTokens).toBeGreaterThan(0);
      expect(response.calls.at(-1)).toMatchObject({
        status: 'ok',
        provider: fx.target.provider,
        model: fx.target.model,
      });
      expect(calls).toHaveLength(response.calls.length);
    });

    it('streams tokens that add up to the text', async () => {
      let streamed = '';
      const response = await fx.next({ text: 'one two three' }).generate(request(), {
        signal: new AbortController().signal,
        onToken: (delta) => {
          streamed += delta;
        },
      });
      expect(response.text).toBe('one two three');
      expect(streamed).toBe('one two three');
    });

    it('returns tool calls the model asks for', async () => {
      const tools = [
        {
          name: 'lookup',
          description: 'Looks something up',
          inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
          sideEffect: false,
        },
      ];
      const response = await fx
        .next({ toolCalls: [{ name: 'lookup', input: { q: 'agentflow' } }] })
        .generate(request({ tools }), { signal: new AbortController().signal });
      expect(response.finishReason).toBe('tool-calls');
      expect(response.toolCalls).toHaveLength(1);
      expect(response.toolCalls[0]).toMatchObject({ name: 'lookup', input: { q: 'agentflow' } });
      expect(typeof response.toolCalls[0]!.id).toBe('string');
    });

    it('returns structured output matching the schema', async () => {
      const responseSchema = {
        type: 'object',
        properties: { score: { type: 'number' } },
        required: ['score'],
      };
      const response = await fx
        .next({ json: { score: 0.75 } })
        .generate(request({ responseSchema }), { signal: new AbortController().signal });
      const value = response.object ?? JSON.parse(response.text);
      expect(value).toEqual({ score: 0.75 });
    });

    it('reports a bad request as a non-retryable AgentFlowError', async () => {
      const error = await fx
        .next({ error: 'bad-request' })
        .generate(request(), { signal: new AbortController().signal })
        .catch((e: unknown) => e);
      expect(isAgentFlowError(error)).toBe(true);
      if (isAgentFlowError(error)) expect(error.retryable).toBe(false);
    });

    it('stops when its signal aborts', async () => {
      const controller = new AbortController();
      const pending = fx.next({ hang: true }).generate(request(), { signal: controller.signal });
      setTimeout(() => controller.abort(new Error('stop')), 20);
      await expect(pending).rejects.toBeDefined();
    });
  });
}
