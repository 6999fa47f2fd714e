import { describe, expect, it } from 'vitest';
import { graph, reviewAgents } from '../engine/test/helpers.js';
import { createEngine, createMemoryStore } from '../index.js';
import type { Clock } from '../ports/clock.js';

const shout = graph(
  [
    { id: 'in', type: 'input' },
    { id: 'up', type: 'transform', config: { expression: 'string(input) + "!"' } },
  ],
  ['in>up'],
);

const approval = graph(reviewAgents, ['in>draft', 'draft>review']);

function manualClock(start = 1_000_000): Clock & { advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    sleep: () => Promise.resolve(),
    advance(ms) {
      t += ms;
    },
  };
}

describe('in-memory store retention of finished executions', () => {
  it('keeps the last maxExecutions finished ones: older ones are no longer returned, their steps neither', async () => {
    const engine = createEngine({ retention: { maxExecutions: 2 } });
    const ids: string[] = [];
    for (const word of ['a', 'b', 'c']) {
      const result = await engine.run(shout, word);
      // The caller still gets the whole result, even of an execution dropped right away.
      expect(result).toMatchObject({ status: 'succeeded', output: `${word}!` });
      expect(result.stepCounts).toMatchObject({ total: 2, succeeded: 2, failed: 0 });
      ids.push(result.executionId);
    }
    expect(await engine.getExecution(ids[0]!)).toBeUndefined();
    expect(await engine.getSteps(ids[0]!)).toEqual([]);
    expect((await engine.store.listExecutions()).items.map((x) => x.id)).toEqual([ids[2], ids[1]]);
    expect(await engine.getExecution(ids[2]!)).toMatchObject({ status: 'succeeded', output: 'c!' });
    expect((await engine.getSteps(ids[2]!)).map((s) => [s.agentId, s.output])).toEqual([
      ['in', 'c'],
      ['up', 'c!'],
    ]);
  });

  it('keeps a failed execution put back in the queue, with its steps (kept by column while it was failed)', async () => {
    const store = createMemoryStore({ retention: { maxExecutions: 1 } });
    const engine = createEngine({ store });
    const template = (await store.getExecution((await engine.run(shout, 'x')).executionId))!;
    const id = 'exe-reopened';
    await store.createExecution({ ...template, id, status: 'running', stepCount: 0 });
    const steps = Array.from({ length: 20 }, (_, i) => ({
      id: `${id}:n${i}:0`,
      executionId: id,
      agentId: `n${i}`,
      iteration: 0,
      seq: i,
      status: 'succeeded' as const,
      attempt: 1,
      input: i,
      startedAt: 1,
      completedAt: 2,
      output: i + 1,
    }));
    await store.commitStep({ executionId: id, steps, messages: [], ready: ['n20'], waiting: [] });
    expect(await store.updateExecution(id, { status: 'failed', completedAt: 3 })).toBe(true);
    expect(await store.reopenExecution(id)).toBe(true);
    // Two more finished executions: the retention (1) drops the failed entry it queued, not the reopened one.
    await engine.run(shout, 'a');
    await engine.run(shout, 'b');
    expect(await store.getExecution(id)).toMatchObject({ status: 'queued', ready: ['n20'], stepCount: 20 });
    expect(await store.listSteps(id)).toEqual(steps);
    expect(await store.getExecution(template.id)).toBeUndefined();
  });

  it('with 0, drops a finished execution as it finishes, never a paused one', async () => {
    const engine = createEngine({ retention: { maxExecutions: 0 } });
    const paused = await engine.run(approval, { topic: 'cats' });
    expect(paused.status).toBe('paused');
    const done = await engine.run(shout, 'x');
    expect(done.output).toBe('x!');
    expect(await engine.getExecution(done.executionId)).toBeUndefined();
    expect(await engine.getExecution(paused.executionId)).toMatchObject({ status: 'paused' });
    // The paused one finishes when approved, and is dropped then.
    const approved = await engine.approve(paused.executionId, 'review', { approved: true });
    expect(approved.status).toBe('succeeded');
    expect(await engine.getExecution(paused.executionId)).toBeUndefined();
    expect((await engine.store.listExecutions()).items).toEqual([]);
  });

  it('drops a finished execution maxAgeMs after it finished (by the store clock), never a running one', async () => {
    const clock = manualClock();
    const store = createMemoryStore({ clock, retention: { maxAgeMs: 1000 } });
    const engine = createEngine({ store, clock });
    const first = await engine.run(shout, 'a');
    const queued = await engine.create(shout, 'q');
    clock.advance(1000);
    const second = await engine.run(shout, 'b');
    expect(await engine.getExecution(first.executionId)).toBeUndefined();
    expect(await engine.getExecution(second.executionId)).toMatchObject({ status: 'succeeded' });
    expect(await engine.getExecution(queued.executionId)).toMatchObject({ status: 'queued' });
    clock.advance(999);
    await engine.run(shout, 'c');
    expect(await engine.getExecution(second.executionId)).toMatchObject({ status: 'succeeded' });
  });

  it('keeps 1000 by default, and everything with Infinity', async () => {
    const bounded = createEngine();
    const all = createEngine({ retention: { maxExecutions: Infinity, maxAgeMs: Infinity } });
    const firsts: string[] = [];
    for (const engine of [bounded, all]) {
      for (let i = 0; i <= 1000; i++) {
        const { executionId } = await engine.run(shout, i);
        if (i === 0) firsts.push(executionId);
      }
    }
    expect(await bounded.getExecution(firsts[0]!)).toBeUndefined();
    expect(await all.getExecution(firsts[1]!)).toMatchObject({ status: 'succeeded', output: '0!' });
    // Pages still walk every kept execution, newest first.
    let seen = 0;
    let cursor: string | undefined;
    do {
      const page = await bounded.store.listExecutions({ limit: 500, ...(cursor ? { cursor } : {}) });
      seen += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toBe(1000);
  });

  it('lists what it keeps after much churn, newest first, page by page', async () => {
    const engine = createEngine({ retention: { maxExecutions: 7 } });
    const paused = await engine.run(approval, { topic: 'kept' });
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) ids.push((await engine.run(shout, i)).executionId);
    const listed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await engine.store.listExecutions({ limit: 3, ...(cursor ? { cursor } : {}) });
      listed.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(listed).toEqual([...ids.slice(-7).reverse(), paused.executionId]);
  });

  it('refuses a negative or non-numeric retention', () => {
    expect(() => createMemoryStore({ retention: { maxExecutions: -1 } })).toThrow(/maxExecutions/);
    expect(() => createEngine({ retention: { maxAgeMs: Number.NaN } })).toThrow(/maxAgeMs/);
  });
});
