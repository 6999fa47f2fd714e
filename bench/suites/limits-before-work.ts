/**
 * Limits before work (issue 12 item 4 target: an oversized workflow is refused in ≤ 5 ms of server CPU). A
 * 30,000-agent body (0.95 MB, under the 1 MiB body limit) is sent to `POST /api/v1/workflows` over loopback HTTP
 * by a client in another process, so the server process's CPU (`process.cpuUsage`, all its threads) from the request's arrival to both
 * the response's `finish` and the end of the request body (the rest of a refused body is read and dropped after
 * the answer) is the request's cost. Sequential requests; the figure is the p95 over the samples, with a 15-byte
 * body's cost beside it (what any request costs: routing, authentication, the answer).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '@agentflow/runtime';
import { buildServer } from '@agentflow/server';
import { median, quantile } from '../harness.js';
import type { BenchSuite, Result, SuiteOptions } from '../types.js';

const sizes = { full: { warmUp: 20, samples: 200 }, smoke: { warmUp: 1, samples: 3 } };

/** The client: sends `count` sequential POSTs of the body read from stdin, prints the statuses. */
const CLIENT = `
const http = require('node:http');
const [url, token, count] = process.argv.slice(1);
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const body = Buffer.concat(chunks);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const statuses = {};
  for (let i = 0; i < Number(count); i++) {
    const status = await new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: {
        authorization: 'Bearer ' + token, 'content-type': 'application/json', 'content-length': body.length } },
        (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
      req.on('error', reject);
      req.end(body);
    });
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  agent.destroy();
  process.stdout.write(JSON.stringify(statuses));
});
`;

function runClient(url: string, token: string, count: number, body: Buffer): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CLIENT, url, token, String(count)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`client exit ${code}`)),
    );
    child.stdin.end(body);
  });
}

async function limitsBeforeWork(options: SuiteOptions): Promise<Result[]> {
  const size = sizes[options.size];
  const dir = mkdtempSync(join(tmpdir(), 'agentflow-bench-limits-'));
  const runtime = await createRuntime({
    env: {},
    config: { dataDir: dir, logLevel: 'silent' },
    security: { executionLimits: false },
    triggers: { schedules: false },
  });
  const app = await buildServer({ runtime, logger: false, rateLimiter: false });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/workflows`;
    const { tokens } = await runtime.auth.register({
      email: 'limits@example.com',
      password: 'a-long-password-1',
    });
    // CPU microseconds of each request, from its arrival to the end of both the answer and the body.
    let costs: number[] = [];
    let systemCosts: number[] = [];
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      const start = process.cpuUsage();
      let pending = 2;
      const done = () => {
        if (--pending > 0) return;
        const used = process.cpuUsage(start);
        costs.push((used.user + used.system) / 1000);
        systemCosts.push(used.system / 1000);
      };
      res.once('finish', done);
      if (req.complete) done();
      else req.once('end', done).once('close', () => pending > 0 && !req.complete && done());
    };
    app.server.prependListener('request', onRequest);

    const measure = async (body: Buffer, expected: number) => {
      await runClient(url, tokens.accessToken, size.warmUp, body);
      costs = [];
      systemCosts = [];
      const statuses = await runClient(url, tokens.accessToken, size.samples, body);
      if (statuses[String(expected)] !== size.samples)
        throw new Error(`statuses ${JSON.stringify(statuses)}`);
      return { cpu: [...costs], system: [...systemCosts] };
    };
    const agents = Array.from({ length: 30_000 }, (_, i) => ({ id: `a${i}`, type: 'output' }));
    const big = Buffer.from(JSON.stringify({ name: 'big', agents }));
    const small = Buffer.from('{"name":"x"}');
    const { cpu: bigCosts, system: bigSystem } = await measure(big, 400);
    const { cpu: smallCosts, system: smallSystem } = await measure(small, 400);
    app.server.removeListener('request', onRequest);
    return [
      {
        name: 'oversized workflow refused: server CPU p95',
        unit: 'ms',
        value: quantile(bigCosts, 0.95),
        target: { op: '<=', value: 5, label: '≤ 5 ms' },
        details: {
          bodyBytes: big.length,
          agents: 30_000,
          median: median(bigCosts),
          max: Math.max(...bigCosts),
          systemMedian: median(bigSystem),
          smallBodyMedian: median(smallCosts),
          smallBodySystemMedian: median(smallSystem),
          smallBodyP95: quantile(smallCosts, 0.95),
          samples: bigCosts.length,
        },
      },
    ];
  } finally {
    await app.close();
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const suite: BenchSuite = {
  name: 'limits-before-work',
  description: 'server CPU to refuse a 30,000-agent workflow body over HTTP (streaming pre-scan)',
  run: async (options = { size: 'full' }) => limitsBeforeWork(options),
};
export default suite;
