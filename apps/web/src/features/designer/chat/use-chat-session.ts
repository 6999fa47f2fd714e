/**
 * The chat panel's conversation state: the workflow's conversations and the open one, the draft, and sending a
 * message (an execution with `{message, conversationId, history}` whose reply streams in token by token and is
 * then replaced by the stored reply). Opening another conversation (or a new one) abandons a reply in flight.
 */
import type { ChatMessageView, ConversationView } from '@agentflow/client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { client } from '../../../lib/api.js';
import { chatKeys, errorText } from './chat-format.js';

export function useChatSession(workflowId: string) {
  const queries = useQueryClient();
  const [conversationId, setConversationId] = useState<string | undefined>();
  const [draft, setDraft] = useState('');
  const [pending, setPending] = useState<{ user: ChatMessageView; reply: ChatMessageView } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const abort = useRef<AbortController | undefined>(undefined);

  const conversations = useQuery({
    queryKey: chatKeys.list(workflowId),
    queryFn: () => client.chat.conversations(workflowId, { limit: 50 }),
  });
  const conversation = useQuery({
    queryKey: chatKeys.one(conversationId ?? ''),
    queryFn: () => client.chat.conversation(conversationId!),
    enabled: conversationId !== undefined,
  });
  const messages: ChatMessageView[] = [
    ...(conversation.data?.messages ?? []).filter(
      (m) => !pending || (m.seq !== pending.user.seq && m.seq !== pending.reply.seq),
    ),
    ...(pending ? [pending.user, pending.reply] : []),
  ];
  const streaming = pending !== undefined;

  useEffect(() => () => abort.current?.abort(), []);

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const text = draft.trim();
    if (!text || streaming) return;
    setError(undefined);
    const now = Date.now();
    const base = { conversationId: conversationId ?? '', createdAt: now };
    setPending({
      user: { ...base, seq: -2, role: 'user', content: text, status: 'succeeded' },
      reply: { ...base, seq: -1, role: 'assistant', content: '', status: 'pending' },
    });
    setDraft('');
    const controller = new AbortController();
    abort.current = controller;
    try {
      const result = await client.chat.send(
        workflowId,
        { ...(conversationId ? { conversationId } : {}), message: text },
        {
          signal: controller.signal,
          onEvent: (e) => {
            if (e.type === 'start') {
              setPending((p) => p && { user: e.message, reply: { ...p.reply, seq: e.message.seq + 1 } });
              if (!conversationId) setConversationId(e.conversationId);
            } else if (e.type === 'token') {
              setPending((p) => p && { ...p, reply: { ...p.reply, content: p.reply.content + e.delta } });
            } else if (e.type === 'done') {
              setPending((p) => p && { ...p, reply: e.message });
            }
          },
        },
      );
      queries.setQueryData(chatKeys.one(result.conversationId), (old: typeof conversation.data) =>
        old
          ? {
              ...old,
              messages: [
                ...old.messages.filter((m) => m.seq < result.message.seq),
                result.message,
                result.reply,
              ],
            }
          : old,
      );
      await queries.invalidateQueries({ queryKey: chatKeys.one(result.conversationId) });
    } catch (e) {
      if (!controller.signal.aborted) {
        setError(errorText(e));
        setDraft((d) => d || text);
      }
    } finally {
      setPending(undefined);
      abort.current = undefined;
      void queries.invalidateQueries({ queryKey: chatKeys.list(workflowId) });
    }
  }

  /** Opens a past conversation, or a new one (undefined). */
  function open(c: ConversationView | undefined) {
    abort.current?.abort();
    setPending(undefined);
    setError(undefined);
    setConversationId(c?.id);
  }

  return {
    conversationId,
    conversations,
    conversation,
    messages,
    pending,
    streaming,
    draft,
    setDraft,
    error,
    send,
    open,
  };
}
