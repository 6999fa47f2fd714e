/**
 * Executions/s over HTTP in distributed mode (issue 12 "Benchmarks"), beside the embedded figure, on the same
 * machine state. Real processes only, all on 127.0.0.1:
 *  - embedded: `agentflow start` on a temporary data directory (PGlite), executions run in the API process;
 *  - distributed: `agentflow start --role api` + 1, then 2, `agentflow worker` processes on PostgreSQL + Redis,
 *    each phase in a fresh PostgreSQL schema (dropped at the end, with its Redis keys).
 * Each phase registers a user, creates the 3-node workflow of the HTTP suite (input -> transform -> output) and
 * drives `POST /workflows/:id/execute` with autocannon (50 connections, closed loop, as suite (c)) for warm-up +
 * measured seconds. The figure is the number of executions that reached `succeeded` with `completed_at` inside
 * the measured window, divided by its length: the completion rate under saturation (the queue may grow in
 * distributed mode; what is still queued at the end is reported as the backlog). `cpuMsPerExecution` is the
 * CPU the AgentFlow processes (not PostgreSQL or Redis) used in the window per execution counted, from /proc:
 * on a shared machine it says more than the rate.
 * The workspace is put on the `enterprise` plan (10,000 requests/hour) so the rate limiter stays out of the way
 * of a ~10 s run; any non-2xx (e.g. 429) is reported. Needs `npm run build` (apps/cli/bin runs dist/):
 *
 *   DATABASE_URL=postgres://root@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 \
 *     npx tsx bench/distributed.ts [seconds=10] [warmUpSeconds=2] [connections=50] [workerConcurrency=10]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import pg from 'pg';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!databaseUrl || !redisUrl) {
  console.error('bench/distributed.ts needs DATABASE_URL and REDIS_URL');
  process.exit(2);
}
const seconds = Number(process.argv[2] ?? 10);
const warmUpSeconds = Number(process.argv[3] ?? 2);
const connections = Number(process.argv[4] ?? 50);
const workerConcurrency = Number(process.argv[5] ?? 10);

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'apps/cli/bin/agentflow.js');

/** The workflow of bench/suites/http.ts (c). */
const threeNodes = {
  name: 'bench-3',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'greet', type: 'transform', config: { expression: "'Hello, ' + input.name" } },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'a', sourceAgentId: 'in', targetAgentId: 'greet' },
    { id: 'b', sourceAgentId: 'greet', targetAgentId: 'out' },
  ],
};

interface Proc {
  child: ChildProcess;
  output: string;
}
const procs: Proc[] = [];
const alive = (p: Proc) => p.child.exitCode === null && p.child.signalCode === null;

/** Without the caller's DATABASE_URL/REDIS_URL unless given: the embedded phase must not see them. */
function run(args: string[], env: Record<string, string>): Proc {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.REDIS_URL;
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: root,
    env: { ...base, NO_COLOR: '1', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc: Proc = { child, output: '' };
  child.stdout!.on('data', (c) => {
    proc.output = (proc.output + c).slice(-20_000);
  });
  child.stderr!.on('data', (c) => {
    proc.output = (proc.output + c).slice(-20_000);
  });
  procs.push(proc);
  return proc;
}

async function waitOutput(
  proc: Proc,
  pattern: RegExp,
  what: string,
  timeoutMs = 90_000,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = pattern.exec(proc.output);
    if (found) return found;
    if (!alive(proc)) throw new Error(`${what} exited: ${proc.output.slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${proc.output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
async function stop(proc: Proc, graceMs = 15_000): Promise<void> {
  if (!alive(proc)) return;
  const closed = new Promise((r) => proc.child.once('close', r));
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  await closed;
  clearTimeout(timer);
}

async function startApi(args: string[], env: Record<string, string>): Promise<{ proc: Proc; url: string }> {
  const proc = run(['start', '--host', '127.0.0.1', '--port', '0', ...args], env);
  const found = await waitOutput(proc, /listening on (http:\/\/[^\s]+)/, 'the API process');
  return { proc, url: found[1]! };
}

async function register(url: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${Date.now()}@example.com`,
      password: 'correct horse battery staple 42',
    }),
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  const jwt = /af_access=([^;]+)/.exec(res.headers.getSetCookie().join('\n'))?.[1];
  if (!jwt) throw new Error('register: no access cookie');
  return { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' };
}

/** Checks the plan the server sees (its principal cache lives 5 s), then creates the workflow. */
async function prepare(url: string, headers: Record<string, string>): Promise<string> {
  for (let i = 0; ; i++) {
    const me = await fetch(`${url}/api/v1/auth/me`, { headers });
    const text = await me.text();
    if (me.status === 200 && text.includes('"enterprise"')) break;
    if (i >= 3) throw new Error(`the workspace is not on the enterprise plan: ${me.status} ${text}`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
  const created = await fetch(`${url}/api/v1/workflows`, {
    method: 'POST',
    headers,
    body: JSON.stringify(threeNodes),
  });
  if (created.status !== 201) throw new Error(`create workflow: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { id: string }).id;
}

interface Load {
  /** CPU of the AgentFlow processes (API, workers; not PostgreSQL or Redis) during the window. */
  cpuInWindowMs: number;
  windowStart: Date;
  windowEnd: Date;
  accepted: number;
  non2xx: number;
  errors: number;
}

/** Closed-loop POST execute for warm-up + measured seconds; the window is the measured part. */
/** CPU ms (user + system) a process has used so far, from /proc (0 where there is no /proc). */
function cpuMs(proc: Proc): number {
  try {
    const stat = readFileSync(`/proc/${proc.child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

async function load(
  url: string,
  headers: Record<string, string>,
  workflowId: string,
  measured: Proc[],
): Promise<Load> {
  const t0 = Date.now();
  let cpuAtStart = 0;
  const sample = setTimeout(() => {
    cpuAtStart = measured.reduce((sum, p) => sum + cpuMs(p), 0);
  }, warmUpSeconds * 1000);
  const result = await new Promise<autocannon.Result>((ok, fail) => {
    autocannon(
      {
        url: `${url}/api/v1/workflows/${workflowId}/execute`,
        method: 'POST',
        headers,
        body: JSON.stringify({ input: { name: 'bench' } }),
        connections,
        duration: warmUpSeconds + seconds,
      },
      (error, r) => (error ? fail(error) : ok(r)),
    );
  });
  clearTimeout(sample);
  const cpuInWindowMs = measured.reduce((sum, p) => sum + cpuMs(p), 0) - cpuAtStart;
  return {
    cpuInWindowMs,
    windowStart: new Date(t0 + warmUpSeconds * 1000),
    windowEnd: new Date(Date.now()),
    accepted: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

interface Figure {
  setup: string;
  execPerSecond: number;
  succeededInWindow: number;
  windowSeconds: number;
  acceptedPerSecond: number;
  non2xx: number;
  errors: number;
  backlogAtEnd: number;
  failed: number;
  cpuMsPerExecution: number;
}

const countSql = (table: string) =>
  `select count(*) filter (where status = 'succeeded' and completed_at >= $1 and completed_at < $2)::int as won,
          count(*) filter (where status not in ('succeeded', 'failed', 'cancelled'))::int as open,
          count(*) filter (where status = 'failed')::int as failed
     from ${table}`;

function figure(setup: string, l: Load, row: { won: number; open: number; failed: number }): Figure {
  const windowSeconds = (l.windowEnd.getTime() - l.windowStart.getTime()) / 1000;
  return {
    setup,
    execPerSecond: Math.round(row.won / windowSeconds),
    succeededInWindow: row.won,
    windowSeconds: Math.round(windowSeconds * 10) / 10,
    acceptedPerSecond: Math.round(l.accepted / (warmUpSeconds + seconds)),
    non2xx: l.non2xx,
    errors: l.errors,
    backlogAtEnd: row.open,
    failed: row.failed,
    cpuMsPerExecution: Math.round((l.cpuInWindowMs / Math.max(1, row.won)) * 100) / 100,
  };
}

async function embedded(): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'agentflow-bench-embedded-'));
  try {
    const env = { AGENTFLOW_DATA_DIR: dir };
    // First start: migrate, register; then the plan is changed in the stopped data directory.
    let api = await startApi([], env);
    const headers = await register(api.url);
    await stop(api.proc);
    const db = await PGlite.create(join(dir, 'pgdata'));
    await db.query(`update workspaces set plan = 'enterprise'`);
    await db.close();
    api = await startApi([], env);
    const workflowId = await prepare(api.url, headers);
    const l = await load(api.url, headers, workflowId, [api.proc]);
    await stop(api.proc); // running executions are checkpointed; the window is already over
    const counted = await PGlite.create(join(dir, 'pgdata'));
    try {
      const { rows } = await counted.query<{ won: number; open: number; failed: number }>(
        countSql('workflow_executions'),
        [l.windowStart.toISOString(), l.windowEnd.toISOString()],
      );
      return figure('embedded (agentflow start, PGlite)', l, rows[0]!);
    } finally {
      await counted.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function distributed(workers: number): Promise<Figure> {
  const schema = `bench_dist_${process.pid}_${Date.now()}`;
  const dir = mkdtempSync(join(tmpdir(), 'agentflow-bench-dist-'));
  const env = {
    DATABASE_URL: databaseUrl!,
    REDIS_URL: redisUrl!,
    AGENTFLOW_DB_SCHEMA: schema,
    AGENTFLOW_DATA_DIR: dir,
    AGENTFLOW_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    AGENTFLOW_JWT_SECRET: randomBytes(48).toString('base64'),
  };
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const started: Proc[] = [];
  try {
    const api = await startApi(['--role', 'api'], env);
    started.push(api.proc);
    const ws = Array.from({ length: workers }, () => run(['worker', '-c', String(workerConcurrency)], env));
    started.push(...ws);
    await Promise.all(ws.map((w) => waitOutput(w, /worker \d+ running/, 'a worker')));
    const headers = await register(api.url);
    await db.query(`update "${schema}".workspaces set plan = 'enterprise'`);
    const workflowId = await prepare(api.url, headers);
    const l = await load(api.url, headers, workflowId, [api.proc, ...ws]);
    const { rows } = await db.query<{ won: number; open: number; failed: number }>(
      countSql(`"${schema}".workflow_executions`),
      [l.windowStart.toISOString(), l.windowEnd.toISOString()],
    );
    const label = `distributed (API + ${workers} worker${workers > 1 ? 's' : ''}, -c ${workerConcurrency})`;
    return figure(label, l, rows[0]!);
  } finally {
    await Promise.all(started.map((p) => stop(p, 5_000)));
    // The rate limiter's counters (af:rl:user:<id>, af:rl:exec:<workspace>) are not named by the schema.
    const ids = await db
      .query<{ id: string }>(
        `select id from "${schema}".users union all select id from "${schema}".workspaces`,
      )
      .then((r) => r.rows.map((row) => row.id))
      .catch(() => [] as string[]);
    await db.query(`drop schema if exists "${schema}" cascade`).catch(() => {});
    await db.end();
    const redis = new Redis(redisUrl!);
    try {
      const keys = await redis.keys(`agentflow:*${schema}*`);
      for (const id of ids) keys.push(...(await redis.keys(`af:rl:*:${id}:*`)));
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      await redis.quit();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const load1 = loadavg()
  .map((n) => n.toFixed(2))
  .join(' ');
const figures: Figure[] = [];
try {
  figures.push(await embedded());
  figures.push(await distributed(1));
  figures.push(await distributed(2));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  for (const p of procs) if (alive(p)) p.child.kill('SIGKILL');
}
console.log(
  `3-node executions/s over HTTP, ${connections} connections, ${seconds} s measured after ${warmUpSeconds} s ` +
    `warm-up; load average before ${load1}, after ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
);
console.table(figures);
