/**
 * A pre-made empty database for the embedded store, and the PostgreSQL settings it runs with.
 *
 * Creating a PGlite cluster runs `initdb` in a second WebAssembly instance: 2-3 s on an idle machine, 10 s and
 * more under load, and the memory it grows to (~500 MB) stays with the process. So the build makes one empty
 * cluster with every migration applied, kept twice: as a directory (`template/pgdata`), which a new data
 * directory is copied from with plain file copies (PGlite then opens it as an existing cluster: no WebAssembly
 * heap grown to unpack anything), and as a tarball from `dumpDataDir` (`template/pgdata.tar.gz`), which
 * in-memory stores (tests) load. Either way ~0.4-1 s, and the process keeps only what the database needs. Without the file (a build that skipped it, another PGlite version), stores are created the
 * slow way, as before. The template holds no secret and no identity: users, workspaces and keys are created
 * afterwards in each data directory, and the one thing copies share, the cluster's system identifier, only
 * matters to physical replication, which PGlite does not do.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Db } from './db.js';
import { applyMigrations, MIGRATIONS_FOLDER } from './migrate.js';
import * as schema from './schema.js';

/** Where the build puts the template's tarball (`../template`, next to both `src` and `dist`). */
export const TEMPLATE_FILE = fileURLToPath(new URL('../template/pgdata.tar.gz', import.meta.url));

/** The template's directory: beside its tarball, same name without `.tar.gz`. */
export function templateDirOf(file: string): string {
  return file.replace(/\.tar\.gz$/, '');
}

/**
 * PostgreSQL's start parameters: PGlite's own, with `shared_buffers` at 16 MB instead of 128 MB. The buffers live
 * in the WebAssembly heap, which never shrinks; an embedded store's working set (recent executions and their
 * steps) fits many times over, and reads past it come from the OS page cache, not the disk. PGlite runs one
 * backend in single-user mode, so the per-connection shared memory sized for 100 connections, 10 WAL senders and
 * 16 autovacuum workers (lock table, process array) is sized for a handful instead: 4 MB less shared memory.
 * The lock table keeps room for a whole schema's migration in one transaction (~130 relations; 8 x 64 slots).
 */
export const PGLITE_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=16MB',
  '-c',
  'max_connections=5',
  '-c',
  'max_wal_senders=0',
  '-c',
  'autovacuum_worker_slots=1',
];

interface TemplateMeta {
  /** A template made by another PGlite version is not used. */
  pglite: string;
  /** Digest of the migration files: the build makes the template again when they change. */
  migrations: string;
}

function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

function migrationsDigest(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS_FOLDER)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    hash.update(name).update(readFileSync(join(MIGRATIONS_FOLDER, name)));
  }
  return hash.digest('hex');
}

function metaFile(file: string): string {
  return `${file}.json`;
}

function currentMeta(): TemplateMeta {
  return { pglite: pgliteVersion(), migrations: migrationsDigest() };
}

/** Whether the template exists and was made from the installed PGlite and the current migrations. */
export function templateIsCurrent(file: string = TEMPLATE_FILE): boolean {
  try {
    const meta = JSON.parse(readFileSync(metaFile(file), 'utf8')) as TemplateMeta;
    const now = currentMeta();
    return (
      existsSync(file) &&
      existsSync(join(templateDirOf(file), 'PG_VERSION')) &&
      meta.pglite === now.pglite &&
      meta.migrations === now.migrations
    );
  } catch {
    return false;
  }
}

/**
 * The template's bytes, or undefined when there is none made from the installed PGlite and the current
 * migrations (a changed migration would otherwise count as applied in every new store).
 */
export function readTemplate(file: string = TEMPLATE_FILE): Blob | undefined {
  return templateIsCurrent(file) ? new Blob([readFileSync(file)]) : undefined;
}

/**
 * Copies the template's directory to `pgdata` (which must not exist or be empty); false when there is no
 * current template. Plain file copies: nothing passes through PGlite's WebAssembly heap.
 */
export function copyTemplate(pgdata: string, file: string = TEMPLATE_FILE): boolean {
  if (!templateIsCurrent(file)) return false;
  cpSync(templateDirOf(file), pgdata, { recursive: true });
  return true;
}

/**
 * Makes the template: a cluster on disk with every migration applied, checkpointed, dumped as a gzipped
 * tarball, then closed. Both are made under temporary names and renamed, and the description that makes them
 * count is written last, so a reader never sees half a template.
 */
export async function buildTemplate(file: string = TEMPLATE_FILE): Promise<void> {
  const dir = templateDirOf(file);
  rmSync(metaFile(file), { force: true });
  rmSync(`${dir}.tmp`, { recursive: true, force: true });
  mkdirSync(dirname(file), { recursive: true });
  const client = await PGlite.create(`${dir}.tmp`, { startParams: [...PGLITE_START_PARAMS] });
  try {
    await applyMigrations(drizzle(client, { schema }) as unknown as Db);
    await client.exec('CHECKPOINT');
    const dump = await client.dumpDataDir('gzip');
    writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await client.close();
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(`${dir}.tmp`, dir);
  renameSync(`${file}.tmp`, file);
  writeFileSync(metaFile(file), `${JSON.stringify(currentMeta())}\n`);
}
