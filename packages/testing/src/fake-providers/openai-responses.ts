import { type ModelCallMatch, type NormalizedReply, sse } from './base.js';

const CREATED = 1_760_000_000;

function usage(reply: NormalizedReply) {
  return {
    input_tokens: reply.usage.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: reply.usage.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: reply.usage.inputTokens + reply.usage.outputTokens,
  };
}

function messageItem(reply: NormalizedReply, status: string) {
  return {
    type: 'message',
    id: `msg_${reply.n}`,
    status,
    role: 'assistant',
    content:
      status === 'completed'
        ? [{ type: 'output_text', text: reply.text, annotations: [], logprobs: [] }]
        : [],
  };
}

function functionItems(reply: NormalizedReply, status: string) {
  return reply.toolCalls.map((c, i) => ({
    type: 'function_call',
    id: `fc_${reply.n}_${i}`,
    call_id: c.id,
    name: c.name,
    arguments: status === 'completed' ? JSON.stringify(c.input ?? {}) : '',
    status,
  }));
}

function responseObject(reply: NormalizedReply, call: ModelCallMatch, done: boolean) {
  const incomplete = reply.finishReason === 'length';
  const output = done
    ? [...(reply.text ? [messageItem(reply, 'completed')] : []), ...functionItems(reply, 'completed')]
    : [];
  return {
    id: `resp_${reply.n}`,
    object: 'response',
    created_at: CREATED,
    status: done ? (incomplete ? 'incomplete' : 'completed') : 'in_progress',
    model: call.model,
    output,
    incomplete_details: done && incomplete ? { reason: 'max_output_tokens' } : null,
    usage: done ? usage(reply) : null,
    error: null,
  };
}

export function renderResponsesJson(reply: NormalizedReply, call: ModelCallMatch) {
  return responseObject(reply, call, true);
}

export function renderResponsesStream(reply: NormalizedReply, call: ModelCallMatch): string[] {
  let seq = 0;
  const event = (type: string, data: Record<string, unknown>) =>
    sse({ type, sequence_number: seq++, ...data }, type);
  const frames = [
    event('response.created', { response: responseObject(reply, call, false) }),
    event('response.in_progress', { response: responseObject(reply, call, false) }),
  ];
  let outputIndex = 0;
  if (reply.text) {
    const itemId = `msg_${reply.n}`;
    const at = { item_id: itemId, output_index: outputIndex, content_index: 0 };
    frames.push(
      event('response.output_item.added', {
        output_index: outputIndex,
        item: messageItem(reply, 'in_progress'),
      }),
    );
    frames.push(
      event('response.content_part.added', {
        ...at,
        part: { type: 'output_text', text: '', annotations: [] },
      }),
    );
    for (const delta of reply.chunks)
      frames.push(event('response.output_text.delta', { ...at, delta, logprobs: [] }));
    frames.push(event('response.output_text.done', { ...at, text: reply.text, logprobs: [] }));
    frames.push(
      event('response.content_part.done', {
        ...at,
        part: { type: 'output_text', text: reply.text, annotations: [] },
      }),
    );
    frames.push(
      event('response.output_item.done', {
        output_index: outputIndex,
        item: messageItem(reply, 'completed'),
      }),
    );
    outputIndex++;
  }
  const pending = functionItems(reply, 'in_progress');
  functionItems(reply, 'completed').forEach((item, i) => {
    const at = { item_id: item.id, output_index: outputIndex };
    frames.push(event('response.output_item.added', { output_index: outputIndex, item: pending[i] }));
    frames.push(event('response.function_call_arguments.delta', { ...at, delta: item.arguments }));
    frames.push(event('response.function_call_arguments.done', { ...at, arguments: item.arguments }));
    frames.push(event('response.output_item.done', { output_index: outputIndex, item }));
    outputIndex++;
  });
  const type = reply.finishReason === 'length' ? 'response.incomplete' : 'response.completed';
  frames.push(event(type, { response: responseObject(reply, call, true) }));
  return frames;
}
