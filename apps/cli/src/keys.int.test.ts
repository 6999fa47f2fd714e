import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { testIo } from './test-support/io.js';

/**
 * With PostgreSQL (DATABASE_URL), keys come from configuration only: without AGENTFLOW_ENCRYPTION_KEY every command
 * that opens the store stops with one clear line and a non-zero exit, and no key file appears anywhere (the
 * working directory stays empty). With the key it works, still writing no key file.
 */
const databaseUrl = process.env.DATABASE_URL;
const schema = `cli_keys_${process.pid}_${Date.now()}`;

describe.skipIf(!databaseUrl)('CLI keys on PostgreSQL (needs DATABASE_URL)', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'agentflow-cli-keys-'));
  const workflowDir = mkdtempSync(join(tmpdir(), 'agentflow-cli-keys-wf-'));
  const workflow = join(workflowDir, 'pass.json');
  const env = { DATABASE_URL: databaseUrl!, AGENTFLOW_DB_SCHEMA: schema };

  beforeAll(() => {
    writeFileSync(
      workflow,
      JSON.stringify({
        name: 'pass',
        agents: [
          { id: 'in', type: 'input' },
          { id: 'out', type: 'output' },
        ],
        connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'out' }],
      }),
    );
  });
  afterAll(async () => {
    rmSync(cwd, { recursive: true, force: true });
    rmSync(workflowDir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });

  async function cli(argv: string[], extra: Record<string, string> = {}) {
    const io = testIo({ cwd, env: { ...env, ...extra } });
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  }

  it('fails with a clear message and writes no key file when no encryption key is configured', async () => {
    for (const argv of [['migrate'], ['export'], ['run', workflow, '--durable', '-i', '"x"']]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).not.toBe(0);
      expect(r.err).toMatch(
        /^agentflow: AGENTFLOW_ENCRYPTION_KEY is not set: with PostgreSQL \(DATABASE_URL\)/,
      );
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(readdirSync(cwd)).toEqual([]);
    }
  });

  it('start needs a configured session secret too on PostgreSQL', async () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const r = await cli(['start', '--port', '0'], { AGENTFLOW_ENCRYPTION_KEY: key });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^agentflow: AGENTFLOW_JWT_SECRET is not set: with PostgreSQL \(DATABASE_URL\)/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('works with the key configured, still writing no key file', async () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const r = await cli(['run', workflow, '--durable', '-i', '"x"', '--json'], {
      AGENTFLOW_ENCRYPTION_KEY: key,
    });
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ status: 'succeeded', output: 'x' });
    expect(readdirSync(cwd)).toEqual([]);
  });
});
