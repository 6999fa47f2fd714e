/**
 * The embedded store's template database: a new store made from it is the same as one made by initdb plus the
 * migrations; a template from another PGlite version or older migrations is not used; a creation killed half
 * way is started again; PostgreSQL runs with the smaller shared buffers.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from './db.js';
import { createPgliteStore, PGDATA, type SqlStore } from './pglite.js';
import { buildTemplate, readTemplate, templateIsCurrent } from './pglite-template.js';

const root = mkdtempSync(join(tmpdir(), 'agentflow-template-'));
const template = join(root, 'template', 'pgdata.tar.gz');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What a store's database holds that a template could get wrong: tables, columns, applied migrations. */
async function shape(store: SqlStore): Promise<unknown> {
  const columns = await rows(
    store.db,
    sql`select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public' order by table_name, column_name`,
  );
  const migrations = await rows(store.db, sql`select hash from drizzle.__drizzle_migrations order by id`);
  const sharedBuffers = await rows(
    store.db,
    sql`select setting from pg_settings where name = 'shared_buffers'`,
  );
  return { columns, migrations, sharedBuffers };
}

describe('the embedded database template', () => {
  beforeAll(async () => {
    await buildTemplate(template);
  }, 120_000);

  it('makes a store identical to one made by initdb and the migrations, in memory and on disk', async () => {
    expect(templateIsCurrent(template)).toBe(true);
    const slow = await createPgliteStore({ inMemory: true, template: false });
    const fromTemplate = await createPgliteStore({ inMemory: true, template });
    const dir = join(root, 'data');
    const onDisk = await createPgliteStore({ dataDir: dir, template });
    try {
      const expected = await shape(slow);
      expect((expected as { migrations: unknown[] }).migrations.length).toBeGreaterThan(3);
      // 16 MB of 8 kB pages: the buffers live in a WebAssembly heap that never shrinks.
      expect((expected as { sharedBuffers: unknown }).sharedBuffers).toEqual([{ setting: '2048' }]);
      expect(await shape(fromTemplate)).toEqual(expected);
      expect(await shape(onDisk)).toEqual(expected);
      expect(existsSync(join(dir, 'pgdata.creating'))).toBe(false);
    } finally {
      await Promise.all([slow.close(), fromTemplate.close(), onDisk.close()]);
    }
    // And it opens again as an existing directory, with what was written.
    const again = await createPgliteStore({ dataDir: dir, template });
    try {
      expect(await shape(again)).toBeTruthy();
    } finally {
      await again.close();
    }
  }, 120_000);

  it('is not used when made by another PGlite version or from other migrations', () => {
    const meta = `${template}.json`;
    const current = readFileSync(meta, 'utf8');
    try {
      const parsed = JSON.parse(current) as { pglite: string; migrations: string };
      writeFileSync(meta, JSON.stringify({ ...parsed, pglite: '0.0.1' }));
      expect(readTemplate(template)).toBeUndefined();
      writeFileSync(meta, JSON.stringify({ ...parsed, migrations: 'an older set' }));
      expect(readTemplate(template)).toBeUndefined();
    } finally {
      writeFileSync(meta, current);
    }
    expect(readTemplate(template)).toBeInstanceOf(Blob);
    expect(readTemplate(join(root, 'missing.tar.gz'))).toBeUndefined();
  });

  it('starts a creation that a killed process left half done again', async () => {
    const dir = join(root, 'half');
    mkdirSync(join(dir, PGDATA), { recursive: true });
    // What a kill during the tarball's extraction leaves: a cluster that looks like one and is not.
    writeFileSync(join(dir, PGDATA, 'PG_VERSION'), '18\n');
    writeFileSync(join(dir, 'pgdata.creating'), '');
    const store = await createPgliteStore({ dataDir: dir, template });
    try {
      expect(((await shape(store)) as { migrations: unknown[] }).migrations.length).toBeGreaterThan(3);
      expect(existsSync(join(dir, 'pgdata.creating'))).toBe(false);
    } finally {
      await store.close();
    }
  }, 120_000);
});
