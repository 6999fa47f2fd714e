import type { ModelResponse, ToolCall } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import type { LanguageModelV3, LanguageModelV3Content, LanguageModelV3Usage } from '@ai-sdk/provider';
import { callbackFailed } from './errors.js';
import type { PreparedCall } from './prepare.js';

export interface AttemptResult {
  text: string;
  object?: unknown;
  toolCalls: ToolCall[];
  finishReason: ModelResponse['finishReason'];
  inputTokens: number;
  outputTokens: number;
}

/** A reply that is not a usable answer (bad tool-call JSON, a stream that stopped early): retried. */
export class MalformedReply extends Error {
  override name = 'MalformedReply';
}

function toolCall(id: string, name: string, input: string): ToolCall {
  if (input.trim() === '') return { id, name, input: {} };
  try {
    return { id, name, input: JSON.parse(input) };
  } catch {
    throw new MalformedReply(`tool call ${name} has arguments that are not JSON: ${input.slice(0, 120)}`);
  }
}

function tokens(usage: LanguageModelV3Usage | undefined) {
  return { inputTokens: usage?.inputTokens.total ?? 0, outputTokens: usage?.outputTokens.total ?? 0 };
}

function finish(call: PreparedCall, answer: AttemptResult): AttemptResult {
  if (!call.validate || answer.toolCalls.length > 0) return answer;
  try {
    answer.object = call.validate(answer.text);
  } catch (error) {
    throw new AgentFlowError('AF_STRUCTURED_OUTPUT_INVALID', (error as Error).message, {
      details: {
        text: answer.text.slice(0, 300),
        usage: { inputTokens: answer.inputTokens, outputTokens: answer.outputTokens },
      },
    });
  }
  return answer;
}

async function generate(
  model: LanguageModelV3,
  call: PreparedCall,
  signal: AbortSignal,
): Promise<AttemptResult> {
  const result = await model.doGenerate({ ...call.options, abortSignal: signal });
  let text = '';
  const toolCalls: ToolCall[] = [];
  for (const part of result.content as LanguageModelV3Content[]) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'tool-call' && !part.providerExecuted) {
      toolCalls.push(toolCall(part.toolCallId, part.toolName, part.input));
    }
  }
  return finish(call, {
    text,
    toolCalls,
    finishReason: result.finishReason.unified,
    ...tokens(result.usage),
  });
}

async function stream(
  model: LanguageModelV3,
  call: PreparedCall,
  signal: AbortSignal,
  onToken: (delta: string) => void,
  onActivity: () => void,
): Promise<AttemptResult> {
  // Raw chunks make every provider event visible, so the idle timer sees events that yield no part.
  const { stream } = await model.doStream({ ...call.options, includeRawChunks: true, abortSignal: signal });
  const reader = stream.getReader();
  let text = '';
  const toolCalls: ToolCall[] = [];
  let finished:
    | { reason: ModelResponse['finishReason']; raw: string | undefined; usage: LanguageModelV3Usage }
    | undefined;
  try {
    for (;;) {
      const { done, value: part } = await reader.read();
      if (done) break;
      onActivity();
      switch (part.type) {
        case 'text-delta':
          if (part.delta) {
            text += part.delta;
            try {
              onToken(part.delta);
            } catch (error) {
              throw callbackFailed('onToken', error);
            }
          }
          break;
        case 'tool-call':
          if (!part.providerExecuted) toolCalls.push(toolCall(part.toolCallId, part.toolName, part.input));
          break;
        case 'finish':
          finished = { reason: part.finishReason.unified, raw: part.finishReason.raw, usage: part.usage };
          break;
        case 'error':
          throw part.error;
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  // No finish, or a finish with neither reason nor usage: the provider's last event never came.
  if (
    !finished ||
    finished.reason === 'error' ||
    (finished.reason === 'other' &&
      finished.raw === undefined &&
      finished.usage.outputTokens.total === undefined)
  ) {
    throw new MalformedReply('the stream ended before the provider finished its answer');
  }
  return finish(call, { text, toolCalls, finishReason: finished.reason, ...tokens(finished.usage) });
}

/**
 * One provider call through the AI SDK's provider-neutral model interface (LanguageModelV3 doGenerate/doStream):
 * the provider package owns the HTTP and wire format; this layer adds nothing per call but parsing the result.
 * Streams when `onToken` is set.
 */
export function runAttempt(
  model: LanguageModelV3,
  call: PreparedCall,
  signal: AbortSignal,
  onToken: ((delta: string) => void) | undefined,
  onActivity: () => void = () => {},
): Promise<AttemptResult> {
  return onToken ? stream(model, call, signal, onToken, onActivity) : generate(model, call, signal);
}
