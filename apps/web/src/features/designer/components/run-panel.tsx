/** The running or finished execution: status, usage, the output and each node's output, cancel. */
import { Badge, type Tone } from '../../../ui/badge.js';
import { Button } from '../../../ui/button.js';
import { useDesigner, useRun } from '../context.js';
import { ApprovalForm } from './approval-form.js';
import { JsonViewer } from './json-viewer.js';

const TONE: Record<string, Tone> = {
  starting: 'blue',
  running: 'blue',
  paused: 'indigo',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'slate',
};

export function RunPanel({ onCancel, onClose }: { onCancel: () => void; onClose: () => void }) {
  const run = useRun((s) => s);
  const selected = useDesigner((s) => s.nodes.find((n) => n.selected)?.id);
  if (run.status === 'idle') return null;
  const live = run.status === 'running' || run.status === 'starting' || run.status === 'paused';
  const nodeRun = selected ? run.nodes[selected] : undefined;
  return (
    <section
      aria-label="Run"
      className="border-t border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="mb-2 flex items-center gap-2">
        <h2 className="text-sm font-semibold">Run</h2>
        <Badge tone={TONE[run.status] ?? 'slate'}>
          <span data-testid="run-status">{run.status}</span>
        </Badge>
        {run.usage && run.usage.inputTokens + run.usage.outputTokens > 0 && (
          <span className="text-xs tabular-nums text-slate-500">
            {run.usage.inputTokens + run.usage.outputTokens} tokens
            {run.usage.costUsd > 0 ? ` · $${run.usage.costUsd.toFixed(4)}` : ''}
          </span>
        )}
        <span className="ml-auto flex gap-1">
          {live && (
            <Button size="sm" variant="danger" onClick={onCancel}>
              Cancel run
            </Button>
          )}
          {!live && (
            <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close the run panel">
              ✕
            </Button>
          )}
        </span>
      </div>
      {run.error && (
        <p role="alert" className="mb-2 text-sm text-red-600 dark:text-red-400">
          <span className="font-mono font-semibold">{run.error.code}</span> {run.error.message}
        </p>
      )}
      {run.executionId &&
        Object.entries(run.nodes)
          .filter(([, n]) => n.status === 'waiting')
          .map(([agentId]) => (
            <div key={agentId} className="mb-3">
              <ApprovalForm executionId={run.executionId!} agentId={agentId} />
            </div>
          ))}
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        {run.status === 'succeeded' || run.output !== undefined ? (
          <JsonViewer label="Output" value={run.output} />
        ) : null}
        {nodeRun && <JsonViewer label={`Output of ${selected}`} value={nodeRun.output ?? nodeRun.error} />}
      </div>
    </section>
  );
}
