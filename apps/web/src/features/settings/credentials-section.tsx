/**
 * Credentials of the workspace: provider keys and tool secrets, stored encrypted and never shown again (the
 * value field is write-only). Everyone with `credential:read` sees names, providers and the base URLs a key is
 * bound to; `credential:manage` creates, rebinds (or replaces the value of) and deletes them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, errorText, unwrap } from '../../lib/api.js';
import { Badge } from '../../ui/badge.js';
import { Button } from '../../ui/button.js';
import { ConfirmDialog, Dialog } from '../../ui/dialog.js';
import { Field, inputClass } from '../../ui/field.js';
import { useMe } from '../auth/session.js';
import { allowed, cardClass, headClass, rowClass, settingsKeys, tableClass, when } from './queries.js';
import { UrlsField, urlsOf } from './urls-field.js';

type Credential = Awaited<ReturnType<typeof listCredentials>>[number];
async function listCredentials() {
  return unwrap(await api.GET('/api/v1/credentials')).items;
}

export function CredentialsSection() {
  const me = useMe().data;
  const read = allowed(me, 'credential:read');
  const manage = allowed(me, 'credential:manage');
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | undefined>();
  const [type, setType] = useState('openai');
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [urls, setUrls] = useState('');
  const [editing, setEditing] = useState<Credential | undefined>();
  const [deleting, setDeleting] = useState<Credential | undefined>();

  const list = useQuery({ queryKey: settingsKeys.credentials, queryFn: listCredentials, enabled: read });
  const providers = useQuery({
    queryKey: settingsKeys.providers,
    queryFn: async () => unwrap(await api.GET('/api/v1/providers')).items,
    enabled: manage,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: settingsKeys.credentials });
  const onError = (error: unknown) => setNotice(errorText(error));
  const create = useMutation({
    mutationFn: async () => {
      const baseURLs = urlsOf(urls);
      return unwrap(
        await api.POST('/api/v1/credentials', {
          body: { name: name.trim() || type, type, value, ...(baseURLs ? { baseURLs } : {}) },
        }),
      );
    },
    onSuccess: (c) => {
      setValue('');
      setName('');
      setUrls('');
      setNotice(`Stored “${c.name}”. Its value is encrypted and will not be shown again.`);
      return refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/credentials/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
    onError,
  });

  if (!read) {
    return (
      <p className={`${cardClass} text-sm text-slate-600 dark:text-slate-300`}>
        Your role here ({me?.role ?? 'unknown'}) does not see the workspace's credentials.
      </p>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <div className="space-y-6">
      {notice && (
        <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800">
          {notice}
        </p>
      )}
      {manage && (
        <form
          onSubmit={submit}
          className={`${cardClass} grid gap-3 md:grid-cols-2`}
          aria-label="New credential"
        >
          <div className="space-y-1">
            <label
              htmlFor="cred-type"
              className="block text-sm font-medium text-slate-700 dark:text-slate-200"
            >
              Provider or type
            </label>
            <input
              id="cred-type"
              list="cred-providers"
              required
              maxLength={100}
              pattern="[a-z0-9][a-z0-9_.\-]*"
              className={inputClass}
              value={type}
              onChange={(e) => setType(e.target.value)}
            />
            <datalist id="cred-providers">
              {(providers.data ?? []).map((p) => (
                <option key={p.name} value={p.name} />
              ))}
            </datalist>
          </div>
          <Field
            label="Name"
            maxLength={255}
            placeholder={type || 'openai'}
            hint="Name it like the provider to use it as that provider's key. Default: the provider."
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <div className="md:col-span-2">
            <Field
              label="Value"
              type="password"
              required
              autoComplete="off"
              maxLength={16_384}
              hint="Write-only: stored encrypted, never shown again, not even to admins."
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </div>
          <div className="md:col-span-2">
            <UrlsField value={urls} onChange={setUrls} />
          </div>
          <div className="md:col-span-2 flex justify-end">
            <Button type="submit" variant="primary" disabled={create.isPending || value === ''}>
              Store credential
            </Button>
          </div>
        </form>
      )}

      <section aria-labelledby="creds-title" className={cardClass}>
        <h2 id="creds-title" className="mb-3 text-sm font-semibold">
          Credentials
        </h2>
        {list.isPending && <p className="text-sm text-slate-500">Loading…</p>}
        {list.error && (
          <p role="alert" className="text-sm text-red-600">
            {errorText(list.error)}
          </p>
        )}
        {list.data?.length === 0 && (
          <p className="text-sm text-slate-500 dark:text-slate-400">
            No credentials yet. Providers then use the keys from the server's environment.
          </p>
        )}
        {list.data && list.data.length > 0 && (
          <table className={tableClass}>
            <thead className={headClass}>
              <tr>
                <th className="py-2 font-medium">Name</th>
                <th className="py-2 font-medium">Type</th>
                <th className="py-2 font-medium">Sent to</th>
                <th className="py-2 font-medium">Updated</th>
                {manage && <th className="py-2 text-right font-medium">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <tr key={c.id} className={rowClass}>
                  <td className="py-2 font-medium">{c.name}</td>
                  <td className="py-2">
                    <Badge>{c.type}</Badge>
                  </td>
                  <td className="py-2 font-mono text-xs">
                    {c.baseURLs?.length ? (
                      c.baseURLs.map((u) => <div key={u}>{u}</div>)
                    ) : (
                      <span className="font-sans text-slate-500 dark:text-slate-400">
                        provider's endpoint
                      </span>
                    )}
                  </td>
                  <td className="py-2 text-slate-600 dark:text-slate-400">{when(c.updatedAt)}</td>
                  {manage && (
                    <td className="space-x-1 whitespace-nowrap py-2 text-right">
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Edit ${c.name}`}
                        onClick={() => setEditing(c)}
                      >
                        Edit
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Delete ${c.name}`}
                        onClick={() => setDeleting(c)}
                      >
                        Delete
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {editing && (
        <EditCredentialDialog credential={editing} onClose={() => setEditing(undefined)} onSaved={refresh} />
      )}
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title="Delete this credential?"
        description={`Workflows using “${deleting?.name ?? ''}” fall back to the server's configuration or fail.`}
        confirmLabel="Delete credential"
        onConfirm={() => deleting && remove.mutate(deleting.id)}
      />
    </div>
  );
}

/** Rebinds a credential's base URLs and, optionally, replaces its value (left empty: unchanged). */
function EditCredentialDialog({
  credential,
  onClose,
  onSaved,
}: {
  credential: Credential;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}) {
  const [urls, setUrls] = useState((credential.baseURLs ?? []).join('\n'));
  const [value, setValue] = useState('');
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/api/v1/credentials/{id}', {
          params: { path: { id: credential.id } },
          body: { baseURLs: urlsOf(urls) ?? null, ...(value ? { value } : {}) },
        }),
      ),
    onSuccess: async () => {
      await onSaved();
      onClose();
    },
  });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={`Edit “${credential.name}”`}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <UrlsField value={urls} onChange={setUrls} />
        <Field
          label="New value"
          type="password"
          autoComplete="off"
          hint="Leave empty to keep the stored value."
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        {save.error && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {errorText(save.error)}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
