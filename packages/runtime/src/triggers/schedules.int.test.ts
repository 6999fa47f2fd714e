/**
 * Schedules in distributed mode (issue 19 item 2) on real PostgreSQL and Redis: two worker processes
 * (schedule-worker.fixture.ts) both run the schedule loop at every tick of a clock the test controls; 100 ticks of a
 * once-a-second schedule give exactly 100 executions, all run by the workers. At tick 40 one of them claims the
 * tick and leases it, then is SIGKILLed before starting it: the other starts it once the lease (5 s of the clock)
 * ends, and no tick is lost or run twice. Needs DATABASE_URL and REDIS_URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schema } from '@agentflow/store-sql';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/permissions.js';
import type { Runtime } from '../runtime.js';
import { type Deployment, openDeployment } from '../test-support/distributed.js';
import { tickExecutionId } from './service.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../../../..');
const FIXTURE = join(HERE, 'schedule-worker.fixture.ts');
const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
if (!enabled) console.warn('schedules.int.test.ts: DATABASE_URL and REDIS_URL are not set; skipped');

interface Child {
  process: ChildProcess;
  send(cmd: string, now: number): Promise<Record<string, unknown>>;
}

function startChild(env: Record<string, string | undefined>): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c) => {
    stderr += c;
  });
  const waiting: { resolve(value: Record<string, unknown>): void; reject(error: Error): void }[] = [];
  child.once('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`worker exited (${code}): ${stderr.slice(-2000)}`));
  });
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let at = buffered.indexOf('\n');
    while (at >= 0) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      if (line.startsWith('{')) waiting.shift()?.resolve(JSON.parse(line) as Record<string, unknown>);
      at = buffered.indexOf('\n');
    }
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      waiting.push({ resolve, reject });
    });
  return next().then(() => ({
    process: child,
    send(cmd, now) {
      const answer = next();
      child.stdin!.write(`${JSON.stringify({ cmd, now })}\n`);
      return answer;
    },
  }));
}

describe.runIf(enabled)('schedules with two worker processes (PostgreSQL + Redis)', () => {
  let deployment: Deployment;
  let api: Runtime;
  let principal: Principal;
  const children: Child[] = [];

  beforeAll(async () => {
    deployment = await openDeployment('sched', { workers: 0 });
    api = deployment.api;
    const registered = await api.auth.register({ email: 'sched@example.com', password: 'a-long-password-1' });
    principal = await api.auth.authenticateToken(registered.tokens.accessToken);
    await api.store.db
      .update(schema.workspaces)
      .set({ plan: 'enterprise' })
      .where(eq(schema.workspaces.id, principal.workspaceId));
    children.push(await startChild(deployment.env), await startChild(deployment.env));
  }, 120_000);
  afterAll(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    await deployment?.close();
  });

  it('100 ticks give exactly 100 executions; a killed owner loses no tick', async () => {
    const scope = { workspaceId: principal.workspaceId };
    const workflowId = (
      await api.workflows.create(
        {
          name: 'every-second',
          status: 'active',
          agents: [
            { id: 'in', type: 'input' },
            { id: 'out', type: 'output' },
          ],
          connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'out' }],
        } as never,
        scope,
      )
    ).id;
    // Created at T0 + 0.5 s of the test's clock: the first tick is T0 + 1 s.
    const T0 = Math.floor(Date.now() / 1000) * 1000;
    const { trigger } = await api.triggers.create(principal, workflowId, {
      kind: 'schedule',
      name: 'every second',
      config: { cron: '* * * * * *', input: { from: 'schedule' } },
    });
    const first = trigger.nextRunAt!;
    expect(first).toBeGreaterThan(T0);
    const [a, b] = children as [Child, Child];
    let clock = first - 500;
    for (let i = 1; i <= 100; i++) {
      clock += 1000;
      if (i === 40) {
        // A takes tick 40 and leases it, then dies before starting it.
        const taken = await a.send('claimAndLease', clock);
        expect(taken).toMatchObject({ ok: true, claimed: 1, leased: 1 });
        a.process.kill('SIGKILL');
        continue;
      }
      const answers = await Promise.all((i < 40 ? [a, b] : [b]).map((child) => child.send('tick', clock)));
      for (const answer of answers) expect(answer).toMatchObject({ ok: true });
    }
    const ids = Array.from({ length: 100 }, (_, i) => tickExecutionId(trigger.id, first + i * 1000));
    const count = async () => (await api.executions.list(scope, { workflowId, limit: 500 })).items;
    const runs = await count();
    expect(runs).toHaveLength(100);
    expect(new Set(runs.map((r) => r.id))).toEqual(new Set(ids));
    const firings = await api.triggers.firings(principal, trigger.id, 500);
    expect(firings.filter((f) => f.status === 'started')).toHaveLength(100);
    // The workers ran them (the one B runs; A's queue reservations, if any, come back to B).
    for (let i = 0; i < 600; i++) {
      const done = (await count()).filter((r) => r.status === 'succeeded').length;
      if (done === 100) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const finished = await count();
    expect(finished.filter((r) => r.status === 'succeeded')).toHaveLength(100);
    expect(finished[0]!.output).toEqual({ from: 'schedule' });
  }, 180_000);
});
