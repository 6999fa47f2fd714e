/**
 * The designer's chat panel (issue 19 item 3): talk to this workflow as a conversation. Each message starts an
 * execution with `{message, conversationId, history}`; the reply streams in token by token and is then replaced
 * by the stored reply. Past conversations (the app's and the public embed's) can be reopened. The share section
 * manages the workflow's chat trigger: the public embed's link (off by default), turning it on and off, and a
 * new link (the old one stops working).
 *
 * Everything a model wrote is rendered as React text (escaped), never as HTML.
 */
import type { ChatMessageView, ConversationView } from '@agentflow/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, client } from '../../../lib/api.js';
import { Badge } from '../../../ui/badge.js';
import { Button } from '../../../ui/button.js';
import { CopyButton } from '../../../ui/copy-button.js';
import {
  createTrigger,
  rotateTriggerSecret,
  setTriggerEnabled,
  triggerKeys,
  triggersQuery,
} from '../triggers/queries.js';

const chatKeys = {
  list: (workflowId: string) => ['chat', 'conversations', workflowId] as const,
  one: (id: string) => ['chat', 'conversation', id] as const,
};

function errorText(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

function when(ms: number): string {
  const d = new Date(ms);
  const today = new Date();
  return d.toDateString() === today.toDateString()
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

/** One message bubble. `content` is plain text: React escapes it. */
function Bubble({ message, streaming }: { message: ChatMessageView; streaming?: boolean }) {
  const mine = message.role === 'user';
  const failed = message.status === 'failed';
  return (
    <li
      className={`flex flex-col gap-1 ${mine ? 'items-end' : 'items-start'}`}
      data-testid="chat-message"
      data-role={message.role}
      data-status={streaming ? 'streaming' : message.status}
    >
      <div
        className={`max-w-[85%] whitespace-pre-wrap break-words rounded-2xl px-3.5 py-2 text-sm leading-relaxed ${
          mine
            ? 'rounded-br-md bg-indigo-600 text-white'
            : failed
              ? 'rounded-bl-md border border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200'
              : 'rounded-bl-md bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100'
        }`}
      >
        {failed ? (
          <span>
            <span className="font-medium">The workflow failed:</span> {message.error?.message ?? 'no reply'}
            {message.error?.code && (
              <span className="ml-1 font-mono text-xs opacity-80">({message.error.code})</span>
            )}
          </span>
        ) : message.content === '' && (streaming || message.status === 'pending') ? (
          <span className="inline-flex gap-1 py-1" role="status" aria-label="Writing a reply">
            <span className="size-1.5 animate-bounce rounded-full bg-slate-400" />
            <span className="size-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:120ms]" />
            <span className="size-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:240ms]" />
          </span>
        ) : (
          <span data-testid="chat-text">{message.content}</span>
        )}
        {streaming && message.content !== '' && (
          <span className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-current align-text-bottom opacity-60" />
        )}
      </div>
      {!mine && message.executionId && !streaming && (
        <Link
          to={`/executions/${message.executionId}`}
          className="px-1 text-xs text-slate-500 hover:text-indigo-600 hover:underline dark:text-slate-400"
        >
          View execution
        </Link>
      )}
    </li>
  );
}

function SharePanel({ workflowId, readOnly }: { workflowId: string; readOnly: boolean }) {
  const queries = useQueryClient();
  const triggers = useQuery(triggersQuery(workflowId));
  const chat = triggers.data?.find((t) => t.kind === 'chat');
  const refresh = () => queries.invalidateQueries({ queryKey: triggerKeys.list(workflowId) });
  const create = useMutation({
    mutationFn: () => createTrigger(workflowId, { kind: 'chat', name: 'Public chat', enabled: true }),
    onSuccess: refresh,
  });
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => setTriggerEnabled(chat!.id, enabled),
    onSuccess: (updated) => {
      queries.setQueryData(triggersQuery(workflowId).queryKey, (old) =>
        old?.map((t) => (t.id === updated.id ? { ...t, ...updated } : t)),
      );
      return refresh();
    },
  });
  // The box follows the click at once (a controlled input would snap back until the mutation's state
  // reaches React, a task later) and returns to the stored value when the request settles.
  const [asked, setAsked] = useState<boolean>();
  const on = asked ?? chat?.enabled;
  const rotate = useMutation({ mutationFn: () => rotateTriggerSecret(chat!.id), onSuccess: refresh });
  const link = chat?.path ? `${window.location.origin}${chat.path}` : undefined;
  const error = create.error ?? toggle.error ?? rotate.error;
  return (
    <section
      aria-label="Share"
      className="space-y-2 border-b border-slate-200 bg-slate-50 px-4 py-3 text-sm dark:border-slate-800 dark:bg-slate-950/40"
    >
      {!chat ? (
        <div className="flex items-center justify-between gap-3">
          <p className="text-slate-600 dark:text-slate-400">
            A public link anyone can chat through. It runs the active version and counts against your plan.
          </p>
          <Button size="sm" onClick={() => create.mutate()} disabled={readOnly || create.isPending}>
            Create link
          </Button>
        </div>
      ) : (
        <>
          <div className="flex items-center justify-between gap-2">
            <label className="flex items-center gap-2 font-medium">
              <input
                type="checkbox"
                checked={on ?? false}
                disabled={readOnly || toggle.isPending}
                onChange={(e) => {
                  setAsked(e.target.checked);
                  toggle.mutate(e.target.checked, { onSettled: () => setAsked(undefined) });
                }}
              />
              Public link {on ? 'on' : 'off'}
            </label>
            {chat.token && (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => rotate.mutate()}
                disabled={readOnly || rotate.isPending}
              >
                New link
              </Button>
            )}
          </div>
          {link ? (
            <div className="flex items-center gap-2">
              <input
                readOnly
                aria-label="Public chat link"
                value={link}
                className="h-8 min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={link} label="Copy the public chat link" />
            </div>
          ) : (
            <p className="text-slate-500">Only members who may edit this workflow see the link.</p>
          )}
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {chat.enabled
              ? 'Anyone with the link can chat; embed it with an iframe. A new link stops the old one at once.'
              : 'Off: the link answers “not available” until you turn it on.'}
          </p>
        </>
      )}
      {error && <p className="text-red-600 dark:text-red-400">{errorText(error)}</p>}
    </section>
  );
}

export function ChatPanel({
  workflowId,
  readOnly,
  onClose,
}: {
  workflowId: string;
  readOnly: boolean;
  onClose: () => void;
}) {
  const queries = useQueryClient();
  const [conversationId, setConversationId] = useState<string | undefined>();
  const [draft, setDraft] = useState('');
  const [pending, setPending] = useState<{ user: ChatMessageView; reply: ChatMessageView } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [showList, setShowList] = useState(false);
  const [sharing, setSharing] = useState(false);
  const abort = useRef<AbortController | undefined>(undefined);
  const bottom = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);

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

  // Follow the end of the conversation as messages come and the reply grows.
  const grown = `${messages.length}:${pending?.reply.content.length ?? 0}`;
  useEffect(() => {
    if (grown) bottom.current?.scrollIntoView({ block: 'end' });
  }, [grown]);
  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => {
    // A conversation opened (or a new one): ready to type.
    if (conversationId !== null) input.current?.focus();
  }, [conversationId]);

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

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  }

  function open(c: ConversationView | undefined) {
    abort.current?.abort();
    setPending(undefined);
    setError(undefined);
    setConversationId(c?.id);
    setShowList(false);
  }

  const current = conversations.data?.find((c) => c.id === conversationId);
  return (
    <aside
      aria-label="Chat"
      className="flex w-[400px] max-w-[50vw] shrink-0 flex-col border-l border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold">Chat</h2>
          <p className="truncate text-xs text-slate-500 dark:text-slate-400" data-testid="chat-title">
            {current?.title ??
              messages.find((m) => m.role === 'user')?.content.slice(0, 80) ??
              'New conversation'}
          </p>
        </div>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            if (!showList) void conversations.refetch();
            setShowList(!showList);
          }}
          aria-expanded={showList}
        >
          History{(conversations.data?.length ?? 0) > 0 ? ` (${conversations.data!.length})` : ''}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setSharing((v) => !v)} aria-expanded={sharing}>
          Share
        </Button>
        <Button size="sm" onClick={() => open(undefined)} disabled={!conversationId && !streaming}>
          New
        </Button>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close chat">
          ✕
        </Button>
      </header>
      {sharing && <SharePanel workflowId={workflowId} readOnly={readOnly} />}
      {showList && (
        <nav
          aria-label="Past conversations"
          className="max-h-64 overflow-y-auto border-b border-slate-200 dark:border-slate-800"
        >
          {conversations.data?.length === 0 && (
            <p className="px-4 py-3 text-sm text-slate-500">No conversations yet.</p>
          )}
          <ul>
            {conversations.data?.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  onClick={() => open(c)}
                  className={`flex w-full items-center gap-2 px-4 py-2 text-left text-sm hover:bg-slate-50 dark:hover:bg-slate-800 ${
                    c.id === conversationId ? 'bg-indigo-50 dark:bg-indigo-950/40' : ''
                  }`}
                >
                  <span className="min-w-0 flex-1 truncate">{c.title}</span>
                  {c.source === 'embed' && <Badge tone="blue">public</Badge>}
                  <span className="shrink-0 text-xs text-slate-500">{when(c.updatedAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4" data-testid="chat-log" aria-live="polite">
        {messages.length === 0 && !conversation.isLoading && (
          <div className="mt-10 text-center text-sm text-slate-500 dark:text-slate-400">
            <p className="font-medium text-slate-700 dark:text-slate-300">Chat with this workflow</p>
            <p className="mx-auto mt-1 max-w-xs">
              Each message runs the workflow with <code className="font-mono text-xs">input.message</code> and
              the conversation so far in <code className="font-mono text-xs">input.history</code>.
            </p>
          </div>
        )}
        {conversation.isError && <p className="text-sm text-red-600">{errorText(conversation.error)}</p>}
        <ul className="space-y-3">
          {messages.map((m) => (
            <Bubble
              key={`${m.seq}:${m.role}`}
              message={m}
              streaming={pending !== undefined && m === pending.reply && m.status === 'pending'}
            />
          ))}
        </ul>
        <div ref={bottom} />
      </div>
      {error && (
        <p
          role="alert"
          className="mx-3 mb-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950/60 dark:text-red-200"
        >
          {error}
        </p>
      )}
      <form
        onSubmit={(e) => void send(e)}
        className="flex items-end gap-2 border-t border-slate-200 p-3 dark:border-slate-800"
      >
        <textarea
          ref={input}
          aria-label="Message"
          rows={2}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Message the workflow… (Enter to send, Shift+Enter for a new line)"
          className="max-h-40 min-h-[2.5rem] flex-1 resize-y rounded-md border border-slate-300 bg-white px-3 py-2 text-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none dark:border-slate-700 dark:bg-slate-950"
        />
        <Button type="submit" variant="primary" disabled={streaming || draft.trim() === ''}>
          {streaming ? 'Sending…' : 'Send'}
        </Button>
      </form>
    </aside>
  );
}
