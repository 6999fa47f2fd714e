/**
 * The command definitions of `agentflow templates ...` (list, show, install, publish, rate, unpublish): the
 * templates marketplace of a running server, with the `--server` and `--api-key` options every one of them takes.
 * Each action calls its command in commands/templates.ts.
 */
import type { Command } from 'commander';
import {
  installTemplateCommand,
  listTemplatesCommand,
  publishTemplateCommand,
  rateTemplateCommand,
  showTemplateCommand,
  type TemplateInstallOptions,
  type TemplateListOptions,
  type TemplatePublishOptions,
  unpublishTemplateCommand,
} from './commands/templates.js';
import { type Act, collect } from './program.js';
import { DEFAULT_SERVER } from './remote.js';

export function defineTemplateCommands(program: Command, act: Act): void {
  const templates = program
    .command('templates')
    .description(
      'the templates marketplace of a running server (--server or AGENTFLOW_SERVER, API key in AGENTFLOW_API_KEY)',
    );
  const serverOpt = [
    '--server <url>',
    `server to talk to (default AGENTFLOW_SERVER or ${DEFAULT_SERVER})`,
  ] as const;
  const keyOpt = ['--api-key <key>', 'API key (default AGENTFLOW_API_KEY; prefer the variable)'] as const;
  templates
    .command('list')
    .description("the workspace's templates and the public ones (built-in gallery included)")
    .option('-s, --search <text>', 'in name, description and tags')
    .option('--category <category>', 'only this category')
    .option('--kind <kind>', 'workflow or agent')
    .option('--visibility <visibility>', 'workspace or public')
    .option('--tag <tag>', 'only templates with this tag')
    .option('--sort <order>', 'popular, rating, new or name (default name)')
    .option('--limit <n>', 'page size, 1-500 (default 50)')
    .option('--cursor <cursor>', 'next page, from a previous listing')
    .option('--json', 'print the page as JSON')
    .option(...serverOpt)
    .option(...keyOpt)
    .action(async (opts: TemplateListOptions) => {
      await act((io) => listTemplatesCommand(opts, io));
    });
  templates
    .command('show')
    .description('a template: description, credentials it needs, versions, reviews')
    .argument('<template>', 'template id, or the slug of its name (research-team)')
    .option('--json', 'print it as JSON')
    .option(...serverOpt)
    .option(...keyOpt)
    .action(async (ref: string, opts: { json?: boolean; server?: string; apiKey?: string }) => {
      await act((io) => showTemplateCommand(ref, opts, io));
    });
  templates
    .command('install')
    .description("create a workflow from a template in the key's workspace; prints the new workflow's id")
    .argument('<template>', 'template id, or the slug of its name')
    .option('--name <name>', "the new workflow's name (default the template's)")
    .option(
      '--credential <key=name>',
      'use the credential of that name for a requirement (repeatable; default: the only one of its type)',
      collect,
      [],
    )
    .option('-y, --yes', 'confirm the models, tools and URLs the workflow reaches (listed without it)')
    .option('--json', 'print the created workflow as JSON')
    .option(...serverOpt)
    .option(...keyOpt)
    .action(async (ref: string, opts: TemplateInstallOptions) => {
      await act((io) => installTemplateCommand(ref, opts, io));
    });
  templates
    .command('publish')
    .description(
      'publish a workflow (a file, or a workflow id of the workspace) as a template; prints its id',
    )
    .argument('<workflow>', 'workflow file (.json or .js), or the id of a workflow on the server')
    .option('--name <name>', "template name (default the workflow's)")
    .option('--description <text>', "default the workflow's")
    .option('--category <category>', 'e.g. research, support, data')
    .option('--tags <tags>', 'comma-separated, lower-case')
    .option('--icon <icon>', 'an emoji or an icon name')
    .option('--author <name>', 'shown as the author')
    .option('--visibility <visibility>', 'workspace (default) or public (instance admins)')
    .option(
      '--needs <key=type>',
      'a credential the workflow needs, e.g. llm=openai (suffix ? if optional; repeatable)',
      collect,
      [],
    )
    .option('--script <file>', 'scripted-provider script so the template runs offline')
    .option('--sample-input <json>', 'example input: inline JSON or @file')
    .option('--update <template-id>', 'publish a new version of this template instead')
    .option('--changelog <text>', 'what changed in this version')
    .option('--json', 'print the template as JSON')
    .option(...serverOpt)
    .option(...keyOpt)
    .action(async (source: string, opts: TemplatePublishOptions) => {
      await act((io) => publishTemplateCommand(source, opts, io));
    });

  templates
    .command('rate')
    .description('rate a template 1-5 stars, with an optional review (again replaces your rating)')
    .argument('<template>', 'template id, or the slug of its name')
    .argument('<stars>', '1 to 5')
    .option('--review <text>', 'a short review')
    .option('--json', 'print the new average as JSON')
    .option(...serverOpt)
    .option(...keyOpt)
    .action(async (ref: string, starsArg: string, opts: Parameters<typeof rateTemplateCommand>[2]) => {
      await act((io) => rateTemplateCommand(ref, starsArg, opts, io));
    });
  templates
    .command('unpublish')
    .description('delete a template (workflows installed from it stay)')
    .argument('<template-id>', 'template id')
    .option(...serverOpt)
    .option(...keyOpt)
    .action(async (id: string, opts: { server?: string; apiKey?: string }) => {
      await act((io) => unpublishTemplateCommand(id, opts, io));
    });
}
