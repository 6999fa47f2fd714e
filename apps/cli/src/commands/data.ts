import { existsSync } from 'node:fs';
import { access, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isAgentFlowError } from '@agentflow/protocol';
import {
  isLogicalBackup,
  loadPostgresDriver,
  resolveWorkspace,
  restoreLogicalBackup,
  type SqlStore,
  writeLogicalBackup,
} from '@agentflow/store-sql';
import { dataDirOf, openRuntime } from '../engine-setup.js';
import { CliError, EXIT } from '../errors.js';
import type { CliContext } from '../io.js';
import { messageOf, parseJson } from '../load.js';

/** `agentflow migrate`: applies pending migrations to the configured store (also done on every start). */
export async function migrateCommand(options: { dataDir?: string }, io: CliContext): Promise<number> {
  const runtime = await openRuntime(options, io);
  try {
    await runtime.store.migrate();
    const where = runtime.mode === 'embedded' ? runtime.config.dataDir : 'DATABASE_URL';
    io.stdout.write(`migrations applied (${runtime.mode}: ${where})\n`);
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}

/**
 * `agentflow export [file]`: workflows (current definitions) and templates as JSON, of every workspace or of
 * `--workspace` (id or name); stdout when no file.
 */
export async function exportCommand(
  file: string | undefined,
  options: { dataDir?: string; workspace?: string },
  io: CliContext,
): Promise<number> {
  const runtime = await openRuntime(options, io);
  try {
    const workspaceId =
      options.workspace === undefined
        ? undefined
        : await resolveWorkspace(runtime.store.db, options.workspace);
    const doc = await runtime.store.exportData(workspaceId === undefined ? {} : { workspaceId });
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    if (file === undefined || file === '-') io.stdout.write(text);
    else {
      await writeFile(resolve(io.cwd, file), text);
      io.stderr.write(`agentflow: exported to ${file}\n`);
    }
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}

/**
 * `agentflow import <file>`: validates the whole document first (every problem with its path, exit 2) and
 * writes nothing unless all of it is valid. Nothing is executed on import. The target workspace is `--workspace`
 * (id or name), else the workspaces the document names when they all exist here, else this deployment's only
 * workspace, else none (when there is none). Ids another workspace uses are given new ones and the subworkflow
 * references to them rewritten; stdout gets the result JSON, stderr a one-line summary.
 */
export async function importCommand(
  file: string,
  options: { dataDir?: string; workspace?: string },
  io: CliContext,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  // A backup holds what was stored: execution data may carry NUL or lone surrogates (kept escaped in jsonb).
  const doc = parseJson(text, file, { checkText: false });
  const runtime = await openRuntime(options, io);
  try {
    let result: Awaited<ReturnType<typeof runtime.store.importData>>;
    try {
      result = await runtime.store.importData(
        doc,
        options.workspace !== undefined ? { workspace: options.workspace } : {},
      );
    } catch (error) {
      if (isAgentFlowError(error) && error.issues?.some((i) => i.path === 'workspace')) {
        throw new CliError(
          `${error.message}${options.workspace === undefined ? ' with --workspace <id or name>' : ''}`,
        );
      }
      throw error;
    }
    io.stdout.write(`${JSON.stringify(result)}\n`);
    const where =
      result.target === 'document'
        ? "the document's workspaces"
        : result.target === null
          ? 'no workspace (none exists here)'
          : `workspace ${result.target}`;
    const { created, updated, unchanged } = result.workflows;
    const remapped = Object.keys(result.remapped).length;
    io.stderr.write(
      `agentflow: imported into ${where}: ${created.length} created, ${updated.length} updated, ` +
        `${unchanged.length} unchanged workflow(s)` +
        (remapped > 0 ? `; ${remapped} id(s) used by another workspace got new ids (references kept)` : '') +
        '\n',
    );
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}

/**
 * `agentflow backup <file>`. With PostgreSQL (DATABASE_URL, no --data-dir): a logical backup, every table of the
 * store's schema in AgentFlow's portable format, from one consistent snapshot while the servers run (nothing is
 * migrated or changed). Embedded: a copy of the data directory (stop the server first; `agentflow start` takes
 * scheduled logical backups while it runs, see backup-schedule.ts).
 */
export async function backupCommand(
  file: string,
  options: { dataDir?: string },
  io: CliContext,
): Promise<number> {
  const target = resolve(io.cwd, file);
  if (!existsSync(dirname(target))) {
    throw new CliError(`cannot write ${file}: the directory ${dirname(target)} does not exist`);
  }
  const databaseUrl = options.dataDir === undefined ? io.config.databaseUrl : undefined;
  if (databaseUrl) {
    const { connectPostgres } = await loadPostgresDriver();
    const schema = io.config.databaseSchema ?? 'public';
    const connection = connectPostgres({ url: databaseUrl, schema });
    try {
      const made = await writeLogicalBackup(connection.db, target, { schema }).catch((error: unknown) => {
        throw isAgentFlowError(error)
          ? error
          : new CliError(`backup failed: ${messageOf(error)}`, [], EXIT.failed);
      });
      const rows = made.tables.reduce((sum, t) => sum + t.rows, 0);
      io.stdout.write(
        `logical backup of PostgreSQL (schema ${schema}; AgentFlow format, not pg_dump: ${made.tables.length} ` +
          `tables, ${rows} rows) written to ${file} (${made.bytes} bytes)\n` +
          'restore it with `agentflow restore` into an empty database; credentials in it stay sealed: keep ' +
          'AGENTFLOW_ENCRYPTION_KEY too\n',
      );
    } finally {
      await connection.close();
    }
    return EXIT.ok;
  }
  const { backupDataDir } = await import('@agentflow/store-sql/pglite');
  const dir = dataDirOf(options, io);
  const { bytes } = await backupDataDir(dir, target);
  io.stdout.write(`backed up ${dir} to ${file} (${bytes} bytes)\n`);
  return EXIT.ok;
}

/**
 * `agentflow restore <file>`: a logical backup (from `backup` on PostgreSQL or a scheduled one) into the
 * configured store, PostgreSQL or embedded, whose tables must be empty; a data-directory backup into an empty
 * embedded data directory.
 */
export async function restoreCommand(
  file: string,
  options: { dataDir?: string },
  io: CliContext,
): Promise<number> {
  const source = resolve(io.cwd, file);
  try {
    await access(source);
  } catch {
    throw new CliError(`cannot read backup ${file}: no such file`);
  }
  const databaseUrl = options.dataDir === undefined ? io.config.databaseUrl : undefined;
  if (await isLogicalBackup(source)) {
    let store: SqlStore;
    let where: string;
    if (databaseUrl) {
      const { createPostgresStore } = await loadPostgresDriver();
      const schema = io.config.databaseSchema;
      store = await createPostgresStore({ url: databaseUrl, ...(schema ? { schema } : {}) }).catch(
        (error: unknown) => {
          throw isAgentFlowError(error)
            ? error
            : new CliError(`cannot open PostgreSQL (DATABASE_URL): ${messageOf(error)}`, [], EXIT.failed);
        },
      );
      where = `PostgreSQL (schema ${schema ?? 'public'})`;
    } else {
      const { createPgliteStore } = await import('@agentflow/store-sql/pglite');
      const dir = dataDirOf(options, io);
      store = await createPgliteStore({ dataDir: dir });
      where = dir;
    }
    try {
      const schema = databaseUrl ? (io.config.databaseSchema ?? 'public') : 'public';
      const done = await restoreLogicalBackup(store.db, source, { schema }).catch((error: unknown) => {
        throw isAgentFlowError(error)
          ? error
          : new CliError(`restore failed: ${messageOf(error)}`, [], EXIT.failed);
      });
      io.stdout.write(`restored ${file} into ${where} (${done.tables} tables, ${done.rows} rows)\n`);
    } finally {
      await store.close();
    }
    return EXIT.ok;
  }
  if (databaseUrl) {
    throw new CliError(
      `${file} is not a logical backup (a data-directory backup of the embedded store, or no backup at all): ` +
        'restore a data-directory backup with --data-dir <empty directory>',
    );
  }
  const { restoreDataDir } = await import('@agentflow/store-sql/pglite');
  const dir = dataDirOf(options, io);
  await restoreDataDir(source, dir);
  io.stdout.write(`restored ${file} into ${dir}\n`);
  return EXIT.ok;
}
