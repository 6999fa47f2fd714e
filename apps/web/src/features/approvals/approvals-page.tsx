/**
 * The approvals inbox: every execution of the workspace waiting for a person, across workflows, oldest wait
 * first; per waiting node its prompt, the form generated from the human node's schema (a tool call: the exact
 * call), approve or reject, the waiting time. Members without `execution:approve` see it read-only (the API
 * refuses them anyway). Asked again every few seconds.
 */
import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, errorText, unwrap } from '../../lib/api.js';
import { Button } from '../../ui/button.js';
import { inputClass } from '../../ui/field.js';
import { AppShell } from '../auth/app-shell.js';
import { useMe } from '../auth/session.js';
import { JsonViewer } from '../designer/components/json-viewer.js';
import { jsonValidator } from '../designer/model/json-validator.js';
import { formSchema, uiSchemaFor } from '../designer/model/schema-form.js';
import { formatAge, formatTime } from '../executions/model/format.js';
import { opsKeys, type PendingApproval } from '../executions/queries.js';

export interface InboxItem {
  executionId: string;
  workflowId: string;
  workflowName: string;
  workflowVersion: number;
  approval: PendingApproval;
  nodeName?: string | undefined;
  /** When the node started waiting. */
  since: number;
  schema?: Record<string, unknown> | undefined;
}

/** Every node of the workspace waiting for a person (`GET /api/v1/approvals`, longest waiting first). */
async function loadInbox(): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(
      await api.GET('/api/v1/approvals', {
        params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
      }),
    );
    for (const a of page.items) {
      items.push({
        executionId: a.executionId,
        workflowId: a.workflowId,
        workflowName: a.workflowName ?? a.workflowId,
        workflowVersion: a.workflowVersion,
        approval: {
          agentId: a.agentId,
          stepId: a.stepId,
          kind: a.kind,
          ...(a.prompt !== undefined ? { prompt: a.prompt } : {}),
          ...(a.call ? { call: a.call } : {}),
        },
        nodeName: a.nodeName,
        since: a.waitingSince,
        schema: a.kind === 'human' ? a.schema : undefined,
      });
    }
    cursor = page.nextCursor;
  } while (cursor && items.length < 1000);
  return items;
}

export default function ApprovalsPage() {
  const me = useMe().data;
  const canAnswer = me?.permissions.includes('execution:approve' as never) ?? false;
  const inbox = useQuery({ queryKey: opsKeys.approvals, queryFn: loadInbox, refetchInterval: 5000 });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const items = inbox.data ?? [];
  return (
    <AppShell>
      <main className="h-full overflow-auto">
        <div className="mx-auto max-w-5xl px-6 py-5">
          <div className="mb-4 flex flex-wrap items-baseline gap-3">
            <h1 className="text-xl font-semibold">Approvals</h1>
            <span className="text-sm text-slate-500 dark:text-slate-400" data-testid="approvals-count">
              {inbox.isSuccess && `${items.length} waiting`}
            </span>
          </div>
          {!canAnswer && me && (
            <p className="mb-3 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-200">
              Your role ({me.role}) can see what waits but not answer it.
            </p>
          )}
          {inbox.isPending && <p className="text-sm text-slate-500 dark:text-slate-400">Loading…</p>}
          {inbox.isError && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {errorText(inbox.error)}{' '}
              <Button size="sm" variant="ghost" onClick={() => void inbox.refetch()}>
                Retry
              </Button>
            </p>
          )}
          {inbox.isSuccess && items.length === 0 && (
            <div className="rounded-lg border border-dashed border-slate-300 px-6 py-12 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
              Nothing waits for a person. Executions that reach a human node (or a tool call that needs
              approval) appear here.
            </div>
          )}
          <ul className="space-y-4">
            {items.map((item) => (
              <li key={`${item.executionId}:${item.approval.agentId}`}>
                <ApprovalCard item={item} canAnswer={canAnswer} now={now} />
              </li>
            ))}
          </ul>
        </div>
      </main>
    </AppShell>
  );
}

function hasApprovedField(schema: RJSFSchema | undefined): boolean {
  const approved = schema?.properties?.approved;
  return typeof approved === 'object' && approved !== null && (approved as RJSFSchema).type === 'boolean';
}

export function ApprovalCard({ item, canAnswer, now }: { item: InboxItem; canAnswer: boolean; now: number }) {
  const queryClient = useQueryClient();
  const { approval } = item;
  const schema = useMemo(() => (item.schema ? formSchema(item.schema) : undefined), [item.schema]);
  const uiSchema = useMemo(() => (schema ? uiSchemaFor(schema) : undefined), [schema]);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [raw, setRaw] = useState('{"approved": true}');
  const [reason, setReason] = useState('');
  const decisive = approval.kind === 'tool_call' || hasApprovedField(schema);
  const answer = useMutation({
    mutationFn: async (approved: boolean | undefined) => {
      let payload: unknown;
      if (approval.kind === 'tool_call') payload = { approved, ...(reason ? { reason } : {}) };
      else if (schema) payload = approved === undefined ? data : { ...data, approved };
      else payload = JSON.parse(raw);
      unwrap(
        await api.POST('/api/v1/executions/{id}/approve', {
          params: { path: { id: item.executionId } },
          body: { agentId: approval.agentId, payload },
        }),
      );
      return approved;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: opsKeys.executions });
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: opsKeys.approvals }), 1500);
    },
  });
  const title = `${item.workflowName}: ${approval.agentId}`;
  return (
    <section
      aria-label={`Approval ${title}`}
      data-testid="approval-card"
      className="rounded-lg border border-violet-200 bg-white p-4 shadow-sm dark:border-violet-900 dark:bg-slate-900"
    >
      <header className="mb-2 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 className="text-base font-semibold">
          {item.workflowName}{' '}
          <span className="text-sm font-normal text-slate-500 dark:text-slate-400">
            v{item.workflowVersion}
          </span>
        </h2>
        <span className="text-sm">
          node <span className="font-medium">{item.nodeName || approval.agentId}</span>
          {approval.kind === 'tool_call' && ' (tool call)'}
        </span>
        <span
          className="ml-auto text-sm font-medium tabular-nums text-violet-800 dark:text-violet-300"
          title={`Waiting since ${formatTime(item.since)}`}
          data-testid="waiting-time"
        >
          waiting {formatAge(item.since, now)}
        </span>
      </header>
      <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">
        Execution{' '}
        <Link
          to={`/executions/${item.executionId}`}
          className="font-mono text-indigo-700 underline dark:text-indigo-300"
        >
          {item.executionId.slice(0, 12)}
        </Link>
      </p>
      {approval.prompt && <p className="mb-3 text-sm">{approval.prompt}</p>}
      {approval.call && (
        <div className="mb-3">
          <JsonViewer label={`Call of ${approval.call.tool}`} value={approval.call.args} />
        </div>
      )}
      {answer.isSuccess ? (
        <p role="status" className="text-sm font-medium text-emerald-700 dark:text-emerald-300">
          {answer.data === false ? 'Rejected.' : 'Approved.'} The execution goes on.
        </p>
      ) : (
        <>
          {approval.kind === 'human' && (
            <div className="af-form">
              {schema && uiSchema ? (
                <Form
                  schema={schema}
                  uiSchema={{
                    ...uiSchema,
                    ...(hasApprovedField(schema) ? { approved: { 'ui:widget': 'hidden' } } : {}),
                  }}
                  formData={data}
                  validator={jsonValidator}
                  showErrorList={false}
                  noHtml5Validate
                  disabled={!canAnswer}
                  idPrefix={`inbox-${item.executionId}-${approval.agentId}`}
                  onChange={(e) => setData((e.formData ?? {}) as Record<string, unknown>)}
                />
              ) : (
                <textarea
                  aria-label="Answer (JSON)"
                  rows={3}
                  disabled={!canAnswer}
                  className={`${inputClass} h-auto py-2 font-mono`}
                  value={raw}
                  onChange={(e) => setRaw(e.target.value)}
                />
              )}
            </div>
          )}
          {approval.kind === 'tool_call' && canAnswer && (
            <input
              aria-label="Reason (optional)"
              placeholder="Reason (optional)"
              className={`${inputClass} mb-2`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
          {answer.error && (
            <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
              {errorText(answer.error)}
            </p>
          )}
          {canAnswer && (
            <div className="mt-3 flex gap-2">
              {decisive ? (
                <>
                  <Button variant="primary" disabled={answer.isPending} onClick={() => answer.mutate(true)}>
                    Approve
                  </Button>
                  <Button variant="danger" disabled={answer.isPending} onClick={() => answer.mutate(false)}>
                    Reject
                  </Button>
                </>
              ) : (
                <Button
                  variant="primary"
                  disabled={answer.isPending}
                  onClick={() => answer.mutate(undefined)}
                >
                  Submit
                </Button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
