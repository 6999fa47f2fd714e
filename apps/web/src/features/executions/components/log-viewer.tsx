/**
 * An execution's log, virtualized (only visible lines are in the DOM): minimum level, text search over the
 * message and node, time relative to the execution's start. Click a line's node to open its step.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { inputClass } from '../../../ui/field.js';
import { formatDuration } from '../model/format.js';

export const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type Level = (typeof LEVELS)[number];

export interface ViewerLine {
  at: number;
  level: Level;
  message: string;
  agentId?: string | undefined;
  stepId?: string | undefined;
}

const LEVEL_CLASS: Record<Level, string> = {
  debug: 'text-slate-500 dark:text-slate-400',
  info: 'text-sky-700 dark:text-sky-300',
  warn: 'text-amber-700 dark:text-amber-300',
  error: 'text-red-700 dark:text-red-300',
};

/** Lines at or above `min` whose message or node contains `text` (case-insensitive). */
export function filterLines<T extends ViewerLine>(lines: readonly T[], min: Level, text: string): T[] {
  const floor = LEVELS.indexOf(min);
  const needle = text.trim().toLowerCase();
  return lines.filter(
    (l) =>
      LEVELS.indexOf(l.level) >= floor &&
      (needle === '' ||
        l.message.toLowerCase().includes(needle) ||
        (l.agentId ?? '').toLowerCase().includes(needle)),
  );
}

export function LogViewer({
  lines,
  start,
  note,
  onOpenNode,
}: {
  lines: readonly ViewerLine[];
  start: number;
  note?: string | undefined;
  onOpenNode?: (agentId: string) => void;
}) {
  const [min, setMin] = useState<Level>('debug');
  const [text, setText] = useState('');
  const shown = useMemo(() => filterLines(lines, min, text), [lines, min, text]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 24,
    overscan: 20,
  });
  return (
    <div className="space-y-2" data-testid="log-viewer">
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1.5 text-xs font-medium text-slate-600 dark:text-slate-300">
          Level
          <select
            className={`${inputClass} h-8 w-32`}
            value={min}
            onChange={(e) => setMin(e.target.value as Level)}
          >
            <option value="debug">All</option>
            <option value="info">Info and up</option>
            <option value="warn">Warnings and up</option>
            <option value="error">Errors</option>
          </select>
        </label>
        <input
          type="search"
          aria-label="Search the log"
          placeholder="Search messages and nodes"
          className={`${inputClass} h-8 max-w-xs`}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <span className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
          {shown.length === lines.length
            ? `${lines.length} lines`
            : `${shown.length} of ${lines.length} lines`}
        </span>
        {note && <span className="text-xs text-slate-500 dark:text-slate-400">{note}</span>}
      </div>
      <div
        ref={scroller}
        className="h-72 overflow-auto rounded-md border border-slate-200 bg-slate-50 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
      >
        {shown.length === 0 ? (
          <p className="p-4 text-center font-sans text-slate-500 dark:text-slate-400">
            {lines.length === 0 ? 'No log lines for this execution.' : 'No line matches.'}
          </p>
        ) : (
          <ol className="relative w-full" style={{ height: virtual.getTotalSize() }}>
            {virtual.getVirtualItems().map((item) => {
              const l = shown[item.index]!;
              return (
                <li
                  key={item.key}
                  data-testid="log-line"
                  data-level={l.level}
                  className="absolute left-0 flex h-6 w-full items-center gap-2 px-2 whitespace-nowrap"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <span className="w-16 shrink-0 text-right tabular-nums text-slate-500 dark:text-slate-400">
                    +{formatDuration(l.at - start)}
                  </span>
                  <span className={`w-11 shrink-0 font-semibold uppercase ${LEVEL_CLASS[l.level]}`}>
                    {l.level}
                  </span>
                  {l.agentId &&
                    (onOpenNode ? (
                      <button
                        type="button"
                        className="shrink-0 text-indigo-700 hover:underline dark:text-indigo-300"
                        onClick={() => onOpenNode(l.agentId!)}
                      >
                        {l.agentId}
                      </button>
                    ) : (
                      <span className="shrink-0">{l.agentId}</span>
                    ))}
                  <span className="truncate text-slate-800 dark:text-slate-200" title={l.message}>
                    {l.message}
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </div>
  );
}
