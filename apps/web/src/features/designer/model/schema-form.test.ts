import { describe, expect, it } from 'vitest';
import { formSchema, uiSchemaFor } from './schema-form.js';

const agentLike = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    provider: { type: 'string' },
    model: { type: 'string', minLength: 1 },
    systemPrompt: { type: 'string', maxLength: 100000 },
    prompt: { type: 'string' },
    temperature: { type: 'number' },
    mode: { type: 'string', enum: ['a', 'b'] },
    notes: { type: 'string', maxLength: 5000 },
    routes: {
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' }, when: { type: 'string' } } },
    },
  },
};

describe('schema to form', () => {
  it('drops the dialect marker and keeps the rest', () => {
    const schema = formSchema(agentLike);
    expect(schema).not.toHaveProperty('$schema');
    expect(schema.properties).toEqual(agentLike.properties);
  });

  it('turns prompts, long text and CEL fields into multi-line editors, nothing else', () => {
    const ui = uiSchemaFor(formSchema(agentLike));
    expect(ui.prompt).toMatchObject({ 'ui:widget': 'textarea' });
    expect(ui.systemPrompt).toMatchObject({ 'ui:widget': 'textarea' });
    expect(ui.notes).toMatchObject({ 'ui:widget': 'textarea' });
    expect(ui.routes).toEqual({ items: { when: { 'ui:widget': 'textarea', 'ui:options': { rows: 3 } } } });
    expect(ui).not.toHaveProperty('model');
    expect(ui).not.toHaveProperty('mode');
    expect(ui).not.toHaveProperty('temperature');
    expect(ui['ui:submitButtonOptions']).toEqual({ norender: true });
  });
});
