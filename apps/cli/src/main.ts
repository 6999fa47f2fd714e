import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ErrorCode, isAgentFlowError } from '@agentflow/protocol';
import { Command, CommanderError } from 'commander';
import { listWorkspacesCommand, setPlanCommand } from './commands/admin.js';
import {
  backupCommand,
  exportCommand,
  importCommand,
  migrateCommand,
  restoreCommand,
} from './commands/data.js';
import {
  executionLogsCommand,
  type ListOptions,
  type LogsOptions,
  listExecutionsCommand,
  resumeCommand,
  showExecutionCommand,
} from './commands/executions.js';
import { modelsListCommand, modelsPullCommand, modelsRemoveCommand } from './commands/models.js';
import { nodeTypesCommand } from './commands/node-types.js';
import { type RunCommandOptions, runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { type StartOptions, startCommand } from './commands/start.js';
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
import { validateCommand } from './commands/validate.js';
import { type WorkerOptions, workerCommand } from './commands/worker.js';
import { loadCliConfig } from './config.js';
import { CliError, EXIT, formatProblem } from './errors.js';
import { type CliContext, type CliIo, cliContext, processIo } from './io.js';
import { DEFAULT_SERVER } from './remote.js';

export { EXIT } from './errors.js';
export type { CliIo, CliOutput } from './io.js';

/** Errors caused by what the user gave (definition, input, payload): exit 2, like an invalid workflow. */
const USER_INPUT_CODES: ReadonlySet<ErrorCode> = new Set([
  'AF_VALIDATION',
  'AF_INVALID_INPUT',
  'AF_INVALID_RESUME_PAYLOAD',
  'AF_NOT_RESUMABLE',
]);

/**
 * Runs the `agentflow` command line with `argv` (without the node and script paths) and returns the exit code.
 * Never throws and never prints a stack trace (set AGENTFLOW_DEBUG=1 to see one).
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  // The environment is read here, once, when a command runs (help and --version need none of it).
  let context: CliContext | undefined;
  const cli = (): CliContext => {
    context ??= cliContext(io, loadCliConfig(io.env));
    return context;
  };
  const program = new Command('agentflow')
    .description('AgentFlow: run and check multi-agent workflows')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showSuggestionAfterError();

  program
    .command('validate')
    .description('check a workflow file; prints every problem as `path: message [CODE]` (exit 2 if invalid)')
    .argument('<file>', 'workflow file (.json, or a .js module with a default export)')
    .option('--json', 'print {ok, issues} as JSON')
    .option('--plugin <module>', 'load node types from a JS module (repeatable)', collect, [])
    .action(async (file: string, opts: { json?: boolean; plugin?: string[] }) => {
      code = await validateCommand(file, opts, cli());
    });

  program
    .command('run')
    .description(
      "run a workflow in-process (in memory, with the server's node types and tools) and print its result",
    )
    .argument('<file>', 'workflow file (.json, or a .js module with a default export)')
    .option('-i, --input <json>', 'execution input: inline JSON, or @path to a JSON file')
    .option('--json', 'print only the result JSON, even on a terminal')
    .option('-s, --script <file>', 'JSON script for the deterministic scripted model provider')
    .option('--approve <agentId=json>', 'payload for a human node when it pauses (repeatable)', collect, [])
    .option('--record <file>', 'record every model response to this cassette file')
    .option('--replay <file>', 'answer model calls from this cassette file (no provider needed)')
    .option('--plugin <module>', 'load node types from a JS module (repeatable)', collect, [])
    .option('--data-dir <dir>', 'durable: keep the execution in this embedded data directory')
    .option('--durable', 'durable: use AGENTFLOW_DATA_DIR (default ./.agentflow), or DATABASE_URL when set')
    .option('--events', 'print every event as a JSON line, then the result')
    .action(async (file: string, opts: RunCommandOptions) => {
      code = await runCommand(file, opts, cli());
    });

  program
    .command('schema')
    .description("print the workflow format's JSON Schema, with every node type's config schema")
    .option('--plugin <module>', 'load node types from a JS module (repeatable)', collect, [])
    .action(async (opts: { plugin?: string[] }) => {
      code = await schemaCommand(opts, cli());
    });

  program
    .command('node-types')
    .description('list the registered node types')
    .option('--json', 'print them as JSON, with their config schemas')
    .option('--plugin <module>', 'load node types from a JS module (repeatable)', collect, [])
    .action(async (opts: { json?: boolean; plugin?: string[] }) => {
      code = await nodeTypesCommand(opts, cli());
    });

  const executions = program.command('executions').description('stored executions (durable store)');
  executions
    .command('list')
    .description('list executions, newest first')
    .option('--data-dir <dir>', 'embedded data directory (default AGENTFLOW_DATA_DIR or ./.agentflow)')
    .option('--workflow <id>', 'only this workflow')
    .option('--status <status>', 'only this status')
    .option('--since <date>', 'only executions created at or after this ISO date')
    .option('--limit <n>', 'page size (default 20)')
    .option('--cursor <cursor>', 'next page, from a previous listing')
    .option('--json', 'print the page as JSON')
    .action(async (opts: ListOptions) => {
      code = await listExecutionsCommand(opts, cli());
    });
  executions
    .command('show')
    .description('show one execution with its steps, messages and logs')
    .argument('<id>', 'execution id')
    .option('--data-dir <dir>', 'embedded data directory')
    .option('--json', 'print it as JSON')
    .action(async (id: string, opts: { dataDir?: string; json?: boolean }) => {
      code = await showExecutionCommand(id, opts, cli());
    });
  executions
    .command('logs')
    .description("one execution's log lines, oldest first, a page at a time")
    .argument('<id>', 'execution id')
    .option('--data-dir <dir>', 'embedded data directory')
    .option('--level <level>', 'only this level and above (debug, info, warn, error)')
    .option('--agent <id>', "only this node's lines")
    .option('--limit <n>', 'page size (default 100, max 1000)')
    .option('--cursor <cursor>', 'next page, from a previous listing')
    .option('--json', 'print the page as JSON')
    .action(async (id: string, opts: LogsOptions) => {
      code = await executionLogsCommand(id, opts, cli());
    });

  program
    .command('resume')
    .description('continue an interrupted execution from its last committed step')
    .argument('<id>', 'execution id')
    .option('--data-dir <dir>', 'embedded data directory')
    .option('--plugin <module>', 'load node types from a JS module (repeatable)', collect, [])
    .option('-s, --script <file>', 'JSON script for the deterministic scripted model provider')
    .option('--replay <file>', 'answer model calls from this cassette file')
    .option('--json', 'print only the result JSON')
    .action(async (id: string, opts: Parameters<typeof resumeCommand>[1]) => {
      code = await resumeCommand(id, opts, cli());
    });

  program
    .command('migrate')
    .description('apply pending database migrations (also applied on every start)')
    .option('--data-dir <dir>', 'embedded data directory')
    .action(async (opts: { dataDir?: string }) => {
      code = await migrateCommand(opts, cli());
    });
  program
    .command('export')
    .description('export workflows (all versions) and templates as JSON')
    .argument('[file]', 'output file (default: stdout)')
    .option('--data-dir <dir>', 'embedded data directory')
    .option('--workspace <id or name>', 'only this workspace (default: every workspace)')
    .action(async (file: string | undefined, opts: { dataDir?: string; workspace?: string }) => {
      code = await exportCommand(file, opts, cli());
    });
  program
    .command('import')
    .description('import workflows and templates from an export (validated first; nothing runs)')
    .argument('<file>', 'export file')
    .option('--data-dir <dir>', 'embedded data directory')
    .option(
      '--workspace <id or name>',
      "target workspace (default: the document's when it exists here, else the only one)",
    )
    .action(async (file: string, opts: { dataDir?: string; workspace?: string }) => {
      code = await importCommand(file, opts, cli());
    });

  program
    .command('backup')
    .description(
      'back up the store: PostgreSQL (DATABASE_URL) as a logical backup while it runs; the embedded data directory as a copy (stop the server first; `start --backup-every` takes scheduled ones)',
    )
    .argument('<file>', 'backup file to write')
    .option('--data-dir <dir>', 'embedded data directory')
    .action(async (file: string, opts: { dataDir?: string }) => {
      code = await backupCommand(file, opts, cli());
    });
  program
    .command('restore')
    .description(
      'restore a backup into an empty store (PostgreSQL with DATABASE_URL, or an embedded data directory)',
    )
    .argument('<file>', 'backup file')
    .option('--data-dir <dir>', 'embedded data directory (empty)')
    .action(async (file: string, opts: { dataDir?: string }) => {
      code = await restoreCommand(file, opts, cli());
    });

  program
    .command('start')
    .description('serve the API (REST, GraphQL, WebSocket) and run workflows in one process')
    .option('-p, --port <port>', 'port to listen on (default PORT or 3000; 0 picks a free one)')
    .option('--host <host>', 'address to bind (default HOST or 127.0.0.1)')
    .option('--data-dir <dir>', 'embedded data directory (default AGENTFLOW_DATA_DIR or ./.agentflow)')
    .option(
      '--role <role>',
      'all: serve and run workflows; api: serve, workers run (DATABASE_URL + REDIS_URL)',
    )
    .option('--plugin <module>', 'load node types from a JS module (repeatable)', collect, [])
    .option(
      '--trust-proxy <value>',
      'believe X-Forwarded-* from reverse proxies: true, a hop count, or addresses/CIDRs (default AGENTFLOW_TRUST_PROXY)',
    )
    .option('--tls-cert <file>', 'PEM certificate: serve HTTPS (default AGENTFLOW_TLS_CERT; needs --tls-key)')
    .option('--tls-key <file>', 'PEM private key of --tls-cert (default AGENTFLOW_TLS_KEY)')
    .option(
      '--backup-every <interval>',
      'take a logical backup every 30m, 6h, 1d... (default AGENTFLOW_BACKUP_EVERY)',
    )
    .option(
      '--backup-keep <n>',
      'scheduled backups to keep, newest first (default AGENTFLOW_BACKUP_KEEP or 7)',
    )
    .option(
      '--backup-dir <dir>',
      'where scheduled backups go (default AGENTFLOW_BACKUP_DIR or <data dir>/backups)',
    )
    .action(async (opts: StartOptions) => {
      code = await startCommand(opts, cli());
    });

  program
    .command('worker')
    .description('run queued workflows for `start --role api` processes (needs DATABASE_URL and REDIS_URL)')
    .option('-c, --concurrency <n>', 'executions run at once (default 10)')
    .option('--plugin <module>', 'load node types from a JS module (repeatable)', collect, [])
    .action(async (opts: WorkerOptions) => {
      code = await workerCommand(opts, cli());
    });

  const models = program.command('models').description('local models through Ollama');
  const ollamaOpt = [
    '--base-url <url>',
    'Ollama server (default OLLAMA_BASE_URL or http://127.0.0.1:11434)',
  ] as const;
  models
    .command('list')
    .description("Ollama's status and installed models")
    .option(...ollamaOpt)
    .option('--json', 'print as JSON')
    .action(async (opts: { baseUrl?: string; json?: boolean }) => {
      code = await modelsListCommand(opts, cli());
    });
  models
    .command('pull')
    .description('download a model, with progress')
    .argument('<name>', 'model name, e.g. llama3.2')
    .option(...ollamaOpt)
    .action(async (name: string, opts: { baseUrl?: string }) => {
      code = await modelsPullCommand(name, opts, cli());
    });
  models
    .command('rm')
    .description('delete an installed model')
    .argument('<name>', 'model name')
    .option(...ollamaOpt)
    .action(async (name: string, opts: { baseUrl?: string }) => {
      code = await modelsRemoveCommand(name, opts, cli());
    });

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
      code = await listTemplatesCommand(opts, cli());
    });
  templates
    .command('show')
    .description('a template: description, credentials it needs, versions, reviews')
    .argument('<template>', 'template id, or the slug of its name (research-team)')
    .option('--json', 'print it as JSON')
    .option(...serverOpt)
    .option(...keyOpt)
    .action(async (ref: string, opts: { json?: boolean; server?: string; apiKey?: string }) => {
      code = await showTemplateCommand(ref, opts, cli());
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
      code = await installTemplateCommand(ref, opts, cli());
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
      code = await publishTemplateCommand(source, opts, cli());
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
      code = await rateTemplateCommand(ref, starsArg, opts, cli());
    });
  templates
    .command('unpublish')
    .description('delete a template (workflows installed from it stay)')
    .argument('<template-id>', 'template id')
    .option(...serverOpt)
    .option(...keyOpt)
    .action(async (id: string, opts: { server?: string; apiKey?: string }) => {
      code = await unpublishTemplateCommand(id, opts, cli());
    });

  const admin = program
    .command('admin')
    .description('instance administration on the store directly (the data directory, or DATABASE_URL)');
  admin
    .command('set-plan')
    .description("change a workspace's plan (free, pro, enterprise); audited as an operator action")
    .argument('<workspace>', 'workspace id (agentflow admin workspaces lists them)')
    .argument('<plan>', 'free, pro or enterprise')
    .option('--data-dir <dir>', 'embedded data directory (stop the server first; else use the admin API)')
    .action(async (workspace: string, plan: string, opts: { dataDir?: string }) => {
      code = await setPlanCommand(workspace, plan, opts, cli());
    });
  admin
    .command('workspaces')
    .description('list every workspace: id, plan, name')
    .option('--data-dir <dir>', 'embedded data directory')
    .option('--json', 'print them as JSON')
    .action(async (opts: { dataDir?: string; json?: boolean }) => {
      code = await listWorkspacesCommand(opts, cli());
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return report(error, io, context?.config.debug ?? false);
  }
}

function report(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof CliError) {
    io.stderr.write(formatProblem(`agentflow: ${error.message}`, error.issues));
    return error.exitCode;
  }
  if (isAgentFlowError(error)) {
    io.stderr.write(formatProblem(`agentflow: ${error.message} [${error.code}]`, error.issues ?? []));
    return USER_INPUT_CODES.has(error.code) ? EXIT.usage : EXIT.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`agentflow: unexpected error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT.failed;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The process entry: real argv, stdout/stderr and exit code. */
export async function runCli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const code = await main(argv, processIo());
  process.exitCode = code;
  // Output is flushed by now; if something a node started keeps the event loop alive, do not hang.
  setTimeout(() => process.exit(code), 2000).unref();
}

function isEntry(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntry()) await runCli();
