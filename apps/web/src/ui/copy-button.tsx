import { useState } from 'react';
import { Button } from './button.js';

/**
 * Copies `value` to the clipboard and says so (`Copied`) for two seconds; when the browser refuses, it says
 * to copy by hand. `label` names what is copied for screen readers (default: `Copy`).
 */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <Button size="sm" onClick={() => void copy()} aria-label={label}>
      <span aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : 'Copy'}
      </span>
    </Button>
  );
}

/** A secret or token shown in full, selectable, with a copy button next to it. */
export function SecretValue({ value, label }: { value: string; label: string }) {
  return (
    <div className="flex items-center gap-2">
      <input
        readOnly
        aria-label={label}
        value={value}
        onFocus={(e) => e.target.select()}
        className="h-9 min-w-0 flex-1 rounded-md border border-slate-200 bg-slate-50 px-2 font-mono text-xs text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
      />
      <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
    </div>
  );
}
