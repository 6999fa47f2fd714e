/**
 * API keys of the workspace (`apikey:manage`): create one (its key is shown once, with a copy button and a
 * warning), list them by name and prefix, revoke one (takes effect at once).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, errorText, unwrap } from '../../lib/api.js';
import { Badge } from '../../ui/badge.js';
import { Button } from '../../ui/button.js';
import { SecretValue } from '../../ui/copy-button.js';
import { ConfirmDialog, Dialog } from '../../ui/dialog.js';
import { Field, inputClass } from '../../ui/field.js';
import { useMe } from '../auth/session.js';
import {
  allowed,
  cardClass,
  grantableRoles,
  headClass,
  type Role,
  rowClass,
  settingsKeys,
  tableClass,
  when,
} from './queries.js';

export function ApiKeysSection() {
  const me = useMe().data;
  const manage = allowed(me, 'apikey:manage');
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | undefined>();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [created, setCreated] = useState<{ key: string; name: string } | undefined>();
  const [revoking, setRevoking] = useState<{ id: string; name: string } | undefined>();

  const keysQuery = useQuery({
    queryKey: settingsKeys.apiKeys,
    queryFn: async () => unwrap(await api.GET('/api/v1/api-keys')).items,
    enabled: manage,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: settingsKeys.apiKeys });
  const create = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/api-keys', { body: { name: name.trim(), ...(role ? { role } : {}) } })),
    onSuccess: (answer) => {
      setCreated({ key: answer.key, name: answer.apiKey.name });
      setName('');
      setNotice(undefined);
      return refresh();
    },
    onError: (error) => setNotice(errorText(error)),
  });
  const revoke = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
    onError: (error) => setNotice(errorText(error)),
  });

  if (!manage) {
    return (
      <p className={`${cardClass} text-sm text-slate-600 dark:text-slate-300`}>
        Only owners and admins manage API keys. Your role here is {me?.role ?? 'unknown'}.
      </p>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const active = (keysQuery.data ?? []).filter((k) => k.revokedAt === undefined);
  const revoked = (keysQuery.data ?? []).filter((k) => k.revokedAt !== undefined);

  return (
    <div className="space-y-6">
      {notice && (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {notice}
        </p>
      )}
      <form
        onSubmit={submit}
        className={`${cardClass} flex flex-wrap items-end gap-3`}
        aria-label="New API key"
      >
        <div className="min-w-64 flex-1">
          <Field
            label="Key name"
            required
            maxLength={255}
            placeholder="e.g. ci-pipeline"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="w-44 space-y-1">
          <label htmlFor="key-role" className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            Acts as
          </label>
          <select
            id="key-role"
            className={inputClass}
            value={role}
            onChange={(e) => setRole(e.target.value as Role | '')}
          >
            <option value="">my role ({me?.role})</option>
            {grantableRoles(me).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="primary" disabled={create.isPending || name.trim() === ''}>
          Create API key
        </Button>
      </form>

      <section aria-labelledby="keys-title" className={cardClass}>
        <h2 id="keys-title" className="mb-3 text-sm font-semibold">
          API keys
        </h2>
        {keysQuery.isPending && <p className="text-sm text-slate-500">Loading…</p>}
        {keysQuery.error && (
          <p role="alert" className="text-sm text-red-600">
            {errorText(keysQuery.error)}
          </p>
        )}
        {keysQuery.data?.length === 0 && (
          <p className="text-sm text-slate-500 dark:text-slate-400">
            No API keys yet. Scripts, the CLI and CI use one to call the API without a password.
          </p>
        )}
        {keysQuery.data && keysQuery.data.length > 0 && (
          <table className={tableClass}>
            <thead className={headClass}>
              <tr>
                <th className="py-2 font-medium">Name</th>
                <th className="py-2 font-medium">Key</th>
                <th className="py-2 font-medium">Role</th>
                <th className="py-2 font-medium">Created</th>
                <th className="py-2 font-medium">Last used</th>
                <th className="py-2 text-right font-medium">Actions</th>
              </tr>
            </thead>
            <tbody>
              {[...active, ...revoked].map((k) => (
                <tr key={k.id} className={rowClass}>
                  <td
                    className={`py-2 font-medium ${k.revokedAt ? 'text-slate-500 line-through dark:text-slate-400' : ''}`}
                  >
                    {k.name}
                  </td>
                  <td className="py-2 font-mono text-xs">{k.prefix}…</td>
                  <td className="py-2">
                    <Badge>{k.role}</Badge>
                  </td>
                  <td className="py-2 text-slate-600 dark:text-slate-400">{when(k.createdAt)}</td>
                  <td className="py-2 text-slate-600 dark:text-slate-400">
                    {k.lastUsedAt ? when(k.lastUsedAt) : 'never'}
                  </td>
                  <td className="py-2 text-right">
                    {k.revokedAt ? (
                      <Badge tone="red">revoked</Badge>
                    ) : (
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Revoke API key ${k.name}`}
                        onClick={() => setRevoking({ id: k.id, name: k.name })}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <Dialog
        open={created !== undefined}
        onOpenChange={(open) => !open && setCreated(undefined)}
        title={`API key “${created?.name ?? ''}” created`}
        description="Copy it now: this is the only time it is shown. Store it like a password."
      >
        {created && <SecretValue value={created.key} label="API key" />}
        <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Lost it? Revoke this key and create a new one; nobody can show it again.
        </p>
        <div className="mt-4 flex justify-end">
          <Button variant="primary" onClick={() => setCreated(undefined)}>
            I have copied it
          </Button>
        </div>
      </Dialog>
      <ConfirmDialog
        open={revoking !== undefined}
        onOpenChange={(open) => !open && setRevoking(undefined)}
        title="Revoke this API key?"
        description={`Every call with “${revoking?.name ?? ''}” is refused from now on.`}
        confirmLabel="Revoke key"
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
      />
    </div>
  );
}
