/** A connection: solid for success, dashed red for on-error; its CEL condition (or route) shown as a label. */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import { useIssues } from '../context.js';
import type { ConnectionEdge } from '../model/convert.js';

export const ConnectionEdgeView = memo(function ConnectionEdgeView(props: EdgeProps<ConnectionEdge>) {
  const { id, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const issues = useIssues((s) => s.edges[id]);
  const connection = data?.connection;
  const isError = connection?.on === 'error';
  const invalid = issues !== undefined && issues.length > 0;
  const label = connection?.condition ?? (isError ? 'on error' : undefined);
  const className = invalid
    ? 'af-edge-invalid'
    : isError
      ? 'af-edge-error'
      : selected
        ? 'af-edge-selected'
        : 'af-edge';
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} className={className} />
      {(label || invalid) && (
        <EdgeLabelRenderer>
          <div
            className={`nodrag nopan af-edge-label absolute max-w-56 truncate rounded border px-1.5 py-0.5 font-mono text-[10px] ${
              invalid
                ? 'border-red-400 bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300'
                : isError
                  ? 'border-red-300 bg-white text-red-600 dark:bg-slate-900'
                  : 'border-slate-300 bg-white text-slate-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200'
            }`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${id}`}
            title={invalid ? issues.map((i) => `${i.code}: ${i.message}`).join('\n') : label}
          >
            {invalid ? `${issues[0]!.code} ${label ?? ''}` : label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
