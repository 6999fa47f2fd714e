/**
 * The agent's tools (`config.tools`): the server's built-in tools and its MCP servers' tools
 * (`GET /api/v1/tools`), grouped and searchable, each with its description and whether it has side effects.
 * Chosen names the server no longer offers stay listed (marked) until removed.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, unwrap } from '../../../lib/api.js';
import { inputClass } from '../../../ui/field.js';

export interface ToolInfo {
  name: string;
  description: string;
  sideEffect: boolean;
  source: 'builtin' | 'mcp';
  server?: string;
}

export const toolsQuery = {
  queryKey: ['tools'] as const,
  queryFn: async (): Promise<ToolInfo[]> => unwrap(await api.GET('/api/v1/tools')).items,
  staleTime: 60_000,
};

/** Groups in display order: built-ins first, then one group per MCP server. */
export function groupTools(tools: readonly ToolInfo[]): { label: string; tools: ToolInfo[] }[] {
  const groups = new Map<string, ToolInfo[]>();
  for (const tool of tools) {
    const label = tool.source === 'mcp' ? `MCP · ${tool.server ?? 'server'}` : 'Built-in';
    groups.set(label, [...(groups.get(label) ?? []), tool]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === 'Built-in' ? -1 : b === 'Built-in' ? 1 : a.localeCompare(b)))
    .map(([label, list]) => ({ label, tools: list.sort((x, y) => x.name.localeCompare(y.name)) }));
}

export function ToolsPicker({
  value,
  onChange,
  readOnly,
  error,
}: {
  value: readonly string[] | undefined;
  onChange: (tools: string[] | undefined) => void;
  readOnly: boolean;
  error?: string | undefined;
}) {
  const tools = useQuery(toolsQuery);
  const [search, setSearch] = useState('');
  const chosen = useMemo(() => new Set(value ?? []), [value]);
  const known = useMemo(() => new Set((tools.data ?? []).map((t) => t.name)), [tools.data]);
  const q = search.trim().toLowerCase();
  const groups = useMemo(
    () =>
      groupTools(
        (tools.data ?? []).filter(
          (t) => q === '' || t.name.toLowerCase().includes(q) || t.description.toLowerCase().includes(q),
        ),
      ),
    [tools.data, q],
  );
  const missing = [...chosen].filter((name) => tools.data && !known.has(name));
  const toggle = (name: string, on: boolean) => {
    const next = (value ?? []).filter((n) => n !== name);
    if (on) next.push(name);
    onChange(next.length > 0 ? next : undefined);
  };

  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <legend className="px-1 text-xs font-medium text-slate-600 dark:text-slate-300">
        Tools {chosen.size > 0 && <span className="text-slate-500">({chosen.size} chosen)</span>}
      </legend>
      {chosen.size > 0 && (
        <ul aria-label="Chosen tools" className="flex flex-wrap gap-1">
          {[...chosen].map((name) => (
            <li
              key={name}
              className="flex items-center gap-1 rounded bg-indigo-50 py-0.5 pr-0.5 pl-1.5 font-mono text-[11px] text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100"
            >
              {name}
              {!readOnly && (
                <button
                  type="button"
                  aria-label={`Remove ${name}`}
                  className="rounded px-1 text-indigo-700 hover:bg-indigo-100 dark:text-indigo-300 dark:hover:bg-indigo-900"
                  onClick={() => toggle(name, false)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <input
        type="search"
        aria-label="Search tools"
        className={inputClass}
        placeholder="Search tools"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {tools.isPending && <p className="text-xs text-slate-500">Loading tools…</p>}
      {tools.isError && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          The tool list could not be loaded.
        </p>
      )}
      <div className="max-h-60 space-y-2 overflow-y-auto pr-1" data-testid="tools-list">
        {missing.map((name) => (
          <label key={name} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-0.5"
              checked
              disabled={readOnly}
              onChange={() => toggle(name, false)}
            />
            <span>
              <span className="font-mono text-xs">{name}</span>{' '}
              <span className="text-xs text-amber-700 dark:text-amber-300">not offered by this server</span>
            </span>
          </label>
        ))}
        {groups.map((group) => (
          <fieldset key={group.label}>
            <legend className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
              {group.label}
            </legend>
            <ul className="space-y-1">
              {group.tools.map((tool) => (
                <li key={tool.name}>
                  <label className="flex cursor-pointer items-start gap-2 rounded px-1 py-0.5 hover:bg-slate-50 dark:hover:bg-slate-800">
                    <input
                      type="checkbox"
                      className="mt-1"
                      checked={chosen.has(tool.name)}
                      disabled={readOnly}
                      onChange={(e) => toggle(tool.name, e.target.checked)}
                    />
                    <span className="min-w-0">
                      <span className="flex items-center gap-1.5">
                        <span className="font-mono text-xs text-slate-900 dark:text-slate-100">
                          {tool.name}
                        </span>
                        {tool.sideEffect && (
                          <span className="rounded bg-amber-100 px-1 text-[10px] font-medium text-amber-800 dark:bg-amber-900/60 dark:text-amber-200">
                            side effects
                          </span>
                        )}
                      </span>
                      <span
                        className="line-clamp-2 text-xs text-slate-500 dark:text-slate-400"
                        title={tool.description}
                      >
                        {tool.description}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
        {tools.data && groups.length === 0 && (
          <p className="text-xs text-slate-500">{q ? 'No tool matches.' : 'This server offers no tools.'}</p>
        )}
      </div>
      {error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}
