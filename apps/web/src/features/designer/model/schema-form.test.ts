import { describe, expect, it } from 'vitest';
import { formSchema, humanize, uiSchemaFor } from './schema-form.js';

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
    expect(ui.routes).toEqual({
      'ui:title': 'Routes',
      items: {
        name: { 'ui:title': 'Name' },
        when: { 'ui:title': 'When', 'ui:widget': 'textarea', 'ui:options': { rows: 3 } },
      },
    });
    expect(ui.model).toEqual({ 'ui:title': 'Model' });
    expect(ui.mode).toEqual({ 'ui:title': 'Mode' });
    expect(ui.temperature).toEqual({ 'ui:title': 'Temperature' });
    expect(ui['ui:submitButtonOptions']).toEqual({ norender: true });
  });

  it('labels each property by its title, else by its name in words', () => {
    const ui = uiSchemaFor(
      formSchema({
        type: 'object',
        properties: {
          systemPrompt: { type: 'string' },
          maxTokens: { type: 'integer' },
          topP: { type: 'number' },
          baseURL: { type: 'string' },
          requiresApproval: { type: 'boolean' },
          max_iterations: { type: 'integer' },
          titled: { type: 'string', title: 'My own title' },
          nested: { type: 'object', properties: { innerValue: { type: 'string' } } },
        },
      }),
    );
    expect(ui.systemPrompt?.['ui:title']).toBe('System prompt');
    expect(ui.maxTokens?.['ui:title']).toBe('Max tokens');
    expect(ui.topP?.['ui:title']).toBe('Top P');
    expect(ui.baseURL?.['ui:title']).toBe('Base URL');
    expect(ui.requiresApproval?.['ui:title']).toBe('Requires approval');
    expect(ui.max_iterations?.['ui:title']).toBe('Max iterations');
    expect(ui).not.toHaveProperty('titled');
    expect(ui.nested).toEqual({ 'ui:title': 'Nested', innerValue: { 'ui:title': 'Inner value' } });
    expect(humanize('HTTPHeaders')).toBe('HTTP headers');
  });
});
