import { isAgentFlowError } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { input, issuesOf, output, summary, transform, wf } from '../graph/test/fixtures.js';
import { compileJsonSchema, jsonSchemaProblem } from '../nodes/json-schema.js';
import { DEFAULT_EXPRESSION_COST_LIMIT } from './budget.js';
import { compileExpression, evaluateCondition } from './cel.js';

const evaluate = (source: string, vars: Record<string, unknown> = {}) =>
  compileExpression(source).evaluate(vars);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return isAgentFlowError(error) ? error.code : `not an AgentFlowError: ${String(error)}`;
  }
}

const evil = `${'a'.repeat(30)}!`;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const objects = (n: number) => Object.fromEntries(range(n).map((i) => [`k${i}`, { a: [1, 2, 3] }]));

describe('CEL matches runs on RE2', () => {
  it('keeps the CEL semantics: unanchored search, RE2 syntax', () => {
    expect(evaluate("'xabcx'.matches('abc')")).toBe(true);
    expect(evaluate("'xabcx'.matches('^abc$')")).toBe(false);
    expect(evaluate("'Hello'.matches('(?i)^hello$')")).toBe(true);
    expect(evaluate("'ab12'.matches('[[:alpha:]]+\\\\d{2}')")).toBe(true);
    expect(evaluate('input.s.matches(input.p)', { input: { s: 'tag-42', p: '^tag-[0-9]+$' } })).toBe(true);
  });

  it('answers a catastrophic-backtracking pattern at once (a backtracking engine takes ~30 s here)', () => {
    expect(evaluate("input.s.matches('^(a+)+$')", { input: { s: evil } })).toBe(false);
    expect(evaluate("input.s.matches('^(a|aa)+$')", { input: { s: `${'a'.repeat(5000)}!` } })).toBe(false);
  });

  it('refuses a literal pattern that is not RE2 (backreference, lookaround) when the expression is compiled', () => {
    for (const pattern of ['(a)\\\\1', '(?=a)b', '(?!a)b', '(?<=a)b']) {
      expect(codeOf(() => compileExpression(`'ab'.matches('${pattern}')`))).toBe('AF_INVALID_EXPRESSION');
    }
    expect(() => compileExpression("'ab'.matches('(?=a)')")).toThrow(/RE2/);
  });

  it('fails the evaluation for a pattern from the data that is not RE2', () => {
    const expr = compileExpression('input.s.matches(input.p)');
    expect(codeOf(() => expr.evaluate({ input: { s: 'aa', p: '(a)\\1' } }))).toBe('AF_EXPRESSION_ERROR');
  });

  it('reports a non-RE2 pattern at workflow validation with the path of the field', () => {
    const issues = issuesOf(
      wf(
        [input(), transform('t', "input.s.matches('(a)\\\\1') ? 1 : 2"), output()],
        [
          { id: 'c', sourceAgentId: 'in', targetAgentId: 't', condition: "input.s.matches('(?=x)')" },
          't>out',
        ],
      ),
    );
    expect(summary(issues)).toEqual(
      expect.arrayContaining([
        'AF_INVALID_EXPRESSION connections[0].condition',
        'AF_INVALID_EXPRESSION agents[1].config.expression',
      ]),
    );
  });
});

describe('CEL evaluation budget', () => {
  it('refuses three nested all() over 250 items with AF_EXPRESSION_LIMIT', () => {
    const expr = 'input.a.all(x, input.a.all(y, input.a.all(z, x + y + z >= 0.0)))';
    expect(codeOf(() => evaluate(expr, { input: { a: range(250) } }))).toBe('AF_EXPRESSION_LIMIT');
  });

  it('still refuses when exists() would swallow the error and find a true element later', () => {
    const expr = 'input.a.exists(x, input.a.all(y, input.a.all(z, y + z >= 0.0)) && x == 249.0)';
    expect(codeOf(() => evaluateCondition(compileExpression(expr), { input: { a: range(250) } }))).toBe(
      'AF_EXPRESSION_LIMIT',
    );
  });

  it('refuses quadratic scans and values grown by repeated concatenation', () => {
    expect(codeOf(() => evaluate('input.a.all(x, x in input.a)', { input: { a: range(20_000) } }))).toBe(
      'AF_EXPRESSION_LIMIT',
    );
    let doubling = "cel.bind(v0, 'xxxxxxxxxxxxxxxx', ";
    for (let i = 1; i < 30; i++) doubling += `cel.bind(v${i}, v${i - 1} + v${i - 1}, `;
    doubling += `v29.size() > 0${')'.repeat(30)}`;
    expect(codeOf(() => evaluate(doubling))).toBe('AF_EXPRESSION_LIMIT');
    let lists = 'cel.bind(l0, [1, 2, 3, 4], ';
    for (let i = 1; i < 30; i++) lists += `cel.bind(l${i}, l${i - 1} + l${i - 1}, `;
    lists += `size(l29) > 0${')'.repeat(30)}`;
    expect(codeOf(() => evaluate(lists))).toBe('AF_EXPRESSION_LIMIT');
  });

  it('charges a regular expression by input length times pattern size', () => {
    const expr = compileExpression('input.a.exists(x, input.s.matches("b+c"))');
    const vars = { input: { a: range(100), s: 'a'.repeat(100_000) } };
    expect(codeOf(() => expr.evaluate(vars))).toBe('AF_EXPRESSION_LIMIT');
  });

  it('lets ordinary expressions over large inputs through', () => {
    const items = range(10_000).map((i) => ({ id: i, price: i % 100, tags: ['a', 'b'] }));
    expect(evaluate('input.items.all(x, x.price >= 0.0 && "a" in x.tags)', { input: { items } })).toBe(true);
    expect(evaluate('input.items.filter(x, x.price > 90.0).size()', { input: { items } })).toBe(900);
    expect(
      evaluate("input.text.contains('needle')", { input: { text: `${'x'.repeat(1_000_000)}needle` } }),
    ).toBe(true);
    expect(evaluate("'k' in input.m && input.m.k == 1.0", { input: { m: { k: 1 } } })).toBe(true);
  });

  it('gives every evaluation a fresh budget and honours a custom limit', () => {
    const expr = compileExpression('input.a.all(x, x >= 0.0)', 4096, 1000);
    expect(codeOf(() => expr.evaluate({ input: { a: range(1000) } }))).toBe('AF_EXPRESSION_LIMIT');
    for (let i = 0; i < 3; i++) expect(expr.evaluate({ input: { a: range(100) } })).toBe(true);
    expect(DEFAULT_EXPRESSION_COST_LIMIT).toBeGreaterThan(100_000);
  });
});

/**
 * Expressions that cost far more per node than a comparison: each used to run for tens of milliseconds to
 * seconds (a time-zone accessor 40,000 times: 21 s) within the budget. The budget charges them what they cost,
 * so each is stopped (bench suite `expressions` measures the time to the stop).
 */
const EXPENSIVE_EXPRESSIONS: [string, string, Record<string, unknown>][] = [
  [
    'time-zone accessors in a loop',
    "input.a.all(x, timestamp('2020-01-01T00:00:00Z').getDayOfYear('America/New_York') >= 0)",
    { a: range(50) },
  ],
  ['string conversions in a loop', 'input.a.all(x, string(x) != "")', { a: range(10_000) }],
  [
    'timestamp parsing in a loop',
    "input.a.map(x, timestamp('2020-01-01T00:00:00Z')).size()",
    { a: range(10_000) },
  ],
  ['split of a long string into characters', "input.s.split('').size()", { s: 'a'.repeat(300_000) }],
  [
    'case change of a long string, many times',
    'input.a.all(x, input.s.lowerAscii() != "")',
    { a: range(10), s: 'A'.repeat(30_000) },
  ],
  ['JSON decoding of a long string', 'bytes(input.s).json().size()', { s: JSON.stringify(range(50_000)) }],
  ['map literals in a loop', "input.a.map(x, {'k': x, 'l': [x, x, x]}).size()", { a: range(20_000) }],
  ['equality of objects in a loop', 'input.o.all(k, input.o[k] == input.o[k])', { o: objects(7000) }],
];

describe('CEL budget for costly operations', () => {
  it.each(EXPENSIVE_EXPRESSIONS)('stops %s with AF_EXPRESSION_LIMIT', (_name, expr, input) => {
    expect(codeOf(() => evaluate(expr, { input }))).toBe('AF_EXPRESSION_LIMIT');
  });

  it('lets the same operations through a few times', () => {
    expect(evaluate("timestamp('2020-01-01T12:00:00Z').getHours('Europe/Paris')")).toBe(13);
    expect(evaluate('input.a.map(x, string(x)).size()', { input: { a: range(1000) } })).toBe(1000);
    expect(evaluate("input.s.split(',').size()", { input: { s: 'a,'.repeat(5000) } })).toBe(5001);
    expect(evaluate("input.a.map(x, {'k': x}).size()", { input: { a: range(2000) } })).toBe(2000);
    expect(evaluate('input.o.all(k, input.o[k] == input.o[k])', { input: { o: objects(1000) } })).toBe(true);
  });

  it('bounds the largest expression the parser allows (4,096 characters, nested comprehensions)', () => {
    // 8 nested all() over the input list, a 900-element list literal, and a string literal up to the length limit.
    let source = `size([${'0,'.repeat(899)}0]) > 0`;
    for (let i = 7; i >= 0; i--) source = `input.a.all(v${i}, ${source} && v${i} >= 0.0)`;
    source += " && 'x'.size() > 0";
    source = source.replace("'x'", `'${'x'.repeat(4096 - source.length + 1)}'`);
    expect(source.length).toBe(4096);
    const expr = compileExpression(source);
    expect(codeOf(() => expr.evaluate({ input: { a: range(10) } }))).toBe('AF_EXPRESSION_LIMIT');
    expect(expr.evaluate({ input: { a: range(1) } })).toBe(true);
  });
});

describe('JSON Schema patterns run on RE2', () => {
  it('checks pattern and patternProperties with RE2, without catastrophic backtracking', () => {
    const check = compileJsonSchema(
      {
        type: 'object',
        properties: { s: { type: 'string', pattern: '^(a+)+$' } },
        patternProperties: { '^x-(a+)+$': { type: 'number' } },
      },
      'AF_INVALID_INPUT',
    );
    expect(check({ s: evil }).map((i) => i.path)).toEqual(['s']);
    expect(check({ s: 'aaa', 'x-aaa': 1 })).toEqual([]);
    expect(check({ s: 'aaa', 'x-aaa': 'no' }).map((i) => i.path)).toContain('x-aaa');
    expect(globalThis.RegExp).toBe(/x/.constructor);
  });

  it('refuses patterns that are not RE2 when the schema is checked, naming the keyword', () => {
    expect(jsonSchemaProblem({ type: 'string', pattern: '(a)\\1' })).toMatch(/^pattern: .*RE2/);
    expect(jsonSchemaProblem({ properties: { p: { pattern: '(?=a)' } } })).toMatch(/^properties\.p\.pattern/);
    expect(jsonSchemaProblem({ patternProperties: { '(?!a)': {} } })).toMatch(/^patternProperties: .*RE2/);
    expect(jsonSchemaProblem({ type: 'string', pattern: '^[a-z]+$' })).toBeUndefined();
  });
});
