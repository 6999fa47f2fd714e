import { useId } from 'react';
import { inputClass } from '../../ui/field.js';

/** The base URLs typed one a line, or `undefined` when none (the provider's configured endpoint). */
export function urlsOf(text: string): string[] | undefined {
  const urls = text
    .split('\n')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  return urls.length > 0 ? urls : undefined;
}

/** The base URLs a provider key may be sent to, one a line (empty: the provider's configured endpoint). */
export function UrlsField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
        Bound base URLs (optional)
      </label>
      <textarea
        id={id}
        rows={2}
        className={`${inputClass} h-auto py-2 font-mono`}
        placeholder="https://api.openai.com/v1"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="text-xs text-slate-500 dark:text-slate-400">
        One a line. The key is only ever sent to these. Empty: the provider's configured endpoint.
      </p>
    </div>
  );
}
