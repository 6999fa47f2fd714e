/**
 * Distributed mode with real worker processes: an API runtime (this process) queues executions, two
 * `agentflow worker` processes run them. One worker is SIGKILLed while a step of an execution waits; the other
 * takes the execution over once the lease expires and completes it. Every step's side effect (at a local HTTP
 * sink, keyed by the step's idempotency key) is applied once, and no step that had completed runs again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { AnyNodeType } from '@agentflow/core';
import type { AgentFlowEvent } from '@agentflow/protocol';
import { createRuntime, type Runtime } from '@agentflow/runtime';
import { waitFor } from '@agentflow/testing';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const plugin = join(resolve(import.meta.dirname, '../test-fixtures'), 'sink-plugin.mjs');
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

const workflow = {
  name: 'three-effects',
  agents: [
    { id: 'in', type: 'input' },
    { id: 's1', type: 'sink_step', config: { n: 1 } },
    // Waits before its effect: the worker running it is killed during the wait.
    { id: 's2', type: 'sink_step', config: { n: 2, delayMs: 3000 } },
    { id: 's3', type: 'sink_step', config: { n: 3 } },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 's1' },
    { id: 'c2', sourceAgentId: 's1', targetAgentId: 's2' },
    { id: 'c3', sourceAgentId: 's2', targetAgentId: 's3' },
  ],
};

interface Worker {
  child: ChildProcess;
  output: string;
}

function startWorker(env: Record<string, string>): Worker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'apps/cli/src/main.ts'), 'worker', '--plugin', plugin, '-c', '4'],
    { cwd: root, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const worker: Worker = { child, output: '' };
  child.stdout!.on('data', (c) => {
    worker.output += c;
  });
  child.stderr!.on('data', (c) => {
    worker.output += c;
  });
  return worker;
}

/** The process holding an execution: lease owners are `host:pid:random`. */
async function leaseOwner(executionId: string): Promise<string> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ lease_owner: string }>(
      `select lease_owner from "${currentSchema}".workflow_executions where id = $1`,
      [executionId],
    );
    return String(rows[0]?.lease_owner);
  } finally {
    await db.end();
  }
}

/** Removes the queue's keys this test left in Redis. */
async function deleteRedisKeys(pattern: string): Promise<void> {
  const redis = new Redis(redisUrl!);
  try {
    const keys = await redis.keys(pattern);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

const currentSchema = `wfault_${process.pid}_${Date.now()}`;

describe.skipIf(!databaseUrl || !redisUrl)(
  'agentflow worker processes (needs DATABASE_URL and REDIS_URL)',
  () => {
    const schemaName = currentSchema;
    const received: string[] = [];
    let sink: Server;
    let env: Record<string, string>;
    let api: Runtime;
    const workers: Worker[] = [];

    beforeAll(async () => {
      sink = createServer((req, res) => {
        received.push(String(req.headers['idempotency-key']));
        req.resume();
        req.on('end', () => res.writeHead(200).end('{}'));
      });
      await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
      env = {
        DATABASE_URL: databaseUrl!,
        REDIS_URL: redisUrl!,
        AGENTFLOW_DB_SCHEMA: schemaName,
        AGENTFLOW_LEASE_TTL_MS: '1000',
        // PostgreSQL: every process needs the same configured key (no key files).
        AGENTFLOW_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
        SINK_URL: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/effects`,
        LOG_LEVEL: 'silent',
      };
      const { nodeTypes } = (await import(plugin)) as { nodeTypes: AnyNodeType[] };
      api = await createRuntime({ env, role: 'api', nodeTypes });
      workers.push(startWorker(env), startWorker(env));
      await waitFor(() => workers.every((w) => /worker \d+ running/.test(w.output)), 60_000);
    }, 90_000);

    afterAll(async () => {
      for (const w of workers)
        if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
      await Promise.all(
        workers.map((w) =>
          w.child.exitCode === null && w.child.signalCode === null
            ? new Promise((r) => w.child.once('close', r))
            : undefined,
        ),
      );
      await api?.close();
      sink?.close();
      const db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      await db.query(`drop schema if exists "${schemaName}" cascade`);
      await db.end();
      await deleteRedisKeys(`agentflow:*${schemaName}*`);
    });

    it('finishes an execution on the other worker after its worker is SIGKILLed mid-step', async () => {
      const events: AgentFlowEvent[] = [];
      const off = api.onEvent((e) => events.push(e));
      const wf = await api.workflows.create(workflow);
      const { executionId, done } = await api.workflows.execute(wf.id, 0);
      await waitFor(() => events.some((e) => e.type === 'step.started' && e.agentId === 's2'), 30_000);

      const owner = await leaseOwner(executionId);
      const pid = Number(owner.split(':')[1]);
      const victim = workers.find((w) => w.child.pid === pid);
      expect(victim, `lease owner ${owner}`).toBeDefined();
      victim!.child.kill('SIGKILL');
      await new Promise((r) => victim!.child.once('close', r));

      const result = await done;
      off();
      expect(result.status).toBe('succeeded');
      expect(result.output).toBe(6);
      const key = (agentId: string) => `${executionId}:${agentId}:0`;
      // s1 completed before the kill and never ran again; s2 ran again (same key) on the survivor, s3 once.
      expect(received.filter((k) => k === key('s1'))).toHaveLength(1);
      expect(received.filter((k) => k === key('s2'))).toHaveLength(1);
      expect(received.filter((k) => k === key('s3'))).toHaveLength(1);
      const completed = events.filter((e) => e.executionId === executionId && e.type === 'step.completed');
      expect(completed.map((e) => (e as { agentId: string }).agentId).sort()).toEqual([
        'in',
        's1',
        's2',
        's3',
      ]);
      expect(
        events.filter((e) => e.executionId === executionId && e.type === 'execution.resumed'),
      ).toHaveLength(1);
      const survivor = workers.find((w) => w !== victim)!;
      expect(survivor.child.exitCode).toBeNull();
    }, 90_000);
  },
);
