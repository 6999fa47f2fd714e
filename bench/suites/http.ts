/**
 * HTTP (issue 6 targets): the API server on the embedded store (PGlite in a temp data directory), on loopback,
 * loaded from a worker thread (autocannon) or a child process (so the load generator does not share the server's
 * event loop).
 * (a) `GET /api/v1/workflows/:id` p99 at a steady 2,000 requests/s: open-loop, evenly spaced requests from a
 *     child process (child/paced-load.ts, which says why not autocannon's `overallRate`), latency counted from
 *     when each request was due; the closed-loop maximum (autocannon, 20 connections) is reported beside it;
 * (b) `POST /workflows/:id/execute` to the first `step.started` frame on the WebSocket monitor, p95 over ~200
 *     sequential executions;
 * (c) executions/s of a 3-node workflow (input -> transform -> output) started over HTTP, 50 requests in flight,
 *     counted until every execution has completed.
 * Rate limits and the plan's execution limit are off (the bench is one user far above any plan); authentication is a real session JWT.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime, type Runtime } from '@agentflow/runtime';
import { buildServer } from '@agentflow/server';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import type { PacedParams, PacedReport } from '../child/paced-load.js';
import { median, quantile, runTsChild } from '../harness.js';
import type { BenchSuite, Result, SuiteOptions } from '../types.js';

const sizes = {
  full: {
    getSeconds: 10,
    getRate: 2_000,
    getWarmUpSeconds: 2,
    maxSeconds: 3,
    warmUp: 500,
    starts: 200,
    executions: 5_000,
    inFlight: 50,
    workers: 1,
  },
  smoke: {
    getSeconds: 1,
    getRate: 100,
    getWarmUpSeconds: 0.2,
    maxSeconds: 0.5,
    warmUp: 20,
    starts: 5,
    executions: 20,
    inFlight: 5,
    workers: 0,
  },
};

/** input -> transform -> output: the engine and store do all the work, no model. Input: `{ name }`. */
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

interface Bench {
  runtime: Runtime;
  app: FastifyInstance;
  url: string;
  headers: Record<string, string>;
  workflowId: string;
  close(): Promise<void>;
}

async function startBenchServer(): Promise<Bench> {
  const dir = mkdtempSync(join(tmpdir(), 'agentflow-bench-http-'));
  const runtime = await createRuntime({
    env: {},
    config: { dataDir: dir, logLevel: 'silent' },
    security: { executionLimits: false },
  });
  const app = await buildServer({ runtime, logger: false, rateLimiter: false, metrics: {} });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    await app.close();
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const registered = await fetch(`${url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'correct horse battery staple 42' }),
    });
    if (registered.status !== 201)
      throw new Error(`register: ${registered.status} ${await registered.text()}`);
    const jwt = /af_access=([^;]+)/.exec(registered.headers.getSetCookie().join('\n'))?.[1];
    if (!jwt) throw new Error('register: no access cookie');
    const headers = { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' };
    const created = await fetch(`${url}/api/v1/workflows`, {
      method: 'POST',
      headers,
      body: JSON.stringify(threeNodes),
    });
    if (created.status !== 201) throw new Error(`create workflow: ${created.status} ${await created.text()}`);
    const workflowId = ((await created.json()) as { id: string }).id;
    return { runtime, app, url, headers, workflowId, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** (a) p99 of GET /workflows/:id at a steady request rate, and the closed-loop maximum. */
async function getLatency(bench: Bench, size: (typeof sizes)['full']): Promise<Result> {
  const url = `${bench.url}/api/v1/workflows/${bench.workflowId}`;
  // Warm-up (JIT, caches, connections), measuring the closed-loop maximum on the way.
  await cannon({ url, headers: bench.headers, connections: 10, amount: size.warmUp, workers: size.workers });
  const max = await cannon({
    url,
    headers: bench.headers,
    connections: 20,
    duration: size.maxSeconds,
    workers: size.workers,
  });
  const paced = await runTsChild<PacedReport>(
    fileURLToPath(new URL('../child/paced-load.ts', import.meta.url)),
    {
      url,
      headers: { authorization: bench.headers.authorization! },
      rate: size.getRate,
      seconds: size.getSeconds,
      warmUpSeconds: size.getWarmUpSeconds,
      connections: 20,
    } satisfies PacedParams,
  );
  if (max.non2xx > 0 || max.errors > 0 || paced.non2xx > 0 || paced.errors > 0) {
    throw new Error(
      `GET workflow: ${max.non2xx + paced.non2xx} non-2xx, ${max.errors + paced.errors} errors`,
    );
  }
  return {
    name: `(a) GET /workflows/:id p99 at a steady ${size.getRate}/s`,
    unit: 'ms',
    value: Math.max(paced.p99Ms, 0.01),
    target: { op: '<=', value: 10, label: '≤ 10 ms' },
    details: {
      requests: paced.measured,
      achievedRps: Math.round(paced.achievedRps),
      p50Ms: paced.p50Ms,
      p90Ms: paced.p90Ms,
      p999Ms: paced.p999Ms,
      maxMs: paced.maxMs,
      closedLoopMaxRps: Math.round(max.requests.average),
      closedLoopP99Ms: max.latency.p99,
    },
  };
}

/** (b) POST execute -> first step.started frame on the monitor WebSocket, sequentially. */
async function startLatency(bench: Bench, count: number): Promise<Result> {
  const wsUrl = `${bench.url.replace('http', 'ws')}/ws/workflows/${bench.workflowId}/monitor`;
  const socket = new WebSocket(wsUrl, { headers: { authorization: bench.headers.authorization! } });
  const firstStep = new Map<string, number>();
  let waiting: { executionId: string; resolve: (at: number) => void } | undefined;
  socket.on('message', (data) => {
    const at = performance.now();
    const frame = JSON.parse(String(data)) as { type: string; executionId?: string };
    if (frame.type !== 'step.started' || !frame.executionId || firstStep.has(frame.executionId)) return;
    firstStep.set(frame.executionId, at);
    if (waiting?.executionId === frame.executionId) waiting.resolve(at);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('message', () => resolve()); // stream.ready
    socket.once('error', reject);
  });
  const samples: number[] = [];
  try {
    const warmUp = Math.min(10, count);
    for (let i = 0; i < count + warmUp; i++) {
      const t = performance.now();
      const res = await fetch(`${bench.url}/api/v1/workflows/${bench.workflowId}/execute`, {
        method: 'POST',
        headers: bench.headers,
        body: JSON.stringify({ input: { name: `n${i}` } }),
      });
      if (res.status !== 202) throw new Error(`execute: ${res.status} ${await res.text()}`);
      const { executionId } = (await res.json()) as { executionId: string };
      const at =
        firstStep.get(executionId) ??
        (await new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no step.started within 5 s')), 5_000);
          waiting = {
            executionId,
            resolve: (value) => {
              clearTimeout(timer);
              resolve(value);
            },
          };
        }));
      waiting = undefined;
      if (i >= warmUp) samples.push(at - t);
    }
  } finally {
    socket.close();
  }
  return {
    name: '(b) POST execute -> first step.started on the WebSocket, p95',
    unit: 'ms',
    value: quantile(samples, 0.95),
    target: { op: '<=', value: 25, label: '≤ 25 ms' },
    details: { samples: samples.length, medianMs: median(samples), maxMs: Math.max(...samples) },
  };
}

/** (c) executions/s of the 3-node workflow started over HTTP, until all have completed. */
async function throughput(bench: Bench, size: (typeof sizes)['full']): Promise<Result> {
  let completed = 0;
  let failed = 0;
  let firstError: string | undefined;
  let onDone: (() => void) | undefined;
  let expected = Number.POSITIVE_INFINITY;
  const stop = bench.runtime.engine.on('event', (event) => {
    if (event.type !== 'execution.completed') return;
    completed++;
    if (event.status !== 'succeeded') {
      failed++;
      firstError ??= event.error?.message;
    }
    if (completed >= expected) onDone?.();
  });
  try {
    const run = async (amount: number) => {
      completed = 0;
      failed = 0;
      expected = amount;
      const done = new Promise<void>((resolve) => {
        onDone = resolve;
      });
      const t = performance.now();
      const result = await cannon({
        url: `${bench.url}/api/v1/workflows/${bench.workflowId}/execute`,
        method: 'POST',
        headers: bench.headers,
        body: JSON.stringify({ input: { name: 'bench' } }),
        connections: size.inFlight,
        amount,
        workers: size.workers,
      });
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`execute: ${result.non2xx} non-2xx, ${result.errors} errors`);
      }
      await done;
      if (failed > 0) throw new Error(`${failed} executions did not succeed: ${firstError}`);
      return { seconds: (performance.now() - t) / 1000, acceptedRps: result.requests.average };
    };
    await run(size.warmUp);
    const measured = await run(size.executions);
    return {
      name: `(c) 3-node executions/s started over HTTP (${size.inFlight} in flight)`,
      unit: 'exec/s',
      value: size.executions / measured.seconds,
      target: { op: '>=', value: 500, label: '≥ 500/s' },
      details: { executions: size.executions, acceptedRps: Math.round(measured.acceptedRps) },
    };
  } finally {
    stop();
  }
}

const suite: BenchSuite = {
  name: 'http (API server, embedded store)',
  async run(options: SuiteOptions = { size: 'full' }): Promise<Result[]> {
    const size = sizes[options.size];
    const bench = await startBenchServer();
    try {
      return [
        await getLatency(bench, size),
        await startLatency(bench, size.starts),
        await throughput(bench, size),
      ];
    } finally {
      await bench.close();
    }
  },
};
export default suite;
