import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ErrorCode, isAgentFlowError } from '@agentflow/protocol';
import { Command, CommanderError } from 'commander';
import { nodeTypesCommand } from './commands/node-types.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';
import { CliError, EXIT, formatProblem } from './errors.js';
import { type CliIo, processIo } from './io.js';

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
    .action(async (file: string, opts: { json?: boolean }) => {
      code = await validateCommand(file, opts, io);
    });

  program
    .command('run')
    .description('run a workflow in-process (in-memory store) and print its result')
    .argument('<file>', 'workflow file (.json, or a .js module with a default export)')
    .option('-i, --input <json>', 'execution input: inline JSON, or @path to a JSON file')
    .option('--json', 'print only the result JSON, even on a terminal')
    .option('-s, --script <file>', 'JSON script for the deterministic scripted model provider')
    .option('--approve <agentId=json>', 'payload for a human node when it pauses (repeatable)', collect, [])
    .action(
      async (file: string, opts: { input?: string; json?: boolean; script?: string; approve: string[] }) => {
        code = await runCommand(file, opts, io);
      },
    );

  program
    .command('schema')
    .description("print the workflow format's JSON Schema, with every node type's config schema")
    .action(() => {
      code = schemaCommand(io);
    });

  program
    .command('node-types')
    .description('list the registered node types')
    .option('--json', 'print them as JSON, with their config schemas')
    .action((opts: { json?: boolean }) => {
      code = nodeTypesCommand(opts, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: CliIo): number {
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
  if (io.env.AGENTFLOW_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
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
