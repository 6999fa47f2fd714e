/**
 * Webhooks (issue 19 target): from `POST /hooks/:id` sent to the execution's `execution.started` event, p95 over
 * sequential requests, on the embedded store (PGlite in a temp data directory), over loopback HTTP. The hook
 * checks a GitHub-style HMAC signature (each body differs, so none is a replay); the workflow is input ->
 * transform -> output. The plan's execution limit is off; the hook's own rate limit is raised above the run.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRuntime } from '@agentflow/runtime';
import { buildServer } from '@agentflow/server';
import { median, quantile } from '../harness.js';
import type { BenchSuite, Result, SuiteOptions } from '../types.js';

// The workspace limit over all hooks is 600 per minute: warm-up + samples stay under it.
const sizes = { full: { warmUp: 100, samples: 400 }, smoke: { warmUp: 2, samples: 5 } };

const workflow = {
  name: 'bench-hook',
  status: 'active',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'greet', type: 'transform', config: { expression: "'Hello, ' + input.body.name" } },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'a', sourceAgentId: 'in', targetAgentId: 'greet' },
    { id: 'b', sourceAgentId: 'greet', targetAgentId: 'out' },
  ],
};

async function webhookToStart(options: SuiteOptions): Promise<Result> {
  const size = sizes[options.size];
  const dir = mkdtempSync(join(tmpdir(), 'agentflow-bench-hooks-'));
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
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const registered = await runtime.auth.register({
      email: 'hooks@example.com',
      password: 'a-long-password-1',
    });
    const principal = await runtime.auth.authenticateToken(registered.tokens.accessToken);
    const created = await runtime.workflows.create(workflow as never, { workspaceId: principal.workspaceId });
    const { trigger, secret } = await runtime.triggers.create(principal, created.id, {
      kind: 'webhook',
      name: 'bench',
      config: { auth: { hmac: 'github' }, rateLimit: { limit: 100_000, windowMs: 60_000 } },
    });
    const started = new Map<string, number>();
    const off = runtime.onEvent((event) => {
      if (event.type === 'execution.started') started.set(event.executionId, performance.now());
    });
    const send = async (i: number): Promise<number> => {
      const body = JSON.stringify({ name: `caller-${i}` });
      const signature = `sha256=${createHmac('sha256', secret!).update(body).digest('hex')}`;
      const at = performance.now();
      const res = await fetch(`${url}/hooks/${trigger.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body,
      });
      if (res.status !== 202) throw new Error(`hook answered ${res.status}: ${await res.text()}`);
      const { executionId } = (await res.json()) as { executionId: string };
      const when = started.get(executionId);
      if (when === undefined) throw new Error(`no execution.started for ${executionId}`);
      return when - at;
    };
    for (let i = 0; i < size.warmUp; i++) await send(i);
    const latencies: number[] = [];
    for (let i = 0; i < size.samples; i++) latencies.push(await send(size.warmUp + i));
    off();
    return {
      name: 'webhook to execution start p95 (embedded)',
      unit: 'ms',
      value: quantile(latencies, 0.95),
      target: { op: '<=', value: 10, label: '≤ 10 ms' },
      details: { median: median(latencies), samples: latencies.length, signed: 'github hmac' },
    };
  } finally {
    await app.close();
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const suite: BenchSuite = {
  name: 'webhooks',
  description: 'POST /hooks/:id to execution.started on the embedded store',
  run: async (options = { size: 'full' }) => [await webhookToStart(options)],
};
export default suite;
