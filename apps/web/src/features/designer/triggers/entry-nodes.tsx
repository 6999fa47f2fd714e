/**
 * A workflow's triggers drawn as its entry nodes: one card per trigger to the left of the input node, with a
 * dashed edge into it. They are not part of the workflow definition (the editor store never sees them): the
 * canvas adds them to what it draws, and a click opens the triggers dialog.
 */
import { type Edge, Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { TriggerItem } from './queries.js';

export const ENTRY_PREFIX = 'trigger:';
/** The input node's hidden handle the entry edges end at. */
export const ENTRY_HANDLE = 'entry';

export type EntryNode = Node<{ trigger: TriggerItem }, 'entry'>;

const KIND_LABEL: Record<string, string> = {
  webhook: 'Webhook',
  schedule: 'Schedule',
  workflow_event: 'Workflow event',
};

/** One line saying when the trigger fires. */
export function triggerSummary(t: TriggerItem): string {
  const config = t.config as Record<string, unknown>;
  if (t.kind === 'webhook') return `POST /hooks/…${t.id.slice(-6)} · ${String(config.mode ?? 'async')}`;
  if (t.kind === 'schedule') return `${String(config.cron)} (${String(config.timezone ?? 'UTC')})`;
  if (t.kind === 'workflow_event') {
    const on = Array.isArray(config.on) ? config.on.join(' or ') : 'succeeded';
    return `when another workflow ${on}`;
  }
  return t.kind;
}

export function kindLabel(kind: string): string {
  return KIND_LABEL[kind] ?? kind;
}

const WIDTH = 220;
const GAP_X = 90;
const STEP_Y = 96;

/**
 * The entry nodes and edges for `triggers`, placed in a column left of `input` (its position), centred on it.
 * The same triggers and position give equal nodes, so React Flow keeps their measurements.
 */
export function entryElements(
  triggers: readonly TriggerItem[],
  input: { id: string; position: { x: number; y: number } } | undefined,
): { nodes: EntryNode[]; edges: Edge[] } {
  if (!input || triggers.length === 0) return { nodes: [], edges: [] };
  const top = input.position.y - ((triggers.length - 1) * STEP_Y) / 2;
  const nodes = triggers.map(
    (trigger, i): EntryNode => ({
      id: `${ENTRY_PREFIX}${trigger.id}`,
      type: 'entry',
      position: { x: input.position.x - WIDTH - GAP_X, y: top + i * STEP_Y },
      data: { trigger },
      draggable: false,
      connectable: false,
      selectable: false,
      deletable: false,
      focusable: true,
      ariaLabel: `${kindLabel(trigger.kind)} trigger ${trigger.name}`,
    }),
  );
  const edges = triggers.map(
    (trigger): Edge => ({
      id: `${ENTRY_PREFIX}${trigger.id}`,
      source: `${ENTRY_PREFIX}${trigger.id}`,
      target: input.id,
      targetHandle: ENTRY_HANDLE,
      animated: trigger.enabled,
      selectable: false,
      deletable: false,
      focusable: false,
      style: { strokeDasharray: '5 4' },
    }),
  );
  return { nodes, edges };
}

export const EntryNodeView = memo(function EntryNodeView({ data }: NodeProps<EntryNode>) {
  const { trigger } = data;
  return (
    <div
      data-testid={`entry-${trigger.id}`}
      data-kind={trigger.kind}
      data-enabled={trigger.enabled}
      style={{ width: WIDTH }}
      className={`cursor-pointer rounded-lg border border-dashed bg-white px-3 py-2 text-left shadow-sm dark:bg-slate-900 ${
        trigger.enabled
          ? 'border-teal-500 dark:border-teal-400'
          : 'border-slate-300 opacity-70 dark:border-slate-600'
      }`}
      title="Triggers start this workflow on their own: click to manage them"
    >
      <div className="flex items-center justify-between gap-2">
        <span className="text-[11px] font-semibold uppercase tracking-wide text-teal-700 dark:text-teal-300">
          {kindLabel(trigger.kind)}
        </span>
        {!trigger.enabled && <span className="text-[10px] font-semibold text-slate-500">off</span>}
      </div>
      <div className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">{trigger.name}</div>
      <div className="truncate font-mono text-[11px] text-slate-500 dark:text-slate-400">
        {triggerSummary(trigger)}
      </div>
      <Handle type="source" position={Position.Right} id="out" isConnectable={false} className="af-handle" />
    </div>
  );
});
