import { randomUUID } from 'node:crypto';
import { createToolRegistry, silentLogger, type ToolCallContext } from '@agentflow/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlQueryTool, firstKeyword, isWriteStatement } from './sql-query.js';

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) {
  console.warn(
    'sql-query.int.test.ts: skipped, DATABASE_URL is not set (e.g. postgres://root@127.0.0.1:5432/test)',
  );
}

const ctx = (signal = new AbortController().signal): ToolCallContext => ({
  signal,
  idempotencyKey: 'exec:sql:0',
  logger: silentLogger,
  executionId: 'exec',
});

describe('firstKeyword', () => {
  it('skips comments, whitespace and parentheses', () => {
    expect(firstKeyword('  -- hi\n /* x */ (SELECT 1)')).toBe('select');
    expect(firstKeyword('/* a */ insert into t values (1)')).toBe('insert');
    expect(firstKeyword('')).toBe('');
  });

  it('isWriteStatement: DML, and WITH naming one', () => {
    expect(isWriteStatement('/* x */ INSERT INTO t VALUES (1)')).toBe(true);
    expect(isWriteStatement('merge into t using s on true when matched then delete')).toBe(true);
    expect(isWriteStatement('WITH d AS (DELETE FROM t RETURNING id) SELECT * FROM d')).toBe(true);
    expect(isWriteStatement('WITH a AS (SELECT 1) SELECT * FROM a')).toBe(false);
    expect(isWriteStatement('SELECT 1')).toBe(false);
    expect(isWriteStatement('DROP TABLE t')).toBe(false);
  });
});

describe.skipIf(!DATABASE_URL)('sql_query against PostgreSQL (DATABASE_URL)', () => {
  const schema = `af_tools_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  let admin: pg.Client;
  let pool: pg.Pool;
  let tools: ReturnType<typeof createToolRegistry>;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`CREATE TABLE ${schema}.items (id int PRIMARY KEY, name text, created timestamptz)`);
    await admin.query(`CREATE SEQUENCE ${schema}.seq`);
    await admin.query(
      `INSERT INTO ${schema}.items SELECT g, 'item-' || g, timestamptz '2024-01-01T00:00:00Z' FROM generate_series(1, 50) g`,
    );
    pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
    tools = createToolRegistry([createSqlQueryTool({ pool, maxRows: 20, statementTimeoutMs: 300 })]);
  });
  afterAll(async () => {
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
    await pool?.end();
  });

  const call = (input: unknown) => tools.call('sql_query', input, ctx());

  it('reads rows with parameters, as JSON', async () => {
    const result = await call({
      sql: `SELECT id, name, created FROM ${schema}.items WHERE id <= $1 ORDER BY id`,
      params: [2],
    });
    expect(result).toEqual({
      ok: true,
      output: {
        rows: [
          { id: 1, name: 'item-1', created: '2024-01-01T00:00:00.000Z' },
          { id: 2, name: 'item-2', created: '2024-01-01T00:00:00.000Z' },
        ],
        rowCount: 2,
        truncated: false,
        fields: [
          { name: 'id', dataTypeId: 23 },
          { name: 'name', dataTypeId: 25 },
          { name: 'created', dataTypeId: 1184 },
        ],
      },
    });
  });

  it('caps the rows and says so', async () => {
    const capped = await call({ sql: `SELECT id FROM ${schema}.items ORDER BY id` });
    expect(capped.ok && capped.output).toMatchObject({ rowCount: 20, truncated: true });
    const fewer = await call({ sql: `SELECT id FROM ${schema}.items ORDER BY id`, maxRows: 5 });
    expect(fewer.ok && fewer.output).toMatchObject({ rowCount: 5, truncated: true });
  });

  it.each([
    [`INSERT INTO {s}.items VALUES (100, 'x', now())`],
    [`UPDATE {s}.items SET name = 'changed'`],
    [`DELETE FROM {s}.items`],
    [`CREATE TABLE {s}.other (id int)`],
    [`DROP TABLE {s}.items`],
    [`TRUNCATE {s}.items`],
    [`COPY (SELECT 1) TO PROGRAM 'touch /tmp/af-sql-pwned'`],
    [`SELECT 1; DROP TABLE {s}.items`],
    [`SELECT 1; COMMIT; DELETE FROM {s}.items`],
    [`WITH gone AS (DELETE FROM {s}.items RETURNING id) SELECT count(*) FROM gone`],
    [`SELECT nextval('{s}.seq')`],
    [`SELECT * INTO {s}.copy FROM {s}.items`],
    [`EXPLAIN ANALYZE DELETE FROM {s}.items`],
    [`/* comment */ (INSERT INTO {s}.items VALUES (101, 'y', now()))`],
  ])('refuses the write %s', async (template) => {
    const result = await call({ sql: template.replaceAll('{s}', schema) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('AF_TOOL_ERROR');
    const { rows } = await admin.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE name LIKE 'item-%')::int AS named FROM ${schema}.items`,
    );
    expect(rows[0]).toEqual({ n: 50, named: 50 });
    const tables = await admin.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1`,
      [schema],
    );
    expect(tables.rows[0].n).toBe(1);
  });

  it('ends a slow query at the statement timeout', async () => {
    const result = await call({ sql: 'SELECT pg_sleep(5)' });
    expect(result).toMatchObject({ ok: false, error: { code: 'AF_TIMEOUT' } });
  });

  it('reports SQL errors and bad input as tool errors, and keeps working', async () => {
    const bad = await call({ sql: 'SELECT * FROM no_such_table_anywhere' });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'AF_TOOL_ERROR', details: { sqlState: '42P01' } },
    });
    expect(await call({ query: 'SELECT 1' })).toMatchObject({
      ok: false,
      error: { details: { phase: 'input' } },
    });
    expect(await call({ sql: 'SELECT 1 AS one' })).toMatchObject({
      ok: true,
      output: { rows: [{ one: 1 }] },
    });
  });

  describe('with allowWrites', () => {
    let writer: ReturnType<typeof createToolRegistry>;
    beforeAll(async () => {
      await admin.query(`CREATE TABLE ${schema}.log (id serial PRIMARY KEY, note text, key text)`);
      writer = createToolRegistry([
        createSqlQueryTool({ pool, maxRows: 20, statementTimeoutMs: 300, allowWrites: true }),
      ]);
    });
    const write = (input: { sql: string; params?: unknown[] }) => writer.call('sql_query', input, ctx());

    it('commits a parameterized write with the idempotency key, and marks it a side effect', async () => {
      const sql = `INSERT INTO ${schema}.log (note, key) VALUES ($1, current_setting('agentflow.idempotency_key')) RETURNING id, note, key`;
      expect(await writer.sideEffect!('sql_query', { sql })).toBe(true);
      expect(await writer.sideEffect!('sql_query', { sql: `SELECT * FROM ${schema}.log` })).toBe(false);
      const result = await write({ sql, params: ['hello'] });
      expect(result).toMatchObject({
        ok: true,
        output: { rows: [{ note: 'hello', key: 'exec:sql:0' }], affectedRows: 1 },
      });
      const { rows } = await admin.query(`SELECT note, key FROM ${schema}.log`);
      expect(rows).toEqual([{ note: 'hello', key: 'exec:sql:0' }]);
    });

    it.each([
      [`DROP TABLE {s}.log`],
      [`TRUNCATE {s}.log`],
      [`INSERT INTO {s}.log (note) VALUES ('a'); DROP TABLE {s}.items`],
      [`SELECT nextval('{s}.seq')`],
    ])('still refuses %s', async (template) => {
      const result = await write({ sql: template.replaceAll('{s}', schema) });
      expect(result.ok).toBe(false);
      const tables = await admin.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1`,
        [schema],
      );
      expect(tables.rows[0].n).toBe(2);
    });
  });
});
