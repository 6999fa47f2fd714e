/**
 * Schedules and workflow events on the embedded store (PGlite) with a controllable clock (issue 19 items 2 and 4):
 * 100 ticks give exactly 100 executions (the loop run twice per tick, concurrently), downtime follows the
 * missed-run policy, the overlap policies skip and queue, a draft's tick is refused, cron and time zones are checked
 * when saved, workflow events pass the source's output on and refuse cycles.
 */
import { AgentFlowError, emptyUsage, type Workflow } from '@agentflow/protocol';
import { schema } from '@agentflow/store-sql';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/permissions.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { tickExecutionId } from './service.js';

const T0 = Date.parse('2026-06-01T00:00:00Z');
let clock = T0 + 500;

const passThrough = (name: string, status: 'active' | 'draft' = 'active') => ({
  name,
  status,
  agents: [
    { id: 'in', type: 'input' },
    { id: 'out', type: 'output' },
  ],
  connections: [{ id: 'in-out', sourceAgentId: 'in', targetAgentId: 'out' }],
});
const waitsForAPerson = (name: string) => ({
  name,
  status: 'active',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'review', type: 'human', config: { prompt: 'ok?' } },
    { id: 'out', type: 'output' },
  ],
  connections: [
    { id: 'a', sourceAgentId: 'in', targetAgentId: 'review' },
    { id: 'b', sourceAgentId: 'review', targetAgentId: 'out' },
  ],
});

describe('schedules and workflow events (embedded)', () => {
  let runtime: Runtime;
  let principal: Principal;
  let scope: { workspaceId: string };

  beforeAll(async () => {
    runtime = await createRuntime({
      inMemory: true,
      env: {},
      security: { passwords: { memoryCost: 4096, timeCost: 1 } },
      triggers: { schedules: false, now: () => clock, leaseMs: 30_000, missedAfterMs: 10_000 },
    });
    const registered = await runtime.auth.register({
      email: 'sched@example.com',
      password: 'a-long-password-1',
    });
    principal = await runtime.auth.authenticateToken(registered.tokens.accessToken);
    scope = { workspaceId: principal.workspaceId };
    // Triggered executions count against the plan (a free workspace gets 100 an hour): this one starts more.
    await runtime.store.db
      .update(schema.workspaces)
      .set({ plan: 'enterprise' })
      .where(eq(schema.workspaces.id, principal.workspaceId));
  });
  afterAll(async () => {
    await runtime?.close();
  });

  const workflow = async (definition: Record<string, unknown>) =>
    (await runtime.workflows.create(definition as never, scope)).id;
  const schedule = (workflowId: string, config: Record<string, unknown>) =>
    runtime.triggers.create(principal, workflowId, { kind: 'schedule', name: 's', config: config as never });
  const executionsOf = async (workflowId: string) =>
    (await runtime.executions.list(scope, { workflowId, limit: 500 })).items;
  const tick = async (ms: number, loops = 2) => {
    clock += ms;
    await Promise.all(Array.from({ length: loops }, () => runtime.triggers.schedules.runOnce()));
  };

  it('100 ticks give exactly 100 executions, with the tick ids', async () => {
    const id = await workflow(passThrough('every-second'));
    const { trigger } = await schedule(id, { cron: '* * * * * *', input: { hello: 'tick' } });
    expect(trigger.nextRunAt).toBe(T0 + 1000);
    for (let i = 0; i < 100; i++) await tick(1000);
    const runs = await executionsOf(id);
    expect(runs).toHaveLength(100);
    const expected = Array.from({ length: 100 }, (_, i) => tickExecutionId(trigger.id, T0 + (i + 1) * 1000));
    expect(new Set(runs.map((r) => r.id))).toEqual(new Set(expected));
    expect(runs[0]!.input).toEqual({ hello: 'tick' });
    const firings = await runtime.triggers.firings(principal, trigger.id, 500);
    expect(firings.filter((f) => f.status === 'started')).toHaveLength(100);
    await runtime.triggers.update(principal, trigger.id, { enabled: false });
  });

  it('after downtime: run_once runs the latest missed tick once, skip runs none', async () => {
    const once = await workflow(passThrough('once'));
    const skip = await workflow(passThrough('skip'));
    const a = await schedule(once, { cron: '* * * * *', missed: 'run_once' });
    const b = await schedule(skip, { cron: '* * * * *', missed: 'skip' });
    // 10 minutes with no process running (every tick then is older than missedAfterMs), then one poll.
    await tick(10 * 60_000);
    expect(await executionsOf(once)).toHaveLength(1);
    expect(await executionsOf(skip)).toHaveLength(0);
    // Back to normal: the next minute's tick, polled on time, runs on both.
    await tick(60_000 - ((clock - T0) % 60_000) + 500);
    expect(await executionsOf(once)).toHaveLength(2);
    expect(await executionsOf(skip)).toHaveLength(1);
    const next = await runtime.triggers.nextRuns(principal, a.trigger.id, 3);
    expect(next).toHaveLength(3);
    expect(next[1]! - next[0]!).toBe(60_000);
    await runtime.triggers.update(principal, a.trigger.id, { enabled: false });
    await runtime.triggers.update(principal, b.trigger.id, { enabled: false });
  });

  it('overlap skip drops a tick while the previous run waits; queue starts it once that run ends', async () => {
    const skipped = await workflow(waitsForAPerson('overlap-skip'));
    const queued = await workflow(waitsForAPerson('overlap-queue'));
    const s = await schedule(skipped, { cron: '* * * * * *', overlap: 'skip' });
    const q = await schedule(queued, { cron: '* * * * * *', overlap: 'queue' });
    await tick(1000);
    const first = async (id: string) => {
      for (let i = 0; i < 200; i++) {
        const [run] = await executionsOf(id);
        if (run?.status === 'paused') return run.id;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('never paused');
    };
    const skipFirst = await first(skipped);
    const queueFirst = await first(queued);
    await tick(1000);
    await tick(1000);
    expect(await executionsOf(skipped)).toHaveLength(1);
    expect(await executionsOf(queued)).toHaveLength(1);
    const sf = await runtime.triggers.firings(principal, s.trigger.id);
    expect(sf.filter((f) => f.status === 'skipped')).toHaveLength(2);
    const qf = await runtime.triggers.firings(principal, q.trigger.id);
    expect(qf.filter((f) => f.status === 'pending')).toHaveLength(2);
    // The first run ends: the queued ticks start one at a time.
    await runtime.triggers.update(principal, s.trigger.id, { enabled: false });
    await runtime.triggers.update(principal, q.trigger.id, { enabled: false });
    await runtime.executions.cancel(queueFirst, scope);
    await runtime.executions.cancel(skipFirst, scope);
    await tick(0, 1);
    expect(await executionsOf(queued)).toHaveLength(2);
    expect(await executionsOf(skipped)).toHaveLength(1);
  });

  it('one batch across triggers with mixed overlap policies: one execution per tick; a deleted one is refused', async () => {
    const policies = ['allow', 'skip', 'queue', 'allow', 'skip', 'queue'] as const;
    const made = [];
    for (const [i, overlap] of policies.entries()) {
      const id = await workflow(passThrough(`batch-${i}`));
      made.push({ id, trigger: (await schedule(id, { cron: '* * * * * *', overlap })).trigger });
    }
    const gone = await schedule(await workflow(passThrough('batch-gone')), { cron: '* * * * * *' });
    // All seven ticks are written in one claim; the trigger is deleted before its firing is leased.
    clock += 1000;
    expect(await runtime.triggers.schedules.claim()).toBe(7);
    await runtime.triggers.remove(principal, gone.trigger.id);
    await tick(0, 3);
    for (const { id, trigger } of made) {
      const runs = await executionsOf(id);
      expect(runs.map((r) => r.id)).toEqual([tickExecutionId(trigger.id, trigger.nextRunAt!)]);
      const firings = await runtime.triggers.firings(principal, trigger.id);
      expect(firings.map((f) => f.status)).toEqual(['started']);
      expect(firings[0]!.startedAt).toBeDefined();
    }
    const left = (await runtime.store.db.execute(
      sql`select status, error from trigger_firings where trigger_id = ${gone.trigger.id}`,
    )) as unknown as { rows: { status: string; error: string }[] };
    expect(left.rows).toEqual([{ status: 'refused', error: 'AF_NOT_FOUND: the trigger was deleted' }]);
    for (const { trigger } of made) await runtime.triggers.update(principal, trigger.id, { enabled: false });
  });

  it("a draft's tick is refused with its code; nothing runs", async () => {
    const id = await workflow(passThrough('draft', 'draft'));
    const { trigger } = await schedule(id, { cron: '* * * * * *' });
    await tick(1000, 1);
    expect(await executionsOf(id)).toHaveLength(0);
    const [firing] = await runtime.triggers.firings(principal, trigger.id);
    expect(firing).toMatchObject({ status: 'refused' });
    expect(firing!.error).toMatch(/^AF_WORKFLOW_DRAFT/);
    await runtime.triggers.remove(principal, trigger.id);
  });

  it('refuses a bad cron expression or time zone with the path', async () => {
    const id = await workflow(passThrough('bad'));
    const issuePath = async (config: Record<string, unknown>) => {
      try {
        await schedule(id, config);
      } catch (error) {
        expect(error).toBeInstanceOf(AgentFlowError);
        return (error as AgentFlowError).issues?.[0]?.path;
      }
      throw new Error('accepted');
    };
    expect(await issuePath({ cron: 'every day' })).toBe('config.cron');
    expect(await issuePath({ cron: '0 9 * * *', timezone: 'Mars/Olympus' })).toBe('config.timezone');
    expect(await issuePath({ cron: '0 9 * * *', overlap: 'sometimes' })).toBe('config.overlap');
    const ok = await schedule(id, { cron: '0 9 * * *', timezone: 'Europe/Paris' });
    // 09:00 in Paris in June is 07:00 UTC.
    expect(new Date(ok.trigger.nextRunAt!).toISOString()).toMatch(/T07:00:00.000Z$/);
    await runtime.triggers.remove(principal, ok.trigger.id);
  });

  it('workflow events: B starts with A output when A succeeds; a loop of triggers is refused', async () => {
    const a = await workflow(passThrough('A'));
    const b = await workflow(passThrough('B'));
    const c = await workflow(passThrough('C'));
    await runtime.triggers.create(principal, b, {
      kind: 'workflow_event',
      name: 'after A',
      config: { sourceWorkflowId: a, on: ['succeeded'] },
    });
    await runtime.triggers.create(principal, c, {
      kind: 'workflow_event',
      name: 'after B',
      config: { sourceWorkflowId: b },
    });
    const cycle = (target: string, source: string) =>
      runtime.triggers.create(principal, target, {
        kind: 'workflow_event',
        name: 'loop',
        config: { sourceWorkflowId: source },
      });
    await expect(cycle(a, c)).rejects.toMatchObject({ code: 'AF_VALIDATION' });
    await expect(cycle(a, a)).rejects.toMatchObject({ code: 'AF_VALIDATION' });
    const { done } = await runtime.workflows.execute(a, { n: 1 }, scope);
    await done;
    for (let i = 0; i < 300 && (await executionsOf(c)).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const [bRun] = await executionsOf(b);
    expect(bRun!.input).toEqual({ n: 1 });
    expect(await executionsOf(c)).toHaveLength(1);
    const by = await runtime.triggers.triggeredBy([bRun!.id]);
    expect(by.get(bRun!.id)).toMatchObject({ kind: 'workflow_event', name: 'after A' });
  });
  it('an end no process acted on is fired by the catch-up sweep, once', async () => {
    const a = await workflow(passThrough('A (lost event)'));
    const b = await workflow(passThrough('B (lost event)'));
    const { trigger } = await runtime.triggers.create(principal, b, {
      kind: 'workflow_event',
      name: 'after lost A',
      config: { sourceWorkflowId: a },
    });
    // Saved a minute ago (an end from before a trigger was saved is not fired late).
    await runtime.store.db.execute(
      sql`update workflow_triggers set updated_at = now() - interval '1 minute' where id = ${trigger.id}`,
    );
    // A's end as a process that died right after its terminal commit leaves it: in the store, no firing, and
    // no engine event here (it is written straight to the store).
    const source = await runtime.workflows.get(a, scope);
    const id = 'exe_lost_event_source';
    await runtime.store.createExecution({
      id,
      workflowId: a,
      workflowVersion: source.version,
      workflow: source.definition as Workflow,
      workspaceId: scope.workspaceId,
      status: 'running',
      input: { n: 2 },
      createdAt: Date.now() - 8000,
      startedAt: Date.now() - 8000,
      ready: [],
      waiting: [],
      stepCount: 0,
      usage: emptyUsage(),
    });
    await runtime.store.updateExecution(id, {
      status: 'succeeded',
      output: { n: 2 },
      completedAt: Date.now() - 6000,
    });
    expect(await executionsOf(b)).toHaveLength(0);
    expect(await runtime.triggers.events.sweep()).toBe(1);
    // Recorded: the next sweep (here or in another process) starts nothing more.
    expect(await runtime.triggers.events.sweep()).toBe(0);
    const [bRun] = await executionsOf(b);
    expect(bRun!.input).toEqual({ n: 2 });
    const by = await runtime.triggers.triggeredBy([bRun!.id]);
    expect(by.get(bRun!.id)).toMatchObject({ kind: 'workflow_event', name: 'after lost A' });
  });
});

describe('the running schedule loop', () => {
  const register = async (runtime: Runtime) => {
    const registered = await runtime.auth.register({
      email: 'loop@example.com',
      password: 'a-long-password-1',
    });
    const principal = await runtime.auth.authenticateToken(registered.tokens.accessToken);
    const id = (await runtime.workflows.create(passThrough('looped') as never, principal)).id;
    return { principal, workflowId: id };
  };

  it('nextDue: the earliest tick of an enabled schedule, a pending firing now, a leased one when its lease ends', async () => {
    let now = T0 + 500;
    const runtime = await createRuntime({
      inMemory: true,
      env: {},
      security: { passwords: { memoryCost: 4096, timeCost: 1 } },
      triggers: { schedules: false, now: () => now, leaseMs: 30_000 },
      notifications: { deliver: false },
      alerts: { evaluate: false },
    });
    try {
      const loop = runtime.triggers.schedules;
      const { principal, workflowId } = await register(runtime);
      expect(await loop.nextDue()).toBeUndefined();
      const { trigger } = await runtime.triggers.create(principal, workflowId, {
        kind: 'schedule',
        name: 'every 5 min',
        config: { cron: '*/5 * * * *' } as never,
      });
      expect(await loop.nextDue()).toBe(T0 + 300_000);
      now = T0 + 300_010;
      expect(await loop.claim()).toBe(1);
      // The firing is pending and nobody holds it: due now (the epoch stands for "no lease").
      expect(await loop.nextDue()).toBe(0);
      const leased = await loop.lease();
      expect(leased).toHaveLength(1);
      expect(await loop.nextDue()).toBe(now + 30_000);
      expect(await loop.startLeased(leased)).toBe(1);
      expect(await loop.nextDue()).toBe(T0 + 600_000);
      await runtime.triggers.update(principal, trigger.id, { enabled: false });
      expect(await loop.nextDue()).toBeUndefined();
    } finally {
      await runtime.close();
    }
  });

  it('idle, reads the store once per few seconds, not every second; fires each tick within a second of it', async () => {
    const runtime = await createRuntime({
      inMemory: true,
      env: {},
      security: { passwords: { memoryCost: 4096, timeCost: 1 } },
      triggers: { eventSweepMs: 3_600_000 },
      notifications: { deliver: false },
      alerts: { evaluate: false },
    });
    try {
      const { principal, workflowId } = await register(runtime);
      // Every statement of the idle runtime (the other loops are off here) is the schedule loop's.
      const db = runtime.store.db;
      const execute = db.execute.bind(db);
      let reads = 0;
      db.execute = ((query: Parameters<typeof execute>[0]) => {
        reads++;
        return execute(query);
      }) as typeof db.execute;
      await new Promise((r) => setTimeout(r, 1500));
      reads = 0;
      await new Promise((r) => setTimeout(r, 3000));
      // One read per 5 s (±25 %); polling each second made 2 statements a second.
      expect(reads).toBeLessThanOrEqual(1);

      // Saving a schedule wakes the loop; each tick (every second) starts within a second of its time.
      const { trigger } = await runtime.triggers.create(principal, workflowId, {
        kind: 'schedule',
        name: 'every second',
        config: { cron: '* * * * * *' } as never,
      });
      const deadline = Date.now() + 10_000;
      let started: { scheduledFor?: number; startedAt?: number }[] = [];
      while (started.length < 3 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        started = (await runtime.triggers.firings(principal, trigger.id)).filter(
          (f) => f.status === 'started',
        );
      }
      await runtime.triggers.update(principal, trigger.id, { enabled: false });
      expect(started.length).toBeGreaterThanOrEqual(3);
      for (const firing of started) {
        expect(firing.startedAt! - firing.scheduledFor!).toBeLessThan(1000);
      }
    } finally {
      await runtime.close();
    }
  });
});
