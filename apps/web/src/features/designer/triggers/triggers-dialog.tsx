/**
 * The triggers of one workflow: what starts it without anyone pressing Run (webhooks, schedules, another
 * workflow's end). Lists each with its URL or next runs and its last firings; turns them on and off; adds and
 * deletes them; shows a webhook's secret or token once, at creation and rotation.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, errorText } from '../../../lib/api.js';
import { Badge } from '../../../ui/badge.js';
import { Button } from '../../../ui/button.js';
import { SecretValue } from '../../../ui/copy-button.js';
import { ConfirmDialog, Dialog } from '../../../ui/dialog.js';
import { inputClass } from '../../../ui/field.js';
import { useWorkflowNames } from '../../executions/queries.js';
import { kindLabel, triggerSummary } from './entry-nodes.js';
import {
  createTrigger,
  deleteTrigger,
  firingsQuery,
  nextRunsQuery,
  rotateTriggerSecret,
  setTriggerEnabled,
  type TriggerItem,
  triggerKeys,
  triggersQuery,
} from './queries.js';

type Kind = 'webhook' | 'schedule' | 'workflow_event';
type Auth = 'none' | 'bearer' | 'github' | 'stripe';

const labelClass = 'flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300';

export function TriggersDialog({
  workflowId,
  open,
  onOpenChange,
  readOnly,
}: {
  workflowId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  readOnly: boolean;
}) {
  const triggers = useQuery({ ...triggersQuery(workflowId), enabled: open });
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<{ name: string; secret?: string; token?: string }>();
  const items = triggers.data ?? [];
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o) {
          setAdding(false);
          setShown(undefined);
        }
        onOpenChange(o);
      }}
      title="Triggers"
      description="What starts this workflow on its own: a webhook, a schedule, or another workflow's end. The workflow must be active."
      wide
    >
      {shown && (
        <div
          role="status"
          className="mb-4 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950/40"
        >
          <p className="font-medium">Copy it now: “{shown.name}” shows this only once.</p>
          {shown.secret && <SecretValue value={shown.secret} label="Signing secret" />}
          {shown.token && <SecretValue value={shown.token} label="Bearer token" />}
        </div>
      )}
      {triggers.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {triggers.isError && (
        <p role="alert" className="text-sm text-red-600">
          {errorText(triggers.error)}
        </p>
      )}
      {triggers.isSuccess && items.length === 0 && !adding && (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          No triggers yet: this workflow runs only when someone runs it (the Run button, the API, MCP).
        </p>
      )}
      <ul className="space-y-3" aria-label="Triggers">
        {items.map((t) => (
          <TriggerRow key={t.id} trigger={t} workflowId={workflowId} readOnly={readOnly} onShown={setShown} />
        ))}
      </ul>
      {!readOnly &&
        (adding ? (
          <AddTriggerForm
            workflowId={workflowId}
            onDone={(created) => {
              setAdding(false);
              if (created.secret || created.token) setShown(created);
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <div className="mt-4 flex justify-end">
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add trigger
            </Button>
          </div>
        ))}
    </Dialog>
  );
}

function TriggerRow({
  trigger: t,
  workflowId,
  readOnly,
  onShown,
}: {
  trigger: TriggerItem;
  workflowId: string;
  readOnly: boolean;
  onShown: (s: { name: string; secret?: string; token?: string }) => void;
}) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: triggerKeys.list(workflowId) });
  // Optimistic: the box and the canvas's entry node change at once; a refusal puts them back.
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => setTriggerEnabled(t.id, enabled),
    onMutate: (enabled) =>
      queryClient.setQueryData(triggerKeys.list(workflowId), (items?: TriggerItem[]) =>
        items?.map((i) => (i.id === t.id ? { ...i, enabled } : i)),
      ),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: () => deleteTrigger(t.id), onSuccess: refresh });
  const rotate = useMutation({
    mutationFn: () => rotateTriggerSecret(t.id),
    onSuccess: (shown) => onShown({ name: t.name, ...shown }),
  });
  const [confirming, setConfirming] = useState(false);
  const nextRuns = useQuery({ ...nextRunsQuery(t.id), enabled: t.kind === 'schedule' && t.enabled });
  const firings = useQuery(firingsQuery(t.id));
  const config = t.config as Record<string, unknown>;
  const auth = config.auth as { hmac?: string; bearer?: boolean } | undefined;
  const url = `${window.location.origin}/hooks/${t.id}`;
  const error = toggle.error ?? remove.error ?? rotate.error;
  return (
    <li
      className="rounded-lg border border-slate-200 p-3 dark:border-slate-700"
      data-testid="trigger-row"
      data-kind={t.kind}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="blue">{kindLabel(t.kind)}</Badge>
        <span className="font-medium">{t.name}</span>
        <span className="min-w-0 truncate text-xs text-slate-500 dark:text-slate-400">
          {triggerSummary(t)}
        </span>
        <label className="ml-auto flex items-center gap-1.5 text-sm">
          <input
            type="checkbox"
            checked={t.enabled}
            disabled={readOnly || toggle.isPending}
            onChange={(e) => toggle.mutate(e.target.checked)}
          />
          Enabled
        </label>
        {!readOnly && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setConfirming(true)}
            aria-label={`Delete ${t.name}`}
          >
            Delete
          </Button>
        )}
      </div>
      {t.kind === 'webhook' && (
        <div className="mt-2 space-y-2 text-sm">
          <SecretValue value={url} label={`Webhook URL of ${t.name}`} />
          <p className="text-xs text-slate-500 dark:text-slate-400">
            POST JSON to this URL.{' '}
            {auth?.hmac
              ? `Signed ${auth.hmac === 'github' ? 'with X-Hub-Signature-256 (GitHub style)' : 'with Stripe-Signature'}.`
              : auth?.bearer
                ? 'Send the bearer token in Authorization.'
                : 'Anyone with the URL can start it: add a signature or token for anything public.'}{' '}
            {config.mode === 'sync'
              ? 'Answers with the output (sync).'
              : 'Answers 202 with the execution id.'}
          </p>
          {!readOnly && (auth?.hmac || auth?.bearer) && (
            <Button size="sm" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
              Rotate {auth.hmac ? 'secret' : 'token'}
            </Button>
          )}
        </div>
      )}
      {t.kind === 'schedule' && t.enabled && (nextRuns.data?.length ?? 0) > 0 && (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-300" data-testid="next-runs">
          Next: {nextRuns.data!.map((ms) => new Date(ms).toLocaleString()).join(' · ')}
        </p>
      )}
      {(firings.data?.length ?? 0) > 0 && (
        <ul className="mt-2 space-y-0.5 text-xs" aria-label={`Last firings of ${t.name}`}>
          {firings.data!.map((f) => (
            <li key={f.executionId} className="flex gap-2 text-slate-600 dark:text-slate-300">
              <span className="tabular-nums">{new Date(f.startedAt ?? f.createdAt).toLocaleString()}</span>
              <span>{f.status}</span>
              {f.status === 'started' ? (
                <Link
                  to={`/executions/${f.executionId}`}
                  className="font-mono text-indigo-700 hover:underline dark:text-indigo-300"
                >
                  {f.executionId.slice(0, 16)}
                </Link>
              ) : (
                f.error && <span className="truncate text-red-600 dark:text-red-400">{f.error}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {errorText(error)}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete “${t.name}”?`}
        description="It stops starting this workflow at once; executions it started stay."
        confirmLabel="Delete trigger"
        onConfirm={() => remove.mutate()}
      />
    </li>
  );
}

/** The error message for one field (`config.cron`), from the API's issue paths. */
function fieldError(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;
}

function AddTriggerForm({
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
