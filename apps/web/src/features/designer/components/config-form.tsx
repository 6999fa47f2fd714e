/**
 * A node's config as a form generated from its type's JSON Schema (@rjsf/core). Its own chunk: the form
 * library is about half of the designer's code, and the canvas draws without it (it loads while the canvas
 * opens, before the first node is selected).
 */
import Form, { getDefaultRegistry } from '@rjsf/core';
import type { RJSFSchema, UiSchema, WidgetProps } from '@rjsf/utils';
import type { ComponentType } from 'react';
import { onlyDefaultsFilled } from '../model/form-defaults.js';
import { jsonValidator } from '../model/json-validator.js';

const DefaultSelect = getDefaultRegistry().widgets.SelectWidget as ComponentType<WidgetProps>;

/**
 * The form library's select, named: the option picker of an `anyOf`/`oneOf` field (the agent's
 * `requiresApproval`: all tools or per tool) has no label element of its own, so it is wrapped in one.
 */
function SelectWidget(props: WidgetProps) {
  if (!/__(any|one)of_select$/.test(props.id)) return <DefaultSelect {...props} />;
  return (
    <label htmlFor={props.id} className="relative block">
      <span className="sr-only">{`${props.label || 'Variant'}: kind of value`}</span>
      <DefaultSelect {...props} />
    </label>
  );
}
const widgets = { SelectWidget };

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
      widgets={widgets}
      extraErrors={extraErrors as never}
      showErrorList={false}
      noHtml5Validate
      readonly={readOnly}
      idPrefix={`cfg-${nodeId}`}
      onChange={(e) => {
        if (readOnly) return;
        const data = (e.formData ?? {}) as Record<string, unknown>;
        if (onlyDefaultsFilled(data, schema, config)) return;
        onChange(data);
      }}
    />
  );
}
