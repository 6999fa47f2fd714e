/**
 * A node on the canvas: type, name, live run state, validation problems. Handles: `in` (left), `out` (right),
 * one per router route (`route:<name>`, right), `error` (bottom, red: an on-error connection).
 */
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useIssues, useRun } from '../context.js';
import type { AgentNode } from '../model/convert.js';
import type { NodeRunStatus } from '../model/run-state.js';
import { ENTRY_HANDLE } from '../triggers/entry-nodes.js';

const STATUS_STYLE: Record<NodeRunStatus, string> = {
  queued: 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
  running: 'bg-sky-500 text-white animate-pulse',
  retrying: 'bg-amber-500 text-white',
  succeeded: 'bg-emerald-600 text-white',
  failed: 'bg-red-600 text-white',
  skipped: 'bg-slate-400 text-white',
  waiting: 'bg-violet-600 text-white',
  cancelled: 'bg-slate-500 text-white',
};

const CATEGORY_ACCENT: Record<string, string> = {
  input: 'border-t-emerald-500',
  output: 'border-t-emerald-500',
  agent: 'border-t-indigo-500',
  router: 'border-t-amber-500',
  human: 'border-t-violet-500',
  tool: 'border-t-sky-500',
};

function routesOf(config: Record<string, unknown>): string[] {
  const names = Array.isArray(config.routes)
    ? config.routes
        .map((r) => (r as { name?: unknown })?.name)
        .filter((n): n is string => typeof n === 'string' && n !== '')
    : [];
  if (typeof config.default === 'string' && config.default !== '' && !names.includes(config.default))
    names.push(config.default);
  return [...new Set(names)];
}

function elapsed(start?: number, end?: number): string | undefined {
  if (start === undefined) return undefined;
  const ms = (end ?? Date.now()) - start;
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export const AgentNodeView = memo(function AgentNodeView({ id, data, selected }: NodeProps<AgentNode>) {
  const { agent } = data;
  const run = useRun((s) => s.nodes[id]);
  const issues = useIssues((s) => s.nodes[id]);
  const routes = agent.type === 'router' ? routesOf(agent.config) : [];
  const hasInput = agent.type !== 'input';
  const hasOutput = agent.type !== 'output';
  const invalid = issues !== undefined && issues.length > 0;
  return (
    <div
      data-testid={`node-${id}`}
      data-status={run?.status ?? 'idle'}
      className={`min-w-48 max-w-64 rounded-lg border border-t-4 bg-white text-left shadow-sm dark:bg-slate-900 ${
        CATEGORY_ACCENT[agent.type] ?? 'border-t-slate-400'
      } ${invalid ? 'border-red-500 dark:border-red-500' : 'border-slate-300 dark:border-slate-600'} ${
        selected ? 'ring-2 ring-indigo-500 ring-offset-1 dark:ring-offset-slate-950' : ''
      }`}
    >
      {hasInput && <Handle type="target" position={Position.Left} id="in" className="af-handle" />}
      {!hasInput && (
        // Where the workflow's triggers (entry nodes) connect: not a place to connect anything to.
        <Handle
          type="target"
          position={Position.Left}
          id={ENTRY_HANDLE}
          isConnectable={false}
          className="af-handle-entry"
        />
      )}
      <div className="px-3 py-2">
        <div className="flex items-center justify-between gap-2">
          <span className="text-[11px] font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
            {agent.type}
          </span>
          {run && (
            <span className={`rounded px-1.5 py-0.5 text-[10px] font-semibold ${STATUS_STYLE[run.status]}`}>
              {run.status === 'waiting' ? 'needs approval' : run.status}
            </span>
          )}
        </div>
        <div className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">
          {agent.name || id}
        </div>
        {run && (run.startedAt !== undefined || run.tokens > 0) && (
          <div className="mt-0.5 flex gap-2 text-[11px] tabular-nums text-slate-500 dark:text-slate-400">
            {elapsed(run.startedAt, run.endedAt) && <span>{elapsed(run.startedAt, run.endedAt)}</span>}
            {run.tokens > 0 && <span>{run.tokens} tok</span>}
            {run.costUsd > 0 && <span>${run.costUsd.toFixed(4)}</span>}
          </div>
        )}
        {invalid && (
          <ul className="mt-1 space-y-0.5" aria-label="Problems">
            {issues.slice(0, 2).map((issue) => (
              <li
                key={`${issue.code}:${issue.path}`}
                className="text-[11px] leading-tight text-red-600 dark:text-red-400"
              >
                <span className="font-mono font-semibold">{issue.code}</span> {issue.message}
              </li>
            ))}
            {issues.length > 2 && <li className="text-[11px] text-red-600">+{issues.length - 2} more</li>}
          </ul>
        )}
        {routes.length > 0 && (
          <div className="mt-1.5 space-y-1">
            {routes.map((r) => (
              <div
                key={r}
                className="relative pr-2 text-right text-[11px] text-amber-700 dark:text-amber-300"
              >
                {r}
                <Handle
                  type="source"
                  position={Position.Right}
                  id={`route:${r}`}
                  className="af-handle af-handle-route"
                />
              </div>
            ))}
          </div>
        )}
      </div>
      {hasOutput && routes.length === 0 && (
        <Handle type="source" position={Position.Right} id="out" className="af-handle" />
      )}
      {hasOutput && (
        <Handle
          type="source"
          position={Position.Bottom}
          id="error"
          className="af-handle af-handle-error"
          title="On error"
        />
      )}
    </div>
  );
});
