/**
 * Install a template: the new workflow's name, one workspace credential per credential the template needs (of
 * that type; "none" for an optional one: the workflow then runs on the scripted model or the instance's own
 * provider), and what the workflow will reach outside AgentFlow (models, tools, URLs), confirmed by installing.
 * On success the new workflow opens in the canvas, its run dialog filled with the template's sample input.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, errorText } from '../../../lib/api.js';
import { Button } from '../../../ui/button.js';
import { Dialog } from '../../../ui/dialog.js';
import { Field, inputClass } from '../../../ui/field.js';
import {
  groupTargets,
  initialMapping,
  mappingBody,
  missingCredentials,
  NO_CREDENTIAL,
} from '../model/filters.js';
import { installPreview, type Template, templateKeys, useInstall } from '../queries.js';

export function InstallDialog({
  template,
  open,
  onOpenChange,
}: {
  template: Template;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const navigate = useNavigate();
  const preview = useQuery({
    queryKey: [...templateKeys.one(template.id), 'install-preview'],
    queryFn: () => installPreview(template.id, {}),
    enabled: open,
    staleTime: 0,
  });
  const [name, setName] = useState(template.name);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (preview.data) setMapping(initialMapping(preview.data.credentials));
  }, [preview.data]);
  useEffect(() => {
    if (open) {
      setName(template.name);
      setError(undefined);
    }
  }, [open, template.name]);
  const install = useInstall(template.id);
  const reqs = preview.data?.credentials ?? [];
  const missing = missingCredentials(reqs, mapping);
  const nameId = useId();

  const submit = async () => {
    setError(undefined);
    const body = {
      name: name.trim() || template.name,
      credentials: mappingBody(mapping),
    };
    try {
      // The digest confirms the targets for exactly this install (the mapping can change them).
      const { digest } = await installPreview(template.id, body);
      const workflow = await install.mutateAsync({ ...body, confirm: digest });
      onOpenChange(false);
      navigate(`/workflows/${workflow.id}`, {
        state: template.sampleInput !== undefined ? { sampleInput: template.sampleInput } : undefined,
      });
    } catch (e) {
      if (e instanceof ApiError && e.issues.length > 0)
        setError(e.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
      else setError(errorText(e));
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Install “${template.name}”`}
      description="Creates a workflow in this workspace from the template. You can change everything afterwards."
      wide
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label="Workflow name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />

        <section aria-labelledby={`${nameId}-creds`}>
          <h3 id={`${nameId}-creds`} className="text-sm font-medium">
            Credentials
          </h3>
          {preview.isPending && <p className="mt-1 text-sm text-slate-500">Checking this workspace…</p>}
          {preview.isError && (
            <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
              {errorText(preview.error)}
            </p>
          )}
          {preview.isSuccess && reqs.length === 0 && (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              This template needs no credential.
            </p>
          )}
          {reqs.length > 0 && (
            <ul className="mt-2 space-y-3">
              {reqs.map((r) => (
                <li key={r.key} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
                  <label
                    htmlFor={`${nameId}-cred-${r.key}`}
                    className="flex flex-wrap items-center gap-2 text-sm font-medium"
                  >
                    {r.key}
                    <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                      {r.type}
                    </span>
                    <span className="text-xs font-normal text-slate-500">
                      {r.optional ? 'optional' : 'required'}
                    </span>
                  </label>
                  {r.description && (
                    <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">{r.description}</p>
                  )}
                  <select
                    id={`${nameId}-cred-${r.key}`}
                    className={`${inputClass} mt-2`}
                    value={mapping[r.key] ?? NO_CREDENTIAL}
                    onChange={(e) => setMapping({ ...mapping, [r.key]: e.target.value })}
                  >
                    {(r.optional || r.candidates.length === 0) && (
                      <option value={NO_CREDENTIAL}>
                        {r.optional
                          ? 'None: run offline (scripted model) or with the instance’s key'
                          : 'Choose…'}
                      </option>
                    )}
                    {r.candidates.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                  {r.candidates.length === 0 && (
                    <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                      No {r.type} credential in this workspace
                      {r.optional ? '.' : ': add one in Settings → Credentials first.'}
                    </p>
                  )}
                  {r.optional && r.candidates.length === 1 && mapping[r.key] === NO_CREDENTIAL && (
                    <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                      The workspace’s only {r.type} credential, {r.candidates[0]}, is used when none is
                      chosen.
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>

        {preview.data && preview.data.targets.length > 0 && (
          <section aria-labelledby={`${nameId}-targets`}>
            <h3 id={`${nameId}-targets`} className="text-sm font-medium">
              What it will reach
            </h3>
            <p className="text-xs text-slate-600 dark:text-slate-400">Installing confirms these.</p>
            <ul className="mt-2 max-h-40 overflow-y-auto rounded-md border border-slate-200 text-xs dark:border-slate-700">
              {groupTargets(preview.data.targets).map((g) => (
                <li
                  key={`${g.kind}:${g.label}`}
                  className="flex gap-2 border-b border-slate-100 px-3 py-1.5 last:border-0 dark:border-slate-800"
                >
                  <span className="w-12 shrink-0 font-medium uppercase text-slate-500">{g.kind}</span>
                  <span className="min-w-0 flex-1 truncate" title={g.label}>
                    {g.label}
                    {g.paths.length > 1 && <span className="text-slate-500"> × {g.paths.length}</span>}
                  </span>
                  <span
                    className="min-w-0 max-w-[45%] truncate font-mono text-slate-500"
                    title={g.paths.join(', ')}
                  >
                    {g.paths.join(', ')}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}

        {error && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
        <div className="flex items-center justify-end gap-2">
          {missing.length > 0 && (
            <span className="mr-auto text-xs text-amber-700 dark:text-amber-300">
              Choose a credential for {missing.join(', ')}.
            </span>
          )}
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button
            type="submit"
            variant="primary"
            disabled={!preview.isSuccess || missing.length > 0 || install.isPending}
          >
            {install.isPending ? 'Installing…' : 'Install and open'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
