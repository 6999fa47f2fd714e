import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES, formatIssues } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine.js';
import {
  compile,
  input,
  issuesOf,
  llm,
  output,
  router,
  summary,
  transform,
  validExamples,
  wf,
} from './test/fixtures.js';

describe('compileWorkflow: every problem in one pass, each with its path', () => {
  it('reports types, configs, ids, connections and expressions together', () => {
    const issues = issuesOf(
      wf(
        [
          input(),
          { id: 'a', type: 'agent', config: { provider: 'openai' } },
          { id: 'b', type: 'nope' },
          { id: 'in', type: 'transform', config: { expression: '1 +' } },
        ],
        [
          { id: 'c1', sourceAgentId: 'in', targetAgentId: 'zz' },
          { id: 'c1', sourceAgentId: 'in', targetAgentId: 'a', condition: 'output ==' },
          { id: 'c2', sourceAgentId: 'in', targetAgentId: 'a' },
          { id: 'c3', sourceAgentId: 'ghost', targetAgentId: 'b' },
        ],
      ),
    );
    expect(summary(issues)).toEqual([
      'AF_DANGLING_CONNECTION connections[0].targetAgentId',
      'AF_DANGLING_CONNECTION connections[3].sourceAgentId',
      'AF_DUPLICATE_CONNECTION connections[2]',
      'AF_DUPLICATE_ID agents[3].id',
      'AF_DUPLICATE_ID connections[1].id',
      'AF_INVALID_CONFIG agents[1].config.model',
      'AF_INVALID_EXPRESSION agents[3].config.expression',
      'AF_INVALID_EXPRESSION connections[1].condition',
      'AF_UNKNOWN_NODE_TYPE agents[2].type',
    ]);
    expect(formatIssues(issues)).toContain('agents[1].config.model: required [AF_INVALID_CONFIG]');
  });

  it('gives every issue a known code, a string path and a message', () => {
    const issues = issuesOf(
      wf([{ id: 'x', type: 'agent', config: { temperature: 9, maxSteps: 0 } }], ['x>y']),
    );
    expect(issues.length).toBeGreaterThan(2);
    for (const issue of issues) {
      expect(Object.hasOwn(ERROR_CODES, issue.code)).toBe(true);
      expect(typeof issue.path).toBe('string');
      expect(issue.message.length).toBeGreaterThan(0);
    }
  });

  it('reports schema problems of the workflow itself alongside structural ones', () => {
    const raw = { ...wf([input(), output()], ['in>out', 'out>nowhere']), name: '', status: 'live' };
    expect(summary(issuesOf(raw))).toEqual([
      'AF_DANGLING_CONNECTION connections[1].targetAgentId',
      'AF_VALIDATION name',
      'AF_VALIDATION status',
    ]);
  });

  it('reports a definition that is not an object at the root', () => {
    for (const raw of [undefined, null, 42, 'workflow', [], true]) {
      const issues = issuesOf(raw);
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.every((i) => i.code === 'AF_VALIDATION' || i.code === 'AF_NO_INPUT_NODE')).toBe(true);
    }
  });
});

describe('node types and their config', () => {
  it('reports unknown node types at agents[i].type and names the known ones', () => {
    const issues = issuesOf(wf([input(), output(), { id: 'x', type: 'gpt' }], ['in>out', 'out>x']));
    expect(summary(issues)).toEqual(['AF_UNKNOWN_NODE_TYPE agents[2].type']);
    expect(issues[0]!.message).toContain('"gpt"');
    expect(issues[0]!.message).toContain('agent');
  });

  it('reports every bad field of a node config under agents[i].config', () => {
    const issues = issuesOf(
      wf(
        [
          input(),
          { id: 'a', type: 'agent', config: { model: 7 } },
          { id: 'b', type: 'agent', config: { provider: 'x', model: 'y', temperature: 5, maxSteps: 0 } },
          { id: 'd', type: 'delay', config: { ms: -1 } },
          { id: 't', type: 'tool', config: {} },
          { id: 'r', type: 'router', config: { routes: [{ name: '' }] } },
        ],
        ['in>a', 'in>b', 'in>d', 'in>t', 'in>r'],
      ),
    );
    expect(summary(issues)).toEqual([
      'AF_INVALID_CONFIG agents[1].config.model',
      'AF_INVALID_CONFIG agents[2].config.maxSteps',
      'AF_INVALID_CONFIG agents[2].config.temperature',
      'AF_INVALID_CONFIG agents[3].config.ms',
      'AF_INVALID_CONFIG agents[4].config.tool',
      'AF_INVALID_CONFIG agents[5].config.routes[0].name',
      'AF_INVALID_CONFIG agents[5].config.routes[0].when',
    ]);
    const model = issues.find((i) => i.path === 'agents[1].config.model')!;
    expect(model.message).toContain('expected string');
  });

  it('reports cross-field config rules at the config itself', () => {
    const issues = issuesOf(
      wf(
        [
          input(),
          { id: 't', type: 'transform', config: { expression: 'input', mapping: { a: 'input' } } },
          { id: 's', type: 'subworkflow', config: {} },
        ],
        ['in>t', 't>s'],
      ),
    );
    expect(summary(issues)).toEqual([
      'AF_INVALID_CONFIG agents[1].config',
      'AF_INVALID_CONFIG agents[2].config',
    ]);
  });

  it('checks the agent envelope (id, retry, timeout, position) with paths', () => {
    const issues = issuesOf(
      wf(
        [
          input(),
          { ...output(), id: 'bad id!' },
          {
            ...transform('t'),
            retry: { maxAttempts: 0 },
            timeoutMs: 0,
            position: { x: 'left', y: 0 } as never,
          },
        ],
        ['in>t'],
      ),
    );
    expect(summary(issues)).toEqual([
      'AF_VALIDATION agents[1].id',
      'AF_VALIDATION agents[2].position.x',
      'AF_VALIDATION agents[2].retry.maxAttempts',
      'AF_VALIDATION agents[2].timeoutMs',
    ]);
  });

  it('reports a present field of the wrong type at its path', () => {
    const issues = issuesOf(wf([input(), llm('a', { temperature: 'hot' })], ['in>a'], { name: 7 as never }));
    expect(summary(issues)).toEqual(['AF_INVALID_CONFIG agents[1].config.temperature', 'AF_VALIDATION name']);
  });

  it('names the expected type, not "required", for a present field of the wrong type', () => {
    const issues = issuesOf(wf([input(), llm('a', { temperature: 'hot' })], ['in>a'], { name: 7 as never }));
    for (const issue of issues) expect(issue.message).not.toBe('required');
  });
});

describe('CEL expressions are parsed at validation', () => {
  it('reports invalid CEL wherever an expression is allowed', () => {
    const issues = issuesOf(
      wf(
        [
          input(),
          router('r', {
            routes: [
              { name: 'a', when: 'input.x >' },
              { name: 'b', when: 'true' },
            ],
            default: 'b',
          }),
          transform('t', '(('),
          { id: 'm', type: 'transform', config: { mapping: { ok: 'input', bad: 'input.' } } },
          { id: 'o', type: 'output', config: { value: '1 +* 2' } },
          { id: 'tool', type: 'tool', config: { tool: 'x', args: '{' } },
          {
            id: 'l',
            type: 'loop',
            config: { body: { agents: [input('i')] }, items: '[', mode: 'until', until: ')' },
          },
          { id: 's', type: 'subworkflow', config: { workflowId: 'w', input: '"unterminated' } },
        ],
        [
          { id: 'e0', sourceAgentId: 'in', targetAgentId: 'r', condition: 'output = 1' },
          { id: 'e1', sourceAgentId: 'r', targetAgentId: 't', sourceHandle: 'a' },
          { id: 'e2', sourceAgentId: 'r', targetAgentId: 'm', sourceHandle: 'b' },
          'm>o',
          't>tool',
          'tool>l',
          'l>s',
        ],
      ),
    );
    expect(summary(issues)).toEqual([
      'AF_INVALID_EXPRESSION agents[1].config.routes[0].when',
      'AF_INVALID_EXPRESSION agents[2].config.expression',
      'AF_INVALID_EXPRESSION agents[3].config.mapping["bad"]',
      'AF_INVALID_EXPRESSION agents[4].config.value',
      'AF_INVALID_EXPRESSION agents[5].config.args',
      'AF_INVALID_EXPRESSION agents[6].config.items',
      'AF_INVALID_EXPRESSION agents[6].config.until',
      'AF_INVALID_EXPRESSION agents[7].config.input',
      'AF_INVALID_EXPRESSION connections[0].condition',
    ]);
    expect(issues.every((i) => i.message.length > 0)).toBe(true);
  });

  it('bounds expression length (overridable) and complexity', () => {
    const long = `input == "${'x'.repeat(100)}"`;
    const raw = wf(
      [input(), output()],
      [{ id: 'e', sourceAgentId: 'in', targetAgentId: 'out', condition: long }],
    );
    expect(compile(raw).ok).toBe(true);
    const issues = issuesOf(raw, { limits: { maxExpressionLength: 50 } });
    expect(summary(issues)).toEqual(['AF_INVALID_EXPRESSION connections[0].condition']);
    expect(issues[0]!.message).toContain('50');
    const deep = wf([input(), transform('t', `${'('.repeat(200)}1${')'.repeat(200)}`)], ['in>t']);
    expect(summary(issuesOf(deep))).toEqual(['AF_INVALID_EXPRESSION agents[1].config.expression']);
  });
});

describe('ids and connections', () => {
  it('reports duplicate agent ids and duplicate connection ids at the repeat', () => {
    const issues = issuesOf(
      wf(
        [input('a'), transform('b'), transform('b'), transform('a')],
        [
          { id: 'x', sourceAgentId: 'a', targetAgentId: 'b' },
          { id: 'x', sourceAgentId: 'b', targetAgentId: 'a' },
          { id: 'x', sourceAgentId: 'a', targetAgentId: 'a', sourceHandle: 'h' },
        ],
      ),
    );
    expect(summary(issues)).toEqual(
      expect.arrayContaining([
        'AF_DUPLICATE_ID agents[2].id',
        'AF_DUPLICATE_ID agents[3].id',
        'AF_DUPLICATE_ID connections[1].id',
        'AF_DUPLICATE_ID connections[2].id',
      ]),
    );
    expect(issues.find((i) => i.path === 'agents[2].id')!.message).toContain('"b"');
  });

  it('reports dangling connections at the missing end (both ends if both are missing)', () => {
    const issues = issuesOf(wf([input(), output()], ['in>out', 'in>nope', 'ghost>out', 'x>y']));
    expect(summary(issues)).toEqual([
      'AF_DANGLING_CONNECTION connections[1].targetAgentId',
      'AF_DANGLING_CONNECTION connections[2].sourceAgentId',
      'AF_DANGLING_CONNECTION connections[3].sourceAgentId',
      'AF_DANGLING_CONNECTION connections[3].targetAgentId',
    ]);
  });

  it('reports repeated connections, but not ones that differ by handle or kind', () => {
    const ok = wf(
      [input(), router('r', { routes: [{ name: 'a', when: 'true' }], default: 'b' }), output()],
      [
        'in>r',
        { id: 'ra', sourceAgentId: 'r', targetAgentId: 'out', sourceHandle: 'a' },
        { id: 'rb', sourceAgentId: 'r', targetAgentId: 'out', sourceHandle: 'b' },
        { id: 'rerr', sourceAgentId: 'r', targetAgentId: 'out', on: 'error' },
      ],
    );
    expect(compile(ok).ok).toBe(true);
    const issues = issuesOf(wf([input(), output()], ['in>out', 'in>out', 'in>out']));
    expect(summary(issues)).toEqual([
      'AF_DUPLICATE_CONNECTION connections[1]',
      'AF_DUPLICATE_CONNECTION connections[2]',
    ]);
  });

  it('treats ids that are Object.prototype names as plain ids', () => {
    const raw = wf(
      [input('constructor'), transform('__proto__'), output('toString')],
      ['constructor>__proto__', '__proto__>toString'],
    );
    const result = compile(raw);
    expect(result.ok).toBe(true);
    if (result.ok) expect([...result.graph.byId.keys()]).toEqual(['constructor', '__proto__', 'toString']);
    const types = issuesOf(
      wf([
        { id: 'a', type: 'constructor' },
        { id: 'b', type: 'toString' },
      ]),
    );
    expect(summary(types)).toEqual([
      'AF_UNKNOWN_NODE_TYPE agents[0].type',
      'AF_UNKNOWN_NODE_TYPE agents[1].type',
    ]);
  });
});

describe('valid workflows', () => {
  it.each(Object.entries(validExamples))('compiles %s', (_name, raw) => {
    const result = compile(raw);
    if (!result.ok) expect.fail(formatIssues(result.issues));
    expect(result.graph.nodes).toHaveLength(raw.agents.length);
    expect(result.graph.edges).toHaveLength(raw.connections?.length ?? 0);
  });

  const examplesDir = fileURLToPath(new URL('../../../../examples/', import.meta.url));
  const exampleFiles = existsSync(examplesDir)
    ? readdirSync(examplesDir).filter((f) => f.endsWith('.json') && !/\.(input|script)\.json$/.test(f))
    : [];
  it.skipIf(exampleFiles.length === 0).each(exampleFiles)('compiles examples/%s', (file) => {
    const result = createEngine().validate(JSON.parse(readFileSync(examplesDir + file, 'utf8')));
    if (!result.ok) expect.fail(formatIssues(result.issues));
  });

  it('engine.validate returns the parsed workflow with defaults applied, or the same issues', () => {
    const engine = createEngine();
    const ok = engine.validate(validExamples.chain);
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.workflow.status).toBe('draft');
      expect(ok.workflow.config.maxSteps).toBe(1000);
      expect(ok.workflow.agents[0]!.config).toEqual({});
    }
    const bad = wf([input(), { id: 'x', type: 'nope' }], ['in>x']);
    expect(engine.validate(bad)).toEqual({ ok: false, issues: issuesOf(bad) });
  });
});
