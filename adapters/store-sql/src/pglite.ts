/**
 * `@agentflow/store-sql/pglite`: the embedded store. PostgreSQL compiled to WebAssembly, in this process, on a
 * data directory (`<dataDir>/pgdata`) owned by one process at a time (`<dataDir>/agentflow.lock`).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AgentFlowError } from '@agentflow/protocol';
import { PGlite, parse, protocol } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Db } from './db.js';
import { acquireDirLock, type DirLock } from './dir-lock.js';
import type { GroupCommitOptions } from './group.js';
import { applyMigrations } from './migrate.js';
import { copyTemplate, PGLITE_START_PARAMS, readTemplate, TEMPLATE_FILE } from './pglite-template.js';
import type { Param, RawDb, Statement } from './raw.js';
import * as schema from './schema.js';
import { assembleSqlStore, type SqlStore } from './sql-store.js';
import { limitWasmCompilation } from './wasm-compilation.js';

export type { SqlStore } from './sql-store.js';

export interface PgliteStoreOptions {
  /** Data directory (the runtime passes its config's `dataDir`). (Default: `.agentflow`) */
  dataDir?: string;
  /** Keep everything in memory (tests); no directory, no lock. (Default: false) */
  inMemory?: boolean;
  groupCommit?: GroupCommitOptions;
  /**
   * Where a new database is copied from (`pglite-template.ts`); `false` runs initdb instead.
   * (Default: the template the build made, when it matches the installed PGlite and the migrations)
   */
  template?: string | false;
}

/** Subdirectory of the data directory that holds PostgreSQL's files. */
export const PGDATA = 'pgdata';

/**
 * Present while a new database is being created (loaded from the template or by initdb, then migrated): a
 * process killed then leaves it, and the next open starts the creation again instead of opening half a cluster.
 */
const CREATING = 'pgdata.creating';

export function resolveDataDir(dataDir?: string): string {
  return resolve(dataDir ?? '.agentflow');
}

export async function createPgliteStore(options: PgliteStoreOptions = {}): Promise<SqlStore> {
  let lock: DirLock | undefined;
  let client: PGlite;
  let created: string | undefined;
  const template = options.template === false ? undefined : (options.template ?? TEMPLATE_FILE);
  limitWasmCompilation();
  if (options.inMemory) {
    const loadDataDir = template === undefined ? undefined : readTemplate(template);
    client = await PGlite.create({ startParams: [...PGLITE_START_PARAMS], loadDataDir });
  } else {
    const dir = resolveDataDir(options.dataDir);
    mkdirSync(dir, { recursive: true });
    lock = acquireDirLock(dir);
    try {
      ({ client, created } = await openDataDir(dir, template));
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  const migrate = () => applyMigrations(db);
  const raw = pgliteRaw(client);
  try {
    await migrate();
    if (created) rmSync(created, { force: true });
  } catch (error) {
    await client.close().catch(() => {});
    lock?.release();
    throw error;
  }
  return assembleSqlStore({
    driver: 'pglite',
    schema: 'public',
    db,
    raw,
    migrate,
    groupCommit: options.groupCommit,
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  });
}

/**
 * Prepared statements on PGlite's one connection: `PREPARE` once, then bound and executed at the protocol level
 * with the statement's parameters as bind values (never spliced into SQL text). One message, Bind + Describe
 * (portal, for the row types) + Execute + Sync, crosses into the WebAssembly module once; PGlite's own `query`
 * sends Parse, Describe, Bind, Describe, Execute and Sync one crossing each and plans the statement again every
 * time. Like `exec` and `query`, a run waits for any transaction in progress on the connection and then holds it.
 */
export function pgliteRaw(client: PGlite): RawDb {
  const prepared = new Map<string, Promise<unknown>>();
  function prepare(s: Statement): Promise<unknown> {
    let ready = prepared.get(s.name);
    if (!ready) {
      ready = client.exec(`PREPARE ${s.name}(${s.types.join(', ')}) AS ${s.text}`);
      ready.catch(() => prepared.delete(s.name));
      prepared.set(s.name, ready);
    }
    return ready;
  }
  const execute = (message: Uint8Array) =>
    client._runExclusiveTransaction(() => client._runExclusiveQuery(() => client.execProtocol(message)));
  return {
    async run<T>(s: Statement, params: readonly Param[]) {
      await prepare(s);
      const { messages } = await execute(bindAndExecute(s.name, params));
      return (parse.parseResults(messages, client.parsers)[0]?.rows ?? []) as T[];
    },
    async query<T>(text: string, params: readonly Param[]) {
      return (await client.query<T>(text, params as Param[])).rows;
    },
  };
}

/** Describe (portal), Execute and Sync: the same bytes after every Bind (copied: the serializer reuses its buffer). */
const AFTER_BIND = concatBytes([
  protocol.serialize.describe({ type: 'P' }).slice(),
  protocol.serialize.execute({}).slice(),
  protocol.serialize.sync().slice(),
]);

/**
 * The protocol message that runs prepared statement `name` with `params` (text format; null is SQL NULL): Bind
 * (unnamed portal, no format codes: every parameter and result column as text), then `AFTER_BIND`. Written here
 * with the native UTF-8 encoder into one buffer: PGlite's serializer grows a buffer as it writes each string, which
 * took ~60 ms on this thread for a commit carrying 3 MB of JSON (this takes ~5).
 */
export function bindAndExecute(name: string, params: readonly Param[]): Uint8Array {
  const values = params.map((p) => (p === null ? null : typeof p === 'string' ? p : String(p)));
  // UTF-8 takes at most 3 bytes per UTF-16 unit; the message is cut to its length at the end.
  let bound = 1 + 4 + 1 + name.length * 3 + 1 + 2 + 2 + 2;
  for (const v of values) bound += 4 + (v === null ? 0 : v.length * 3);
  const out = new Uint8Array(bound + AFTER_BIND.length);
  const view = new DataView(out.buffer);
  out[0] = 0x42; // 'B'
  let at = 5;
  out[at++] = 0; // the unnamed portal
  at += utf8.encodeInto(name, out.subarray(at)).written;
  out[at++] = 0;
  view.setInt16(at, 0); // parameter format codes: none, all text
  view.setInt16(at + 2, values.length);
  at += 4;
  for (const v of values) {
    if (v === null) {
      view.setInt32(at, -1);
      at += 4;
      continue;
    }
    const { written } = utf8.encodeInto(v, out.subarray(at + 4));
    view.setInt32(at, written);
    at += 4 + written;
  }
  view.setInt16(at, 0); // result format codes: none, all text
  at += 2;
  view.setInt32(1, at - 1);
  out.set(AFTER_BIND, at);
  return out.slice(0, at + AFTER_BIND.length);
}

const utf8 = new TextEncoder();

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

async function openDataDir(
  dir: string,
  template: string | undefined,
): Promise<{ client: PGlite; created?: string }> {
  const pgdata = join(dir, PGDATA);
  const creating = join(dir, CREATING);
  if (existsSync(creating)) rmSync(pgdata, { recursive: true, force: true });
  const fresh = !existsSync(pgdata) || readdirSync(pgdata).length === 0;
  if (!fresh && !existsSync(join(pgdata, 'PG_VERSION'))) {
    throw new AgentFlowError(
      'AF_VALIDATION',
      `${pgdata} exists but is not a PostgreSQL data directory; AgentFlow will not overwrite it. Move it away or ` +
        `point AGENTFLOW_DATA_DIR at another directory.`,
      { details: { dataDir: dir } },
    );
  }
  try {
    if (fresh) {
      writeFileSync(creating, '');
      if (template !== undefined) copyTemplate(pgdata, template);
    }
    const client = await PGlite.create(pgdata, { startParams: [...PGLITE_START_PARAMS] });
    return fresh ? { client, created: creating } : { client };
  } catch (error) {
    throw new AgentFlowError(
      'AF_INTERNAL',
      `could not open the embedded database in ${pgdata} (${(error as Error)?.message ?? error}). It may be ` +
        `damaged or written by an incompatible version: restore it from a backup (agentflow restore) or move it ` +
        `away to start empty.`,
      { cause: error, details: { dataDir: dir } },
    );
  }
}

export { backupDataDir, restoreDataDir } from './backup.js';
