/**
 * The SQL analyst gallery template against real PostgreSQL (DATABASE_URL): its script's query runs through
 * `sql_query` in a read-only transaction on a sample `orders` table, and the rows reach the model. A write the
 * model might try is refused by the database (read-only), and the table is unchanged.
 */
import { randomUUID } from 'node:crypto';
import { createEngine } from '@agentflow/core';
import { createScriptedProvider, type Script } from '@agentflow/testing';
import { type AgentFlowToolHost, createToolHost } from '@agentflow/tools';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryTemplate, runTemplate, toolResults } from '../test-support/gallery.js';

const DATABASE_URL = process.env.DATABASE_URL;

describe.skipIf(!DATABASE_URL)('gallery: SQL analyst on PostgreSQL (DATABASE_URL)', () => {
  const schema = `af_gallery_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  let admin: pg.Client;
  let pool: pg.Pool;
  let tools: AgentFlowToolHost;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`CREATE TABLE ${schema}.orders (id int PRIMARY KEY, region text, amount numeric)`);
    await admin.query(
      `INSERT INTO ${schema}.orders VALUES (1, 'North', 700), (2, 'South', 450), (3, 'North', 500)`,
    );
    pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2, options: `-c search_path=${schema}` });
    tools = createToolHost({ builtins: { sqlQuery: { pool } } });
  });
  afterAll(async () => {
    await tools?.close();
    await pool?.end();
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
  });

  it('queries the database with sql_query and answers from the rows', async () => {
    const { result, provider } = await runTemplate(galleryTemplate('gallery-sql-analyst'), tools);
    expect(result.output).toContain('North sold the most (1,200)');
    expect(provider.calls).toHaveLength(2);
    expect(provider.calls[0]!.tools?.map((s) => s.name)).toEqual(['sql_query']);
    const seen = toolResults(provider.calls[1]);
    expect(seen).toContain('"region":"North","total":1200');
    expect(seen).toContain('"region":"South","total":450');
  });

  it('is read-only: a write the model asks for fails in the database and changes nothing', async () => {
    const t = galleryTemplate('gallery-sql-analyst');
    const script = {
      replies: [
        { toolCalls: [{ name: 'sql_query', input: { sql: 'delete from orders' } }] },
        'I could not change the data.',
      ],
    };
    const provider = createScriptedProvider(script as Script);
    const engine = createEngine({ models: provider, tools });
    const result = await engine.run({ name: t.name, ...t.workflow }, t.sampleInput);
    await engine.close();
    expect(result.status).toBe('succeeded');
    expect(toolResults(provider.calls[1])).toMatch(/read-only/);
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${schema}.orders`)).rows[0].n).toBe(3);
  });
});
