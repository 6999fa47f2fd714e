/**
 * Naming templates on the command line: a template by its id, else by the slug of its name (`research-team` for
 * "Research team", ambiguous slugs refused with the candidates), and the choice and `key=value` flags the
 * templates commands parse.
 */
import type { AgentFlowClient, ResponseOf } from '@agentflow/client';
import { unwrap } from '@agentflow/client';
import { CliError } from '../errors.js';
import { remote, toCliError } from '../remote.js';

export type Template = ResponseOf<'/api/v1/templates/{id}', 'get'>;
export type TemplatePage = ResponseOf<'/api/v1/templates', 'get'>;

/** A template by id, else by slug of its name (`research-team` for "Research team"). */
export async function resolveTemplate(af: AgentFlowClient, ref: string): Promise<Template> {
  if (ref.trim() === '') throw new CliError('expected a template id or slug');
  try {
    return unwrap(await af.api.GET('/api/v1/templates/{id}', { params: { path: { id: ref } } }));
  } catch (error) {
    const cli = toCliError(error);
    if (!(cli instanceof CliError) || !/AF_NOT_FOUND/.test(cli.message)) throw cli;
  }
  const slug = slugify(ref);
  // First the templates whose text contains the slug's words, then (an id-like slug) all of them.
  for (const q of [slug.replaceAll('-', ' ').slice(0, 200), undefined]) {
    const found = pick(await allTemplates(af, q), slug);
    if (found.length === 1) return found[0]!;
    if (found.length > 1)
      throw new CliError(`${ref}: several templates match; use an id: ${found.map((t) => t.id).join(', ')}`);
  }
  throw new CliError(`template ${ref} not found (agentflow templates list shows the ids)`);
}

/**
 * The templates of a slug: those with the slug of their whole name; else of its beginning ("sql-analyst" for
 * "SQL analyst on a database") or of the end of their id ("map-over-list" for "gallery-map-over-list").
 */
export function pick(templates: Template[], slug: string): Template[] {
  const exact = templates.filter((t) => slugify(t.name) === slug);
  if (exact.length > 0) return exact;
  return templates.filter((t) => slugify(t.name).startsWith(`${slug}-`) || t.id.endsWith(`-${slug}`));
}

/** Every template the key sees (matching `q`), at most 10,000. */
export async function allTemplates(af: AgentFlowClient, q: string | undefined): Promise<Template[]> {
  const out: Template[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const page = await remote(async () =>
      unwrap(
        await af.api.GET('/api/v1/templates', {
          params: { query: { limit: 500, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } },
        }),
      ),
    );
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new CliError(`${flag} ${value}: expected one of ${allowed.join(', ')}`);
  return value as T;
}

/** Repeated `key=value` flags as an object; a malformed or repeated key is a usage error. */
export function pairs(flag: string, values: readonly string[], shape: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.indexOf('=');
    const key = at > 0 ? v.slice(0, at).trim() : '';
    const value = at > 0 ? v.slice(at + 1).trim() : '';
    if (key === '' || value === '') throw new CliError(`${flag} ${v}: expected ${shape}`);
    if (key in out) throw new CliError(`${flag} ${v}: ${key} is given twice`);
    out[key] = value;
  }
  return out;
}

export function asObject(value: unknown, shown: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new CliError(`${shown}: expected a JSON object`);
  return value as Record<string, unknown>;
}
