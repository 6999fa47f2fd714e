/**
 * The designer's chat panel (issue 19 item 3): talk to this workflow as a conversation. Each message starts an
 * execution with `{message, conversationId, history}`; the reply streams in token by token and is then replaced
 * by the stored reply. Past conversations (the app's and the public embed's) can be reopened. The share section
 * manages the workflow's chat trigger: the public embed's link (off by default), turning it on and off, and a
 * new link (the old one stops working).
 *
 * Everything a model wrote is rendered as React text (escaped), never as HTML.
 *
 * This file lays the panel out; the conversation state is use-chat-session.ts, the parts are chat-bubble.tsx,
 * chat-history.tsx and chat-share-panel.tsx.
 */
import type { ConversationView } from '@agentflow/client';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { Button } from '../../../ui/button.js';
import { Bubble } from './chat-bubble.js';
import { errorText } from './chat-format.js';
import { ConversationList } from './chat-history.js';
import { SharePanel } from './chat-share-panel.js';
import { useChatSession } from './use-chat-session.js';

export function ChatPanel({
  workflowId,
  readOnly,
  onClose,
}: {
  workflowId: string;
  readOnly: boolean;
  onClose: () => void;
}) {
  const chat = useChatSession(workflowId);
  const {
    conversationId,
    conversations,
    conversation,
    messages,
    pending,
    streaming,
    draft,
    setDraft,
    error,
  } = chat;
  const [showList, setShowList] = useState(false);
  const [sharing, setSharing] = useState(false);
  const bottom = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  // Follow the end of the conversation as messages come and the reply grows.
  const grown = `${messages.length}:${pending?.reply.content.length ?? 0}`;
  useEffect(() => {
    if (grown) bottom.current?.scrollIntoView({ block: 'end' });
  }, [grown]);
  useEffect(() => {
    // A conversation opened (or a new one): ready to type.
    if (conversationId !== null) input.current?.focus();
  }, [conversationId]);

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void chat.send();
    }
  }

  function open(c: ConversationView | undefined) {
    chat.open(c);
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
        <ConversationList conversations={conversations.data} currentId={conversationId} onOpen={open} />
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
        onSubmit={(e) => void chat.send(e)}
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
