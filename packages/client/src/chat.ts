/**
 * Chat (issue 19 item 3): a workflow opened as a conversation. Each message is answered as a Server-Sent Events
 * stream (`start`, `token`..., `done`); `readChatStream` parses it from a fetch Response and calls `onEvent` for
 * each event as it arrives. Members use `send` (signed in); the public embed uses `sendShared` with the chat
 * trigger's token. Replies are plain text: render them as text, never as HTML.
 */
import type { ChatMessageView, ChatStreamEvent, ConversationView } from '@agentflow/protocol';
import { ApiError } from './errors.js';

export type { ChatMessageView, ChatStreamEvent, ConversationView };

export interface ChatSendOptions {
  /** Each event as it arrives (`token` deltas to show the reply growing). */
  onEvent?: (event: ChatStreamEvent) => void;
  signal?: AbortSignal;
}

export interface ChatReply {
  conversationId: string;
  executionId: string;
  /** The stored user message. */
  message: ChatMessageView;
  /** The stored reply (succeeded with `content`, or failed with `error`). */
  reply: ChatMessageView;
}

export interface SharedChatInfo {
  title: string;
  greeting?: string;
  maxMessageChars: number;
}

export interface ConversationDetail {
  conversation: ConversationView;
  messages: ChatMessageView[];
}

/** Reads a chat reply stream to its end; rejects with an ApiError when it ends without `done`. */
export async function readChatStream(response: Response, onEvent?: (event: ChatStreamEvent) => void) {
  if (!response.body) throw new ApiError(response.status, 'AF_NETWORK', 'the server answered without a body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let start: Extract<ChatStreamEvent, { type: 'start' }> | undefined;
  let done: Extract<ChatStreamEvent, { type: 'done' }> | undefined;
  const handle = (block: string) => {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length === 0) return;
    const event = { type, ...(JSON.parse(data.join('\n')) as object) } as ChatStreamEvent;
    if (event.type === 'start') start = event;
    if (event.type === 'done') done = event;
    onEvent?.(event);
    if (event.type === 'error') throw new ApiError(response.status, event.code, event.message);
  };
  for (;;) {
    const { value, done: ended } = await reader.read();
    if (value) buffer += value.replace(/\r\n?/g, '\n');
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      handle(buffer.slice(0, cut));
      buffer = buffer.slice(cut + 2);
      cut = buffer.indexOf('\n\n');
    }
    if (ended) break;
  }
  if (buffer.trim()) handle(buffer);
  if (!start || !done) throw new ApiError(response.status, 'AF_NETWORK', 'the reply stream ended early');
  return {
    conversationId: start.conversationId,
    executionId: done.executionId,
    message: start.message,
    reply: done.message,
  } satisfies ChatReply;
}

export interface ChatClient {
  /** A member's message to a workflow (a new conversation without `conversationId`), the reply streamed. */
  send(
    workflowId: string,
    body: { conversationId?: string; message: string },
    options?: ChatSendOptions,
  ): Promise<ChatReply>;
  conversations(
    workflowId: string,
    query?: { source?: 'app' | 'embed'; limit?: number },
  ): Promise<ConversationView[]>;
  conversation(id: string): Promise<ConversationDetail>;
  deleteConversation(id: string): Promise<void>;
  /** The public embed: its title and greeting (404 ApiError when it is off or the token is wrong). */
  shared(token: string): Promise<SharedChatInfo>;
  sendShared(
    token: string,
    body: { conversationId?: string; message: string },
    options?: ChatSendOptions,
  ): Promise<ChatReply>;
  sharedConversation(token: string, id: string): Promise<ConversationDetail>;
}

/** `fetch`: the client's authenticated fetch (session cookies, CSRF header, refresh; throws ApiError on non-2xx). */
export function createChatClient(
  baseUrl: string,
  fetch: (request: Request) => Promise<Response>,
): ChatClient {
  const url = (path: string) => `${baseUrl}${path}`;
  const enc = encodeURIComponent;
  const getJson = async <T>(path: string): Promise<T> =>
    (await (await fetch(new Request(url(path), { credentials: 'include' }))).json()) as T;
  const stream = async (path: string, body: unknown, options: ChatSendOptions = {}) => {
    const response = await fetch(
      new Request(url(path), {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify(body),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
    return readChatStream(response, options.onEvent);
  };
  return {
    send: (workflowId, body, options) => stream(`/api/v1/workflows/${enc(workflowId)}/chat`, body, options),
    conversations: async (workflowId, query = {}) => {
      const params = new URLSearchParams();
      if (query.source) params.set('source', query.source);
      if (query.limit) params.set('limit', String(query.limit));
      const qs = params.size > 0 ? `?${params}` : '';
      return (
        await getJson<{ items: ConversationView[] }>(
          `/api/v1/workflows/${enc(workflowId)}/conversations${qs}`,
        )
      ).items;
    },
    conversation: (id) => getJson(`/api/v1/conversations/${enc(id)}`),
    deleteConversation: async (id) => {
      await fetch(
        new Request(url(`/api/v1/conversations/${enc(id)}`), { method: 'DELETE', credentials: 'include' }),
      );
    },
    shared: (token) => getJson(`/api/v1/chat/${enc(token)}`),
    sendShared: (token, body, options) => stream(`/api/v1/chat/${enc(token)}/messages`, body, options),
    sharedConversation: (token, id) => getJson(`/api/v1/chat/${enc(token)}/conversations/${enc(id)}`),
  };
}
