/**
 * A pre-made empty database for the embedded store, and the PostgreSQL settings it runs with.
 *
 * Creating a PGlite cluster runs `initdb` in a second WebAssembly instance: 2-3 s on an idle machine, 10 s and
 * more under load, and the memory it grows to (~500 MB) stays with the process. So the build makes one empty
 * cluster with every migration applied (`template/pgdata.tar.gz`, from `dumpDataDir`), and a fresh data
 * directory (or an in-memory store) is loaded from it: ~0.4-1 s, and the process keeps only what the running
 * database needs. Without the file (a build that skipped it, another PGlite version), stores are created the
 * slow way, as before. The template holds no secret and no identity: users, workspaces and keys are created
 * afterwards in each data directory, and the one thing copies share, the cluster's system identifier, only
 * matters to physical replication, which PGlite does not do.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Db } from './db.js';
import { applyMigrations, MIGRATIONS_FOLDER } from './migrate.js';
import * as schema from './schema.js';

/** Where the build puts the template (`../template`, next to both `src` and `dist`). */
export const TEMPLATE_FILE = fileURLToPath(new URL('../template/pgdata.tar.gz', import.meta.url));

/**
 * PostgreSQL's start parameters: PGlite's own, with `shared_buffers` at 16 MB instead of 128 MB. The buffers live
 * in the WebAssembly heap, which never shrinks; an embedded store's working set (recent executions and their
 * steps) fits many times over, and reads past it come from the OS page cache, not the disk.
 */
export const PGLITE_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=16MB',
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
    return existsSync(file) && meta.pglite === now.pglite && meta.migrations === now.migrations;
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
 * Makes the template: an in-memory cluster with every migration applied, dumped as a gzipped tarball. Written
 * under a temporary name and renamed, so a reader never sees half a file.
 */
export async function buildTemplate(file: string = TEMPLATE_FILE): Promise<void> {
  const client = await PGlite.create({ startParams: [...PGLITE_START_PARAMS] });
  try {
    await applyMigrations(drizzle(client, { schema }) as unknown as Db);
    await client.exec('CHECKPOINT');
    const dump = await client.dumpDataDir('gzip');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
    renameSync(`${file}.tmp`, file);
    writeFileSync(metaFile(file), `${JSON.stringify(currentMeta())}\n`);
  } finally {
    await client.close();
  }
}
