/**
 * The triggers of one workflow: what starts it without anyone pressing Run (webhooks, schedules, another
 * workflow's end). Lists each with its URL or next runs and its last firings; turns them on and off; adds and
 * deletes them; shows a webhook's secret or token once, at creation and rotation.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../../lib/api.js';
import { Badge } from '../../../ui/badge.js';
import { Button } from '../../../ui/button.js';
import { SecretValue } from '../../../ui/copy-button.js';
import { ConfirmDialog, Dialog } from '../../../ui/dialog.js';
import { AddTriggerForm } from './add-trigger-form.js';
import { kindLabel, triggerSummary } from './entry-nodes.js';
import {
  deleteTrigger,
  firingsQuery,
  nextRunsQuery,
  rotateTriggerSecret,
  setTriggerEnabled,
  type TriggerItem,
  triggerKeys,
  triggersQuery,
} from './queries.js';

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
