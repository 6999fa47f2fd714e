import { AgentFlowError } from '@agentflow/protocol';
import { re2Problem } from './regex.js';

/**
 * The cost budget of one CEL evaluation. cel-js has no runtime limit of its own (only parse-time limits on the
 * size of the expression), so a few nested comprehensions over a large input run for seconds on the event loop.
 * We bound the work from inside the evaluator by instrumenting the parsed AST once, at compile time:
 *
 * - every comprehension step (`all`, `exists`, `exists_one`, `map`, `filter`) is charged, per iteration, the
 *   number of AST nodes it contains: with the top level (evaluated once), this bounds the number of node
 *   evaluations, whatever the nesting;
 * - every operand of an operator or function whose cost grows with its operands (`==`, `!=`, `<`, `in`, `+`,
 *   string and list functions) is charged its size: 1 + length/16 for a string, the number of nested values
 *   (strings counted by length) for a list or map. Sizes of containers are computed once per object and cached;
 *   the computation stops at the remaining budget, so it is itself bounded;
 * - `matches` is charged the input length times the pattern size (RE2 runs in O(input x pattern)).
 *
 * So every operation's work is paid for before (or as) it happens, and growth by concatenation is paid for when
 * the grown value is used. When the budget is spent the evaluation stops with AF_EXPRESSION_LIMIT. The counter
 * is a pair of module variables (evaluation is synchronous; nested evaluations save and restore it), so an
 * evaluation allocates nothing for the budget.
 */

/** Cost units one evaluation may spend. Default 250,000 (10 to 25 ms of the slowest operations on one core). */
export const DEFAULT_EXPRESSION_COST_LIMIT = 250_000;

let remaining = Number.POSITIVE_INFINITY;
let exceeded = false;
let currentLimit = DEFAULT_EXPRESSION_COST_LIMIT;
/** Thrown by every charge once the budget is spent: one allocation (a stack trace costs microseconds). */
const SPENT: Error = Object.freeze(
  Object.assign(Object.create(Error.prototype), { message: 'cost budget spent' }),
);

function limitError(): AgentFlowError {
  return new AgentFlowError(
    'AF_EXPRESSION_LIMIT',
    `expression exceeded its cost budget of ${currentLimit} operations (too many iterations or too much data)`,
  );
}

/**
 * Charges `units`; throws once the budget of the running evaluation is spent (the evaluation then ends with
 * AF_EXPRESSION_LIMIT, see endBudget).
 */
export function charge(units: number): void {
  remaining -= units;
  if (remaining < 0) {
    exceeded = true;
    throw SPENT;
  }
}

/** Starts the budget of an evaluation: `limit` units. */
export function startBudget(limit: number): void {
  remaining = limit;
  exceeded = false;
  currentLimit = limit;
}

/**
 * Ends the running evaluation's budget; true if it ran out, even when the evaluator swallowed the error (CEL's
 * `exists` and `all` tolerate errors in some iterations), so the caller must then refuse the result.
 */
export function endBudget(): boolean {
  remaining = Number.POSITIVE_INFINITY;
  return exceeded;
}

/** The AF_EXPRESSION_LIMIT error of the last evaluation. */
export function expressionLimitError(): AgentFlowError {
  return limitError();
}

const containerSizes = new WeakMap<object, number>();

/** The cost of touching a value: 1 + length/16 for strings, nested element count for containers. */
export function sizeOf(value: unknown): number {
  if (typeof value === 'string') return 1 + (value.length >> 4);
  if (typeof value !== 'object' || value === null) return 1;
  const hit = containerSizes.get(value);
  if (hit !== undefined) return hit;
  const cap = remaining;
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= cap) {
    const v = stack.pop();
    total += 1;
    if (typeof v === 'string') total += v.length >> 4;
    else if (typeof v !== 'object' || v === null) continue;
    else if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (v instanceof Map) for (const [k, item] of v) stack.push(k, item);
    else if (v instanceof Uint8Array) total += v.length >> 4;
    else if (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null) {
      for (const k in v) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  if (total <= cap) containerSizes.set(value, total);
  return total;
}

/** The name `matches` calls are rewritten to: CEL's `matches` on RE2 (see cel.ts). */
export const RE2_MATCHES = 're2_matches';

/** Operators whose cost grows with the size of their operands. */
const SIZED_OPERATORS = new Set(['==', '!=', '<', '<=', '>', '>=', '+', 'in']);
/** Functions that are O(1) whatever their arguments. */
const CONSTANT_FUNCTIONS = new Set(['int', 'uint', 'double', 'bool', 'type', 'duration', 'timestamp']);

type Evaluate = (ev: unknown, ast: unknown, ctx: unknown) => unknown;
interface Meta {
  evaluate: Evaluate;
  alternate?: AstNode;
  macro?: { evaluate: Evaluate; ast?: AstNode } & Record<string, unknown>;
}
interface AstNode {
  op: string;
  args: unknown;
  meta: Meta;
  evaluate: Evaluate;
}

function isNode(v: unknown): v is AstNode {
  return typeof v === 'object' && v !== null && 'op' in v && 'meta' in v;
}

/** The node's own evaluation, resolved the way cel-js's ASTNode.evaluate does (after type checking). */
function resolve(node: AstNode): Evaluate {
  const meta = node.meta;
  const alt = meta.alternate;
  if (alt) return (ev, _ast, ctx) => alt.evaluate(ev, alt, ctx);
  const macro = meta.macro;
  if (macro) return (ev, _ast, ctx) => macro.evaluate(ev, macro, ctx);
  return meta.evaluate;
}

/** What an instrumented node charges after evaluating: nothing, its value's size, or its size if a list. */
type SizeMode = 'none' | 'any' | 'list' | 'object';

/** Replaces the node's evaluate with one that charges `fixed` before and the result's size after. */
function instrumentNode(node: AstNode, fixed: number, mode: SizeMode): void {
  let inner: Evaluate | undefined;
  node.evaluate = (ev, ast, ctx) => {
    if (fixed > 0) charge(fixed);
    inner ??= resolve(node);
    const value = inner(ev, ast, ctx);
    if (mode === 'none') return value;
    if (mode === 'any' || (mode === 'list' && Array.isArray(value))) charge(sizeOf(value));
    else if (mode === 'object' && isPlainObject(value)) charge(sizeOf(value));
    return value;
  };
}

function isPlainObject(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The direct children of a node (macro expansions replace the written call). */
function children(node: AstNode): AstNode[] {
  const meta = node.meta;
  if (meta.alternate) return [meta.alternate];
  const out: AstNode[] = [];
  const collect = (v: unknown): void => {
    if (isNode(v)) out.push(v);
    else if (Array.isArray(v)) for (const x of v) collect(x);
    else if (node.op === 'comprehension' && typeof v === 'object' && v !== null) {
      const c = v as Record<string, unknown>;
      for (const k of ['iterable', 'init', 'step']) collect(c[k]);
    }
  };
  const macro = meta.macro;
  if (macro) {
    // has(): args; cel.bind(): val, exp; optional or()/orValue(): receiver, arg.
    for (const [k, v] of Object.entries(macro)) if (k !== 'ast') collect(v);
  } else collect(node.args);
  return out;
}

/** The number of nodes an evaluation of `root` may visit, literals (nearly free) excepted; at least 1. */
function countNodes(root: AstNode): number {
  let n = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AstNode;
    if (node.op !== 'value') n++;
    stack.push(...children(node));
  }
  return Math.max(n, 1);
}

/**
 * Instruments a freshly parsed cel-js AST (before its first evaluation): budget charges as described above, and
 * `matches` rewritten to RE2. Returns the problem of the first `matches` literal pattern that is not valid RE2.
 */
export function instrumentAst(root: unknown): string | undefined {
  if (!isNode(root)) return undefined;
  let problem: string | undefined;
  const stack: AstNode[] = [root];
  const seen = new Set<AstNode>();
  while (stack.length > 0) {
    const node = stack.pop() as AstNode;
    if (seen.has(node)) continue;
    seen.add(node);
    const kids = children(node);
    stack.push(...kids);
    if (node.meta.alternate || node.meta.macro) continue;
    const args = node.args as unknown[];
    if (node.op === 'comprehension') {
      const step = (node.args as { step?: unknown }).step;
      if (isNode(step)) instrumentNode(step, countNodes(step), 'none');
    } else if (node.op === 'rcall' || node.op === 'call') {
      const name = args[0];
      if (node.op === 'rcall' && name === 'matches') {
        args[0] = RE2_MATCHES;
        const pattern = (args[2] as unknown[])[0];
        if (isNode(pattern) && pattern.op === 'value' && typeof pattern.args === 'string') {
          problem ??= re2Problem(pattern.args);
        }
      }
      // size() of a list or map is O(1) except for plain objects (counting keys).
      const mode: SizeMode =
        name === 'size' ? 'object' : CONSTANT_FUNCTIONS.has(String(name)) ? 'none' : 'any';
      if (mode !== 'none') for (const k of kids) if (k.op !== 'value') instrumentNode(k, 0, mode);
    } else if (SIZED_OPERATORS.has(node.op)) {
      // `x in list` scans the list; `key in map` is a hash lookup.
      kids.forEach((k, i) => {
        if (k.op !== 'value') instrumentNode(k, 0, node.op === 'in' && i === 1 ? 'list' : 'any');
      });
    }
  }
  return problem;
}
