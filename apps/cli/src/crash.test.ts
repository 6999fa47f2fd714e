/**
 * Crash test with a real process kill: `agentflow run` on a durable store with a 10-step workflow whose every
 * step applies a side effect at a local HTTP sink (keyed by its idempotency key). SIGKILL after step k is
 * committed, then `agentflow resume`: the execution completes, steps before k ran exactly once, no effect was
 * applied twice for one key, and the output equals an uninterrupted run's.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const fixtures = resolve(import.meta.dirname, '../test-fixtures');
const workflow = join(fixtures, 'ten-steps.json');
const plugin = join(fixtures, 'sink-plugin.mjs');
const EXPECTED_OUTPUT = 55;

interface Sink {
  url: string;
  /** Every request received, in order (keys may repeat). */
  received: string[];
  /** Effects applied: one per distinct idempotency key. */
  applied: Map<string, number>;
  server: Server;
}

async function startSink(): Promise<Sink> {
  const received: string[] = [];
  const applied = new Map<string, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      received.push(key);
      if (!applied.has(key)) applied.set(key, (JSON.parse(body) as { n: number }).n);
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/effects`,
    received,
    applied,
    server,
  };
}

function cli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/cli/src/main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs until the k-th step.completed event (committed before it is emitted), then SIGKILLs the process. */
async function runAndKill(
  k: number,
  store: string[],
  env: Record<string, string>,
): Promise<{ executionId: string; completed: string[] }> {
  const child = cli(['run', workflow, '--plugin', plugin, '--events', '--input', '0', ...store], env);
  let executionId = '';
  const completed: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (c) => {
    stderr += c;
  });
  await new Promise<void>((resolvePromise, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
        if (!line.startsWith('{"')) continue;
        const event = JSON.parse(line) as { type?: string; executionId?: string; agentId?: string };
        if (event.type === 'execution.started') executionId = event.executionId!;
        if (event.type === 'step.completed') {
          completed.push(event.agentId!);
          if (completed.length === k) {
            child.kill('SIGKILL');
            resolvePromise();
          }
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`run exited early (${code}): ${stderr}`));
    });
  });
  await new Promise((r) => child.once('close', r));
  return { executionId, completed };
}

async function resumeExecution(
  id: string,
  store: string[],
  env: Record<string, string>,
): Promise<{ status: string; output: unknown }> {
  const flags = store.filter((a) => a !== '--durable'); // resume always uses the durable store
  const child = cli(['resume', id, '--plugin', plugin, '--json', ...flags], env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => {
    stdout += c;
  });
  child.stderr!.on('data', (c) => {
    stderr += c;
  });
  const code = await new Promise<number | null>((r) => child.once('close', r));
  if (code !== 0) throw new Error(`resume exited ${code}: ${stderr}${stdout}`);
  return JSON.parse(stdout) as { status: string; output: unknown };
}

function crashSuite(
  name: string,
  storeArgs: (k: number) => string[],
  env: (k: number) => Record<string, string>,
) {
  describe(name, () => {
    let sink: Sink;
    const dirs: string[] = [];
    beforeAll(async () => {
      sink = await startSink();
    });
    afterAll(() => {
      sink.server.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    it.each([1, 4, 8])(
      'completes exactly once per step after a SIGKILL following step %i',
      async (k) => {
        sink.received.length = 0;
        sink.applied.clear();
        const store = storeArgs(k);
        if (store[0] === '--data-dir') dirs.push(store[1]!);
        const e: Record<string, string> = { ...env(k), SINK_URL: sink.url };
        const { executionId, completed } = await runAndKill(k, store, e);
        expect(executionId).not.toBe('');
        const before = completed.map((agentId) => `${executionId}:${agentId}:0`);
        if (e.AGENTFLOW_LEASE_TTL_MS)
          await new Promise((r) => setTimeout(r, Number(e.AGENTFLOW_LEASE_TTL_MS) + 200));

        const result = await resumeExecution(executionId, store, e);
        expect(result.status).toBe('succeeded');
        expect(result.output).toBe(EXPECTED_OUTPUT);
        // Steps committed before the kill ran exactly once.
        for (const key of before)
          expect(
            sink.received.filter((x) => x === key),
            key,
          ).toHaveLength(1);
        // Every step's effect was applied once: ten distinct keys, no key applied twice.
        expect(sink.applied.size).toBe(10);
        expect([...sink.applied.values()].reduce((a, b) => a + b, 0)).toBe(EXPECTED_OUTPUT);
        // At most the in-flight step was delivered again (same key), and only once more.
        const repeats = sink.received.length - new Set(sink.received).size;
        expect(repeats).toBeLessThanOrEqual(1);
      },
      120_000,
    );
  });
}

crashSuite(
  'crash recovery on the embedded store (PGlite)',
  () => ['--data-dir', mkdtempSync(join(tmpdir(), 'agentflow-crash-'))],
  () => ({}),
);

const databaseUrl = process.env.DATABASE_URL ?? '';
describe.skipIf(!databaseUrl)('on PostgreSQL (skipped without DATABASE_URL)', () => {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const k of [1, 4, 8]) await client.query(`drop schema if exists crash_${process.pid}_${k} cascade`);
    await client.end();
  });
  crashSuite(
    'crash recovery on PostgreSQL (DATABASE_URL)',
    () => ['--durable'],
    (k) => ({
      DATABASE_URL: databaseUrl,
      AGENTFLOW_DB_SCHEMA: `crash_${process.pid}_${k}`,
      AGENTFLOW_LEASE_TTL_MS: '1000',
      // PostgreSQL: the key is configured (no key files).
      AGENTFLOW_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    }),
  );
});
