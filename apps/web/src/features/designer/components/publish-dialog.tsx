/**
 * "Publish as template" from the canvas: what is on the canvas (saved or not) becomes a workflow template with a
 * name, description, category, tags, icon and visibility (this workspace, or public: an instance admin only;
 * the API refuses others at `isPublic`). The credentials it needs are found from its agents' providers
 * (optional by default: the template then also runs offline). The API refuses any credential value, id or
 * secret-shaped string; each such field is listed by its path.
 */
import type { Workflow } from '@agentflow/protocol';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, errorText, unwrap } from '../../../lib/api.js';
import { Button } from '../../../ui/button.js';
import { Dialog } from '../../../ui/dialog.js';
import { Field, inputClass } from '../../../ui/field.js';
import { parseTags } from '../../templates/model/filters.js';

/** The credentials a workflow needs, one per model provider its agents call (fallbacks included). */
export function credentialsOf(workflow: Workflow): { key: string; type: string }[] {
  const providers = new Set<string>();
  for (const a of workflow.agents) {
    const config = a.config as Record<string, unknown> | undefined;
    if (!config) continue;
    if (typeof config.provider === 'string' && config.provider !== '') providers.add(config.provider);
    if (Array.isArray(config.fallback))
      for (const f of config.fallback)
        if (typeof (f as { provider?: unknown })?.provider === 'string')
          providers.add((f as { provider: string }).provider);
  }
  providers.delete('ollama');
  return [...providers].sort().map((p) => ({ key: p.replace(/[^A-Za-z0-9_-]/g, '-'), type: p }));
}

export function PublishDialog({
  open,
  onOpenChange,
  workflow,
  description: initialDescription,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The canvas's workflow, read when the dialog opens. */
  workflow: () => Workflow;
  description?: string | undefined;
}) {
  const id = useId();
  const [snapshot, setSnapshot] = useState<Workflow>();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState('');
  const [tagText, setTagText] = useState('');
  const [icon, setIcon] = useState('');
  const [visibility, setVisibility] = useState<'workspace' | 'public'>('workspace');
  const [required, setRequired] = useState<Record<string, boolean>>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; issues: { path: string; message: string }[] }>();
  const [published, setPublished] = useState<{ id: string; name: string }>();
  useEffect(() => {
    if (!open) return;
    const wf = workflow();
    setSnapshot(wf);
    setName(wf.name);
    setDescription(initialDescription ?? wf.description ?? '');
    setError(undefined);
    setPublished(undefined);
  }, [open, workflow, initialDescription]);
  const categories = useQuery({
    queryKey: ['templates', 'categories'],
    queryFn: async () => unwrap(await api.GET('/api/v1/templates/categories')).items,
    enabled: open,
    staleTime: 60_000,
  });
  const creds = useMemo(() => (snapshot ? credentialsOf(snapshot) : []), [snapshot]);
  const { tags, invalid } = parseTags(tagText);

  const submit = async () => {
    if (!snapshot) return;
    setPending(true);
    setError(undefined);
    const {
      id: _id,
      version: _v,
      workspaceId: _ws,
      ...definition
    } = snapshot as Workflow & {
      id?: string;
      workspaceId?: string;
    };
    try {
      const created = unwrap(
        await api.POST('/api/v1/templates', {
          body: {
            kind: 'workflow',
            name: name.trim(),
            ...(description.trim() ? { description: description.trim() } : {}),
            ...(category.trim() ? { category: category.trim().toLowerCase() } : {}),
            ...(tags.length > 0 ? { tags } : {}),
            ...(icon.trim() ? { icon: icon.trim() } : {}),
            visibility,
            workflow: { ...definition, name: name.trim() } as Record<string, unknown>,
            credentials: creds.map((c) => ({
              ...c,
              description: `A ${c.type} credential for its agents`,
              optional: !required[c.key],
            })),
          },
        }),
      );
      setPublished({ id: created.id, name: created.name });
    } catch (e) {
      if (e instanceof ApiError) {
        const message =
          e.code === 'AF_FORBIDDEN' && e.issues.some((i) => i.path === 'isPublic')
            ? 'Publishing to every workspace needs an instance administrator. Publish it to this workspace instead.'
            : e.code === 'AF_VALIDATION'
              ? 'The template was not published: fix these fields.'
              : `${e.code}: ${e.message}`;
        setError({ message, issues: e.issues.map((i) => ({ path: i.path, message: i.message })) });
      } else setError({ message: errorText(e), issues: [] });
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Publish as template"
      description="Publishes what is on the canvas (saved or not) so others can install it. No credential value, id or secret is ever published: the server refuses any."
      wide
    >
      {published ? (
        <div className="space-y-4">
          <p role="status" className="text-sm">
            Published “{published.name}”.
          </p>
          <div className="flex justify-end gap-2">
            <Button onClick={() => onOpenChange(false)}>Close</Button>
            <Link
              to={`/templates/${encodeURIComponent(published.id)}`}
              className="inline-flex h-9 items-center rounded-md bg-indigo-600 px-3.5 text-sm font-medium text-white hover:bg-indigo-500"
            >
              View the template
            </Link>
          </div>
        </div>
      ) : (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_7rem]">
            <Field
              label="Template name"
              value={name}
              maxLength={255}
              required
              onChange={(e) => setName(e.target.value)}
            />
            <Field
              label="Icon"
              placeholder="🔎"
              value={icon}
              maxLength={64}
              hint="An emoji"
              onChange={(e) => setIcon(e.target.value)}
            />
          </div>
          <div className="space-y-1">
            <label
              htmlFor={`${id}-desc`}
              className="block text-sm font-medium text-slate-700 dark:text-slate-200"
            >
              Description
            </label>
            <textarea
              id={`${id}-desc`}
              rows={3}
              maxLength={10_000}
              className={`${inputClass} h-auto py-2`}
              placeholder="What it does, what it needs, what it returns"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field
              label="Category"
              list={`${id}-categories`}
              placeholder="research"
              value={category}
              maxLength={100}
              onChange={(e) => setCategory(e.target.value)}
            />
            <datalist id={`${id}-categories`}>
              {categories.data?.map((c) => (
                <option key={c.category} value={c.category} />
              ))}
            </datalist>
            <Field
              label="Tags"
              placeholder="summaries, multi-agent"
              value={tagText}
              onChange={(e) => setTagText(e.target.value)}
              hint="Comma-separated, lower-case"
              error={invalid.length > 0 ? `Not a valid tag: ${invalid.join(', ')}` : undefined}
            />
          </div>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">Visibility</legend>
            <div className="mt-1 flex flex-wrap gap-4 text-sm">
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name={`${id}-vis`}
                  checked={visibility === 'workspace'}
                  onChange={() => setVisibility('workspace')}
                />
                This workspace
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name={`${id}-vis`}
                  checked={visibility === 'public'}
                  onChange={() => setVisibility('public')}
                />
                Public (every workspace; instance administrators only)
              </label>
            </div>
          </fieldset>
          {creds.length > 0 && (
            <fieldset>
              <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">
                Credentials it needs
              </legend>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                From its agents’ providers. Optional ones let it run without a key (offline, with a script).
              </p>
              <ul className="mt-1 space-y-1 text-sm">
                {creds.map((c) => (
                  <li key={c.key} className="flex items-center gap-3">
                    <span className="font-mono text-xs">{c.type}</span>
                    <label className="flex items-center gap-1.5 text-xs">
                      <input
                        type="checkbox"
                        checked={required[c.key] ?? false}
                        onChange={(e) => setRequired({ ...required, [c.key]: e.target.checked })}
                      />
                      required
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
          {error && (
            <div
              role="alert"
              className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950/60 dark:text-red-200"
            >
              <p>{error.message}</p>
              {error.issues.length > 0 && (
                <ul className="mt-1 list-disc pl-5 text-xs">
                  {error.issues.map((i) => (
                    <li key={`${i.path}:${i.message}`}>
                      <code className="font-mono">{i.path}</code>: {i.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={pending || !name.trim() || invalid.length > 0}>
              {pending ? 'Publishing…' : 'Publish'}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
