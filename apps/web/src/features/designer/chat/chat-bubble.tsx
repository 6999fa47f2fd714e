/** One message bubble of the designer's chat panel (yours, the workflow's reply as it streams, or its failure). */
import type { ChatMessageView } from '@agentflow/client';
import { Link } from 'react-router';

/** One message bubble. `content` is plain text: React escapes it. */
export function Bubble({ message, streaming }: { message: ChatMessageView; streaming?: boolean }) {
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
