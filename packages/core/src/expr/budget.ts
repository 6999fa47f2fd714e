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

/**
 * Cost units one evaluation may spend. Default 200,000: about 10 ms of the slowest operations on an idle core, and
 * 20-40 ms at a load average of 20 on 2 cores (bench suite `expressions`), under the 50 ms the event loop may be held.
 */
export const DEFAULT_EXPRESSION_COST_LIMIT = 200_000;

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

/**
 * Charged per comprehension iteration on top of the step's nodes: cel-js's loop itself (setting the iteration
 * variable, growing the accumulator) costs about as much as four node evaluations.
 */
export const ITERATION_COST = 4;
/**
 * Functions that copy or convert every character of their operands (split, join, case changes, encodings, JSON,
 * conversions): their operands are charged one unit per character (16 times the usual size), before they run.
 */
const PER_CHARACTER_FUNCTIONS = new Set([
  'split',
  'join',
  'lowerAscii',
  'upperAscii',
  'trim',
  'substring',
  'bytes',
  'string',
  'json',
  'hex',
  'base64',
]);
/**
 * Timestamp accessors given a time zone (`t.getHours('Europe/Paris')`): cel-js formats the date with a new
 * `toLocaleString` per call, 0.5-4 ms each (a busy machine); 40,000 of them held the event loop for 21 s.
 * Charged so that one evaluation makes at most 4.
 */
const TIME_ZONE_FUNCTIONS = new Set([
  'getDate',
  'getDayOfMonth',
  'getDayOfWeek',
  'getDayOfYear',
  'getFullYear',
  'getHours',
  'getMilliseconds',
  'getMinutes',
  'getMonth',
  'getSeconds',
]);
export const TIME_ZONE_CALL_COST = 50_000;
/**
 * Conversions resolve their overload at run time for dynamic values and allocate: charged a fixed 64 units a call
 * on top of their operands (`string(x)` over a list measured 1-10 µs a call on a busy machine, cold).
 */
const CONVERSION_FUNCTIONS = new Set([
  'string',
  'timestamp',
  'duration',
  'int',
  'uint',
  'double',
  'bool',
  'bytes',
  'dyn',
]);
const CONVERSION_COST = 64;
/** A list or map literal: a fixed 4 units plus 2 per element (allocation, type checks of dynamic values). */
const LITERAL_COST = 4;

/**
 * An operand of those operators that is a list or map costs a fixed 8 units more than its size: cel-js derives
 * the runtime type of each dynamic operand (`debugTypeDeep` and its type registry) before comparing deeply, and
 * cold (before the JIT has optimized it) that came to 3-5 µs a comparison of two small objects, so 200,000 units
 * of `o.all(k, o[k] == o[k])` held the thread 30-50 ms against 6 ms hot.
 */
const CONTAINER_OPERAND_COST = 8;
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
type SizeMode = 'none' | 'any' | 'list' | 'object' | 'operand' | 'chars';

let iterationsStop = false;

/**
 * `all`, `exists` and `exists_one` tolerate an error in an iteration and go on with the next one, so once the
 * budget is spent, every remaining item would still be visited (each charge throwing and being caught: 40,000
 * items took 30-60 ms). cel-js sets each item through its iteration context's `setIterValue`, outside the
 * error-tolerant part of the loop; once the budget is spent, that throws, which ends the loop and the evaluation.
 * The context class is not exported, so it is patched from the first iteration context seen.
 */
function stopIterationsWhenSpent(ctx: unknown): void {
  const proto = typeof ctx === 'object' && ctx !== null ? Object.getPrototypeOf(ctx) : undefined;
  const original = proto?.setIterValue as ((v: unknown, ev: unknown) => unknown) | undefined;
  if (typeof original !== 'function') return;
  iterationsStop = true;
  proto.setIterValue = function setIterValue(this: unknown, v: unknown, ev: unknown) {
    if (remaining < 0) throw SPENT;
    return original.call(this, v, ev);
  };
}

/** What each instrumented node charges; one node may be instrumented as a step and as an operand alike. */
const plans = new WeakMap<AstNode, { fixed: number; mode: SizeMode }>();
const MODE_RANK: Record<SizeMode, number> = { none: 0, object: 1, list: 2, any: 3, operand: 4, chars: 5 };

/**
 * Makes the node charge `fixed` before it is evaluated and its value's size (per `mode`) after; instrumenting a
 * node twice adds the fixed charges and keeps the costlier mode.
 */
function instrumentNode(node: AstNode, fixed: number, mode: SizeMode): void {
  const known = plans.get(node);
  if (known) {
    known.fixed += fixed;
    if (MODE_RANK[mode] > MODE_RANK[known.mode]) known.mode = mode;
    return;
  }
  const plan = { fixed, mode };
  plans.set(node, plan);
  let inner: Evaluate | undefined;
  node.evaluate = (ev, ast, ctx) => {
    if (!iterationsStop) stopIterationsWhenSpent(ctx);
    if (plan.fixed > 0) charge(plan.fixed);
    inner ??= resolve(node);
    const value = inner(ev, ast, ctx);
    const m = plan.mode;
    if (m === 'none') return value;
    if (m === 'any' || (m === 'list' && Array.isArray(value))) charge(sizeOf(value));
    else if (m === 'operand')
      charge(
        typeof value === 'object' && value !== null ? sizeOf(value) + CONTAINER_OPERAND_COST : sizeOf(value),
      );
    else if (m === 'chars') charge(sizeOf(value) * 16);
    else if (m === 'object' && isPlainObject(value)) charge(sizeOf(value));
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
    if ((node.op === 'list' || node.op === 'map') && Array.isArray(node.args) && node.args.length > 0) {
      instrumentNode(node, LITERAL_COST + 2 * node.args.length, 'none');
    }
    if (node.op === 'comprehension') {
      const step = (node.args as { step?: unknown }).step;
      if (isNode(step)) instrumentNode(step, countNodes(step) + ITERATION_COST, 'none');
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
      const fn = String(name);
      const mode: SizeMode =
        name === 'size'
          ? 'object'
          : CONSTANT_FUNCTIONS.has(fn)
            ? 'none'
            : PER_CHARACTER_FUNCTIONS.has(fn)
              ? 'chars'
              : 'any';
      if (mode !== 'none') for (const k of kids) if (k.op !== 'value') instrumentNode(k, 0, mode);
      const callArgs = node.op === 'rcall' ? args[2] : args[1];
      if (CONVERSION_FUNCTIONS.has(fn)) instrumentNode(node, CONVERSION_COST, 'none');
      if (TIME_ZONE_FUNCTIONS.has(fn) && Array.isArray(callArgs) && callArgs.length === 1) {
        instrumentNode(node, TIME_ZONE_CALL_COST, 'none');
      }
    } else if (SIZED_OPERATORS.has(node.op)) {
      // `x in list` scans the list; `key in map` is a hash lookup.
      kids.forEach((k, i) => {
        if (k.op !== 'value') instrumentNode(k, 0, node.op === 'in' && i === 1 ? 'list' : 'operand');
      });
    }
  }
  return problem;
}
