/**
 * `agentflow templates list|show|install|publish` (issue 16 item 5): the templates marketplace of a running
 * server, through `@agentflow/client` (remote.ts says how the server and the API key are chosen). Human output
 * is a table or a few labelled lines; `--json` prints what the API answered. `install` and `publish` print the
 * new id alone on stdout (for scripts) and a sentence on stderr.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AgentFlowClient, type ResponseOf, unwrap } from '@agentflow/client';
import { TEMPLATE_SORTS, TemplateKind, TemplateVisibility } from '@agentflow/protocol';
import { CliError, EXIT } from '../errors.js';
import type { CliContext } from '../io.js';
import { loadJsonFile, loadWorkflowFile, parseJson } from '../load.js';
import { connect, type RemoteOptions, remote, toCliError } from '../remote.js';

type Template = ResponseOf<'/api/v1/templates/{id}', 'get'>;
type TemplatePage = ResponseOf<'/api/v1/templates', 'get'>;
type Preview = ResponseOf<'/api/v1/templates/{id}/install-preview', 'post'>;

export interface TemplateListOptions extends RemoteOptions {
  search?: string;
  category?: string;
  kind?: string;
  visibility?: string;
  tag?: string;
  sort?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
}

/** `agentflow templates list`: the workspace's templates and the public ones, one page. */
export async function listTemplatesCommand(options: TemplateListOptions, io: CliContext): Promise<number> {
  const kind = oneOf('--kind', options.kind, TemplateKind.options);
  const visibility = oneOf('--visibility', options.visibility, TemplateVisibility.options);
  const sort = oneOf('--sort', options.sort, TEMPLATE_SORTS);
  const limit = options.limit === undefined ? 50 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new CliError(`--limit ${options.limit}: expected a whole number from 1 to 500`);
  const af = connect(options, io);
  const page: TemplatePage = await remote(async () =>
    unwrap(
      await af.api.GET('/api/v1/templates', {
        params: {
          query: {
            limit,
            ...(options.search !== undefined ? { q: options.search } : {}),
            ...(options.category !== undefined ? { category: options.category } : {}),
            ...(kind ? { kind } : {}),
            ...(visibility ? { visibility } : {}),
            ...(options.tag !== undefined ? { tag: options.tag } : {}),
            ...(sort ? { sort } : {}),
            ...(options.cursor !== undefined ? { cursor: options.cursor } : {}),
          },
        },
      }),
    ),
  );
  if (options.json) {
    io.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
    return EXIT.ok;
  }
  if (page.items.length === 0) {
    io.stdout.write('no templates\n');
    return EXIT.ok;
  }
  io.stdout.write(
    table(
      ['ID', 'NAME', 'KIND', 'CATEGORY', 'RATING', 'INSTALLS', 'VISIBILITY'],
      page.items.map((t) => [
        t.id,
        truncate(t.name, 40),
        t.kind,
        t.category ?? '',
        stars(t),
        String(t.downloads),
        t.builtin ? 'built-in' : t.visibility,
      ]),
    ),
  );
  if (page.nextCursor) io.stdout.write(`more: --cursor ${page.nextCursor}\n`);
  return EXIT.ok;
}

/** `agentflow templates show <id|slug>`: the detail, its credentials, versions and latest reviews. */
export async function showTemplateCommand(
  ref: string,
  options: RemoteOptions & { json?: boolean },
  io: CliContext,
): Promise<number> {
  const af = connect(options, io);
  const template = await resolveTemplate(af, ref);
  const [versions, reviews] = await remote(async () =>
    Promise.all([
      af.api
        .GET('/api/v1/templates/{id}/versions', { params: { path: { id: template.id } } })
        .then((r) => unwrap(r).items),
      af.api
        .GET('/api/v1/templates/{id}/ratings', { params: { path: { id: template.id }, query: { limit: 5 } } })
        .then((r) => unwrap(r).items),
    ]),
  );
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ ...template, versions, reviews }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines: [string, string][] = [
    ['id', template.id],
    ['kind', template.kind],
    ['category', template.category ?? '-'],
    ['tags', template.tags.length > 0 ? template.tags.join(', ') : '-'],
    ['author', template.author ?? '-'],
    ['visibility', template.builtin ? 'public (built-in)' : template.visibility],
    ['version', String(template.version)],
    ['rating', stars(template) || 'not rated yet'],
    ['installs', String(template.downloads)],
    ['updated', new Date(template.updatedAt).toISOString()],
  ];
  const nodes = (template.workflow as { agents?: { id: string; type: string }[] } | undefined)?.agents;
  if (nodes) lines.push(['nodes', nodes.map((n) => `${n.id} (${n.type})`).join(', ')]);
  if (template.kind === 'agent') lines.push(['node type', template.nodeType ?? 'agent']);
  lines.push(['offline script', template.script ? 'yes (runs without API keys)' : 'no']);
  io.stdout.write(
    `${template.icon && !/^[a-z-]+$/.test(template.icon) ? `${template.icon} ` : ''}${template.name}\n`,
  );
  if (template.description) io.stdout.write(`\n${template.description}\n\n`);
  const width = Math.max(...lines.map(([k]) => k.length));
  for (const [k, v] of lines) io.stdout.write(`${k.padEnd(width)}  ${v}\n`);
  io.stdout.write('\ncredentials\n');
  if (template.credentials.length === 0) io.stdout.write('  none\n');
  for (const c of template.credentials) {
    io.stdout.write(
      `  ${c.key}: ${c.type}${c.optional ? ' (optional)' : ''}${c.description ? ` - ${c.description}` : ''}\n`,
    );
  }
  io.stdout.write('\nversions\n');
  for (const v of versions.slice(0, 10)) {
    io.stdout.write(
      `  v${v.version}  ${new Date(v.createdAt).toISOString()}${v.changelog ? `  ${v.changelog}` : ''}\n`,
    );
  }
  if (reviews.length > 0) {
    io.stdout.write('\nreviews\n');
    for (const r of reviews) {
      io.stdout.write(
        `  ${'★'.repeat(r.stars)}${'☆'.repeat(5 - r.stars)}${r.review ? `  ${r.review}` : ''}\n`,
      );
    }
  }
  io.stdout.write(`\ninstall: agentflow templates install ${template.id}\n`);
  return EXIT.ok;
}

export interface TemplateInstallOptions extends RemoteOptions {
  name?: string;
  credential?: string[];
  yes?: boolean;
  json?: boolean;
}

/**
 * `agentflow templates install <id|slug>`: creates a workflow in the key's workspace. The credentials it needs
 * map with `--credential key=<credential name>`; what it reaches outside AgentFlow (models, tools, URLs) is
 * listed, and installed only with `--yes` (the server's confirmation, sent as the preview's digest).
 */
export async function installTemplateCommand(
  ref: string,
  options: TemplateInstallOptions,
  io: CliContext,
): Promise<number> {
  const credentials = pairs('--credential', options.credential ?? [], 'key=credential-name');
  const af = connect(options, io);
  const template = await resolveTemplate(af, ref);
  const body = {
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(Object.keys(credentials).length > 0 ? { credentials } : {}),
  };
  const preview: Preview = await remote(async () =>
    unwrap(
      await af.api.POST('/api/v1/templates/{id}/install-preview', {
        params: { path: { id: template.id } },
        body,
      }),
    ),
  );
  if (preview.targets.length > 0 && !options.yes) {
    const reach = preview.targets.map((t) => `  ${describeTarget(t)}  (${t.path})`).join('\n');
    throw new CliError(
      `template ${template.id} creates a workflow that reaches outside AgentFlow:\n${reach}\n` +
        'check them, then install again with --yes',
    );
  }
  const created = await remote(async () =>
    unwrap(
      await af.api.POST('/api/v1/templates/{id}/install', {
        params: { path: { id: template.id } },
        body: { ...body, confirm: preview.digest },
      }),
    ),
  );
  if (options.json) {
    io.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
    return EXIT.ok;
  }
  const mapped = preview.credentials.filter((c) => c.mapped !== undefined);
  io.stderr.write(
    `installed "${template.name}" as workflow "${created.name}"` +
      (mapped.length > 0 ? ` (credentials: ${mapped.map((c) => `${c.key}=${c.mapped}`).join(', ')})` : '') +
      '\n',
  );
  io.stdout.write(`${created.id}\n`);
  return EXIT.ok;
}

export interface TemplatePublishOptions extends RemoteOptions {
  name?: string;
  description?: string;
  category?: string;
  tags?: string;
  icon?: string;
  author?: string;
  visibility?: string;
  needs?: string[];
  script?: string;
  sampleInput?: string;
  update?: string;
  changelog?: string;
  json?: boolean;
}

/**
 * `agentflow templates publish <workflow file | workflow id>`: publishes a workflow (a local file, or one of the
 * key's workspace by id) as a template, or with `--update <template id>` as a new version of one. The server
 * refuses secrets and ids in it with the path of each.
 */
export async function publishTemplateCommand(
  source: string,
  options: TemplatePublishOptions,
  io: CliContext,
): Promise<number> {
  const visibility = oneOf('--visibility', options.visibility, TemplateVisibility.options);
  const needs = pairs('--needs', options.needs ?? [], 'key=credential-type');
  const tags =
    options.tags === undefined
      ? undefined
      : options.tags
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== '');
  const script =
    options.script === undefined
      ? undefined
      : asObject(await loadJsonFile(options.script, io.cwd), '--script');
  const sampleInput =
    options.sampleInput === undefined
      ? undefined
      : options.sampleInput.startsWith('@')
        ? await loadJsonFile(options.sampleInput.slice(1), io.cwd)
        : parseJson(options.sampleInput, '--sample-input');
  const fromFile = existsSync(resolve(io.cwd, source));
  const af = connect(options, io);
  let workflow: Record<string, unknown>;
  if (fromFile) {
    workflow = asObject(await loadWorkflowFile(source, io.cwd), source);
  } else {
    const found = await remote(async () =>
      unwrap(await af.api.GET('/api/v1/workflows/{id}', { params: { path: { id: source } } })),
    ).catch((error: unknown) => {
      if (error instanceof CliError && /AF_NOT_FOUND/.test(error.message))
        throw new CliError(`${source}: neither a file nor a workflow of this workspace`);
      throw error;
    });
    workflow = {
      ...found.definition,
      name: found.name,
      ...(found.description ? { description: found.description } : {}),
    };
  }
  // A workflow's own ids are not part of a template (the server refuses the workspace's id in one).
  const {
    id: _id,
    workspaceId: _ws,
    version: _v,
    createdBy: _by,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = workflow;
  workflow = rest;
  const name = options.name ?? (typeof workflow.name === 'string' ? workflow.name : undefined);
  if (name === undefined) throw new CliError('--name: required (the workflow has no name)');
  const description =
    options.description ?? (typeof workflow.description === 'string' ? workflow.description : undefined);
  const body: Record<string, unknown> = {
    name,
    kind: 'workflow',
    workflow,
    ...(description !== undefined ? { description } : {}),
    ...(options.category !== undefined ? { category: options.category } : {}),
    ...(tags !== undefined ? { tags } : {}),
    ...(options.icon !== undefined ? { icon: options.icon } : {}),
    ...(options.author !== undefined ? { author: options.author } : {}),
    ...(visibility ? { visibility } : {}),
    ...(Object.keys(needs).length > 0
      ? {
          credentials: Object.entries(needs).map(([key, type]) =>
            type.endsWith('?') ? { key, type: type.slice(0, -1), optional: true } : { key, type },
          ),
        }
      : {}),
    ...(script !== undefined ? { script } : {}),
    ...(sampleInput !== undefined ? { sampleInput } : {}),
    ...(options.changelog !== undefined ? { changelog: options.changelog } : {}),
  };
  let published: Template;
  try {
    published =
      options.update === undefined
        ? unwrap(await af.api.POST('/api/v1/templates', { body: body as never }))
        : unwrap(
            await af.api.PUT('/api/v1/templates/{id}', {
              params: { path: { id: options.update } },
              body: body as never,
            }),
          );
  } catch (error) {
    throw toCliError(error);
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(published, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stderr.write(
    `${options.update === undefined ? 'published' : 'updated'} "${published.name}" (version ${published.version}, ${published.visibility})\n`,
  );
  io.stdout.write(`${published.id}\n`);
  return EXIT.ok;
}

/** A template by id, else by slug of its name (`research-team` for "Research team"). */
async function resolveTemplate(af: AgentFlowClient, ref: string): Promise<Template> {
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
function pick(templates: Template[], slug: string): Template[] {
  const exact = templates.filter((t) => slugify(t.name) === slug);
  if (exact.length > 0) return exact;
  return templates.filter((t) => slugify(t.name).startsWith(`${slug}-`) || t.id.endsWith(`-${slug}`));
}

/** Every template the key sees (matching `q`), at most 10,000. */
async function allTemplates(af: AgentFlowClient, q: string | undefined): Promise<Template[]> {
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

function oneOf<T extends string>(
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
function pairs(flag: string, values: readonly string[], shape: string): Record<string, string> {
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

function asObject(value: unknown, shown: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new CliError(`${shown}: expected a JSON object`);
  return value as Record<string, unknown>;
}

function stars(t: { rating?: number; ratingCount: number }): string {
  if (t.rating === undefined || t.ratingCount === 0) return '';
  return `★ ${t.rating.toFixed(1)} (${t.ratingCount})`;
}

function describeTarget(t: Preview['targets'][number]): string {
  if (t.kind === 'model') return `model ${t.provider ?? '?'}/${t.model ?? '?'}${t.url ? ` at ${t.url}` : ''}`;
  if (t.kind === 'tool') return `tool ${t.tool ?? '?'}${t.host ? ` (${t.host})` : ''}`;
  return `url ${t.url ?? t.host ?? '?'}`;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Left-aligned columns, two spaces apart, sized by their widest cell. */
function table(header: string[], rows: string[][]): string {
  const width = (s: string) => [...s].length;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c))))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** `agentflow templates rate <id|slug> <stars> [--review text]`: one rating per user; again replaces it. */
export async function rateTemplateCommand(
  ref: string,
  starsArg: string,
  options: RemoteOptions & { review?: string; json?: boolean },
  io: CliContext,
): Promise<number> {
  const value = Number(starsArg);
  if (!Number.isInteger(value) || value < 1 || value > 5)
    throw new CliError(`stars ${starsArg}: expected a whole number from 1 to 5`);
  const af = connect(options, io);
  const template = await resolveTemplate(af, ref);
  const summary = await remote(async () =>
    unwrap(
      await af.api.PUT('/api/v1/templates/{id}/rating', {
        params: { path: { id: template.id } },
        body: { stars: value, ...(options.review !== undefined ? { review: options.review } : {}) },
      }),
    ),
  );
  if (options.json) {
    io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(`rated "${template.name}" ${value}/5; now ${stars(summary)}\n`);
  return EXIT.ok;
}

/** `agentflow templates unpublish <id>`: deletes a template (workflows installed from it stay). */
export async function unpublishTemplateCommand(
  id: string,
  options: RemoteOptions,
  io: CliContext,
): Promise<number> {
  const af = connect(options, io);
  await remote(async () =>
    unwrap(await af.api.DELETE('/api/v1/templates/{id}', { params: { path: { id } } })),
  );
  io.stdout.write(`unpublished ${id}\n`);
  return EXIT.ok;
}
