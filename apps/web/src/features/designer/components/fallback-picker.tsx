/**
 * The agent's fallback chain (`config.fallback`): an ordered list of provider + model tried in turn when the
 * main model fails. Providers come from `GET /api/v1/providers` (with their configured state); models are
 * suggested from the provider's known models and, for Ollama, its installed ones.
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api, unwrap } from '../../../lib/api.js';
import { Button } from '../../../ui/button.js';
import { inputClass } from '../../../ui/field.js';
import { ollamaModelsQuery } from './ollama-models.js';

export interface Fallback {
  provider: string;
  model: string;
}

export const providersQuery = {
  queryKey: ['providers'] as const,
  queryFn: async () => unwrap(await api.GET('/api/v1/providers')).items,
  staleTime: 60_000,
};

/** Moves item `from` to `to` (both in range), returning a new list. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

export function FallbackPicker({
  value,
  onChange,
  readOnly,
  errors,
}: {
  value: readonly Fallback[] | undefined;
  onChange: (fallback: Fallback[] | undefined) => void;
  readOnly: boolean;
  /** Problems by index (`config.fallback[1].model` -> 1). */
  errors?: Record<number, string>;
}) {
  const id = useId();
  const providers = useQuery(providersQuery);
  const usesOllama = (value ?? []).some((f) => f.provider === 'ollama');
  const ollama = useQuery({ ...ollamaModelsQuery, enabled: usesOllama });
  const list = value ?? [];
  const set = (next: Fallback[]) => onChange(next.length > 0 ? next : undefined);
  const update = (i: number, patch: Partial<Fallback>) =>
    set(list.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const suggestions = (provider: string): string[] =>
    provider === 'ollama'
      ? (ollama.data ?? []).map((m) => m.name)
      : (providers.data?.find((p) => p.name === provider)?.models ?? []).map((m) => m.id);

  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <legend className="px-1 text-xs font-medium text-slate-600 dark:text-slate-300">Fallback chain</legend>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Tried in order when the model above fails (errors, timeouts, refusals of the provider).
      </p>
      <ol className="space-y-2 empty:hidden" aria-label="Fallbacks in order">
        {list.map((f, i) => {
          const chosen = providers.data?.find((p) => p.name === f.provider);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the chain
            <li key={i} className="rounded border border-slate-200 p-2 dark:border-slate-700">
              <div className="mb-1.5 flex items-center justify-between">
                <span className="text-[11px] font-semibold text-slate-500 dark:text-slate-400">{i + 1}.</span>
                <span className="flex gap-0.5">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Move fallback ${i + 1} up`}
                    disabled={readOnly || i === 0}
                    onClick={() => set(move(list, i, i - 1))}
                  >
                    ↑
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Move fallback ${i + 1} down`}
                    disabled={readOnly || i === list.length - 1}
                    onClick={() => set(move(list, i, i + 1))}
                  >
                    ↓
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove fallback ${i + 1}`}
                    disabled={readOnly}
                    onClick={() => set(list.filter((_, j) => j !== i))}
                  >
                    ✕
                  </Button>
                </span>
              </div>
              <div className="grid grid-cols-1 gap-1.5">
                <select
                  aria-label={`Fallback ${i + 1} provider`}
                  className={inputClass}
                  value={f.provider}
                  disabled={readOnly}
                  onChange={(e) => update(i, { provider: e.target.value })}
                >
                  {!chosen && <option value={f.provider}>{f.provider || 'provider'}</option>}
                  {providers.data?.map((p) => (
                    <option key={p.name} value={p.name}>
                      {p.name}
                      {p.configured ? '' : ' (not configured)'}
                    </option>
                  ))}
                </select>
                <input
                  aria-label={`Fallback ${i + 1} model`}
                  className={inputClass}
                  list={`${id}-models-${i}`}
                  value={f.model}
                  readOnly={readOnly}
                  placeholder="model id"
                  onChange={(e) => update(i, { model: e.target.value })}
                />
                <datalist id={`${id}-models-${i}`}>
                  {suggestions(f.provider).map((m) => (
                    <option key={m} value={m} />
                  ))}
                </datalist>
              </div>
              {chosen && !chosen.configured && (
                <p className="mt-1 text-xs text-amber-700 dark:text-amber-300">
                  {chosen.problem ?? 'not configured on this server'}
                </p>
              )}
              {errors?.[i] && (
                <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
                  {errors[i]}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {!readOnly && list.length < 10 && (
        <Button
          size="sm"
          onClick={() => {
            const first = providers.data?.find((p) => p.configured) ?? providers.data?.[0];
            set([...list, { provider: first?.name ?? 'openai', model: first?.models[0]?.id ?? '' }]);
          }}
        >
          + Add fallback
        </Button>
      )}
    </fieldset>
  );
}
