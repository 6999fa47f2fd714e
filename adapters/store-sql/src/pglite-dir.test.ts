/**
 * The embedded store on a real data directory: upgrading a directory made by the first migration keeps its data;
 * one process at a time (checked with a real second process); a stale lock is taken over; a foreign directory is
 * refused. One PGlite data directory for the whole file.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeMessageRecord, makeStepRecord } from '@agentflow/testing';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from './db.js';
import { LOCK_FILE } from './dir-lock.js';
import { applyMigrations } from './migrate.js';
import { createPgliteStore, PGDATA } from './pglite.js';
import * as schema from './schema.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./open-pglite.fixture.ts', import.meta.url));

/** Opens the store on `dir` in a separate node process and returns what it printed. */
async function openInChild(
  dir: string,
): Promise<{ ok: boolean; code?: string; message?: string; executions?: number }> {
  const { stdout } = await run('npx', ['tsx', FIXTURE, dir], { cwd: ROOT, timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

/** A pid that is certainly dead: a child that has exited. */
async function deadPid(): Promise<number> {
  const { stdout } = await run(process.execPath, ['-e', 'console.log(process.pid)']);
  return Number(stdout.trim());
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'agentflow-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('PGlite data directory', () => {
  const dir = tempDir();

  it('upgrading a directory created by the first migration keeps its data', async () => {
    // Build the directory as release 0000 left it, with data in the old shape.
    const old = await PGlite.create(join(dir, PGDATA));
    const oldDb = drizzle(old, { schema }) as unknown as Db;
    await applyMigrations(oldDb, { only: 1 });
    await old.exec(`
      INSERT INTO workflows (id, name, definition) VALUES ('wf-old', 'old', '{"name":"old","agents":[]}');
      INSERT INTO workflow_versions (workflow_id, version, definition) VALUES ('wf-old', 1, '{"name":"old","agents":[]}');
      INSERT INTO workflow_executions (id, workflow_id, workflow_version, workflow, status, input, ready, step_count,
        created_at)
      VALUES ('x-old', 'wf-old', 1, '{"name":"old","agents":[]}', 'running', '{"q":"é"}', '["b"]', 1,
        to_timestamp(1700000000.123));
      INSERT INTO execution_steps (execution_id, seq, step_id, agent_id, iteration, status, attempt, output,
        started_at, completed_at)
      VALUES ('x-old', 1, 'x-old:a:0', 'a', 0, 'succeeded', 1, '{"v":1}', to_timestamp(1), to_timestamp(2));
      INSERT INTO agent_messages (execution_id, connection_id, from_agent_id, to_agent_id, step_id, payload, at)
      VALUES ('x-old', 'a-b', 'a', 'b', 'x-old:a:0', '"hi"', to_timestamp(3));
    `);
    const before = await old.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'lease_owner'`,
    );
    expect(before.rows[0]?.n).toBe(0);
    await old.close();

    const store = await createPgliteStore({ dataDir: dir });
    try {
      expect(await store.getExecution('x-old')).toMatchObject({
        status: 'running',
        input: { q: 'é' },
        ready: ['b'],
        stepCount: 1,
        createdAt: 1_700_000_000_123,
      });
      expect(await store.listSteps('x-old')).toMatchObject([{ id: 'x-old:a:0', output: { v: 1 }, seq: 1 }]);
      expect(await store.listMessages('x-old')).toMatchObject([{ payload: 'hi', at: 3000 }]);
      // Messages written after the upgrade (with their step, or alone) come after the old ones, in commit order.
      await store.commitStep({
        executionId: 'x-old',
        steps: [makeStepRecord('x-old', 'b', 2)],
        messages: [makeMessageRecord('x-old', 'x-old:b:0', 'b', 'c', 'with its step')],
        ready: ['c'],
        waiting: [],
      });
      await store.commitStep({
        executionId: 'x-old',
        steps: [],
        messages: [makeMessageRecord('x-old', 'x-old:b:0', 'b', 'd', 'without a step')],
        ready: ['c'],
        waiting: [],
      });
      expect((await store.listMessages('x-old')).map((m) => [m.toAgentId, m.payload])).toEqual([
        ['b', 'hi'],
        ['c', 'with its step'],
        ['d', 'without a step'],
      ]);
      expect(await store.getWorkflow('wf-old')).toMatchObject({ name: 'old', version: 1 });
      // The columns and tables of migration 0001 work on the old rows.
      expect(await store.listOrphans(10)).toEqual(['x-old']);
      expect(await store.acquireLease('x-old', 'me', 60_000)).toBe(true);
      expect(await store.listOrphans(10)).toEqual([]);
      await store.appendLogs([{ executionId: 'x-old', level: 'info', message: 'after upgrade', at: 4 }]);
      expect((await store.listLogs('x-old')).items).toHaveLength(1);

      // The same process cannot open it twice, and a second process gets a clear error naming dir and pid.
      await expect(createPgliteStore({ dataDir: dir })).rejects.toMatchObject({
        message: expect.stringContaining(`pid ${process.pid}`),
      });
      const child = await openInChild(dir);
      expect(child).toMatchObject({ ok: false, code: 'AF_CONFLICT' });
      expect(child.message).toContain(`the data directory ${dir} is in use by another AgentFlow process`);
      expect(child.message).toContain(`pid ${process.pid}`);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    } finally {
      await store.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    // Released on close: another process can open it now, and sees the data.
    expect(await openInChild(dir)).toMatchObject({ ok: true, executions: 1 });
  });

  it('takes over a lock left by a process that died', async () => {
    const pid = await deadPid();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, hostname: '', startedAt: 'earlier' }));
    const store = await createPgliteStore({ dataDir: dir });
    try {
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
      expect((await store.getExecution('x-old'))?.status).toBe('running');
    } finally {
      await store.close();
    }
  });

  it('keeps every commit of a process killed with SIGKILL, and takes over its lock', async () => {
    const child = await new Promise<{ stdout: string; signal: NodeJS.Signals | null }>((resolve, reject) => {
      const p = spawn('npx', ['tsx', FIXTURE, dir, 'crash'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      p.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      p.on('error', reject);
      p.on('close', (_code, signal) => resolve({ stdout, signal }));
    });
    const report = JSON.parse(child.stdout.trim().split('\n')[0]!) as { committed: number; pid: number };
    expect(report.committed).toBe(3);
    // The killed process left its lock behind.
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(report.pid);
    const store = await createPgliteStore({ dataDir: dir });
    try {
      expect(await store.getExecution('crashed')).toMatchObject({
        status: 'running',
        stepCount: 3,
        ready: ['s4'],
      });
      expect((await store.listSteps('crashed')).map((s) => s.output)).toEqual([
        { seq: 1 },
        { seq: 2 },
        { seq: 3 },
      ]);
      expect(await store.listOrphans(10)).toContain('crashed');
    } finally {
      await store.close();
    }
  });

  it('refuses a pgdata directory that is not a database, without touching it', async () => {
    const foreign = tempDir();
    mkdirSync(join(foreign, PGDATA));
    writeFileSync(join(foreign, PGDATA, 'notes.txt'), 'mine');
    await expect(createPgliteStore({ dataDir: foreign })).rejects.toMatchObject({
      code: 'AF_VALIDATION',
      message: expect.stringContaining('is not a PostgreSQL data directory'),
    });
    expect(readFileSync(join(foreign, PGDATA, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(foreign, LOCK_FILE))).toBe(false);
  });
});
