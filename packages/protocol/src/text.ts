/**
 * Which text AgentFlow accepts, decided once for every boundary (REST and GraphQL bodies, query strings, path
 * parameters, MCP messages, CLI files and `--input`): any Unicode text except the NUL character (U+0000) and
 * lone UTF-16 surrogates (U+D800-U+DFFF not forming a pair, e.g. the JSON escape `"\udfff"`). Neither can be
 * stored (PostgreSQL refuses both in `text` columns and NUL in `jsonb`), neither is ever meaningful text, and
 * replacing them silently would change what the user sent, so they are refused with `AF_VALIDATION` and the
 * path of every string (or key) holding one. Everything else is kept as sent: BOM, right-to-left marks,
 * combining marks, 4-byte emoji (well-formed surrogate pairs).
 */
import type { Issue } from './errors.js';

/** A lone surrogate: in `u` mode a surrogate pair is one code point, so only unpaired halves match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Why `text` cannot be accepted (`'contains a NUL character'`...), or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (not valid Unicode text)';
  return undefined;
}

/**
 * Every string and object key in `value` that `textProblem` refuses, as `AF_VALIDATION` issues whose paths start
 * with `prefix` (`agents[0].name`, `query.q`). Iterative (values may nest deeply); stops after `max` issues.
 * (Defaults: prefix '', max 20)
 */
export function findTextProblems(value: unknown, prefix = '', max = 20): Issue[] {
  const found: Issue[] = [];
  const stack: { value: unknown; path: string }[] = [{ value, path: prefix }];
  const issue = (path: string, message: string): Issue => ({ code: 'AF_VALIDATION', path, message });
  while (stack.length > 0 && found.length < max) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) found.push(issue(path, problem));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: `${path}[${i}]` });
    } else if (v !== null && typeof v === 'object') {
      for (const key of Object.keys(v)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        const problem = textProblem(key);
        if (problem) found.push(issue(childPath, `key ${problem}`));
        else stack.push({ value: (v as Record<string, unknown>)[key], path: childPath });
      }
    }
  }
  return found;
}
