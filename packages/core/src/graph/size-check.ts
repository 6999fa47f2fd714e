import type { Issue, Limits } from '@agentflow/protocol';
import { formatPath } from './paths.js';

/**
 * Walks a raw definition once, before schema parsing, and reports oversize values: strings longer than the
 * limit, nesting deeper than the limit, and a serialized size above the limit. Iterative, so hostile input can
 * neither overflow the stack nor loop (shared or cyclic references are visited once).
 */
export function checkSizes(value: unknown, limits: Limits, depthOffset = 0): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<object>();
  const stack: { value: unknown; path: PropertyKey[]; depth: number }[] = [
    { value, path: [], depth: depthOffset },
  ];
  let bytes = 0;
  let reportedDepth = false;
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      bytes += v.length + 2;
      if (v.length > limits.maxStringLength) {
        issues.push(limitIssue(path, `string is longer than ${limits.maxStringLength} characters`));
      }
      continue;
    }
    if (typeof v !== 'object' || v === null) {
      bytes += 8;
      const t = typeof v;
      if (t === 'bigint' || t === 'function' || t === 'symbol' || (t === 'number' && !Number.isFinite(v))) {
        issues.push(jsonIssue(path, `${t === 'number' ? String(v) : `a ${t}`} is not a JSON value`));
      }
      continue;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) {
      issues.push(jsonIssue(path, 'only plain JSON objects and arrays are allowed'));
      continue;
    }
    if (seen.has(v)) {
      issues.push(limitIssue(path, 'value is referenced twice (definitions must be plain JSON trees)'));
      continue;
    }
    seen.add(v);
    if (depth > limits.maxDepth) {
      if (!reportedDepth) issues.push(limitIssue(path, `nesting is deeper than ${limits.maxDepth} levels`));
      reportedDepth = true;
      continue;
    }
    if (Array.isArray(v)) {
      bytes += 2 + v.length;
      // A sparse array can claim any length: once over the size budget, skip its items (reported below).
      if (bytes <= limits.maxDefinitionBytes)
        for (let i = v.length - 1; i >= 0; i--)
          stack.push({ value: v[i], path: [...path, i], depth: depth + 1 });
    } else {
      for (const key of Object.keys(v)) {
        bytes += key.length + 4;
        if (bytes > limits.maxDefinitionBytes) break;
        stack.push({ value: (v as Record<string, unknown>)[key], path: [...path, key], depth: depth + 1 });
      }
    }
    if (bytes > limits.maxDefinitionBytes) {
      issues.push(limitIssue([], `definition is larger than ${limits.maxDefinitionBytes} bytes`));
      break;
    }
    if (issues.length > 100) break;
  }
  return issues;
}

function jsonIssue(path: readonly PropertyKey[], message: string): Issue {
  return { code: 'AF_VALIDATION', path: formatPath(path), message };
}

function limitIssue(path: readonly PropertyKey[], message: string): Issue {
  return { code: 'AF_LIMIT_EXCEEDED', path: formatPath(path), message };
}
