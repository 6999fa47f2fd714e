/**
 * `agentflow templates list|show|install` (issue 16 item 5): browsing and installing from the templates
 * marketplace of a running server, through `@agentflow/client` (remote.ts says how the server and the API key are
 * chosen). Human output is a table or a few labelled lines (template-output.ts); `--json` prints what the API
 * answered. `install` prints the new id alone on stdout (for scripts) and a sentence on stderr. Publishing,
 * rating and unpublishing are in template-publish.ts (re-exported here); naming a template by id or slug in
 * template-lookup.ts.
 */
import { type ResponseOf, unwrap } from '@agentflow/client';
import { TEMPLATE_SORTS, TemplateKind, TemplateVisibility } from '@agentflow/protocol';
import { CliError, EXIT } from '../errors.js';
import type { CliContext } from '../io.js';
import { connect, type RemoteOptions, remote } from '../remote.js';
import { oneOf, pairs, resolveTemplate, type TemplatePage } from './template-lookup.js';
import { describeTarget, stars, table, truncate } from './template-output.js';

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

export {
  publishTemplateCommand,
  rateTemplateCommand,
  type TemplatePublishOptions,
  unpublishTemplateCommand,
} from './template-publish.js';
