/**
 * commitStep throughput, for `npm run bench`: a 100-step chain (each commit waits for the previous one: the
 * durable overhead a step pays) and 50 executions committing concurrently (where group commit helps), on PGlite
 * (a temporary data directory, or in memory) and PostgreSQL (a temporary schema, dropped after).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StepCommit } from '@agentflow/core';
import type { ExecutionRecord } from '@agentflow/protocol';
import pg from 'pg';
import { createPgliteStore } from './pglite.js';
import { createPostgresStore } from './postgres.js';
import type { SqlStore } from './sql-store.js';

export interface CommitBenchOptions {
  driver: 'pglite' | 'postgres';
  /** PostgreSQL connection string (driver postgres). */
  url?: string;
  /** PGlite: in memory instead of a temporary data directory. (Default: false) */
  inMemory?: boolean;
  /** (Default: true) */
  groupCommit?: boolean;
  /** Steps of the sequential chain. (Default: 100) */
  chainSteps?: number;
  /** Executions committing at once. (Default: 50) */
  executions?: number;
  /** Sequential commits per concurrent execution. (Default: 20) */
  stepsPerExecution?: number;
  /** Each phase runs this many times; the fastest round is reported (robust to a busy machine). (Default: 3) */
  rounds?: number;
  /** PostgreSQL: wait for the WAL flush on every commit. (Default: true) */
  synchronousCommit?: boolean;
}

export interface CommitBenchPhase {
  commits: number;
  totalMs: number;
  commitsPerSecond: number;
  /** Wall time per commit (total / commits). */
  msPerCommit: number;
  /** Median latency of one commitStep call. */
  p50Ms: number;
  p95Ms: number;
}

/**
 * The store's share of a durable run of the 5-node workflow: create, lease, start, 5 step commits, finish; `inFlight`
 * executions at a time (no engine, zero-latency nodes).
 */
export interface LifecyclePhase {
  executions: number;
  inFlight: number;
  totalMs: number;
  executionsPerSecond: number;
}

export interface CommitBenchResult {
  name: string;
  driver: 'pglite' | 'postgres';
  groupCommit: boolean;
  chain: CommitBenchPhase;
  concurrent: CommitBenchPhase & { executions: number };
  lifecycle: LifecyclePhase;
}

export async function benchmarkCommits(options: CommitBenchOptions): Promise<CommitBenchResult> {
  const groupCommit = options.groupCommit ?? true;
  const chainSteps = options.chainSteps ?? 100;
  const executions = options.executions ?? 50;
  const perExecution = options.stepsPerExecution ?? 20;
  const { store, dispose } = await open(options, groupCommit);
  try {
    const rounds = Math.max(1, options.rounds ?? 3);
    // Warm up before timing: statements get prepared, and PGlite's WebAssembly gets optimized by V8 (the first
    // few hundred commits of a process are several times slower).
    await runChain(store, 200);
    await runConcurrent(store, 10, 20);
    const chain = best(await repeat(rounds, () => runChain(store, chainSteps)));
    const concurrent = best(await repeat(rounds, () => runConcurrent(store, executions, perExecution)));
    const lifecycle = (await repeat(rounds, () => runLifecycle(store, 500, executions))).reduce((a, b) =>
      b.totalMs < a.totalMs ? b : a,
    );
    let where =
      options.driver === 'pglite' ? (options.inMemory ? 'pglite memory' : 'pglite dir') : 'postgres';
    if (options.driver === 'postgres' && options.synchronousCommit === false) where += ' (async commit)';
    return {
      name: `${where}, group ${groupCommit ? 'on' : 'off'}`,
      driver: options.driver,
      groupCommit,
      chain,
      concurrent: { ...concurrent, executions },
      lifecycle,
    };
  } finally {
    await dispose();
  }
}

/** Every combination the machine supports: PGlite always, PostgreSQL when `url` is given. */
export async function runCommitBenchmarks(url = process.env.DATABASE_URL): Promise<CommitBenchResult[]> {
  // V8 optimizes PGlite's WebAssembly in the background over the first few thousand statements of a process:
  // run a throwaway round so every measurement below is steady state.
  await benchmarkCommits({ driver: 'pglite', inMemory: true, rounds: 1, chainSteps: 1000 });
  const results: CommitBenchResult[] = [];
  for (const groupCommit of [true, false]) {
    results.push(await benchmarkCommits({ driver: 'pglite', groupCommit }));
    if (url) {
      results.push(await benchmarkCommits({ driver: 'postgres', url, groupCommit }));
      results.push(
        await benchmarkCommits({ driver: 'postgres', url, groupCommit, synchronousCommit: false }),
      );
    }
  }
  return results;
}

async function repeat<T>(n: number, fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}

function best(phases: CommitBenchPhase[]): CommitBenchPhase {
  return phases.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
}

export function formatCommitBench(results: CommitBenchResult[]): string {
  const f = (n: number, width: number) => n.toFixed(n < 10 ? 3 : 0).padStart(width);
  const header = `${'store'.padEnd(36)} | chain: ms/commit    p50  commits/s | concurrent: commits/s  p50 ms`;
  const lines = [`${header} | executions/s`];
  for (const r of results) {
    const chain = `${f(r.chain.msPerCommit, 16)} ${f(r.chain.p50Ms, 6)} ${f(r.chain.commitsPerSecond, 10)}`;
    const concurrent = `${f(r.concurrent.commitsPerSecond, 21)} ${f(r.concurrent.p50Ms, 7)}`;
    lines.push(`${r.name.padEnd(36)} | ${chain} | ${concurrent} | ${f(r.lifecycle.executionsPerSecond, 12)}`);
  }
  return lines.join('\n');
}

async function open(
  options: CommitBenchOptions,
  groupCommit: boolean,
): Promise<{ store: SqlStore; dispose: () => Promise<void> }> {
  if (options.driver === 'pglite') {
    if (options.inMemory) {
      const store = await createPgliteStore({ inMemory: true, groupCommit: { enabled: groupCommit } });
      return { store, dispose: () => store.close() };
    }
    const dir = mkdtempSync(join(tmpdir(), 'agentflow-bench-'));
    const store = await createPgliteStore({ dataDir: dir, groupCommit: { enabled: groupCommit } });
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!options.url) throw new Error('benchmarkCommits: driver postgres needs url');
  const url = options.url;
  const schema = `af_bench_${randomBytes(5).toString('hex')}`;
  const store = await createPostgresStore({
    url,
    schema,
    groupCommit: { enabled: groupCommit },
    synchronousCommit: options.synchronousCommit ?? true,
  });
  return {
    store,
    dispose: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

function execution(): ExecutionRecord {
  return {
    id: randomUUID(),
    workflowId: 'bench',
    workflowVersion: 1,
    workflow: {
      name: 'bench',
      status: 'active',
      agents: [],
      connections: [],
      config: { maxSteps: 10_000, concurrency: 64 },
    },
    status: 'running',
    input: { topic: 'benchmark' },
    createdAt: Date.now(),
    ready: ['n0'],
    waiting: [],
    stepCount: 0,
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
  };
}

function commitFor(x: ExecutionRecord, seq: number): StepCommit {
  const agentId = `n${seq}`;
  const stepId = `${x.id}:${agentId}:0`;
  const now = Date.now();
  return {
    executionId: x.id,
    steps: [
      {
        id: stepId,
        executionId: x.id,
        agentId,
        iteration: 0,
        seq,
        status: 'succeeded',
        attempt: 1,
        input: { value: seq, text: 'some input' },
        output: { value: seq + 1, text: 'some output of a step' },
        startedAt: now,
        completedAt: now,
        usage: { inputTokens: 10, outputTokens: 20, costUsd: 0.0001 },
      },
    ],
    messages: [
      {
        executionId: x.id,
        connectionId: `c${seq}`,
        fromAgentId: agentId,
        toAgentId: `n${seq + 1}`,
        stepId,
        payload: { value: seq + 1 },
        at: now,
      },
    ],
    ready: [`n${seq + 1}`],
    waiting: [],
    usage: { inputTokens: 10, outputTokens: 20, costUsd: 0.0001 },
  };
}

async function commitChain(
  store: SqlStore,
  x: ExecutionRecord,
  steps: number,
  latencies: number[],
): Promise<void> {
  for (let seq = 1; seq <= steps; seq++) {
    const t = performance.now();
    await store.commitStep(commitFor(x, seq));
    latencies.push(performance.now() - t);
  }
}

async function runChain(store: SqlStore, steps: number): Promise<CommitBenchPhase> {
  const x = execution();
  await store.createExecution(x);
  const latencies: number[] = [];
  const start = performance.now();
  await commitChain(store, x, steps, latencies);
  return phase(steps, performance.now() - start, latencies);
}

async function runConcurrent(store: SqlStore, executions: number, steps: number): Promise<CommitBenchPhase> {
  const xs = Array.from({ length: executions }, execution);
  for (const x of xs) await store.createExecution(x);
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(xs.map((x) => commitChain(store, x, steps, latencies)));
  return phase(executions * steps, performance.now() - start, latencies);
}

async function runLifecycle(store: SqlStore, total: number, inFlight: number): Promise<LifecyclePhase> {
  let next = 0;
  const one = async () => {
    const x = execution();
    x.status = 'queued';
    await store.createExecution(x);
    await store.acquireLease(x.id, 'bench-worker', 30_000);
    await store.updateExecution(x.id, { status: 'running', startedAt: Date.now() });
    for (let seq = 1; seq <= 5; seq++) await store.commitStep(commitFor(x, seq));
    await store.updateExecution(x.id, {
      status: 'succeeded',
      output: { done: true },
      completedAt: Date.now(),
    });
  };
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) {
        next++;
        await one();
      }
    }),
  );
  const totalMs = performance.now() - start;
  return { executions: total, inFlight, totalMs, executionsPerSecond: (total / totalMs) * 1000 };
}

function phase(commits: number, totalMs: number, latencies: number[]): CommitBenchPhase {
  const sorted = latencies.slice().sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    commits,
    totalMs,
    commitsPerSecond: (commits / totalMs) * 1000,
    msPerCommit: totalMs / commits,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
  };
}
