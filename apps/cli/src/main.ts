import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ErrorCode, isAgentFlowError } from '@agentflow/protocol';
import { Command, CommanderError } from 'commander';
import { modelsListCommand, modelsPullCommand, modelsRemoveCommand } from './commands/models.js';
import { nodeTypesCommand } from './commands/node-types.js';
import { type RunCommandOptions, runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { type StartOptions, startCommand } from './commands/start.js';
import { validateCommand } from './commands/validate.js';
import { type WorkerOptions, workerCommand } from './commands/worker.js';
import { loadCliConfig } from './config.js';
import { CliError, EXIT, formatProblem } from './errors.js';
import { type CliContext, type CliIo, cliContext, processIo } from './io.js';
import { type Act, collect } from './program.js';
import { defineAdminCommands, defineStoreCommands } from './program-store.js';
import { defineTemplateCommands } from './program-templates.js';

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
  const act: Act = async (command) => {
    code = await command(cli());
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
      await act((io) => validateCommand(file, opts, io));
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
      await act((io) => runCommand(file, opts, io));
    });

  program
    .command('schema')
    .description("print the workflow format's JSON Schema, with every node type's config schema")
    .option('--plugin <module>', 'load node types from a JS module (repeatable)', collect, [])
    .action(async (opts: { plugin?: string[] }) => {
      await act((io) => schemaCommand(opts, io));
    });

  program
    .command('node-types')
    .description('list the registered node types')
    .option('--json', 'print them as JSON, with their config schemas')
    .option('--plugin <module>', 'load node types from a JS module (repeatable)', collect, [])
    .action(async (opts: { json?: boolean; plugin?: string[] }) => {
      await act((io) => nodeTypesCommand(opts, io));
    });

  defineStoreCommands(program, act);

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
      await act((io) => startCommand(opts, io));
    });

  program
    .command('worker')
    .description('run queued workflows for `start --role api` processes (needs DATABASE_URL and REDIS_URL)')
    .option('-c, --concurrency <n>', 'executions run at once (default 10)')
    .option('--plugin <module>', 'load node types from a JS module (repeatable)', collect, [])
    .action(async (opts: WorkerOptions) => {
      await act((io) => workerCommand(opts, io));
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
      await act((io) => modelsListCommand(opts, io));
    });
  models
    .command('pull')
    .description('download a model, with progress')
    .argument('<name>', 'model name, e.g. llama3.2')
    .option(...ollamaOpt)
    .action(async (name: string, opts: { baseUrl?: string }) => {
      await act((io) => modelsPullCommand(name, opts, io));
    });
  models
    .command('rm')
    .description('delete an installed model')
    .argument('<name>', 'model name')
    .option(...ollamaOpt)
    .action(async (name: string, opts: { baseUrl?: string }) => {
      await act((io) => modelsRemoveCommand(name, opts, io));
    });

  defineTemplateCommands(program, act);

  defineAdminCommands(program, act);

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
