/** The form that adds a trigger (webhook, schedule or workflow event), with the API's field errors in place. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ApiError, errorText } from '../../../lib/api.js';
import { Button } from '../../../ui/button.js';
import { inputClass } from '../../../ui/field.js';
import { useWorkflowNames } from '../../executions/queries.js';
import { kindLabel } from './entry-nodes.js';
import { createTrigger, triggerKeys } from './queries.js';

type Kind = 'webhook' | 'schedule' | 'workflow_event';
type Auth = 'none' | 'bearer' | 'github' | 'stripe';

const labelClass = 'flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300';

/** The error message for one field (`config.cron`), from the API's issue paths. */
function fieldError(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;
}

export function AddTriggerForm({
  workflowId,
  onDone,
  onCancel,
}: {
  workflowId: string;
  onDone: (created: { name: string; secret?: string; token?: string }) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const workflows = useWorkflowNames();
  const id = useId();
  const [kind, setKind] = useState<Kind>('webhook');
  const [name, setName] = useState('');
  const [mode, setMode] = useState<'async' | 'sync'>('async');
  const [auth, setAuth] = useState<Auth>('none');
  const [cron, setCron] = useState('0 9 * * 1-5');
  const [timezone, setTimezone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const [input, setInput] = useState('');
  const [overlap, setOverlap] = useState<'allow' | 'skip' | 'queue'>('allow');
  const [missed, setMissed] = useState<'run_once' | 'skip'>('run_once');
  const [source, setSource] = useState('');
  const [on, setOn] = useState<{ succeeded: boolean; failed: boolean }>({ succeeded: true, failed: false });
  const [inputError, setInputError] = useState<string>();

  const create = useMutation({
    mutationFn: () => {
      const base = { name: name.trim() || kindLabel(kind) };
      if (kind === 'webhook')
        return createTrigger(workflowId, {
          ...base,
          kind,
          config: {
            mode,
            ...(auth === 'bearer' && { auth: { bearer: true } }),
            ...((auth === 'github' || auth === 'stripe') && { auth: { hmac: auth } }),
          },
        });
      if (kind === 'schedule')
        return createTrigger(workflowId, {
          ...base,
          kind,
          config: {
            cron: cron.trim(),
            timezone,
            overlap,
            missed,
            ...(input.trim() && { input: JSON.parse(input) as unknown }),
          },
        });
      return createTrigger(workflowId, {
        ...base,
        kind,
        config: {
          sourceWorkflowId: source,
          on: (['succeeded', 'failed'] as const).filter((k) => on[k]),
        },
      });
    },
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: triggerKeys.list(workflowId) });
      onDone({
        name: created.trigger.name,
        ...(created.secret && { secret: created.secret }),
        ...(created.token && { token: created.token }),
      });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (kind === 'schedule' && input.trim()) {
      try {
        JSON.parse(input);
      } catch {
        setInputError('Not valid JSON');
        return;
      }
    }
    setInputError(undefined);
    create.mutate();
  };
  const err = (path: string) => {
    const message = fieldError(create.error, path);
    return message ? (
      <span role="alert" className="text-xs font-normal text-red-600 dark:text-red-400">
        {message}
      </span>
    ) : null;
  };
  const others = (workflows.data ?? []).filter((w) => w.id !== workflowId);

  return (
    <form
      onSubmit={submit}
      aria-label="New trigger"
      className="mt-4 space-y-3 rounded-lg border border-indigo-200 bg-indigo-50/40 p-3 dark:border-indigo-900 dark:bg-indigo-950/20"
    >
      <div className="grid grid-cols-2 gap-3">
        <label className={labelClass}>
          Kind
          <select className={inputClass} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="webhook">Webhook</option>
            <option value="schedule">Schedule</option>
            <option value="workflow_event">Workflow event</option>
          </select>
        </label>
        <label className={labelClass}>
          Name
          <input
            className={inputClass}
            value={name}
            placeholder={kindLabel(kind)}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
          {err('name')}
        </label>
      </div>
      {kind === 'webhook' && (
        <div className="grid grid-cols-2 gap-3">
          <label className={labelClass}>
            Answer
            <select
              className={inputClass}
              value={mode}
              onChange={(e) => setMode(e.target.value as 'async' | 'sync')}
            >
              <option value="async">At once (202 and the execution id)</option>
              <option value="sync">With the output (waits up to 30 s)</option>
            </select>
          </label>
          <label className={labelClass}>
            Authentication
            <select className={inputClass} value={auth} onChange={(e) => setAuth(e.target.value as Auth)}>
              <option value="none">None (the URL is the secret)</option>
              <option value="bearer">Bearer token</option>
              <option value="github">HMAC signature, GitHub style</option>
              <option value="stripe">HMAC signature, Stripe style</option>
            </select>
          </label>
        </div>
      )}
      {kind === 'schedule' && (
        <>
          <div className="grid grid-cols-2 gap-3">
            <label className={labelClass}>
              Cron expression
              <input
                className={`${inputClass} font-mono`}
                value={cron}
                onChange={(e) => setCron(e.target.value)}
                aria-describedby={`${id}-cron`}
              />
              <span id={`${id}-cron`} className="text-[11px] font-normal text-slate-500 dark:text-slate-400">
                minute hour day month weekday (e.g. 0 9 * * 1-5: weekdays at 9:00)
              </span>
              {err('config.cron')}
            </label>
            <label className={labelClass}>
              Time zone
              <input className={inputClass} value={timezone} onChange={(e) => setTimezone(e.target.value)} />
              {err('config.timezone')}
            </label>
            <label className={labelClass}>
              If the last run is still going
              <select
                className={inputClass}
                value={overlap}
                onChange={(e) => setOverlap(e.target.value as typeof overlap)}
              >
                <option value="allow">Run anyway</option>
                <option value="skip">Skip this tick</option>
                <option value="queue">Wait for it, then run</option>
              </select>
            </label>
            <label className={labelClass}>
              After downtime
              <select
                className={inputClass}
                value={missed}
                onChange={(e) => setMissed(e.target.value as typeof missed)}
              >
                <option value="run_once">Run once for the missed ticks</option>
                <option value="skip">Skip missed ticks</option>
              </select>
            </label>
          </div>
          <label className={labelClass}>
            Input (JSON, optional)
            <textarea
              className={`${inputClass} h-20 py-2 font-mono`}
              value={input}
              placeholder='{"topic": "daily digest"}'
              onChange={(e) => setInput(e.target.value)}
            />
            {inputError && (
              <span role="alert" className="text-xs font-normal text-red-600 dark:text-red-400">
                {inputError}
              </span>
            )}
            {err('config.input')}
          </label>
        </>
      )}
      {kind === 'workflow_event' && (
        <div className="grid grid-cols-2 gap-3">
          <label className={labelClass}>
            When this workflow ends
            <select
              className={inputClass}
              value={source}
              onChange={(e) => setSource(e.target.value)}
              required
            >
              <option value="">Choose a workflow…</option>
              {others.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
            {err('config.sourceWorkflowId')}
          </label>
          <fieldset className={labelClass}>
            <legend className="mb-1">On</legend>
            <div className="flex gap-4 text-sm font-normal">
              {(['succeeded', 'failed'] as const).map((k) => (
                <label key={k} className="flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    checked={on[k]}
                    onChange={(e) => setOn({ ...on, [k]: e.target.checked })}
                  />
                  {k}
                </label>
              ))}
            </div>
            {err('config.on')}
          </fieldset>
        </div>
      )}
      {create.error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {errorText(create.error)}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          type="submit"
          variant="primary"
          disabled={
            create.isPending || (kind === 'workflow_event' && (!source || (!on.succeeded && !on.failed)))
          }
        >
          Create trigger
        </Button>
      </div>
    </form>
  );
}
