/**
 * A step's tool calls: those stored with its records (`StepRecord.toolCalls`: a finished execution shows them
 * too), then those seen live on the monitor and not stored yet (the step is still running).
 */
import { Badge } from '../../../ui/badge.js';
import { formatDuration } from '../model/format.js';
import type { StepRecord } from '../queries.js';
import type { ToolCall } from '../use-live-execution.js';

type StoredCall = NonNullable<StepRecord['toolCalls']>[number];

/** One row of the list, stored or live. */
interface Row {
  key: string;
  toolName: string;
  status: StoredCall['status'];
  attempt?: number | undefined;
  latencyMs?: number | undefined;
  args?: unknown;
  result?: unknown;
  error?: StoredCall['error'];
  approval?: StoredCall['approval'];
}

const TONE = { ok: 'green', error: 'red', rejected: 'amber', running: 'blue' } as const;

/** Stored calls of `records`, then the live calls of those records that are not stored (yet). */
export function toolCallRows(records: readonly StepRecord[], live: readonly ToolCall[]): Row[] {
  const rows: Row[] = [];
  const stored = new Set<string>();
  for (const r of records) {
    for (const c of r.toolCalls ?? []) {
      stored.add(c.toolCallId);
      rows.push({ ...c, key: `${r.id}/${c.toolCallId}/${c.attempt}` });
    }
  }
  for (const c of live) {
    if (stored.has(c.toolCallId)) continue;
    rows.push({
      key: `live/${c.stepId}/${c.toolCallId}`,
      toolName: c.toolName,
      status: c.result ? (c.result.ok ? 'ok' : 'error') : 'running',
      latencyMs: c.result ? c.result.at - c.at : undefined,
      args: c.input,
      result: c.result?.output,
    });
  }
  return rows;
}

export function ToolCalls({ rows }: { rows: readonly Row[] }) {
  if (rows.length === 0) return null;
  return (
    <div>
      <h3 className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">
        Tool calls ({rows.length})
      </h3>
      <ol data-testid="tool-calls" className="space-y-1 text-xs">
        {rows.map((c) => (
          <li
            key={c.key}
            data-status={c.status}
            className="rounded-md border border-slate-200 px-2 py-1.5 dark:border-slate-700"
          >
            <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 tabular-nums">
              <span className="font-mono font-medium">{c.toolName}</span>
              <Badge tone={TONE[c.status]}>{c.status}</Badge>
              {c.latencyMs !== undefined && <span>{formatDuration(c.latencyMs)}</span>}
              {c.attempt !== undefined && c.attempt > 1 && <span>attempt {c.attempt}</span>}
              {c.approval && (
                <span data-testid="tool-call-approval">
                  {c.approval.approved ? 'approved by a person' : 'rejected by a person'}
                  {c.approval.reason ? `: ${c.approval.reason}` : ''}
                </span>
              )}
            </div>
            {c.error && (
              <p className="mt-0.5 text-red-700 dark:text-red-300">
                <span className="font-mono">{c.error.code}</span> {c.error.message}
              </p>
            )}
            <Value label="Arguments" value={c.args} />
            {c.result !== undefined && <Value label="Result" value={c.result} />}
          </li>
        ))}
      </ol>
    </div>
  );
}

function Value({ label, value }: { label: string; value: unknown }) {
  const text = value === undefined ? '(none)' : JSON.stringify(value, null, 2);
  return (
    <details className="mt-0.5">
      <summary className="cursor-pointer text-slate-600 dark:text-slate-300">
        {label} <span className="font-mono text-slate-500 dark:text-slate-400">{preview(text)}</span>
      </summary>
      <pre className="mt-0.5 max-h-48 overflow-auto rounded bg-slate-100 p-2 font-mono text-[11px] dark:bg-slate-950">
        {text}
      </pre>
    </details>
  );
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}
