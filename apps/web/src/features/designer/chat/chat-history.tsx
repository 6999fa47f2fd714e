/** The chat panel's list of past conversations (the app's and the public embed's), to reopen one. */
import type { ConversationView } from '@agentflow/client';
import { Badge } from '../../../ui/badge.js';
import { when } from './chat-format.js';

export function ConversationList({
  conversations,
  currentId,
  onOpen,
}: {
  conversations: ConversationView[] | undefined;
  currentId: string | undefined;
  onOpen: (c: ConversationView) => void;
}) {
  return (
    <nav
      aria-label="Past conversations"
      className="max-h-64 overflow-y-auto border-b border-slate-200 dark:border-slate-800"
    >
      {conversations?.length === 0 && (
        <p className="px-4 py-3 text-sm text-slate-500">No conversations yet.</p>
      )}
      <ul>
        {conversations?.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              onClick={() => onOpen(c)}
              className={`flex w-full items-center gap-2 px-4 py-2 text-left text-sm hover:bg-slate-50 dark:hover:bg-slate-800 ${
                c.id === currentId ? 'bg-indigo-50 dark:bg-indigo-950/40' : ''
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
  );
}
