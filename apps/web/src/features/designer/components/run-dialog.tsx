/** The run's input, as a form generated from the input node's schema (or raw JSON when it has none). */
import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import { Button } from '../../../ui/button.js';
import { Dialog } from '../../../ui/dialog.js';
import { inputClass } from '../../../ui/field.js';
import { jsonValidator } from '../model/json-validator.js';
import { formSchema, uiSchemaFor } from '../model/schema-form.js';

export function RunDialog({
  open,
  onOpenChange,
  inputSchema,
  onRun,
  pending,
  error,
  initialInput,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  inputSchema: Record<string, unknown> | undefined;
  onRun: (input: unknown) => void;
  pending: boolean;
  error: string | undefined;
  /** The input the dialog starts with (a template's sample input, after installing it). */
  initialInput?: unknown;
}) {
  const schema = useMemo(() => (inputSchema ? formSchema(inputSchema) : undefined), [inputSchema]);
  const uiSchema = useMemo(() => (schema ? uiSchemaFor(schema) : undefined), [schema]);
  const [data, setData] = useState<unknown>(initialInput ?? {});
  const [raw, setRaw] = useState(initialInput === undefined ? '{}' : JSON.stringify(initialInput, null, 2));
  const [rawError, setRawError] = useState<string>();
  const submit = () => {
    if (schema) return onRun(data);
    try {
      onRun(JSON.parse(raw));
    } catch {
      setRawError('not valid JSON');
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Run workflow"
      description="The execution input, checked against the input node's schema."
    >
      <div className="af-form">
        {schema && uiSchema ? (
          <Form
            schema={schema as RJSFSchema}
            uiSchema={uiSchema}
            formData={data}
            validator={jsonValidator}
            showErrorList={false}
            noHtml5Validate
            idPrefix="run-input"
            onChange={(e) => setData(e.formData)}
          />
        ) : (
          <div className="space-y-1">
            <label htmlFor="run-raw" className="block text-xs font-medium">
              Input (JSON)
            </label>
            <textarea
              id="run-raw"
              rows={6}
              className={`${inputClass} h-auto py-2 font-mono`}
              value={raw}
              onChange={(e) => setRaw(e.target.value)}
            />
            {rawError && (
              <p role="alert" className="text-xs text-red-600">
                {rawError}
              </p>
            )}
          </div>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={() => onOpenChange(false)}>Cancel</Button>
        <Button variant="primary" onClick={submit} disabled={pending}>
          Run
        </Button>
      </div>
    </Dialog>
  );
}
