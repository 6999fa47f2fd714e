import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type Runtime } from '@agentflow/runtime';
import { schema as tables } from '@agentflow/store-sql';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

/**
 * `agentflow backup` on PostgreSQL (DATABASE_URL): a logical backup of every table, restored by `agentflow restore`
 * into an empty database (a fresh schema), row for row; the restored store keeps working (identity sequences
 * continue); restoring over data is refused.
 */
const databaseUrl = process.env.DATABASE_URL;
const source = `cli_backup_src_${process.pid}`;
const target = `cli_backup_dst_${process.pid}`;
const damaged = `cli_backup_bad_${process.pid}`;
const key = Buffer.alloc(32, 3).toString('base64');

describe.skipIf(!databaseUrl)('agentflow backup and restore on PostgreSQL (needs DATABASE_URL)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'agentflow-cli-pg-backup-'));
  const file = join(tmp, 'pg.backup.gz');
  const envOf = (schema: string) => ({
    DATABASE_URL: databaseUrl!,
    AGENTFLOW_DB_SCHEMA: schema,
    AGENTFLOW_ENCRYPTION_KEY: key,
  });
  async function cli(argv: string[], schema: string) {
    const io = testIo({ cwd: tmp, env: envOf(schema) });
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  }
  async function withRuntime<T>(schema: string, use: (runtime: Runtime) => Promise<T>): Promise<T> {
    const runtime = await createRuntime({ env: envOf(schema), keyFiles: false });
    try {
      return await use(runtime);
    } finally {
      await runtime.close();
    }
  }
  const workflow = {
    name: 'backed up',
    agents: [
      { id: 'in', type: 'input' },
      { id: 'shout', type: 'transform', config: { expression: 'input + "!"' } },
      { id: 'out', type: 'output' },
    ],
    connections: [
      { id: 'c1', sourceAgentId: 'in', targetAgentId: 'shout' },
      { id: 'c2', sourceAgentId: 'shout', targetAgentId: 'out' },
    ],
  };

  async function dump(schema: string): Promise<Record<string, string[]>> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const names = (
        await client.query<{ name: string }>(
          `select table_name as name from information_schema.tables
           where table_schema = $1 and table_type = 'BASE TABLE' and table_name <> '__drizzle_migrations'`,
          [schema],
        )
      ).rows.map((r) => r.name);
      const out: Record<string, string[]> = {};
      for (const name of names.sort()) {
        const rows = await client.query<{ j: string }>(
          `select to_jsonb(t)::text as j from "${schema}"."${name}" t`,
        );
        out[name] = rows.rows.map((r) => r.j).sort();
      }
      return out;
    } finally {
      await client.end();
    }
  }

  afterAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const s of [source, target, damaged]) await client.query(`drop schema if exists "${s}" cascade`);
    await client.end();
  });

  it('backs up every table logically and restores it into an empty database, row for row', async () => {
    let workflowId = '';
    await withRuntime(source, async (runtime) => {
      await runtime.store.db.insert(tables.workspaces).values({ id: 'ws-backup', name: 'Backup team' });
      // More rows than one batch (500), to cross batch boundaries when writing and loading.
      await runtime.store.db
        .insert(tables.workspaces)
        .values(
          Array.from({ length: 1234 }, (_, i) => ({ id: `bulk-${i}`, name: `Bulk ${i} \u00e9\u{1F680}` })),
        );
      const created = await runtime.workflows.create(workflow as never, { workspaceId: 'ws-backup' });
      workflowId = created.id;
      for (const input of ['a', 'b']) {
        const { done } = await runtime.workflows.execute(created.id, input, { workspaceId: 'ws-backup' });
        expect((await done).output).toBe(`${input}!`);
      }
    });

    const made = await cli(['backup', file], source);
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(
      new RegExp(
        `^logical backup of PostgreSQL \\(schema ${source}; AgentFlow format, not pg_dump: \\d+ tables, \\d+ rows\\)`,
      ),
    );

    const restored = await cli(['restore', file], target);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toContain(`into PostgreSQL (schema ${target})`);
    const [before, after] = [await dump(source), await dump(target)];
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after).toEqual(before);
    expect(after.workflow_executions).toHaveLength(2);
    expect(after.workspaces).toHaveLength(1235);

    // The restored store works: identity columns continue after the restored rows.
    await withRuntime(target, async (runtime) => {
      const { done } = await runtime.workflows.execute(workflowId, 'c', { workspaceId: 'ws-backup' });
      expect(await done).toMatchObject({ status: 'succeeded', output: 'c!' });
      const page = await runtime.executions.list({ workspaceId: 'ws-backup' }, {});
      expect(page.items).toHaveLength(3);
    });

    // Restoring over data is refused, and changes nothing.
    const again = await cli(['restore', file], target);
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(
      /^agentflow: the database is not empty \(\w+ has \d+ rows\); restore into an empty database/,
    );
    expect(again.err).not.toMatch(/\n\s+at /);
  }, 180_000);

  it('refuses a truncated backup, restoring nothing; names an unwritable target and an unreachable server', async () => {
    const whole = readFileSync(file);
    const truncated = join(tmp, 'truncated.gz');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const r = await cli(['restore', truncated], damaged);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/^agentflow: restore failed: .*\n$/);
    const left = await dump(damaged);
    expect(Object.values(left).every((rows) => rows.length === 0)).toBe(true);

    const noDir = await cli(['backup', join(tmp, 'nowhere', 'x.gz')], source);
    expect(noDir.code).toBe(2);
    expect(noDir.err).toMatch(/^agentflow: cannot write .*x\.gz: the directory .*nowhere does not exist\n$/);
    const io = testIo({
      cwd: tmp,
      env: { ...envOf(source), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' },
    });
    expect(await main(['backup', join(tmp, 'y.gz')], io)).toBe(1);
    expect(io.err()).toMatch(/^agentflow: backup failed: .*ECONNREFUSED.*\n$/);
  });

  it('names a missing backup file in one line, exit 2', async () => {
    const missing = await cli(['restore', 'nope.gz'], target);
    expect(missing).toMatchObject({ code: 2, err: 'agentflow: cannot read backup nope.gz: no such file\n' });
  });
});
