/**
 * The node palette: every registered node type, grouped and searchable, and the agent library (the agent
 * templates the workspace sees: a node type with its template's config and name); drag onto the canvas, or
 * click (Enter) to add at the centre.
 */
import { Fragment, useMemo, useState } from 'react';
import type { NodeTypeInfo } from '../../../lib/api.js';
import { inputClass } from '../../../ui/field.js';

export const DRAG_TYPE = 'application/x-agentflow-node-type';
/** With DRAG_TYPE, when the dragged item is an agent template: `{ config, name }` as JSON. */
export const DRAG_PRESET = 'application/x-agentflow-node-preset';

/** A node as an agent template presets it. */
export interface NodePreset {
  config: Record<string, unknown>;
  name: string;
}

/** An agent template as the palette lists it. */
export interface AgentLibraryItem {
  id: string;
  name: string;
  description?: string | undefined;
  icon?: string | undefined;
  nodeType?: string | undefined;
  defaultConfig?: Record<string, unknown> | undefined;
}

/** The palette entries of the agent library matching a search (name, description). */
export function filterLibrary(items: readonly AgentLibraryItem[], query: string): AgentLibraryItem[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...items];
  return items.filter(
    (t) => t.name.toLowerCase().includes(q) || (t.description ?? '').toLowerCase().includes(q),
  );
}

const GROUPS: { title: string; match: (t: NodeTypeInfo) => boolean }[] = [
  { title: 'Input / output', match: (t) => t.category === 'io' && t.type !== 'human' },
  { title: 'Agents', match: (t) => t.category === 'ai' },
  {
    title: 'Control flow',
    match: (t) => t.category === 'control' || t.category === 'human' || t.category === 'data',
  },
  { title: 'Tools', match: (t) => t.category === 'tool' },
];

export function groupNodeTypes(types: readonly NodeTypeInfo[]): { title: string; items: NodeTypeInfo[] }[] {
  const used = new Set<string>();
  const groups = GROUPS.map((g) => {
    const items = types.filter((t) => !used.has(t.type) && g.match(t));
    for (const t of items) used.add(t.type);
    return { title: g.title, items };
  });
  const rest = types.filter((t) => !used.has(t.type));
  if (rest.length > 0) groups.push({ title: 'Other', items: rest });
  return groups.filter((g) => g.items.length > 0);
}

export function Palette({
  types,
  onAdd,
  disabled,
  library = [],
}: {
  types: readonly NodeTypeInfo[];
  onAdd: (type: string, preset?: NodePreset) => void;
  disabled: boolean;
  /** The agent library (agent templates). */
  library?: readonly AgentLibraryItem[];
}) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = q
      ? types.filter((t) => t.type.includes(q) || t.description.toLowerCase().includes(q))
      : types;
    return groupNodeTypes(filtered);
  }, [types, query]);
  const agents = useMemo(() => filterLibrary(library, query), [library, query]);
  // The agent library sits right after the "Agents" group (first when that group is filtered out).
  const libraryAfter = groups.findIndex((g) => g.title === 'Agents');
  const librarySection = agents.length > 0 && (
    <section className="mb-3" aria-labelledby="palette-library">
      <h2
        id="palette-library"
        className="mb-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400"
      >
        Agent library
      </h2>
      <ul className="space-y-1.5">
        {agents.map((t) => {
          const type = t.nodeType ?? 'agent';
          const preset: NodePreset = { config: t.defaultConfig ?? {}, name: t.name };
          return (
            <li key={t.id}>
              <button
                type="button"
                draggable={!disabled}
                disabled={disabled}
                data-testid={`palette-template-${t.id}`}
                onDragStart={(e) => {
                  e.dataTransfer.setData(DRAG_TYPE, type);
                  e.dataTransfer.setData(DRAG_PRESET, JSON.stringify(preset));
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onClick={() => onAdd(type, preset)}
                title={`Drag onto the canvas, or click to add: ${t.description ?? t.name}`}
                className="flex w-full cursor-grab items-start gap-2 rounded-md border border-violet-200 px-2.5 py-1.5 text-left hover:border-violet-400 hover:bg-violet-50 disabled:cursor-not-allowed disabled:opacity-60 dark:border-violet-900 dark:hover:bg-slate-800"
              >
                <span aria-hidden="true" className="text-base leading-5">
                  {t.icon && /\p{Extended_Pictographic}/u.test(t.icon) ? t.icon : '🤖'}
                </span>
                <span className="min-w-0">
                  <span className="block truncate text-sm font-medium text-slate-900 dark:text-slate-100">
                    {t.name}
                  </span>
                  {t.description && (
                    <span className="line-clamp-2 block text-xs text-slate-600 dark:text-slate-400">
                      {t.description}
                    </span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
  return (
    <aside
      aria-label="Node palette"
      className="flex w-52 shrink-0 flex-col border-r xl:w-60 border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="p-3">
        <input
          type="search"
          aria-label="Search node types"
          placeholder="Search nodes"
          className={inputClass}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-3 pb-3">
        {libraryAfter === -1 && librarySection}
        {groups.map((g, index) => (
          <Fragment key={g.title}>
            <section className="mb-3">
              <h2 className="mb-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
                {g.title}
              </h2>
              <ul className="space-y-1.5">
                {g.items.map((t) => (
                  <li key={t.type}>
                    <button
                      type="button"
                      draggable={!disabled}
                      disabled={disabled}
                      data-testid={`palette-${t.type}`}
                      onDragStart={(e) => {
                        e.dataTransfer.setData(DRAG_TYPE, t.type);
                        e.dataTransfer.effectAllowed = 'move';
                      }}
                      onClick={() => onAdd(t.type)}
                      title={`Drag onto the canvas, or click to add: ${t.description}`}
                      className="w-full cursor-grab rounded-md border border-slate-200 px-2.5 py-1.5 text-left hover:border-indigo-400 hover:bg-indigo-50 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
                    >
                      <span className="block text-sm font-medium text-slate-900 dark:text-slate-100">
                        {t.type}
                      </span>
                      <span className="line-clamp-2 block text-xs text-slate-600 dark:text-slate-400">
                        {t.description}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
            {index === libraryAfter && librarySection}
          </Fragment>
        ))}
        {groups.length === 0 && agents.length === 0 && (
          <p className="text-sm text-slate-500">No node type matches “{query}”.</p>
        )}
      </div>
    </aside>
  );
}
