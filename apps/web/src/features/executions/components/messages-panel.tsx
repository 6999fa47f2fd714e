/** The messages that flowed along one connection, in order: when, sender, receiver, kind, content. */
import { JsonViewer } from '../../designer/components/json-viewer.js';
import { formatTime } from '../model/format.js';
import type { MessageRecord } from '../queries.js';

export function MessagesPanel({
  connectionId,
  kind,
  from,
  to,
  messages,
}: {
  connectionId: string;
  kind: string;
  from: string;
  to: string;
  messages: readonly MessageRecord[];
}) {
  const ordered = [...messages].sort((a, b) => a.at - b.at);
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
          Connection <span className="font-mono">{connectionId}</span> · {kind} · {ordered.length}{' '}
          {ordered.length === 1 ? 'message' : 'messages'}
        </p>
      </header>
      {ordered.length === 0 && (
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
    </section>
  );
}
