/**
 * The workflow list: search, status filter, create, duplicate, delete (with confirmation), import a JSON file,
 * export JSON.
 */
import type { Workflow } from '@agentflow/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, errorText, keys, unwrap, type WorkflowRecord } from '../../lib/api.js';
import { Badge } from '../../ui/badge.js';
import { Button } from '../../ui/button.js';
import { ConfirmDialog } from '../../ui/dialog.js';
import { inputClass } from '../../ui/field.js';
import { AppShell } from '../auth/app-shell.js';
import { canEdit, useMe } from '../auth/session.js';
import { downloadJson, exportable, readWorkflowFile } from './import-export.js';

const STATUSES = ['all', 'draft', 'active', 'archived'] as const;
type StatusFilter = (typeof STATUSES)[number];

const STARTER: Workflow = {
  name: 'Untitled workflow',
  status: 'draft',
  config: { maxSteps: 1000, concurrency: 256 },
  agents: [
    { id: 'input', type: 'input', config: {}, position: { x: 0, y: 0 } },
    { id: 'output', type: 'output', config: {}, position: { x: 520, y: 0 } },
  ],
  connections: [],
};

export function WorkflowsPage() {
  const me = useMe().data;
  const editable = canEdit(me);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [deleting, setDeleting] = useState<WorkflowRecord | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const fileInput = useRef<HTMLInputElement>(null);

  const list = useQuery({
    queryKey: keys.workflows.list(status),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/workflows', {
          params: { query: { limit: 500, ...(status === 'all' ? {} : { status }) } },
        }),
      ).items,
  });
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    const items = list.data ?? [];
    return q
      ? items.filter(
          (w) => w.name.toLowerCase().includes(q) || (w.description ?? '').toLowerCase().includes(q),
        )
      : items;
  }, [list.data, search]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.workflows.all });
  const create = useMutation({
    mutationFn: async (workflow: Workflow) => unwrap(await api.POST('/api/v1/workflows', { body: workflow })),
    onSuccess: async (created) => {
      await refresh();
      navigate(`/workflows/${created.id}`);
    },
    onError: (error) => setNotice(errorText(error)),
  });
  const duplicate = useMutation({
    mutationFn: async (w: WorkflowRecord) =>
      unwrap(
        await api.POST('/api/v1/workflows', {
          body: { ...exportable(w), name: `${w.name} (copy)`.slice(0, 200), status: 'draft' } as Workflow,
        }),
      ),
    onSuccess: async (copy) => {
      setNotice(`Duplicated as “${copy.name}”.`);
      await refresh();
    },
    onError: (error) => setNotice(errorText(error)),
  });
  const remove = useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE('/api/v1/workflows/{id}', { params: { path: { id } } });
    },
    onSuccess: refresh,
    onError: (error) => setNotice(errorText(error)),
  });

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    try {
      create.mutate(await readWorkflowFile(file));
    } catch (error) {
      setNotice(errorText(error));
    }
  };

  return (
    <AppShell>
      <main className="mx-auto max-w-6xl px-6 py-6">
        <div className="mb-5 flex flex-wrap items-center gap-3">
          <h1 className="mr-auto text-xl font-semibold">Workflows</h1>
          {editable && (
            <>
              <input
                ref={fileInput}
                type="file"
                accept="application/json,.json"
                className="hidden"
                aria-label="Import a workflow JSON file"
                onChange={(e) => {
                  void onImport(e.target.files?.[0]);
                  e.target.value = '';
                }}
              />
              <Button onClick={() => fileInput.current?.click()}>Import JSON</Button>
              <Button variant="primary" onClick={() => create.mutate(STARTER)} disabled={create.isPending}>
                New workflow
              </Button>
            </>
          )}
        </div>
        <div className="mb-4 flex flex-wrap gap-3">
          <input
            type="search"
            aria-label="Search workflows"
            placeholder="Search by name or description"
            className={`${inputClass} max-w-sm`}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <select
            aria-label="Status"
            className={`${inputClass} max-w-44`}
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === 'all' ? 'All statuses' : s[0]!.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </div>
        {notice && (
          <p role="status" className="mb-3 rounded-md bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800">
            {notice}
          </p>
        )}
        {list.isError && <p role="alert">{errorText(list.error)}</p>}
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th className="px-4 py-2.5 font-medium">Name</th>
                <th className="px-4 py-2.5 font-medium">Status</th>
                <th className="px-4 py-2.5 font-medium">Version</th>
                <th className="px-4 py-2.5 font-medium">Nodes</th>
                <th className="px-4 py-2.5 font-medium">Updated</th>
                <th className="px-4 py-2.5">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((w) => (
                <tr key={w.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                  <td className="px-4 py-2.5">
                    <Link
                      to={`/workflows/${w.id}`}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {w.name}
                    </Link>
                    {w.description && <p className="truncate text-xs text-slate-500">{w.description}</p>}
                  </td>
                  <td className="px-4 py-2.5">
                    <Badge
                      tone={w.status === 'active' ? 'green' : w.status === 'archived' ? 'slate' : 'amber'}
                    >
                      {w.status}
                    </Badge>
                  </td>
                  <td className="px-4 py-2.5 tabular-nums">v{w.version}</td>
                  <td className="px-4 py-2.5 tabular-nums">
                    {Array.isArray(w.definition.agents) ? w.definition.agents.length : 0}
                  </td>
                  <td className="px-4 py-2.5 text-slate-500">{new Date(w.updatedAt).toLocaleString()}</td>
                  <td className="px-4 py-2.5">
                    <div className="flex justify-end gap-1">
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => downloadJson(w)}
                        aria-label={`Export ${w.name}`}
                      >
                        Export
                      </Button>
                      {editable && (
                        <>
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() => duplicate.mutate(w)}
                            aria-label={`Duplicate ${w.name}`}
                          >
                            Duplicate
                          </Button>
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() => setDeleting(w)}
                            aria-label={`Delete ${w.name}`}
                          >
                            Delete
                          </Button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
              {list.isPending && (
                <tr>
                  <td colSpan={6} className="px-4 py-10 text-center text-slate-500" aria-busy="true">
                    Loading workflows…
                  </td>
                </tr>
              )}
              {list.isSuccess && shown.length === 0 && (
                <tr>
                  <td colSpan={6} className="px-4 py-10 text-center text-slate-500">
                    {search || status !== 'all'
                      ? 'No workflow matches.'
                      : 'No workflows yet: create one or import a JSON file.'}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </main>
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={`Delete “${deleting?.name ?? ''}”?`}
        description="The workflow and its versions are deleted. Past executions stay in the history."
        confirmLabel="Delete"
        onConfirm={() => deleting && remove.mutate(deleting.id)}
      />
    </AppShell>
  );
}
