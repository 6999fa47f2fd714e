/** The workflow's versions (newest first); restoring one makes it the current version again (a new version). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorText, keys, unwrap } from '../../../lib/api.js';
import { Button } from '../../../ui/button.js';
import { Dialog } from '../../../ui/dialog.js';

export function VersionsDialog({
  workflowId,
  current,
  open,
  onOpenChange,
  readOnly,
}: {
  workflowId: string;
  current: number;
  open: boolean;
  onOpenChange: (o: boolean) => void;
  readOnly: boolean;
}) {
  const queryClient = useQueryClient();
  const versions = useQuery({
    queryKey: keys.workflows.versions(workflowId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/workflows/{id}/versions', { params: { path: { id: workflowId } } }))
        .items,
    enabled: open,
  });
  const restore = useMutation({
    mutationFn: async (version: number) =>
      unwrap(
        await api.POST('/api/v1/workflows/{id}/versions/{version}/restore', {
          params: { path: { id: workflowId, version } },
        }),
      ),
    onSuccess: (restored) => {
      queryClient.setQueryData(keys.workflows.one(workflowId), restored);
      void queryClient.invalidateQueries({ queryKey: keys.workflows.versions(workflowId) });
      onOpenChange(false);
    },
  });
  const items = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Versions" description="Every save is a version.">
      {versions.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {restore.error && (
        <p role="alert" className="mb-2 text-sm text-red-600">
          {errorText(restore.error)}
        </p>
      )}
      <ul className="max-h-80 divide-y divide-slate-100 overflow-y-auto dark:divide-slate-800">
        {items.map((v) => (
          <li key={v.version} className="flex items-center justify-between gap-3 py-2 text-sm">
            <span>
              <span className="font-medium">v{v.version}</span>{' '}
              <span className="text-slate-500">{new Date(v.createdAt).toLocaleString()}</span>
              {v.version === current && <span className="ml-2 text-xs text-emerald-600">current</span>}
            </span>
            {!readOnly && v.version !== current && (
              <Button size="sm" onClick={() => restore.mutate(v.version)} disabled={restore.isPending}>
                Restore
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
