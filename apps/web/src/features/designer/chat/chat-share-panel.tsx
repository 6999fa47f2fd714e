/**
 * The chat panel's share section: the workflow's chat trigger behind the public embed's link (off by default),
 * creating it, turning it on and off, and a new link (the old one stops working).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../../ui/button.js';
import { CopyButton } from '../../../ui/copy-button.js';
import {
  createTrigger,
  rotateTriggerSecret,
  setTriggerEnabled,
  triggerKeys,
  triggersQuery,
} from '../triggers/queries.js';
import { errorText } from './chat-format.js';

export function SharePanel({ workflowId, readOnly }: { workflowId: string; readOnly: boolean }) {
  const queries = useQueryClient();
  const triggers = useQuery(triggersQuery(workflowId));
  const chat = triggers.data?.find((t) => t.kind === 'chat');
  const refresh = () => queries.invalidateQueries({ queryKey: triggerKeys.list(workflowId) });
  const create = useMutation({
    mutationFn: () => createTrigger(workflowId, { kind: 'chat', name: 'Public chat', enabled: true }),
    onSuccess: refresh,
  });
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => setTriggerEnabled(chat!.id, enabled),
    onSuccess: (updated) => {
      queries.setQueryData(triggersQuery(workflowId).queryKey, (old) =>
        old?.map((t) => (t.id === updated.id ? { ...t, ...updated } : t)),
      );
      return refresh();
    },
  });
  // The box follows the click at once (a controlled input would snap back until the mutation's state
  // reaches React, a task later) and returns to the stored value when the request settles.
  const [asked, setAsked] = useState<boolean>();
  const on = asked ?? chat?.enabled;
  const rotate = useMutation({ mutationFn: () => rotateTriggerSecret(chat!.id), onSuccess: refresh });
  const link = chat?.path ? `${window.location.origin}${chat.path}` : undefined;
  const error = create.error ?? toggle.error ?? rotate.error;
  return (
    <section
      aria-label="Share"
      className="space-y-2 border-b border-slate-200 bg-slate-50 px-4 py-3 text-sm dark:border-slate-800 dark:bg-slate-950/40"
    >
      {!chat ? (
        <div className="flex items-center justify-between gap-3">
          <p className="text-slate-600 dark:text-slate-400">
            A public link anyone can chat through. It runs the active version and counts against your plan.
          </p>
          <Button size="sm" onClick={() => create.mutate()} disabled={readOnly || create.isPending}>
            Create link
          </Button>
        </div>
      ) : (
        <>
          <div className="flex items-center justify-between gap-2">
            <label className="flex items-center gap-2 font-medium">
              <input
                type="checkbox"
                checked={on ?? false}
                disabled={readOnly || toggle.isPending}
                onChange={(e) => {
                  setAsked(e.target.checked);
                  toggle.mutate(e.target.checked, { onSettled: () => setAsked(undefined) });
                }}
              />
              Public link {on ? 'on' : 'off'}
            </label>
            {chat.token && (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => rotate.mutate()}
                disabled={readOnly || rotate.isPending}
              >
                New link
              </Button>
            )}
          </div>
          {link ? (
            <div className="flex items-center gap-2">
              <input
                readOnly
                aria-label="Public chat link"
                value={link}
                className="h-8 min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={link} label="Copy the public chat link" />
            </div>
          ) : (
            <p className="text-slate-500">Only members who may edit this workflow see the link.</p>
          )}
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {chat.enabled
              ? 'Anyone with the link can chat; embed it with an iframe. A new link stops the old one at once.'
              : 'Off: the link answers “not available” until you turn it on.'}
          </p>
        </>
      )}
      {error && <p className="text-red-600 dark:text-red-400">{errorText(error)}</p>}
    </section>
  );
}
