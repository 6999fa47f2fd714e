/**
 * The timeline (Gantt) of an execution in plain DOM: one row per node activation on one time axis, so parallel
 * branches overlap; attempts side by side with the backoff between them (a failed attempt red), waits for a
 * person striped, the running node pulsing, the critical path outlined in amber. Click a row to open its step.
 * Rows are virtualized (a 1,000-step execution keeps about 30 rows in the DOM).
 */

import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { formatDuration } from '../model/format.js';
import { axisTicks, type Segment, type Timeline } from '../model/timeline.js';

const SEGMENT_CLASS: Record<Segment['kind'], string> = {
  attempt: 'bg-indigo-500 dark:bg-indigo-400',
  'failed-attempt': 'bg-red-500 dark:bg-red-400',
  wait: 'af-tl-wait',
  running: 'bg-sky-500 animate-pulse',
};

const ROW_HEIGHT = 24;

function pct(value: number, span: number): string {
  return `${Math.max(0, Math.min(100, (value / span) * 100))}%`;
}

function segmentTitle(s: Segment): string {
  const what =
    s.kind === 'wait'
      ? 'waiting for a person'
      : s.kind === 'running'
        ? 'running'
        : `attempt ${s.attempt ?? 1}${s.kind === 'failed-attempt' ? ' failed' : ''}`;
  const note = s.startUnknown ? ' (with the backoff before it: its start is not recorded)' : '';
  return `${what}: ${formatDuration(s.end - s.start)}${note}${s.error ? ` (${s.error})` : ''}`;
}

export function TimelineView({
  timeline,
  selected,
  onSelect,
}: {
  timeline: Timeline;
  selected?: string | undefined;
  onSelect: (agentId: string, iteration: number) => void;
}) {
  const span = Math.max(1, timeline.end - timeline.start);
  const ticks = axisTicks(span);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: timeline.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 800, height: 384 },
  });
  if (timeline.rows.length === 0) {
    return (
      <p className="px-4 py-8 text-center text-sm text-slate-500 dark:text-slate-400">No step has run yet.</p>
    );
  }
  return (
    <div className="text-xs" data-testid="timeline" data-concurrency={timeline.maxConcurrency}>
      <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-slate-600 dark:text-slate-300">
        <Legend className="bg-indigo-500 dark:bg-indigo-400" label="attempt" />
        <Legend className="bg-red-500 dark:bg-red-400" label="failed attempt" />
        <span className="flex items-center gap-1.5">
          <span aria-hidden className="af-tl-backoff inline-block w-5" /> retry backoff
        </span>
        <Legend className="af-tl-wait" label="waiting for a person" />
        <Legend className="bg-sky-500" label="running" />
        <Legend className="af-tl-critical bg-white dark:bg-slate-900" label="critical path" />
        <span className="ml-auto tabular-nums">
          {formatDuration(span)} · up to {timeline.maxConcurrency} at once
        </span>
      </div>
      <div className="grid grid-cols-[11rem_1fr] border-b border-slate-200 pb-1 dark:border-slate-700">
        <span className="text-slate-500 dark:text-slate-400">Node</span>
        <div className="relative h-4" aria-hidden>
          {ticks.map((t) => (
            <span
              key={t}
              className="absolute -translate-x-1/2 whitespace-nowrap tabular-nums text-slate-500 first:translate-x-0 last:-translate-x-full dark:text-slate-400"
              style={{ left: pct(t, span) }}
            >
              {formatDuration(t)}
            </span>
          ))}
        </div>
      </div>
      <div
        ref={scroller}
        className="relative max-h-96 overflow-auto"
        data-testid="timeline-scroller"
        data-rows={timeline.rows.length}
      >
        <div
          aria-hidden
          className="pointer-events-none absolute top-0 right-0 left-44"
          style={{ height: virtual.getTotalSize() }}
        >
          {ticks.map((t) => (
            <span
              key={t}
              className="absolute top-0 h-full w-px bg-slate-100 dark:bg-slate-800"
              style={{ left: pct(t, span) }}
            />
          ))}
        </div>
        <ol
          className="relative"
          aria-label="Steps on the time axis"
          style={{ height: virtual.getTotalSize() }}
        >
          {virtual.getVirtualItems().map((item) => {
            const row = timeline.rows[item.index]!;
            const isSelected = selected === row.key;
            const label = `${row.agentId}${row.iteration > 0 ? ` #${row.iteration + 1}` : ''}`;
            return (
              <li
                key={row.key}
                className="absolute left-0 w-full"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                data-testid="timeline-row"
                data-agent={row.agentId}
                data-critical={row.critical}
                data-attempts={row.attempts}
                data-start={row.start - timeline.start}
                data-end={row.end - timeline.start}
              >
                <button
                  type="button"
                  onClick={() => onSelect(row.agentId, row.iteration)}
                  aria-pressed={isSelected}
                  className={`grid h-full w-full grid-cols-[11rem_1fr] items-center text-left hover:bg-slate-100/70 dark:hover:bg-slate-800/70 ${
                    isSelected ? 'bg-indigo-50 dark:bg-indigo-950/60' : ''
                  }`}
                >
                  <span className="flex min-w-0 items-center gap-1 pr-2">
                    <span
                      className={`truncate font-medium ${row.critical ? 'text-amber-700 dark:text-amber-300' : ''}`}
                    >
                      {label}
                    </span>
                    <span className="sr-only">
                      {`: ${row.status}, ${formatDuration(row.end - row.start)}${
                        row.attempts > 1 ? `, ${row.attempts} attempts` : ''
                      }${row.critical ? ', on the critical path' : ''}`}
                    </span>
                    {row.attempts > 1 && (
                      <span
                        aria-hidden
                        className="shrink-0 rounded bg-amber-100 px-1 text-[10px] font-semibold text-amber-800 dark:bg-amber-900/60 dark:text-amber-200"
                      >
                        ×{row.attempts}
                      </span>
                    )}
                  </span>
                  <span className="relative block h-4">
                    {row.status === 'reused' && (
                      <span className="absolute top-0 left-0 text-[11px] leading-4 text-slate-500 italic dark:text-slate-400">
                        reused from the source execution (not run again)
                      </span>
                    )}
                    {row.segments.length === 0 && row.status !== 'reused' && (
                      <span
                        className="absolute top-1.5 h-1 w-1 rounded-full bg-slate-400"
                        style={{ left: pct(row.start - timeline.start, span) }}
                        title={row.status}
                      />
                    )}
                    {row.segments.map((s, i) => {
                      const prev = row.segments[i - 1];
                      const backoff =
                        prev && prev.kind === 'failed-attempt' && s.start > prev.end ? (
                          <span
                            key={`b${s.start}`}
                            className="af-tl-backoff absolute top-[7px] h-0"
                            style={{
                              left: pct(prev.end - timeline.start, span),
                              width: pct(s.start - prev.end, span),
                            }}
                            title={`retry backoff: ${formatDuration(s.start - prev.end)}`}
                          />
                        ) : null;
                      return [
                        backoff,
                        <span
                          key={`${s.kind}${s.start}`}
                          data-testid="timeline-segment"
                          data-kind={s.kind}
                          title={segmentTitle(s)}
                          className={`absolute top-0.5 h-3 min-w-[3px] rounded-sm ${SEGMENT_CLASS[s.kind]} ${
                            row.critical && s.kind !== 'wait' ? 'af-tl-critical' : ''
                          }`}
                          style={{
                            left: pct(s.start - timeline.start, span),
                            width: pct(s.end - s.start, span),
                          }}
                        />,
                      ];
                    })}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}

function Legend({ className, label }: { className: string; label: string }) {
  return (
    <span className="flex items-center gap-1.5">
      <span aria-hidden className={`inline-block h-2.5 w-4 rounded-sm ${className}`} />
      {label}
    </span>
  );
}
