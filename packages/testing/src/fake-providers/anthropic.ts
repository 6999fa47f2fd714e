import { type ModelCallMatch, type NormalizedReply, sse, startFakeServer, type WireFormat } from './base.js';
import type { FakeProviderServer, FakeServerOptions } from './types.js';

const STOP: Record<NormalizedReply['finishReason'], string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  'tool-calls': 'tool_use',
};

type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

/**
 * The SDK asks for structured output either natively (`output_config.format`) or through a forced tool named
 * `json`; in the second case the structured reply is that tool's input, as the real API would answer.
 */
function usesJsonTool(body: unknown): boolean {
  const b = body as { tools?: { name?: string }[]; output_config?: { format?: unknown } };
  return b.output_config?.format === undefined && (b.tools ?? []).some((t) => t.name === 'json');
}

function blocks(reply: NormalizedReply, body: unknown): { content: Block[]; stop: string } {
  if (reply.structured && usesJsonTool(body)) {
    return {
      content: [{ type: 'tool_use', id: `toolu_${reply.n}_json`, name: 'json', input: reply.json }],
      stop: 'tool_use',
    };
  }
  const content: Block[] = [];
  if (reply.text) content.push({ type: 'text', text: reply.text });
  for (const c of reply.toolCalls)
    content.push({ type: 'tool_use', id: c.id, name: c.name, input: c.input ?? {} });
  return { content, stop: STOP[reply.finishReason] };
}

function usage(reply: NormalizedReply, outputTokens = reply.usage.outputTokens) {
  return {
    input_tokens: reply.usage.inputTokens,
    output_tokens: outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
}

function renderJson(reply: NormalizedReply, call: ModelCallMatch, body: unknown) {
  const { content, stop } = blocks(reply, body);
  return {
    id: `msg_${reply.n}`,
    type: 'message',
    role: 'assistant',
    model: call.model,
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: usage(reply),
  };
}

function renderStream(reply: NormalizedReply, call: ModelCallMatch, body: unknown): string[] {
  const { content, stop } = blocks(reply, body);
  const event = (type: string, data: Record<string, unknown>) => sse({ type, ...data }, type);
  const frames = [
    event('message_start', {
      message: {
        id: `msg_${reply.n}`,
        type: 'message',
        role: 'assistant',
        model: call.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: usage(reply, 1),
      },
    }),
    event('ping', {}),
  ];
  content.forEach((block, index) => {
    if (block.type === 'text') {
      frames.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
      for (const text of reply.chunks) {
        frames.push(event('content_block_delta', { index, delta: { type: 'text_delta', text } }));
      }
    } else {
      const json = JSON.stringify(block.input ?? {});
      const half = Math.ceil(json.length / 2);
      frames.push(
        event('content_block_start', {
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        }),
      );
      for (const partial_json of [json.slice(0, half), json.slice(half)]) {
        frames.push(
          event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } }),
        );
      }
    }
    frames.push(event('content_block_stop', { index }));
  });
  frames.push(
    event('message_delta', {
      delta: { stop_reason: stop, stop_sequence: null },
      usage: { output_tokens: reply.usage.outputTokens },
    }),
  );
  frames.push(event('message_stop', {}));
  return frames;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

export const anthropicWire: WireFormat = {
  provider: 'anthropic',
  basePath: '/v1',
  matchModelCall(method, path, body) {
    if (method !== 'POST' || path !== '/v1/messages') return undefined;
    const b = (body ?? {}) as { model?: unknown; stream?: unknown };
    return { model: typeof b.model === 'string' ? b.model : '', stream: b.stream === true };
  },
  authorized: (headers, _query, apiKey) => headers['x-api-key'] === apiKey,
  toolCallIdPrefix: 'toolu_',
  renderJson,
  renderStream,
  streamContentType: 'text/event-stream',
  malformedFrame:
    'event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0, "delta": \n\n',
  errorBody: (status, message) => ({
    type: 'error',
    error: { type: ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'), message },
  }),
};

/** Fake Anthropic: POST /v1/messages, JSON and SSE (message_start ... message_stop). */
export function startFakeAnthropic(options: FakeServerOptions = {}): Promise<FakeProviderServer> {
  return startFakeServer(anthropicWire, options);
}
