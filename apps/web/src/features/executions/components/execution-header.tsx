/**
 * The head of an execution's page: breadcrumb, workflow name and version, status, where it came from (parent,
 * fork, re-run), its facts (start, duration, steps, tokens, cost) and the actions the caller's role allows.
 */
import { Link } from 'react-router';
import { Badge } from '../../../ui/badge.js';
import { Button } from '../../../ui/button.js';
import { formatCost, formatDuration, formatTime, formatTokens, STATUS_TONE } from '../model/format.js';
import type { ExecutionOverview } from '../queries.js';

export interface ExecutionHeaderProps {
  execution: ExecutionOverview['execution'];
  workflowName: string | undefined;
  finished: boolean;
  /** The live monitor is connected. */
  live: boolean;
  durationMs: number | undefined;
  can: (permission: string) => boolean;
  forkable: boolean;
  cancelling: boolean;
  rerunning: boolean;
  onCancel: () => void;
  onFork: () => void;
  onRerun: () => void;
}

export function ExecutionHeader({
  execution,
  workflowName,
  finished,
  live,
  durationMs,
  can,
  forkable,
  cancelling,
  rerunning,
  onCancel,
  onFork,
  onRerun,
}: ExecutionHeaderProps) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/executions" className="text-indigo-700 underline dark:text-indigo-300">
          Executions
        </Link>
        <span className="mx-1.5 text-slate-400">/</span>
        <span className="font-mono text-xs">{execution.id}</span>
      </nav>
      <header className="flex flex-wrap items-start gap-x-6 gap-y-3">
        <div className="min-w-0">
          <h1 className="flex items-center gap-2 text-xl font-semibold">
            <span className="truncate">{workflowName ?? execution.workflowId}</span>
            <span className="text-sm font-normal text-slate-500 dark:text-slate-400">
              v{execution.workflowVersion}
            </span>
            <span data-testid="execution-status">
              <Badge tone={STATUS_TONE[execution.status] ?? 'slate'}>{execution.status}</Badge>
            </span>
          </h1>
          <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
            <Link to={`/workflows/${execution.workflowId}`} className="underline">
              Open the workflow
            </Link>
            {execution.parentExecutionId && (
              <>
                {' · from '}
                <Link to={`/executions/${execution.parentExecutionId}`} className="font-mono underline">
                  {execution.parentExecutionId.slice(0, 12)}
                </Link>
              </>
            )}
            {execution.forkedFrom && (
              <>
                {' · '}
                {execution.forkedFrom.nodeId ? 'forked at ' : 're-run of '}
                {execution.forkedFrom.nodeId && (
                  <span className="font-medium">{execution.forkedFrom.nodeId}</span>
                )}
                {execution.forkedFrom.nodeId && ' of '}
                <Link to={`/executions/${execution.forkedFrom.executionId}`} className="font-mono underline">
                  {execution.forkedFrom.executionId.slice(0, 12)}
                </Link>
              </>
            )}
            {!finished && live && ' · live'}
          </p>
        </div>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <Fact label="Started" value={formatTime(execution.startedAt ?? execution.createdAt)} />
          <Fact label="Duration" value={formatDuration(durationMs)} />
          <Fact label="Steps" value={String(execution.stepCount)} />
          <Fact
            label="Tokens"
            value={`${formatTokens(execution.usage.inputTokens)} in · ${formatTokens(execution.usage.outputTokens)} out`}
          />
          <Fact label="Cost" value={formatCost(execution.usage.costUsd)} testId="execution-cost" />
        </dl>
        <div className="ml-auto flex gap-2">
          {!finished && can('execution:cancel') && (
            <Button onClick={onCancel} disabled={cancelling}>
              Cancel
            </Button>
          )}
          {can('workflow:execute') && forkable && (
            <Button onClick={onFork} title="Reuse the steps upstream of a node and run from it on">
              Fork from node…
            </Button>
          )}
          {can('workflow:execute') && forkable && (
            <Button
              variant="primary"
              onClick={onRerun}
              disabled={rerunning}
              title="Run again with the same input on the same workflow version"
            >
              Re-run
            </Button>
          )}
        </div>
      </header>
    </>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="font-medium tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
