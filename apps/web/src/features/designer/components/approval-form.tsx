/** A paused human node's approval, from the canvas: its prompt and a form from its schema (or raw JSON). */
import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, errorText } from '../../../lib/api.js';
import { Button } from '../../../ui/button.js';
import { inputClass } from '../../../ui/field.js';
import { useDesigner } from '../context.js';
import { jsonValidator } from '../model/json-validator.js';
import { formSchema, uiSchemaFor } from '../model/schema-form.js';

export function ApprovalForm({ executionId, agentId }: { executionId: string; agentId: string }) {
  const config = useDesigner((s) => s.nodes.find((n) => n.id === agentId)?.data.agent.config);
  const rawSchema = config?.schema;
  const schema = useMemo(
    () =>
      typeof rawSchema === 'object' && rawSchema !== null
        ? formSchema(rawSchema as Record<string, unknown>)
        : undefined,
    [rawSchema],
  );
  const uiSchema = useMemo(() => (schema ? uiSchemaFor(schema) : undefined), [schema]);
  const [data, setData] = useState<unknown>({});
  const [raw, setRaw] = useState('{"approved": true}');
  const approve = useMutation({
    mutationFn: async () => {
      const payload = schema ? data : JSON.parse(raw);
      await api.POST('/api/v1/executions/{id}/approve', {
        params: { path: { id: executionId } },
        body: { agentId, payload },
      });
    },
  });
  return (
    <section
      aria-label={`Approval for ${agentId}`}
      className="rounded-md border border-violet-300 bg-violet-50 p-3 dark:border-violet-800 dark:bg-violet-950/40"
    >
      <h3 className="text-sm font-semibold">Waiting for approval: {agentId}</h3>
      {typeof config?.prompt === 'string' && <p className="mt-1 text-sm">{config.prompt}</p>}
      <div className="af-form mt-2">
        {schema && uiSchema ? (
          <Form
            schema={schema as RJSFSchema}
            uiSchema={uiSchema}
            formData={data}
            validator={jsonValidator}
            showErrorList={false}
            noHtml5Validate
            idPrefix={`approve-${agentId}`}
            onChange={(e) => setData(e.formData)}
          />
        ) : (
          <textarea
            aria-label="Approval payload (JSON)"
            rows={3}
            className={`${inputClass} h-auto py-2 font-mono`}
            value={raw}
            onChange={(e) => setRaw(e.target.value)}
          />
        )}
      </div>
      {approve.error && (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {errorText(approve.error)}
        </p>
      )}
      <Button
        size="sm"
        variant="primary"
        className="mt-2"
        disabled={approve.isPending || approve.isSuccess}
        onClick={() => approve.mutate()}
      >
        {approve.isSuccess ? 'Sent' : 'Approve'}
      </Button>
    </section>
  );
}
