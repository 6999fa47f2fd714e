/**
 * One node's activity in an execution: its activations (iterations), and for the chosen one the status, input
 * and output, attempts (with their errors), every provider attempt (provider, model, status, latency, tokens,
 * cost, error), its tool calls (stored with the step, or seen live while it runs) and its log lines.
 */
import { Badge } from '../../../ui/badge.js';
import { JsonViewer } from '../../designer/components/json-viewer.js';
import { formatCost, formatDuration, formatTime, STATUS_TONE } from '../model/format.js';
import type { LogLine, StepRecord } from '../queries.js';
import type { ToolCall } from '../use-live-execution.js';
import { ToolCalls, toolCallRows } from './tool-calls.js';

const th = 'px-2 py-1 text-left font-medium';
const td = 'px-2 py-1 align-top tabular-nums';

export function StepPanel({
  agentId,
  agentType,
  agentName,
  steps,
  iteration,
  onIteration,
  toolCalls,
  logs,
  live,
  loadingData = false,
}: {
  agentId: string;
  agentType?: string | undefined;
  agentName?: string | undefined;
  /** This node's step records, oldest first. */
  steps: readonly StepRecord[];
  iteration: number | undefined;
  onIteration: (iteration: number) => void;
  toolCalls: readonly ToolCall[];
  logs: readonly LogLine[];
  live?: { startedAt: number } | undefined;
  /** The shown activation's full records (input, output, tool calls) are still being read. */
  loadingData?: boolean;
}) {
  const iterations = [...new Set(steps.map((s) => s.iteration))].sort((a, b) => a - b);
  const current = iteration ?? iterations[iterations.length - 1];
  const records = steps.filter((s) => s.iteration === current);
  const step = records.findLast((s) => s.status !== 'waiting') ?? records[records.length - 1];
  const waiting = records.find((s) => s.status === 'waiting');
  const calls = toolCallRows(
    records,
    toolCalls.filter(
      (c) =>
        c.agentId === agentId && (!step || c.stepId === step.id || records.some((r) => r.id === c.stepId)),
    ),
  );
  const stepLogs = logs.filter((l) => records.some((r) => r.id === l.stepId));

  return (
    <section
      aria-label={`Step ${agentId}`}
      className="space-y-3 text-sm"
      data-testid="step-panel"
      data-loaded={!loadingData}
    >
      <header className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold">
          {agentName && agentName !== agentId ? (
            <>
              {agentName}{' '}
              <span className="font-mono text-xs font-normal text-slate-500 dark:text-slate-400">
                {agentId}
              </span>
            </>
          ) : (
            agentId
          )}
        </h2>
        {agentType && (
          <span className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
            {agentType}
          </span>
        )}
        {step && <Badge tone={STATUS_TONE[step.status] ?? 'slate'}>{step.status}</Badge>}
        {!step && live && <Badge tone="blue">running</Badge>}
        {iterations.length > 1 && (
          <label className="ml-auto flex items-center gap-1 text-xs">
            Activation
            <select
              className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-900"
              value={current}
              onChange={(e) => onIteration(Number(e.target.value))}
            >
              {iterations.map((i) => (
                <option key={i} value={i}>
                  #{i + 1}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {!step && !live && (
        <p className="text-slate-500 dark:text-slate-400">This node has not run in this execution.</p>
      )}
      {!step && live && (
        <p className="text-slate-600 dark:text-slate-300">Running since {formatTime(live.startedAt)}…</p>
      )}
      {step && (
        <>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
            <dt className="text-slate-500 dark:text-slate-400">Started</dt>
            <dd className="tabular-nums">{formatTime(step.startedAt)}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Duration</dt>
            <dd className="tabular-nums">{formatDuration(step.completedAt - step.startedAt)}</dd>
            {waiting && (
              <>
                <dt className="text-slate-500 dark:text-slate-400">Waited</dt>
                <dd className="tabular-nums">
                  {formatDuration((step === waiting ? Date.now() : step.startedAt) - waiting.startedAt)}
                </dd>
              </>
            )}
            {step.usage && (
              <>
                <dt className="text-slate-500 dark:text-slate-400">Tokens</dt>
                <dd className="tabular-nums">
                  {step.usage.inputTokens} in · {step.usage.outputTokens} out
                </dd>
                <dt className="text-slate-500 dark:text-slate-400">Cost</dt>
                <dd className="tabular-nums">{formatCost(step.usage.costUsd)}</dd>
              </>
            )}
            {step.route && (
              <>
                <dt className="text-slate-500 dark:text-slate-400">Route</dt>
                <dd>{step.route}</dd>
              </>
            )}
            {step.fallbackUsed && (
              <>
                <dt className="text-slate-500 dark:text-slate-400">Fallback</dt>
                <dd>the node failed; its fallback value was used</dd>
              </>
            )}
          </dl>
          {step.reusedFrom && (
            <p className="rounded-md bg-slate-100 px-2.5 py-1.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200">
              Reused by this fork from the source execution (step{' '}
              <span className="font-mono">{step.reusedFrom}</span>): it did not run again; times and usage are
              the source's.
            </p>
          )}
          {step.error && (
            <p
              role="note"
              className="rounded-md bg-red-50 px-2.5 py-1.5 text-xs text-red-800 dark:bg-red-950/60 dark:text-red-200"
            >
              <span className="font-mono font-semibold">{step.error.code}</span> {step.error.message}
            </p>
          )}
          <Table
            label="Attempts"
            testId="attempts"
            head={['#', 'Started', 'Duration', 'Result']}
            rows={attemptRows(step)}
          />
          {step.modelCalls && step.modelCalls.length > 0 && (
            <div>
              <h3 className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">
                Provider attempts ({step.modelCalls.length})
              </h3>
              <ol data-testid="model-calls" className="space-y-1 text-xs">
                {step.modelCalls.map((c, i) => (
                  <li
                    // biome-ignore lint/suspicious/noArrayIndexKey: calls have no id; their order is their identity
                    key={i}
                    data-status={c.status}
                    className="rounded-md border border-slate-200 px-2 py-1.5 dark:border-slate-700"
                  >
                    <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 tabular-nums">
                      <span className="font-medium">{c.provider}</span>
                      <span className="font-mono">{c.model}</span>
                      <Badge tone={c.status === 'ok' ? 'green' : 'red'}>{c.status}</Badge>
                      <span>{formatDuration(c.latencyMs)}</span>
                      {(c.inputTokens !== undefined || c.outputTokens !== undefined) && (
                        <span>
                          {c.inputTokens ?? 0} in · {c.outputTokens ?? 0} out
                        </span>
                      )}
                      {c.costUsd !== undefined && <span>{formatCost(c.costUsd)}</span>}
                    </div>
                    {c.error && (
                      <p className="mt-0.5 text-red-700 dark:text-red-300">
                        <span className="font-mono">{c.error.code}</span> {c.error.message}
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            </div>
          )}
          <ToolCalls rows={calls} />
          {loadingData ? (
            <p className="text-xs text-slate-500 dark:text-slate-400">Loading the input and output…</p>
          ) : (
            <>
              <JsonViewer label="Input" value={step.input} />
              <JsonViewer label="Output" value={step.output} />
            </>
          )}
          {stepLogs.length > 0 && (
            <div>
              <h3 className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">Logs</h3>
              <ul className="max-h-48 overflow-auto rounded-md bg-slate-100 p-2 font-mono text-[11px] dark:bg-slate-950">
                {stepLogs.map((l) => (
                  <li key={`${l.at}-${l.level}-${l.message}`}>
                    <span className="text-slate-500 dark:text-slate-400">{l.level}</span> {l.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** The attempts of a step: the recorded failures, then the last attempt (implied by `attempt`). */
function attemptRows(step: StepRecord): string[][] {
  const recorded = step.attempts ?? [];
  const rows = recorded.map((a) => [
    String(a.attempt),
    `+${formatDuration(a.startedAt - step.startedAt)}`,
    formatDuration(a.durationMs),
    a.error ? `${a.error.code}: ${a.error.message}` : 'ok',
  ]);
  if (recorded.length === 0) {
    rows.push([
      '1',
      '+0 ms',
      formatDuration(step.completedAt - step.startedAt),
      step.error ? `${step.error.code}: ${step.error.message}` : 'ok',
    ]);
  } else if (step.attempt > recorded.length && step.status !== 'failed') {
    const last = recorded[recorded.length - 1]!;
    const from = last.startedAt + last.durationMs;
    rows.push([
      String(step.attempt),
      `after +${formatDuration(from - step.startedAt)}`,
      `≤ ${formatDuration(step.completedAt - from)}`,
      'ok',
    ]);
  }
  return rows;
}

function Table({
  label,
  head,
  rows,
  testId,
}: {
  label: string;
  head: string[];
  rows: string[][];
  testId: string;
}) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">{label}</h3>
      <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-700">
        <table className="w-full text-xs" data-testid={testId}>
          <thead className="bg-slate-50 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              {head.map((h) => (
                <th key={h} className={th}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.join('\u0000')} className="border-t border-slate-100 dark:border-slate-800">
                {r.map((cell, j) => (
                  <td
                    key={head[j]}
                    className={`${td} ${cell.startsWith('AF_') || cell === 'error' ? 'text-red-700 dark:text-red-300' : ''}`}
                  >
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
