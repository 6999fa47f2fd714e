/**
 * The command definitions (names, arguments, options, help) of what works on the configured store directly:
 * stored executions (list, show, logs, resume), data (migrate, export, import, backup, restore) and instance
 * administration. Each action calls its command in commands/.
 */
import type { Command } from 'commander';
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
import { type Act, collect } from './program.js';

/** `executions ...`, `resume`, `migrate`, `export`, `import`, `backup`, `restore`. */
export function defineStoreCommands(program: Command, act: Act): void {
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
      await act((io) => listExecutionsCommand(opts, io));
    });
  executions
    .command('show')
    .description('show one execution with its steps, messages and logs')
    .argument('<id>', 'execution id')
    .option('--data-dir <dir>', 'embedded data directory')
    .option('--json', 'print it as JSON')
    .action(async (id: string, opts: { dataDir?: string; json?: boolean }) => {
      await act((io) => showExecutionCommand(id, opts, io));
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
      await act((io) => executionLogsCommand(id, opts, io));
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
      await act((io) => resumeCommand(id, opts, io));
    });

  program
    .command('migrate')
    .description('apply pending database migrations (also applied on every start)')
    .option('--data-dir <dir>', 'embedded data directory')
    .action(async (opts: { dataDir?: string }) => {
      await act((io) => migrateCommand(opts, io));
    });
  program
    .command('export')
    .description('export workflows (all versions) and templates as JSON')
    .argument('[file]', 'output file (default: stdout)')
    .option('--data-dir <dir>', 'embedded data directory')
    .option('--workspace <id or name>', 'only this workspace (default: every workspace)')
    .action(async (file: string | undefined, opts: { dataDir?: string; workspace?: string }) => {
      await act((io) => exportCommand(file, opts, io));
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
      await act((io) => importCommand(file, opts, io));
    });

  program
    .command('backup')
    .description(
      'back up the store: PostgreSQL (DATABASE_URL) as a logical backup while it runs; the embedded data directory as a copy (stop the server first; `start --backup-every` takes scheduled ones)',
    )
    .argument('<file>', 'backup file to write')
    .option('--data-dir <dir>', 'embedded data directory')
    .action(async (file: string, opts: { dataDir?: string }) => {
      await act((io) => backupCommand(file, opts, io));
    });
  program
    .command('restore')
    .description(
      'restore a backup into an empty store (PostgreSQL with DATABASE_URL, or an embedded data directory)',
    )
    .argument('<file>', 'backup file')
    .option('--data-dir <dir>', 'embedded data directory (empty)')
    .action(async (file: string, opts: { dataDir?: string }) => {
      await act((io) => restoreCommand(file, opts, io));
    });
}

/** `admin set-plan`, `admin workspaces`. */
export function defineAdminCommands(program: Command, act: Act): void {
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
      await act((io) => setPlanCommand(workspace, plan, opts, io));
    });
  admin
    .command('workspaces')
    .description('list every workspace: id, plan, name')
    .option('--data-dir <dir>', 'embedded data directory')
    .option('--json', 'print them as JSON')
    .action(async (opts: { dataDir?: string; json?: boolean }) => {
      await act((io) => listWorkspacesCommand(opts, io));
    });
}
