import { describe, expect, it } from 'vitest';
import { configErrorSchema, placeIssues } from './issues.js';

describe('validation issues on the canvas', () => {
  it('places each issue on its node, edge or the workflow, by index at validation time', () => {
    const placed = placeIssues(
      [
        { code: 'AF_INVALID_CONFIG', path: 'agents[1].config.model', message: 'required' },
        { code: 'AF_INVALID_EXPRESSION', path: 'connections[0].condition', message: 'Unexpected token' },
        { code: 'AF_VALIDATION', path: 'agents[0]', message: 'no input node' },
        { code: 'AF_VALIDATION', path: 'name', message: 'required' },
        { code: 'AF_VALIDATION', path: 'agents[9].type', message: 'gone' },
      ],
      ['in', 'bot'],
      ['in-bot'],
    );
    expect(placed.nodes.bot).toEqual([
      {
        code: 'AF_INVALID_CONFIG',
        path: 'agents[1].config.model',
        message: 'required',
        field: 'config.model',
      },
    ]);
    expect(placed.nodes.in?.[0]?.field).toBe('');
    expect(placed.edges['in-bot']?.[0]?.field).toBe('condition');
    expect(placed.general.map((i) => i.path)).toEqual(['name', 'agents[9].type']);
  });

  it('builds the form library error schema for config fields, nested and indexed', () => {
    const schema = configErrorSchema([
      { code: 'AF_INVALID_CONFIG', path: '', message: 'required', field: 'config.model' },
      { code: 'AF_INVALID_EXPRESSION', path: '', message: 'bad', field: 'config.routes[1].when' },
      { code: 'AF_X', path: '', message: 'node level', field: 'timeoutMs' },
    ]);
    expect(schema).toEqual({
      model: { __errors: ['AF_INVALID_CONFIG: required'] },
      routes: { 1: { when: { __errors: ['AF_INVALID_EXPRESSION: bad'] } } },
    });
  });
});
