import { AgentFlowError } from '@agentflow/protocol';
import { Environment } from '@marcbachmann/cel-js';
import {
  charge,
  DEFAULT_EXPRESSION_COST_LIMIT,
  endBudget,
  expressionLimitError,
  instrumentAst,
  RE2_MATCHES,
  startBudget,
} from './budget.js';
import { syncWorkMeter } from './meter.js';
import { re2Test } from './regex.js';

/**
 * CEL (https://cel.dev) is the one expression language of workflows: connection conditions, router routes,
 * transforms and loop conditions. It is not Turing-complete and never touches JavaScript globals. Expressions
 * are parsed once, when the workflow is compiled. JSON numbers are CEL doubles (as in google.protobuf.Value):
 * write `input.count + 1.0` or `int(input.count) + 1`.
 *
 * `matches` uses RE2 (linear time, as the CEL spec requires), and every evaluation has a cost budget (see
 * budget.ts): a runaway expression fails with AF_EXPRESSION_LIMIT instead of blocking the event loop.
 */
const env = new Environment({
  unlistedVariablesAreDyn: true,
  homogeneousAggregateLiterals: false,
  enableOptionalTypes: true,
  limits: {
    maxAstNodes: 2000,
    maxDepth: 64,
    maxListElements: 1000,
    maxMapEntries: 1000,
    maxCallArguments: 32,
  },
}).registerFunction(`string.${RE2_MATCHES}(string): bool`, (input: string, pattern: string) => {
  // RE2 runs in O(input x pattern); compiling is O(pattern).
  charge(pattern.length + input.length * (1 + (pattern.length >> 4)));
  try {
    return re2Test(pattern, input);
  } catch (error) {
    if (error instanceof AgentFlowError) throw error;
    throw new AgentFlowError('AF_EXPRESSION_ERROR', `invalid RE2 regular expression: ${pattern}`);
  }
});

export interface CompiledExpression {
  readonly source: string;
  /** Evaluates with the given variables; the result is plain JSON (CEL ints become numbers). */
  evaluate(vars: Record<string, unknown>): unknown;
}

type Evaluator = ((vars: Record<string, unknown>) => unknown) & { ast?: unknown };

/**
 * Parses an expression. Throws AgentFlowError AF_INVALID_EXPRESSION with the parser's message (or the reason a
 * `matches` pattern is not valid RE2). `costLimit` is the budget of each evaluation (default
 * DEFAULT_EXPRESSION_COST_LIMIT, 200,000 units).
 */
export function compileExpression(
  source: string,
  maxLength = 4096,
  costLimit = DEFAULT_EXPRESSION_COST_LIMIT,
): CompiledExpression {
  if (source.length > maxLength) {
    throw new AgentFlowError('AF_INVALID_EXPRESSION', `expression is longer than ${maxLength} characters`);
  }
  let fn: Evaluator;
  try {
    fn = env.parse(source) as Evaluator;
  } catch (error) {
    throw new AgentFlowError('AF_INVALID_EXPRESSION', firstLine(error));
  }
  const regexProblem = instrumentAst(fn.ast);
  if (regexProblem) throw new AgentFlowError('AF_INVALID_EXPRESSION', `matches(): ${regexProblem}`);
  const evaluateNow = (vars: Record<string, unknown>): unknown => {
    let value: unknown;
    startBudget(costLimit);
    try {
      value = fn(vars);
    } catch (error) {
      if (endBudget()) throw expressionLimitError();
      if (error instanceof AgentFlowError && error.code === 'AF_EXPRESSION_ERROR') throw error;
      throw new AgentFlowError('AF_EXPRESSION_ERROR', `${firstLine(error)} (in \`${source}\`)`);
    }
    if (endBudget()) throw expressionLimitError();
    return toJson(value);
  };
  return {
    source,
    evaluate(vars) {
      const meter = syncWorkMeter();
      return meter === undefined ? evaluateNow(vars) : meter('expression', () => evaluateNow(vars));
    },
  };
}

/** Evaluates a compiled condition; anything but boolean true counts as false only if it is false/null. */
export function evaluateCondition(expr: CompiledExpression, vars: Record<string, unknown>): boolean {
  const value = expr.evaluate(vars);
  if (typeof value !== 'boolean') {
    throw new AgentFlowError(
      'AF_EXPRESSION_ERROR',
      `condition \`${expr.source}\` returned ${value === null ? 'null' : typeof value}, expected bool`,
    );
  }
  return value;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/** Converts CEL results to JSON-safe values: bigint -> number, Map -> object, Uint8Array -> base64 string. */
export function toJson(value: unknown): unknown {
  switch (typeof value) {
    case 'bigint':
      return Number(value);
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(toJson);
      if (value instanceof Map) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of value) out[String(k)] = toJson(v);
        return out;
      }
      if (value instanceof Date) return value.toISOString();
      if (value instanceof Uint8Array) return btoa(String.fromCharCode(...value));
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return String(value);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
      return out;
    }
    default:
      return value;
  }
}
