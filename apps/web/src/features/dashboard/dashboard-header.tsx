/** The dashboard's title row: which workflow (or all) and which window the figures cover. */
import { inputClass } from '../../ui/field.js';
import { WINDOWS, type Window } from './dashboard-data.js';

export function DashboardHeader({
  workflows,
  workflowId,
  onWorkflowId,
  span,
  onSpan,
}: {
  workflows: { id: string; name: string }[];
  workflowId: string;
  onWorkflowId: (id: string) => void;
  span: Window;
  onSpan: (span: Window) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <h1 className="mr-auto text-xl font-semibold">Dashboard</h1>
      <select
        aria-label="Workflow"
        className={`${inputClass} max-w-56`}
        value={workflowId}
        onChange={(e) => onWorkflowId(e.target.value)}
      >
        <option value="">All workflows</option>
        {workflows.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      <fieldset className="flex rounded-md border border-slate-300 p-0.5 dark:border-slate-600">
        <legend className="sr-only">Window</legend>
        {WINDOWS.map((w) => (
          <label
            key={w.key}
            className={`cursor-pointer rounded px-2.5 py-1 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
              span === w.key
                ? 'bg-indigo-600 font-medium text-white'
                : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800'
            }`}
          >
            <input
              type="radio"
              name="window"
              value={w.key}
              className="sr-only"
              checked={span === w.key}
              onChange={() => onSpan(w.key)}
            />
            {w.label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
