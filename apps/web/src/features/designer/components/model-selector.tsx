/**
 * The agent node's provider and model, on top of its generated form: every provider with its configured state
 * (`GET /api/v1/providers`: unconfigured ones say why), and the chosen provider's known models as suggestions;
 * for Ollama, its status, installed models and a pull with progress (`ollama-models.tsx`).
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { inputClass } from '../../../ui/field.js';
import { providersQuery } from './fallback-picker.js';
import { OllamaModels, ollamaModelsQuery } from './ollama-models.js';

const label = 'block text-xs font-medium text-slate-600 dark:text-slate-300';

export function ModelSelector({
  config,
  readOnly,
  onChange,
  errors,
}: {
  config: Record<string, unknown>;
  readOnly: boolean;
  onChange: (config: Record<string, unknown>) => void;
  errors: { provider?: string; model?: string };
}) {
  const id = useId();
  const providers = useQuery(providersQuery);
  const provider = typeof config.provider === 'string' ? config.provider : '';
  const ollama = useQuery({ ...ollamaModelsQuery, enabled: provider === 'ollama' });
  const model = typeof config.model === 'string' ? config.model : '';
  const chosen = providers.data?.find((p) => p.name === provider);
  const set = (key: 'provider' | 'model', value: string) => {
    const next = { ...config };
    if (value === '') delete next[key];
    else next[key] = value;
    onChange(next);
  };
  return (
    <div className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <div className="space-y-1">
        <label className={label} htmlFor={`${id}-provider`}>
          Provider
        </label>
        <select
          id={`${id}-provider`}
          className={inputClass}
          value={provider}
          disabled={readOnly}
          onChange={(e) => set('provider', e.target.value)}
        >
          <option value="">Choose a provider</option>
          {provider !== '' && !chosen && <option value={provider}>{provider}</option>}
          {providers.data?.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name} {p.configured ? '· configured' : '· not configured'}
            </option>
          ))}
        </select>
        {chosen && !chosen.configured && (
          <p className="text-xs text-amber-700 dark:text-amber-300">
            {chosen.problem ?? 'not configured on this server'}
          </p>
        )}
        {errors.provider && (
          <p role="alert" className="text-xs text-red-600 dark:text-red-400">
            {errors.provider}
          </p>
        )}
      </div>
      <div className="space-y-1">
        <label className={label} htmlFor={`${id}-model`}>
          Model
        </label>
        <input
          id={`${id}-model`}
          className={inputClass}
          list={`${id}-models`}
          value={model}
          readOnly={readOnly}
          placeholder={
            (provider === 'ollama' ? ollama.data?.[0]?.name : chosen?.models?.[0]?.id) ?? 'model id'
          }
          onChange={(e) => set('model', e.target.value)}
        />
        <datalist id={`${id}-models`}>
          {provider === 'ollama'
            ? ollama.data?.map((m) => <option key={m.name} value={m.name} />)
            : chosen?.models?.map((m) => <option key={m.id} value={m.id} />)}
        </datalist>
        {errors.model && (
          <p role="alert" className="text-xs text-red-600 dark:text-red-400">
            {errors.model}
          </p>
        )}
      </div>
      {provider === 'ollama' && (
        <OllamaModels model={model} readOnly={readOnly} onChoose={(name) => set('model', name)} />
      )}
    </div>
  );
}
