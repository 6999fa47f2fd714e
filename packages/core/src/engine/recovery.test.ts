/**
 * Taking up interrupted executions (`recoverOrphans`, orphans.ts): each orphan is claimed in the store, so one
 * process takes it, and the take-ups since its last committed step are counted there, so that an execution whose
 * step keeps killing its process (or whose commit keeps failing) is failed after `maxRecoveries` instead of
 * restarting into the same crash forever, while one that makes progress between interruptions never is.
 */
import type { AgentFlowEvent } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, createMemoryStore, defineNodeType, type Store } from '../index.js';
import { failingCommits, graph } from './test/helpers.js';

const chain = graph(
  [
    { id: 'in', type: 'input' },
    { id: 'a', type: 'transform', config: { expression: 'input + "+"' } },
    { id: 'b', type: 'transform', config: { expression: 'input + "+"' } },
    { id: 'c', type: 'transform', config: { expression: 'input + "+"' } },
    { id: 'out', type: 'output' },
  ],
  ['in>a', 'a>b', 'b>c', 'c>out'],
);

/** A new process on the store: an engine that dies at its commit number `k` (0-based) and every later one. */
function processOn(store: Store, k: number) {
  return createEngine({
    store: failingCommits(store, (n) => n >= k),
    leaseTtlMs: 50,
    maxRecoveries: 2,
  });
}

/** Takes orphans up with `engine` and waits for the resumes it started. */
async function takeUp(engine: ReturnType<typeof processOn>): Promise<string[]> {
  const ids = await engine.recoverOrphans();
  await Promise.all(ids.map((id) => engine.resume(id).catch(() => undefined)));
  return ids;
}

describe('recoverOrphans', () => {
  it('fails an execution interrupted maxRecoveries + 1 times without a committed step, across processes', async () => {
    const store = createMemoryStore();
    // Every process commits the input step's successor never: the step of `a` "kills" it each time.
    const first = processOn(store, 1);
    const { executionId, done } = await first.start(chain, 'x');
    await expect(done).rejects.toThrow(/process died/);
    expect(await takeUp(processOn(store, 0))).toEqual([executionId]);
    expect(await takeUp(processOn(store, 0))).toEqual([executionId]);
    const last = processOn(store, 0);
    const events: AgentFlowEvent[] = [];
    last.on('event', (event) => events.push(event));
    expect(await takeUp(last)).toEqual([]);
    const record = await store.getExecution(executionId);
    // Its end reaches the engine's listeners (live views, notifications, workflow-event triggers).
    expect(events).toEqual([
      expect.objectContaining({
        type: 'execution.completed',
        executionId,
        status: 'failed',
        error: record?.error,
        usage: record?.usage,
      }),
    ]);
    expect(record).toMatchObject({
      status: 'failed',
      error: { code: 'AF_INTERNAL', details: { recoveries: 2 } },
    });
    expect(record?.error?.message).toContain('interrupted 3 times');
    expect(record?.completedAt).toBeTypeOf('number');
    expect(await store.listOrphans()).not.toContain(executionId);
  });

  it('never fails one that commits a step between interruptions', async () => {
    const store = createMemoryStore();
    // Each process commits one step and dies at the next: four take-ups, more than maxRecoveries (2).
    const { executionId, done } = await processOn(store, 1).start(chain, 'x');
    await expect(done).rejects.toThrow(/process died/);
    for (let i = 0; i < 3; i++) {
      expect(await takeUp(processOn(store, 1))).toEqual([executionId]);
      expect((await store.getExecution(executionId))?.status).toBe('running');
    }
    expect(await takeUp(processOn(store, 1))).toEqual([executionId]);
    expect(await store.getExecution(executionId)).toMatchObject({ status: 'succeeded', output: 'x+++' });
  });

  it('fails one that cannot be resumed (its node type is gone) instead of leaving it running', async () => {
    const store = createMemoryStore();
    const stepper = defineNodeType({
      type: 'stepper',
      configSchema: z.object({}),
      run: async ({ input }) => input,
    });
    const withStepper = graph(
      [
        { id: 'in', type: 'input' },
        { id: 's', type: 'stepper' },
        { id: 'out', type: 'output' },
      ],
      ['in>s', 's>out'],
    );
    const first = createEngine({ store: failingCommits(store, (n) => n >= 1), nodeTypes: [stepper] });
    const { executionId, done } = await first.start(withStepper, 'x');
    await expect(done).rejects.toThrow(/process died/);
    // A process without the node type: each resume is refused (the run cannot be compiled), so the execution
    // stays an orphan once the claim's lease ends, and is failed at the take-up after maxRecoveries.
    const lacking = createEngine({ store, leaseTtlMs: 20, maxRecoveries: 2 });
    const taken: string[][] = [];
    for (let i = 0; i < 3; i++) {
      const ids = await lacking.recoverOrphans();
      await Promise.all(ids.map((id) => lacking.resume(id).catch(() => undefined)));
      taken.push(ids);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    expect(taken).toEqual([[executionId], [executionId], []]);
    expect(await store.getExecution(executionId)).toMatchObject({
      status: 'failed',
      error: { code: 'AF_INTERNAL' },
    });
  });

  it('lets one of two processes take each orphan', async () => {
    const store = createMemoryStore();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { executionId, done } = await processOn(store, 1).start(chain, `x${i}`);
      await expect(done).rejects.toThrow(/process died/);
      ids.push(executionId);
    }
    const one = createEngine({ store, leaseTtlMs: 60_000 });
    const two = createEngine({ store, leaseTtlMs: 60_000 });
    const [byOne, byTwo] = await Promise.all([one.recoverOrphans(), two.recoverOrphans()]);
    expect([...byOne, ...byTwo].sort()).toEqual([...ids].sort());
    await Promise.all([...byOne.map((id) => one.resume(id)), ...byTwo.map((id) => two.resume(id))]);
    for (const id of ids) expect((await store.getExecution(id))?.status).toBe('succeeded');
  });

  it('takes up only the statuses asked for', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, leaseTtlMs: 60_000 });
    const { executionId, done } = await processOn(store, 1).start(chain, 'x');
    await expect(done).rejects.toThrow(/process died/);
    expect(await engine.recoverOrphans({ statuses: ['queued'] })).toEqual([]);
    const within: string[] = [];
    const taken = await engine.recoverOrphans({
      statuses: ['running'],
      within: (id, run) => {
        within.push(id);
        return run();
      },
    });
    expect(taken).toEqual([executionId]);
    expect(within).toEqual([executionId]);
    await engine.resume(executionId);
    expect((await store.getExecution(executionId))?.status).toBe('succeeded');
  });
});

describe('abandon', () => {
  const error = { code: 'AF_INTERNAL' as const, message: 'no worker can run it' };

  it('fails an interrupted execution no process runs, tells listeners, and a reopen resumes it after its steps', async () => {
    const store = createMemoryStore();
    const { executionId, done } = await processOn(store, 2).start(chain, 'x');
    await expect(done).rejects.toThrow(/process died/);
    const engine = createEngine({ store, leaseTtlMs: 60_000 });
    const events: AgentFlowEvent[] = [];
    engine.on('event', (event) => events.push(event));
    expect(await engine.abandon(executionId, error)).toBe(true);
    expect(await store.getExecution(executionId)).toMatchObject({ status: 'failed', error });
    expect(events).toEqual([
      expect.objectContaining({ type: 'execution.completed', executionId, status: 'failed', error }),
    ]);
    expect(await engine.abandon(executionId, error)).toBe(false);

    // Put back in the queue (a dead letter retried): the resume runs what was left, not the steps committed.
    expect(await store.reopenExecution(executionId)).toBe(true);
    const result = await engine.resume(executionId);
    expect(result).toMatchObject({ status: 'succeeded', output: 'x+++' });
    const steps = await store.listSteps(executionId);
    expect(steps.map((s) => s.agentId)).toEqual(['in', 'a', 'b', 'c', 'out']);
  });

  it('leaves alone an execution that runs (here or in another process), that ended, or an unknown id', async () => {
    const store = createMemoryStore();
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (entered = resolve));
    const gate = defineNodeType({
      type: 'gate',
      configSchema: z.object({}),
      run: ({ input }) =>
        new Promise((resolve) => {
          release = () => resolve(input);
          entered();
        }),
    });
    const gated = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'g', type: 'gate' },
      ],
      ['in>g'],
    );
    const here = createEngine({ store, nodeTypes: [gate], leaseTtlMs: 60_000 });
    const other = createEngine({ store, leaseTtlMs: 60_000 });
    const { executionId, done } = await here.start(gated, 'x');
    await started;
    expect(await here.abandon(executionId, error)).toBe(false);
    // Another process sees a live lease.
    expect(await other.abandon(executionId, error)).toBe(false);
    release();
    await expect(done).resolves.toMatchObject({ status: 'succeeded' });
    expect(await other.abandon(executionId, error)).toBe(false);
    expect(await other.abandon('exe-unknown', error)).toBe(false);
    expect((await store.getExecution(executionId))?.status).toBe('succeeded');
  });
});
