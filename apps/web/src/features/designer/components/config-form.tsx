/**
 * A node's config as a form generated from its type's JSON Schema (@rjsf/core). Its own chunk: the form
 * library is about half of the designer's code, and the canvas draws without it (it loads while the canvas
 * opens, before the first node is selected).
 */
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { jsonValidator } from '../model/json-validator.js';

export interface ConfigFormProps {
  nodeId: string;
  schema: Record<string, unknown>;
  uiSchema: UiSchema;
  config: Record<string, unknown>;
  extraErrors: unknown;
  readOnly: boolean;
  onChange(config: Record<string, unknown>): void;
}

export default function ConfigForm({
  nodeId,
  schema,
  uiSchema,
  config,
  extraErrors,
  readOnly,
  onChange,
}: ConfigFormProps) {
  return (
    <Form
      key={nodeId}
      schema={schema as RJSFSchema}
      uiSchema={uiSchema}
      formData={config}
      validator={jsonValidator}
      extraErrors={extraErrors as never}
      showErrorList={false}
      noHtml5Validate
      readonly={readOnly}
      idPrefix={`cfg-${nodeId}`}
      onChange={(e) => {
        if (!readOnly) onChange((e.formData ?? {}) as Record<string, unknown>);
      }}
    />
  );
}
