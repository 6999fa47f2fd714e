import { type ModelCallMatch, type NormalizedReply, sse, startFakeServer, type WireFormat } from './base.js';
import { renderResponsesJson, renderResponsesStream } from './openai-responses.js';
import type { FakeProviderServer, FakeServerOptions } from './types.js';

const CREATED = 1_760_000_000;

const FINISH: Record<NormalizedReply['finishReason'], string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
};

function chatUsage(reply: NormalizedReply) {
  return {
    prompt_tokens: reply.usage.inputTokens,
    completion_tokens: reply.usage.outputTokens,
    total_tokens: reply.usage.inputTokens + reply.usage.outputTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
}

function renderChatJson(reply: NormalizedReply, call: ModelCallMatch) {
  return {
    id: `chatcmpl-${reply.n}`,
    object: 'chat.completion',
    created: CREATED,
    model: call.model,
    system_fingerprint: 'fp_fake',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text === '' && reply.toolCalls.length > 0 ? null : reply.text,
          refusal: null,
          ...(reply.toolCalls.length > 0 && {
            tool_calls: reply.toolCalls.map((c) => ({
              id: c.id,
              type: 'function',
              function: { name: c.name, arguments: JSON.stringify(c.input ?? {}) },
            })),
          }),
        },
        logprobs: null,
        finish_reason: FINISH[reply.finishReason],
      },
    ],
    usage: chatUsage(reply),
  };
}

function renderChatStream(reply: NormalizedReply, call: ModelCallMatch, body: unknown): string[] {
  const base = {
    id: `chatcmpl-${reply.n}`,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: call.model,
  };
  const chunk = (delta: unknown, finish: string | null = null) =>
    sse({
      ...base,
      system_fingerprint: 'fp_fake',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    });
  const frames = [chunk({ role: 'assistant', content: '', refusal: null })];
  for (const piece of reply.chunks) frames.push(chunk({ content: piece }));
  reply.toolCalls.forEach((c, index) => {
    const args = JSON.stringify(c.input ?? {});
    const half = Math.ceil(args.length / 2);
    frames.push(
      chunk({
        tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }],
      }),
    );
    frames.push(chunk({ tool_calls: [{ index, function: { arguments: args.slice(0, half) } }] }));
    frames.push(chunk({ tool_calls: [{ index, function: { arguments: args.slice(half) } }] }));
  });
  frames.push(chunk({}, FINISH[reply.finishReason]));
  const wantsUsage = (body as { stream_options?: { include_usage?: boolean } }).stream_options?.include_usage;
  if (wantsUsage) frames.push(sse({ ...base, choices: [], usage: chatUsage(reply) }));
  frames.push('data: [DONE]\n\n');
  return frames;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_request_error',
  403: 'permission_denied',
  404: 'not_found_error',
  429: 'rate_limit_exceeded',
};

export function openAIErrorBody(status: number, message: string) {
  return {
    error: {
      message,
      type: ERROR_TYPES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
      param: null,
      code: status === 401 ? 'invalid_api_key' : status === 429 ? 'rate_limit_exceeded' : null,
    },
  };
}

/** Chat completions and Responses wire format; also serves any OpenAI-compatible client. */
export const openAIWire: WireFormat = {
  provider: 'openai',
  basePath: '/v1',
  matchModelCall(method, path, body) {
    if (method !== 'POST') return undefined;
    const b = (body ?? {}) as { model?: unknown; stream?: unknown };
    const model = typeof b.model === 'string' ? b.model : '';
    if (path === '/v1/chat/completions' || path === '/chat/completions') {
      return { model, stream: b.stream === true, endpoint: 'chat' };
    }
    if (path === '/v1/responses' || path === '/responses') {
      return { model, stream: b.stream === true, endpoint: 'responses' };
    }
    return undefined;
  },
  authorized: (headers, _query, apiKey) => headers.authorization === `Bearer ${apiKey}`,
  toolCallIdPrefix: 'call_',
  renderJson: (reply, call) =>
    call.endpoint === 'responses' ? renderResponsesJson(reply, call) : renderChatJson(reply, call),
  renderStream: (reply, call, body) =>
    call.endpoint === 'responses' ? renderResponsesStream(reply, call) : renderChatStream(reply, call, body),
  streamContentType: 'text/event-stream',
  malformedFrame: 'data: {"id": "chatcmpl-broken", "choices": [{"delta": \n\n',
  errorBody: openAIErrorBody,
};

/** Fake OpenAI: POST /v1/chat/completions and POST /v1/responses, JSON and SSE. */
export function startFakeOpenAI(options: FakeServerOptions = {}): Promise<FakeProviderServer> {
  return startFakeServer(openAIWire, options);
}
