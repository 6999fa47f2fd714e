/**
 * Orphan takeover in distributed mode, measured with real processes: an API runtime (this process) queues
 * executions, two `agentflow worker` processes run them. Each round starts an execution whose second step waits,
 * SIGKILLs the worker holding it during the wait, and measures the time from the kill to the other worker's
 * `execution.resumed` (relayed to the API). A fresh worker replaces the victim, so two are always running.
 * Used by `takeover.int.test.ts` (a few kills) and `bench/takeover.ts` (the distribution over 20).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { AnyNodeType } from '@agentflow/core';
import type { AgentFlowEvent } from '@agentflow/protocol';
import { createRuntime, type Runtime } from '@agentflow/runtime';
import { Redis } from 'ioredis';
import pg from 'pg';

const root = resolve(import.meta.dirname, '../../../..');
const plugin = join(root, 'apps/cli/test-fixtures/sink-plugin.mjs');

const workflow = (waitMs: number) => ({
  name: 'takeover',
  agents: [
    { id: 'in', type: 'input' },
    { id: 's1', type: 'sink_step', config: { n: 1 } },
    { id: 's2', type: 'sink_step', config: { n: 2, delayMs: waitMs } },
  ],
  connections: [
    { id: 'c1', sourceAgentId: 'in', targetAgentId: 's1' },
    { id: 'c2', sourceAgentId: 's1', targetAgentId: 's2' },
  ],
});

export interface TakeoverOptions {
  databaseUrl: string;
  redisUrl: string;
  /** The lease TTL the workers run with, ms (`AGENTFLOW_LEASE_TTL_MS`). (Default: 3000) */
  leaseMs?: number;
  /** How long the killed step waits (and waits again on the survivor), ms. (Default: 2000) */
  stepWaitMs?: number;
}

interface WorkerProcess {
  child: ChildProcess;
  output: string;
}

/** Resolves when `check` holds (polled every 20 ms); rejects after `timeoutMs` naming `what`. */
async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface TakeoverHarness {
  /** Kills the worker running a fresh execution and returns the ms until another worker resumed it. */
  killOnce(): Promise<number>;
  close(): Promise<void>;
}

export async function startTakeoverHarness(options: TakeoverOptions): Promise<TakeoverHarness> {
  const schema = `takeover_${process.pid}_${Date.now()}`;
  const leaseMs = options.leaseMs ?? 3000;
  const sink: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end('{}'));
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const env: Record<string, string> = {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    AGENTFLOW_DB_SCHEMA: schema,
    AGENTFLOW_LEASE_TTL_MS: String(leaseMs),
    // PostgreSQL: every process needs the same configured key (no key files).
    AGENTFLOW_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    SINK_URL: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/effects`,
    LOG_LEVEL: 'silent',
  };
  const { nodeTypes } = (await import(plugin)) as { nodeTypes: AnyNodeType[] };
  const api: Runtime = await createRuntime({ env, role: 'api', nodeTypes });
  const events: AgentFlowEvent[] = [];
  const off = api.onEvent((e) => events.push(e));
  const wf = await api.workflows.create(workflow(options.stepWaitMs ?? 2000));
  const db = new pg.Client({ connectionString: options.databaseUrl });
  await db.connect();
  const workers: WorkerProcess[] = [];

  const startWorker = (): WorkerProcess => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'apps/cli/src/main.ts'), 'worker', '--plugin', plugin, '-c', '4'],
      { cwd: root, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const worker: WorkerProcess = { child, output: '' };
    child.stdout!.on('data', (c) => {
      worker.output += c;
    });
    child.stderr!.on('data', (c) => {
      worker.output += c;
    });
    workers.push(worker);
    return worker;
  };
  const ready = (w: WorkerProcess) => until(() => /worker \d+ running/.test(w.output), 90_000, 'a worker');
  const alive = (w: WorkerProcess) => w.child.exitCode === null && w.child.signalCode === null;
  await Promise.all([ready(startWorker()), ready(startWorker())]);

  return {
    async killOnce() {
      const { executionId } = await api.workflows.execute(wf.id, 0);
      const seen = (type: string, agentId?: string) =>
        events.some(
          (e) =>
            e.executionId === executionId &&
            e.type === type &&
            (agentId === undefined || (e as { agentId?: string }).agentId === agentId),
        );
      await until(() => seen('step.started', 's2'), 60_000, 'step s2 to start');
      const { rows } = await db.query<{ lease_owner: string }>(
        `select lease_owner from "${schema}".workflow_executions where id = $1`,
        [executionId],
      );
      const pid = Number(String(rows[0]?.lease_owner).split(':')[1]);
      const victim = workers.find((w) => w.child.pid === pid && alive(w));
      if (!victim) throw new Error(`no live worker holds ${executionId} (owner ${rows[0]?.lease_owner})`);
      victim.child.kill('SIGKILL');
      const killedAt = Date.now();
      await until(() => seen('execution.resumed'), 120_000, 'the takeover');
      const took = Date.now() - killedAt;
      // Back to two workers, and this execution finished, before the next round.
      await ready(startWorker());
      await until(() => seen('execution.completed'), 60_000, 'the execution to complete');
      return took;
    },

    async close() {
      off();
      const running = workers.filter(alive);
      for (const w of running) w.child.kill('SIGTERM');
      await Promise.all(running.map((w) => new Promise((r) => w.child.once('close', r))));
      await api.close();
      sink.close();
      await db.query(`drop schema if exists "${schema}" cascade`);
      await db.end();
      const redis = new Redis(options.redisUrl);
      try {
        const keys = await redis.keys(`agentflow:*${schema}*`);
        if (keys.length > 0) await redis.del(...keys);
      } finally {
        await redis.quit();
      }
    },
  };
}
