import { AgentFlowError, type Issue } from '@agentflow/protocol';
import type { z } from 'zod';

/** `agents[3].config.model` from `['agents', 3, 'config', 'model']`, under an optional prefix. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

export function zodIssues(error: z.ZodError, prefix = ''): Issue[] {
  return error.issues.map((i) => ({
    code: 'AF_VALIDATION',
    path: formatPath(i.path as PropertyKey[], prefix),
    message: i.message,
  }));
}

/** Parses with a zod schema or throws AF_VALIDATION listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(what, zodIssues(result.error));
  return result.data;
}

export function validationError(what: string, issues: Issue[]): AgentFlowError {
  const first = issues[0];
  const detail = first ? `: ${first.path || '(root)'}: ${first.message}` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new AgentFlowError('AF_VALIDATION', `invalid ${what}${detail}${more}`, { issues });
}

/** JSON with object keys sorted, to compare definitions regardless of key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}
