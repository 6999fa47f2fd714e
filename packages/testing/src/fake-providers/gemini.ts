import { type ModelCallMatch, type NormalizedReply, startFakeServer, type WireFormat } from './base.js';
import type { FakeProviderServer, FakeServerOptions } from './types.js';

const MODEL_PATH = /^\/v1beta\/models\/([^:]+):(generateContent|streamGenerateContent)$/;

const FINISH: Record<NormalizedReply['finishReason'], string> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  // Gemini reports STOP when it returns function calls.
  'tool-calls': 'STOP',
};

function usageMetadata(reply: NormalizedReply, outputTokens = reply.usage.outputTokens) {
  return {
    promptTokenCount: reply.usage.inputTokens,
    candidatesTokenCount: outputTokens,
    totalTokenCount: reply.usage.inputTokens + outputTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: reply.usage.inputTokens }],
  };
}

type Part = { text: string } | { functionCall: { name: string; args: unknown } };

function chunk(
  reply: NormalizedReply,
  call: ModelCallMatch,
  parts: Part[],
  last: boolean,
  outputTokens?: number,
) {
  return {
    candidates: [
      {
        content: { parts, role: 'model' },
        ...(last && { finishReason: FINISH[reply.finishReason] }),
        index: 0,
      },
    ],
    usageMetadata: usageMetadata(reply, outputTokens),
    modelVersion: call.model,
    responseId: `resp-${reply.n}`,
  };
}

function callParts(reply: NormalizedReply): Part[] {
  return reply.toolCalls.map((c) => ({ functionCall: { name: c.name, args: c.input ?? {} } }));
}

function renderJson(reply: NormalizedReply, call: ModelCallMatch) {
  const parts: Part[] = [...(reply.text ? [{ text: reply.text }] : []), ...callParts(reply)];
  return chunk(reply, call, parts, true);
}

function renderStream(reply: NormalizedReply, call: ModelCallMatch): string[] {
  const frame = (data: unknown) => `data: ${JSON.stringify(data)}\r\n\r\n`;
  const frames: string[] = [];
  reply.chunks.forEach((text, i) => {
    frames.push(frame(chunk(reply, call, [{ text }], false, i + 1)));
  });
  frames.push(frame(chunk(reply, call, callParts(reply), true)));
  return frames;
}

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export const geminiWire: WireFormat = {
  provider: 'gemini',
  basePath: '/v1beta',
  matchModelCall(method, path) {
    if (method !== 'POST') return undefined;
    const m = MODEL_PATH.exec(path);
    if (!m) return undefined;
    return { model: decodeURIComponent(m[1] ?? ''), stream: m[2] === 'streamGenerateContent' };
  },
  authorized: (headers, query, apiKey) => headers['x-goog-api-key'] === apiKey || query.key === apiKey,
  toolCallIdPrefix: 'fc_',
  renderJson,
  renderStream,
  streamContentType: 'text/event-stream',
  malformedFrame: 'data: {"candidates": [{"content": {"parts": [{"text": \r\n\r\n',
  errorBody: (status, message) => ({
    error: {
      code: status,
      message,
      status: STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION'),
    },
  }),
};

/** Fake Gemini: POST /v1beta/models/{model}:generateContent and :streamGenerateContent?alt=sse. */
export function startFakeGemini(options: FakeServerOptions = {}): Promise<FakeProviderServer> {
  return startFakeServer(geminiWire, options);
}
