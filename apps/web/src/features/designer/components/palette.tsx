/** The node palette: every registered node type, grouped and searchable; drag onto the canvas or press Enter. */
import { useMemo, useState } from 'react';
import type { NodeTypeInfo } from '../../../lib/api.js';
import { inputClass } from '../../../ui/field.js';

export const DRAG_TYPE = 'application/x-agentflow-node-type';

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
}: {
  types: readonly NodeTypeInfo[];
  onAdd: (type: string) => void;
  disabled: boolean;
}) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = q
      ? types.filter((t) => t.type.includes(q) || t.description.toLowerCase().includes(q))
      : types;
    return groupNodeTypes(filtered);
  }, [types, query]);
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
        {groups.map((g) => (
          <section key={g.title} className="mb-3">
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
        ))}
        {groups.length === 0 && <p className="text-sm text-slate-500">No node type matches “{query}”.</p>}
      </div>
    </aside>
  );
}
