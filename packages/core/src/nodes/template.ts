/**
 * Minimal prompt templates: `{{ path }}` is replaced by the value at `path` in `vars` (dotted keys and [n]
 * indexes). Strings are inserted as they are, other values as JSON, missing values as empty. No code runs.
 */
export function renderTemplate(template: string, vars: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([A-Za-z_$][\w$]*(?:\.[\w$-]+|\[\d+\])*)\s*\}\}/g, (_, path: string) => {
    const value = lookup(vars, path);
    return toText(value);
  });
}

export function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

function lookup(vars: Record<string, unknown>, path: string): unknown {
  const keys = path.match(/[^.[\]]+/g) ?? [];
  let cur: unknown = vars;
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}
