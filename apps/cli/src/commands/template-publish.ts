/**
 * `agentflow templates publish|rate|unpublish`: the author's and reviewer's side of the templates marketplace.
 * `publish` makes a template (or a new version of one) from a workflow file or a stored workflow and prints the
 * new id alone on stdout; `rate` keeps one rating per user; `unpublish` deletes a template, not the workflows
 * installed from it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { unwrap } from '@agentflow/client';
import { TemplateVisibility } from '@agentflow/protocol';
import { CliError, EXIT } from '../errors.js';
import type { CliContext } from '../io.js';
import { loadJsonFile, loadWorkflowFile, parseJson } from '../load.js';
import { connect, type RemoteOptions, remote, toCliError } from '../remote.js';
import { asObject, oneOf, pairs, resolveTemplate, type Template } from './template-lookup.js';
import { stars } from './template-output.js';

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
