import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isAgentFlowError } from '@agentflow/protocol';
import { openRuntime } from '../engine-setup.js';
import { CliError, EXIT } from '../errors.js';
import type { CliIo } from '../io.js';
import { parseJson } from '../load.js';

/** `agentflow migrate`: applies pending migrations to the configured store (also done on every start). */
export async function migrateCommand(options: { dataDir?: string }, io: CliIo): Promise<number> {
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

/** `agentflow export [file]`: workflows (every version) and templates as JSON; stdout when no file. */
export async function exportCommand(
  file: string | undefined,
  options: { dataDir?: string },
  io: CliIo,
): Promise<number> {
  const runtime = await openRuntime(options, io);
  try {
    const doc = await runtime.store.exportData();
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
  io: CliIo,
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

/** `agentflow backup <file>`: a backup of the embedded data directory (stop the server first). */
export async function backupCommand(file: string, options: { dataDir?: string }, io: CliIo): Promise<number> {
  const { backupDataDir, resolveDataDir } = await import('@agentflow/store-sql/pglite');
  const dir =
    options.dataDir !== undefined
      ? resolve(io.cwd, options.dataDir)
      : resolveDataDir(io.env.AGENTFLOW_DATA_DIR);
  const { bytes } = await backupDataDir(dir, resolve(io.cwd, file));
  io.stdout.write(`backed up ${dir} to ${file} (${bytes} bytes)\n`);
  return EXIT.ok;
}

/** `agentflow restore <file>`: restores a backup into an empty data directory. */
export async function restoreCommand(
  file: string,
  options: { dataDir?: string },
  io: CliIo,
): Promise<number> {
  const { restoreDataDir, resolveDataDir } = await import('@agentflow/store-sql/pglite');
  const dir =
    options.dataDir !== undefined
      ? resolve(io.cwd, options.dataDir)
      : resolveDataDir(io.env.AGENTFLOW_DATA_DIR);
  await restoreDataDir(resolve(io.cwd, file), dir);
  io.stdout.write(`restored ${file} into ${dir}\n`);
  return EXIT.ok;
}
