/**
 * Backup and restore of an embedded data directory: a gzip'd tarball of PGlite's files, taken while holding the
 * directory's lock (so no process writes meanwhile), and restored only into an empty directory.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AgentFlowError } from '@agentflow/protocol';
import { PGlite } from '@electric-sql/pglite';
import { acquireDirLock } from './dir-lock.js';

const PGDATA = 'pgdata';

/** Writes a backup of `dataDir` to `file`. Fails clearly if another process has the directory open. */
export async function backupDataDir(dataDir: string, file: string): Promise<{ bytes: number }> {
  const dir = resolve(dataDir);
  const pgdata = join(dir, PGDATA);
  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    throw new AgentFlowError('AF_NOT_FOUND', `${dir} holds no AgentFlow database to back up`);
  }
  const lock = acquireDirLock(dir);
  try {
    const client = await PGlite.create(pgdata);
    try {
      const blob = await client.dumpDataDir('gzip');
      const bytes = Buffer.from(await blob.arrayBuffer());
      await writeFile(file, bytes);
      return { bytes: bytes.length };
    } finally {
      await client.close();
    }
  } finally {
    lock.release();
  }
}

/** Restores a backup into `dataDir`, which must not hold a database already (nothing is overwritten). */
export async function restoreDataDir(file: string, dataDir: string): Promise<void> {
  const dir = resolve(dataDir);
  const pgdata = join(dir, PGDATA);
  if (existsSync(pgdata) && readdirSync(pgdata).length > 0) {
    throw new AgentFlowError(
      'AF_CONFLICT',
      `${dir} already holds a database; restore into an empty directory (nothing was changed)`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new AgentFlowError(
      'AF_NOT_FOUND',
      `cannot read backup ${file}: ${(error as NodeJS.ErrnoException).code}`,
    );
  }
  mkdirSync(dir, { recursive: true });
  const lock = acquireDirLock(dir);
  try {
    let client: PGlite;
    try {
      client = await PGlite.create({ dataDir: pgdata, loadDataDir: new Blob([bytes]) });
    } catch (error) {
      throw new AgentFlowError(
        'AF_VALIDATION',
        `${file} is not an AgentFlow backup (${(error as Error).message})`,
      );
    }
    await client.query('select 1');
    await client.close();
  } finally {
    lock.release();
  }
}
