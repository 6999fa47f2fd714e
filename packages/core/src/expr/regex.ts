import { RE2JS } from 're2js';
import { syncWorkMeter } from './meter.js';

/**
 * Regular expressions written by users (CEL `matches`, JSON Schema `pattern`, `patternProperties` and
 * `format: "regex"`) run on RE2 (re2js: linear time in the input, no backtracking), never on the JavaScript
 * engine's backtracking RegExp, so `^(a+)+$` cannot freeze the event loop. RE2 syntax has no backreferences and
 * no lookaround; such patterns are refused when the workflow is validated.
 */

/** How many compiled patterns are kept (least recently used are dropped). Default 512. */
const CACHE_SIZE = 512;
const cache = new Map<string, RE2JS>();

/** Compiles a pattern with RE2 syntax (cached). Throws the parser's error for an invalid pattern. */
export function compileRe2(pattern: string): RE2JS {
  const hit = cache.get(pattern);
  if (hit) {
    cache.delete(pattern);
    cache.set(pattern, hit);
    return hit;
  }
  const re = RE2JS.compile(pattern);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, re);
  return re;
}

/** Whether `pattern` matches anywhere in `input` (RE2 semantics, unanchored like CEL `matches`). */
export function re2Test(pattern: string, input: string): boolean {
  return compileRe2(pattern).test(input);
}

/** The reason `pattern` is not a valid RE2 expression (e.g. a backreference or lookahead), or undefined. */
export function re2Problem(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string') return 'must be a string';
  try {
    compileRe2(pattern);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `not a valid RE2 regular expression (no backreferences or lookaround): ${message}`;
  }
}

/**
 * Stand-in for the `RegExp` constructor while a third-party validator runs: `new RegExp(p, flags).test(s)` is
 * answered by RE2. Only the `test` method is provided, which is all @cfworker/json-schema uses.
 */
function Re2RegExp(this: unknown, pattern: string | RegExp, flags?: string) {
  const source = typeof pattern === 'string' ? pattern : pattern.source;
  if (flags && /[^u]/.test(flags)) throw new SyntaxError(`unsupported regular expression flags: ${flags}`);
  const re = compileRe2(source);
  return { source, flags: flags ?? '', test: (input: string) => re.test(String(input)) };
}

let swapped = 0;

/**
 * Runs `fn` (synchronous) with the global `RegExp` constructor answered by RE2, then restores it. Regex
 * literals are unaffected (they do not read the global binding). Used around @cfworker/json-schema, which builds
 * `new RegExp(pattern, 'u')` for `pattern`, `patternProperties` and `format: "regex"`.
 */
export function withRe2RegExp<T>(fn: () => T): T {
  const meter = syncWorkMeter();
  return meter === undefined ? withRe2Now(fn) : meter('schema', () => withRe2Now(fn));
}

function withRe2Now<T>(fn: () => T): T {
  const g = globalThis as { RegExp: RegExpConstructor };
  const original = g.RegExp;
  if (swapped === 0) g.RegExp = Re2RegExp as unknown as RegExpConstructor;
  swapped++;
  try {
    return fn();
  } finally {
    swapped--;
    if (swapped === 0) g.RegExp = original;
  }
}
