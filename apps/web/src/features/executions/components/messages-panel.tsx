/**
 * The messages that flowed along one connection, in order: when, sender, receiver, kind, content. They are read
 * when the connection is opened, 100 at a time (`count` is the total).
 */
import { JsonViewer } from '../../designer/components/json-viewer.js';
import { formatTime } from '../model/format.js';
import type { MessageRecord } from '../queries.js';

export function MessagesPanel({
  connectionId,
  kind,
  from,
  to,
  messages,
  count,
  loading = false,
  onMore,
}: {
  connectionId: string;
  kind: string;
  from: string;
  to: string;
  /** The loaded messages, in the order they were sent. */
  messages: readonly MessageRecord[];
  count: number;
  loading?: boolean;
  /** Loads the next page (absent: all loaded, or loading). */
  onMore?: (() => void) | undefined;
}) {
  const ordered = messages;
  return (
    <section
      aria-label={`Messages on ${connectionId}`}
      className="space-y-3 text-sm"
      data-testid="messages-panel"
    >
      <header>
        <h2 className="text-base font-semibold">
          {from} → {to}
        </h2>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Connection <span className="font-mono">{connectionId}</span> · {kind} · {count}{' '}
          {count === 1 ? 'message' : 'messages'}
        </p>
      </header>
      {loading && count > 0 && <p className="text-slate-500 dark:text-slate-400">Loading the messages…</p>}
      {count === 0 && (
        <p className="text-slate-500 dark:text-slate-400">
          No message flowed along this connection (its source did not run, failed, or chose another route).
        </p>
      )}
      <ol className="space-y-3">
        {ordered.map((m, i) => (
          <li
            key={`${m.stepId}-${m.at}`}
            data-testid="message"
            className="rounded-md border border-slate-200 p-2.5 dark:border-slate-700"
          >
            <div className="mb-1 flex flex-wrap gap-x-3 text-xs text-slate-600 dark:text-slate-300">
              <span className="font-semibold">#{i + 1}</span>
              <span className="tabular-nums">{formatTime(m.at)}</span>
              <span>
                <span className="text-slate-500 dark:text-slate-400">from</span> {m.fromAgentId}
              </span>
              <span>
                <span className="text-slate-500 dark:text-slate-400">to</span> {m.toAgentId}
              </span>
              <span>
                <span className="text-slate-500 dark:text-slate-400">type</span> {kind}
              </span>
            </div>
            <JsonViewer label="Content" value={m.payload} />
          </li>
        ))}
      </ol>
      {onMore && (
        <button
          type="button"
          onClick={onMore}
          className="text-sm text-indigo-700 underline dark:text-indigo-300"
        >
          Load more ({count - ordered.length} left)
        </button>
      )}
    </section>
  );
}
