/** Workflow JSON files: export the current definition, import one (parsed, checked by the server on create). */
import type { Workflow } from '@agentflow/protocol';
import type { WorkflowRecord } from '../../lib/api.js';

/** The definition as a portable file: without the ids and version the server assigns. */
export function exportable(record: Pick<WorkflowRecord, 'definition' | 'name'>): Workflow {
  const { id: _id, version: _v, workspaceId: _ws, ...rest } = record.definition as Workflow;
  return { ...rest, name: record.name } as Workflow;
}

export function downloadJson(record: WorkflowRecord): void {
  const blob = new Blob([`${JSON.stringify(exportable(record), null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${record.name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '') || 'workflow'}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function readWorkflowFile(file: File): Promise<Workflow> {
  if (file.size > 1024 * 1024) throw new Error('the file is larger than 1 MiB');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    throw new Error(`${file.name} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as Workflow).agents)) {
    throw new Error(`${file.name} is not a workflow (no "agents" list)`);
  }
  const { id: _id, version: _v, workspaceId: _ws, ...rest } = parsed as Workflow;
  return rest as Workflow;
}
