/**
 * The embedded server as a user runs it (issue 15 items 1-2): `agentflow start` (the built CLI) in its own
 * process on a fresh data directory, then again on the same directory.
 * - time until `GET /health` answers, fresh and existing directory (the store's part of it is measured
 *   separately: `createPgliteStore` in a child process, fresh and existing);
 * - RSS at idle (after start-up settles) and the peak RSS while the HTTP suite's load runs against it
 *   (GET /workflows/:id and POST /execute of a 3-node workflow, 50 requests in flight), read from
 *   /proc/<pid>/status every 50 ms.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median, runTsChild } from '../harness.js';
import type { BenchSuite, Result, SuiteOptions } from '../types.js';

const CLI = fileURLToPath(new URL('../../apps/cli/bin/agentflow.js', import.meta.url));
const sizes = {
  full: { rounds: 3, settleMs: 5_000, loadRequests: 4_000, inFlight: 50 },
  smoke: { rounds: 1, settleMs: 200, loadRequests: 40, inFlight: 5 },
};

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

const exec = promisify(execFile);

function cliEnv(dataDir: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, AGENTFLOW_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Started {
  child: ChildProcess;
  url: string;
  readyMs: number;
}

/**
 * A port nothing listens on now, from the kernel (a random pick in 41,000-51,000 met a port in use: that range is
 * inside Linux's ephemeral ports, where outgoing connections get theirs). Both starts of a round use it.
 */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startServer(dataDir: string, port: number): Promise<Started> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'start', '--port', String(port), '--host', '127.0.0.1'], {
    env: cliEnv(dataDir),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`agentflow start exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`agentflow start did not answer /health within 120 s: ${stderr}`);
    }
    await sleep(20);
  }
  return { child, url, readyMs: performance.now() - started };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

const ACCOUNT = { email: 'bench@example.com', password: 'correct horse battery staple 42' };

/** Registers the bench's account; returns its workspace id. */
async function register(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ACCOUNT),
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { workspace: { id: string } }).workspace.id;
}

/** Signs in, creates the 3-node workflow, then GETs and executes it with `inFlight` requests at a time. */
async function load(url: string, size: (typeof sizes)['full']): Promise<void> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ACCOUNT),
  });
  const jwt = /af_access=([^;]+)/.exec(login.headers.getSetCookie().join('\n'))?.[1];
  if (!jwt) throw new Error(`login: ${login.status} ${await login.text()}`);
  const headers = { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' };
  const created = await fetch(`${url}/api/v1/workflows`, {
    method: 'POST',
    headers,
    body: JSON.stringify(threeNodes),
  });
  const { id } = (await created.json()) as { id: string };
  let next = 0;
  const worker = async () => {
    while (next < size.loadRequests) {
      const i = next++;
      const res =
        i % 2 === 0
          ? await fetch(`${url}/api/v1/workflows/${id}`, { headers })
          : await fetch(`${url}/api/v1/workflows/${id}/execute`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ input: { name: `n${i}` } }),
            });
      if (res.status >= 300) throw new Error(`load: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: size.inFlight }, worker));
}

const STORE_OPEN = fileURLToPath(new URL('../child/store-open.ts', import.meta.url));

/** Opens the embedded store on `dir` in a fresh process and returns how long `createPgliteStore` took. */
async function storeOpenMs(dir: string): Promise<number> {
  return (await runTsChild<{ ms: number }>(STORE_OPEN, { dir })).ms;
}

async function run(options: SuiteOptions = { size: 'full' }): Promise<Result[]> {
  const size = sizes[options.size];
  const fresh: number[] = [];
  const existing: number[] = [];
  const storeFresh: number[] = [];
  const storeExisting: number[] = [];
  const idle: number[] = [];
  const loaded: number[] = [];
  for (let round = 0; round < size.rounds; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'agentflow-bench-embedded-'));
    try {
      storeFresh.push(await storeOpenMs(join(dir, 'store')));
      storeExisting.push(await storeOpenMs(join(dir, 'store')));
      const port = await freePort();
      const first = await startServer(join(dir, 'server'), port);
      fresh.push(first.readyMs);
      const workspace = await register(first.url);
      await stop(first.child);
      // Enterprise: the load (one user, thousands of requests) stays inside the plan's request and run limits.
      await exec(process.execPath, [CLI, 'admin', 'set-plan', workspace, 'enterprise'], {
        env: cliEnv(join(dir, 'server')),
      });
      const again = await startServer(join(dir, 'server'), port);
      existing.push(again.readyMs);
      try {
        await sleep(size.settleMs);
        idle.push(rssMb(again.child.pid!));
        let peak = 0;
        const sampler = setInterval(() => {
          peak = Math.max(peak, rssMb(again.child.pid!));
        }, 50);
        try {
          await load(again.url, size);
        } finally {
          clearInterval(sampler);
        }
        loaded.push(Math.max(peak, rssMb(again.child.pid!)));
      } finally {
        await stop(again.child);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const details = { rounds: size.rounds, settleMs: size.settleMs, loadRequests: size.loadRequests };
  return [
    {
      name: 'embedded: store open, fresh directory',
      unit: 's',
      value: median(storeFresh) / 1000,
      target: { op: '<=', value: 2, label: '≤ 2 s' },
      details: { ...details, max: Math.max(...storeFresh) / 1000 },
    },
    {
      name: 'embedded: store open, existing directory',
      unit: 's',
      value: median(storeExisting) / 1000,
      target: { op: '<=', value: 0.5, label: '≤ 0.5 s' },
      details: { ...details, max: Math.max(...storeExisting) / 1000 },
    },
    {
      name: 'embedded: agentflow start to /health, fresh directory',
      unit: 's',
      value: median(fresh) / 1000,
      details: { ...details, existingDirectory: median(existing) / 1000 },
    },
    {
      name: 'embedded: server RSS at idle',
      unit: 'MB',
      value: median(idle),
      target: { op: '<=', value: 250, label: '≤ 250 MB' },
      details: { ...details, max: Math.max(...idle) },
    },
    {
      name: 'embedded: server peak RSS under HTTP load',
      unit: 'MB',
      value: median(loaded),
      target: { op: '<=', value: 400, label: '≤ 400 MB' },
      details: { ...details, max: Math.max(...loaded), inFlight: size.inFlight },
    },
  ];
}

const suite: BenchSuite = {
  name: 'embedded-server',
  description: 'agentflow start on the embedded store: open time, idle and loaded RSS',
  run,
};
export default suite;
