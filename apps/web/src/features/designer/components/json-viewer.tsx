/** Read-only JSON, pretty-printed, selectable, with a copy button. */
import { CopyButton } from '../../../ui/copy-button.js';

export function JsonViewer({ value, label }: { value: unknown; label: string }) {
  const text = value === undefined ? '(nothing)' : JSON.stringify(value, null, 2);
  return (
    <figure className="space-y-1">
      <figcaption className="flex items-center justify-between text-xs font-medium text-slate-600 dark:text-slate-300">
        {label}
        <CopyButton value={text} label={`Copy ${label.toLowerCase()}`} />
      </figcaption>
      <pre
        data-testid="json-viewer"
        className="max-h-72 overflow-auto rounded-md bg-slate-100 p-2.5 font-mono text-xs leading-relaxed text-slate-800 dark:bg-slate-950 dark:text-slate-200"
      >
        {text}
      </pre>
    </figure>
  );
}
