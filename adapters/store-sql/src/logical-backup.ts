/**
 * Logical backup and restore: every table of the store's schema as JSON rows, gzip'd, one line per row. Portable
 * (PostgreSQL and the embedded PGlite both read and write it, across machines and PostgreSQL versions), taken in
 * one REPEATABLE READ, READ ONLY transaction (a consistent snapshot while the server runs), and restored only into
 * an empty database, in foreign-key order, in one transaction.
 *
 * Format (`agentflow.backup`, version 1), lines of JSON:
 * - a header `{format, version, createdAt, migration, tables: [{name, rows}]}`;
 * - per table, `#table <name>` then one line per row: PostgreSQL's own `to_jsonb(row)` text. Rows never pass
 *   through JavaScript numbers (bigints keep every digit); on restore PostgreSQL parses them back
 *   (`jsonb_populate_recordset`), so timestamps, jsonb and bytea round-trip exactly.
 *
 * Migrations are not in the backup: restore applies the current ones first, refuses a backup made by a newer
 * AgentFlow, and fills columns a newer schema added with their defaults.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { AgentFlowError } from '@agentflow/protocol';
import { sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { MIGRATIONS_TABLE, migrationsSchemaFor } from './migrate.js';

export const BACKUP_FORMAT = 'agentflow.backup';
const BATCH_ROWS = 500;

export interface LogicalBackupHeader {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  /** `created_at` of the last migration applied to the backed-up database. */
  migration: number;
  tables: { name: string; rows: number }[];
}

export interface LogicalBackupOptions {
  /** The PostgreSQL schema the store's tables live in. (Default: public) */
  schema?: string;
}

type Row = Record<string, unknown>;

async function rows<T extends Row>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The store's tables in an order where every table comes after the tables its foreign keys point at. */
async function tablesInOrder(db: Db, schema: string): Promise<string[]> {
  const tables = (
    await rows<{ name: string }>(
      db,
      sql`select table_name as name from information_schema.tables
          where table_schema = ${schema} and table_type = 'BASE TABLE' and table_name <> ${MIGRATIONS_TABLE}
          order by table_name`,
    )
  ).map((r) => r.name);
  const edges = await rows<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = ${schema}`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) if (e.child !== e.parent) parents.get(e.child)?.add(e.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.find((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (next === undefined) throw new AgentFlowError('AF_INTERNAL', 'foreign keys form a cycle');
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}

async function lastMigration(db: Db, schema: string): Promise<number> {
  const table = `${ident(migrationsSchemaFor(schema))}.${ident(MIGRATIONS_TABLE)}`;
  const [exists] = await rows<{ ok: boolean }>(db, sql`select to_regclass(${table}) is not null as ok`);
  if (!exists?.ok) {
    throw new AgentFlowError(
      'AF_NOT_FOUND',
      `schema ${schema} holds no AgentFlow database (no migrations applied)`,
    );
  }
  const [row] = await rows<{ at: string | number | null }>(
    db,
    sql.raw(`select max(created_at)::text as at from ${table}`),
  );
  return Number(row?.at ?? 0);
}

/**
 * Writes a logical backup of the store on `db` to `file` (through a temporary file, renamed when complete).
 * Returns the header written.
 */
export async function writeLogicalBackup(
  db: Db,
  file: string,
  options: LogicalBackupOptions = {},
): Promise<LogicalBackupHeader & { bytes: number }> {
  const schema = options.schema ?? 'public';
  const partial = `${file}.partial`;
  const gzip = createGzip();
  // The file's errors (no such directory, disk full) reject `written` and stop the writing below.
  const written = pipeline(gzip, createWriteStream(partial));
  let failure: unknown;
  written.catch((error: unknown) => {
    failure = error;
  });
  const write = async (line: string) => {
    if (failure) throw failure;
    if (!gzip.write(`${line}\n`)) await Promise.race([once(gzip, 'drain'), written]);
    if (failure) throw failure;
  };
  let header: LogicalBackupHeader | undefined;
  try {
    await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await tx.execute(sql.raw('set transaction isolation level repeatable read, read only'));
      const tables = await tablesInOrder(tx, schema);
      const counts: { name: string; rows: number }[] = [];
      for (const name of tables) {
        const [c] = await rows<{ n: string }>(
          tx,
          sql.raw(`select count(*)::text as n from ${ident(schema)}.${ident(name)}`),
        );
        counts.push({ name, rows: Number(c?.n ?? 0) });
      }
      header = {
        format: BACKUP_FORMAT,
        version: 1,
        createdAt: new Date().toISOString(),
        migration: await lastMigration(tx, schema),
        tables: counts,
      };
      await write(JSON.stringify(header));
      for (const name of tables) {
        await write(`#table ${name}`);
        // A cursor reads the table once, in batches (no OFFSET rescans), from the transaction's snapshot.
        const qualified = `${ident(schema)}.${ident(name)}`;
        await tx.execute(
          sql.raw(`declare af_backup no scroll cursor for select to_jsonb(t)::text as j from ${qualified} t`),
        );
        for (;;) {
          const batch = await rows<{ j: string }>(tx, sql.raw(`fetch forward ${BATCH_ROWS} from af_backup`));
          for (const r of batch) await write(r.j);
          if (batch.length < BATCH_ROWS) break;
        }
        await tx.execute(sql.raw('close af_backup'));
      }
    });
    gzip.end();
    await written;
    await rename(partial, file);
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
  const { size } = await stat(file);
  return { ...header!, bytes: size };
}

/** Whether `file` is a logical backup (a gzip'd header line of this format). */
export async function isLogicalBackup(file: string): Promise<boolean> {
  try {
    const first = await firstLine(file);
    return first !== undefined && (JSON.parse(first) as { format?: unknown }).format === BACKUP_FORMAT;
  } catch {
    return false;
  }
}

async function firstLine(file: string): Promise<string | undefined> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  try {
    for await (const line of lines) return line;
    return undefined;
  } finally {
    lines.close();
  }
}

/**
 * Loads a logical backup into the store on `db`, whose migrations must already be applied and whose tables must
 * all be empty (AF_CONFLICT naming a table that is not, nothing changed). Everything is written in one
 * transaction: a failure leaves the database as it was.
 */
export async function restoreLogicalBackup(
  db: Db,
  file: string,
  options: LogicalBackupOptions = {},
): Promise<{ tables: number; rows: number }> {
  const schema = options.schema ?? 'public';
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async () => {
    const r = await iterator.next();
    return r.done ? undefined : r.value;
  };
  let total = 0;
  let tablesDone = 0;
  try {
    const headerLine = await next().catch((error: Error) => {
      throw new AgentFlowError('AF_VALIDATION', `${file} is not an AgentFlow backup (${error.message})`);
    });
    let header: LogicalBackupHeader;
    try {
      header = JSON.parse(headerLine ?? '') as LogicalBackupHeader;
    } catch {
      throw new AgentFlowError('AF_VALIDATION', `${file} is not an AgentFlow logical backup`);
    }
    if (header.format !== BACKUP_FORMAT || header.version !== 1) {
      throw new AgentFlowError('AF_VALIDATION', `${file} is not an AgentFlow logical backup (version 1)`);
    }
    await db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const current = await lastMigration(tx, schema);
      if (header.migration > current) {
        throw new AgentFlowError(
          'AF_VALIDATION',
          `${file} was made by a newer AgentFlow (its database has migrations this version lacks); upgrade first`,
        );
      }
      const known = new Set(await tablesInOrder(tx, schema));
      for (const { name } of header.tables) {
        if (!known.has(name)) {
          throw new AgentFlowError('AF_VALIDATION', `${file} holds table ${name}, which this database lacks`);
        }
        const [c] = await rows<{ n: string }>(
          tx,
          sql.raw(`select count(*)::text as n from ${ident(schema)}.${ident(name)}`),
        );
        if (Number(c?.n ?? 0) > 0) {
          throw new AgentFlowError(
            'AF_CONFLICT',
            `the database is not empty (${name} has ${c?.n} rows); restore into an empty database (nothing was changed)`,
          );
        }
      }
      let line = await next();
      while (line !== undefined) {
        const table = line.startsWith('#table ') ? line.slice('#table '.length) : undefined;
        if (table === undefined || !known.has(table)) {
          throw new AgentFlowError('AF_VALIDATION', `${file} is damaged (expected a table line)`);
        }
        const columns = await insertableColumns(tx, schema, table);
        const before = total;
        let batch: string[] = [];
        const flush = async () => {
          if (batch.length === 0) return;
          await insertBatch(tx, schema, table, columns, batch);
          total += batch.length;
          batch = [];
        };
        line = await next();
        while (line !== undefined && !line.startsWith('#table ')) {
          batch.push(line);
          if (batch.length >= BATCH_ROWS) await flush();
          line = await next();
        }
        await flush();
        const expected = header.tables.find((t) => t.name === table)?.rows;
        if (expected !== total - before) {
          throw new AgentFlowError(
            'AF_VALIDATION',
            `${file} is damaged: ${table} holds ${total - before} rows, its header says ${expected}`,
          );
        }
        await resetIdentities(tx, schema, table);
        tablesDone++;
      }
      if (tablesDone !== header.tables.length) {
        throw new AgentFlowError(
          'AF_VALIDATION',
          `${file} is damaged: ${tablesDone} of its ${header.tables.length} tables are in it`,
        );
      }
    });
  } finally {
    lines.close();
    input.destroy();
  }
  return { tables: tablesDone, rows: total };
}

interface Column {
  name: string;
  identity: boolean;
}

/** Columns a row may set: every column but generated ones (identity columns are set, overriding). */
async function insertableColumns(db: Db, schema: string, table: string): Promise<Column[]> {
  const cols = await rows<{ name: string; generated: string; identity: string }>(
    db,
    sql`select column_name as name, is_generated as generated, is_identity as identity
        from information_schema.columns where table_schema = ${schema} and table_name = ${table}
        order by ordinal_position`,
  );
  return cols
    .filter((c) => c.generated !== 'ALWAYS')
    .map((c) => ({ name: c.name, identity: c.identity === 'YES' }));
}

async function insertBatch(db: Db, schema: string, table: string, columns: Column[], batch: string[]) {
  const qualified = `${ident(schema)}.${ident(table)}`;
  // Only the columns the backup has: a column added since keeps its default.
  const keys = new Set<string>();
  for (const line of batch) for (const key of Object.keys(JSON.parse(line) as object)) keys.add(key);
  const present = columns.filter((c) => keys.has(c.name));
  const list = present.map((c) => ident(c.name)).join(', ');
  const overriding = present.some((c) => c.identity) ? ' overriding system value' : '';
  const json = `[${batch.join(',')}]`;
  await db.execute(
    sql`${sql.raw(`insert into ${qualified} (${list})${overriding} select ${list} from jsonb_populate_recordset(null::${qualified}, `)}${json}::jsonb)`,
  );
}

async function resetIdentities(db: Db, schema: string, table: string): Promise<void> {
  const qualified = `${ident(schema)}.${ident(table)}`;
  const identities = await rows<{ name: string }>(
    db,
    sql`select column_name as name from information_schema.columns
        where table_schema = ${schema} and table_name = ${table} and is_identity = 'YES'`,
  );
  for (const { name } of identities) {
    await db.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('${qualified.replaceAll("'", "''")}', '${name.replaceAll("'", "''")}'), ` +
          `coalesce(max(${ident(name)}), 1), max(${ident(name)}) is not null) from ${qualified}`,
      ),
    );
  }
}
