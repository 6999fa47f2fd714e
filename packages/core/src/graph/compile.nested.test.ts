import { describe, expect, it } from 'vitest';
import { compile, input, issuesOf, llm, loop, summary, transform, wf } from './test/fixtures.js';

describe('loop bodies and inline subworkflows', () => {
  it('reports every problem of a loop body under agents[i].config.body', () => {
    const body = {
      agents: [
        input('i'),
        { id: 'x', type: 'nope' },
        { id: 'a', type: 'agent', config: { model: 'm' } },
        transform('t', '(('),
      ],
      connections: [
        { id: 'k', sourceAgentId: 'i', targetAgentId: 'ghost' },
        { id: 'k', sourceAgentId: 'i', targetAgentId: 'a', condition: '=' },
      ],
    };
    const issues = issuesOf(wf([input(), loop('each', body, { items: '[' })], ['in>each']));
    expect(summary(issues)).toEqual([
      'AF_DANGLING_CONNECTION agents[1].config.body.connections[0].targetAgentId',
      'AF_DUPLICATE_ID agents[1].config.body.connections[1].id',
      'AF_INVALID_CONFIG agents[1].config.body.agents[2].config.provider',
      'AF_INVALID_EXPRESSION agents[1].config.body.agents[3].config.expression',
      'AF_INVALID_EXPRESSION agents[1].config.body.connections[1].condition',
      'AF_INVALID_EXPRESSION agents[1].config.items',
      'AF_UNKNOWN_NODE_TYPE agents[1].config.body.agents[1].type',
    ]);
  });

  it('reports structural problems of a body (cycles, missing entry) under its path', () => {
    const body = { agents: [transform('a'), transform('b')], connections: [edge('a', 'b'), edge('b', 'a')] };
    const issues = issuesOf(wf([input(), loop('l', body)], ['in>l']));
    expect(summary(issues)).toEqual([
      'AF_NO_INPUT_NODE agents[1].config.body.agents',
      'AF_UNBOUNDED_CYCLE agents[1].config.body.agents[0]',
    ]);
  });

  it('reports a body that is not a graph, and loop options that need each other', () => {
    const issues = issuesOf(
      wf(
        [
          input(),
          loop('a', { agents: 'none' }),
          { id: 'b', type: 'loop', config: { body: 5 } },
          { id: 'c', type: 'loop', config: {} },
          loop('d', { agents: [input('x')] }, { mode: 'until' }),
        ],
        ['in>a', 'in>b', 'in>c', 'in>d'],
      ),
    );
    expect(summary(issues)).toEqual([
      'AF_INVALID_CONFIG agents[1].config.body',
      'AF_INVALID_CONFIG agents[2].config.body',
      'AF_INVALID_CONFIG agents[3].config.body',
      'AF_INVALID_CONFIG agents[4].config.until',
    ]);
  });

  it('prefixes paths through loops nested in loops', () => {
    const inner = { agents: [input('x'), llm('y', { temperature: 3 })], connections: [edge('x', 'y')] };
    const outer = { agents: [input('i'), loop('inner', inner)], connections: [edge('i', 'inner')] };
    const issues = issuesOf(wf([input(), loop('outer', outer)], ['in>outer']));
    expect(summary(issues)).toEqual([
      'AF_INVALID_CONFIG agents[1].config.body.agents[1].config.body.agents[1].config.temperature',
    ]);
  });

  it('limits how deeply workflows nest (4 levels of bodies)', () => {
    const nest = (levels: number): unknown =>
      levels === 0 ? { agents: [input('leaf')] } : { agents: [loop('l', nest(levels - 1))] };
    expect(compile({ name: 'w', ...(nest(4) as object) }).ok).toBe(true);
    const issues = issuesOf({ name: 'w', ...(nest(5) as object) });
    expect(summary(issues)).toEqual([
      `AF_LIMIT_EXCEEDED ${'agents[0].config.body.'.repeat(4)}agents[0].config.body`,
    ]);
  });

  it('reports problems of an inline subworkflow under agents[i].config.workflow', () => {
    const child = { name: '', agents: [input('x'), { id: 'y', type: 'output', config: { value: '+' } }] };
    const issues = issuesOf(
      wf(
        [
          input(),
          { id: 's', type: 'subworkflow', config: { workflow: child, input: 'input.' } },
          {
            id: 'both',
            type: 'subworkflow',
            config: { workflow: { agents: [input('z')] }, workflowId: 'w' },
          },
        ],
        ['in>s', 's>both'],
      ),
    );
    expect(summary(issues)).toEqual([
      'AF_INVALID_CONFIG agents[2].config',
      'AF_INVALID_EXPRESSION agents[1].config.input',
      'AF_INVALID_EXPRESSION agents[1].config.workflow.agents[1].config.value',
      'AF_VALIDATION agents[1].config.workflow.name',
    ]);
  });
});

describe('JSON Schemas in input, human and agent nodes', () => {
  /** The same schema on an input, a human and an agent node (copies: definitions must be JSON trees). */
  const withSchemas = (schema: unknown) =>
    wf(
      [
        input('in', { schema: structuredClone(schema) }),
        { id: 'h', type: 'human', config: { schema: structuredClone(schema) } },
        llm('a', { schema: structuredClone(schema) }),
      ],
      ['in>h', 'h>a'],
    );

  it('accepts valid schemas', () => {
    const schema = {
      type: 'object',
      properties: { tags: { type: 'array', items: { $ref: '#/$defs/tag' } } },
      $defs: { tag: { type: 'string', pattern: '^[a-z]+$' } },
      required: ['tags'],
    };
    expect(compile(withSchemas(schema)).ok).toBe(true);
  });

  it('reports a schema that is not an object at each node', () => {
    for (const schema of ['string', ['type'], 5, null]) {
      expect(summary(issuesOf(withSchemas(schema)))).toEqual([
        'AF_INVALID_CONFIG agents[0].config.schema',
        'AF_INVALID_CONFIG agents[1].config.schema',
        'AF_INVALID_CONFIG agents[2].config.schema',
      ]);
    }
  });

  it.each([
    ['unknown type name', { type: 'objectx' }],
    ['type that is not a string', { type: 5 }],
    ['unresolvable $ref', { $ref: '#/$defs/missing' }],
    ['invalid pattern', { properties: { a: { type: 'string', pattern: '(' } } }],
    ['properties that is not an object', { properties: 5 }],
    ['required that is not a list', { required: 'name' }],
  ])('reports a schema with %s', (_label, schema) => {
    expect(summary(issuesOf(withSchemas(schema)))).toEqual([
      'AF_INVALID_CONFIG agents[0].config.schema',
      'AF_INVALID_CONFIG agents[1].config.schema',
      'AF_INVALID_CONFIG agents[2].config.schema',
    ]);
  });
});

function edge(source: string, target: string) {
  return { id: `${source}-${target}`, sourceAgentId: source, targetAgentId: target };
}
