import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, createMemoryStore, createStoreOperations, defineNodeType } from '../index.js';
import { graph, reviewAgents } from './test/helpers.js';

/** A side-effecting node: counts its runs per node, outputs the sum of its inputs plus `add`. */
function counters() {
  const runs = new Map<string, number>();
  const node = defineNodeType({
    type: 'effect',
    sideEffect: true,
    configSchema: z.object({ add: z.number() }),
    async run({ input, inputs, config, context }) {
      const agentId = context.stepId.split(':')[1]!;
      runs.set(agentId, (runs.get(agentId) ?? 0) + 1);
      const values = typeof input === 'number' ? [input] : Object.values(inputs);
      return values.reduce<number>((acc, v) => acc + (typeof v === 'number' ? v : 0), 0) + config.add;
    },
  });
  return { node, runs, count: (id: string) => runs.get(id) ?? 0 };
}

/** in -> a -> b -> c -> out, plus a side branch a -> side -> c (c joins both). */
const chain = graph(
  [
    { id: 'in', type: 'input' },
    { id: 'a', type: 'effect', config: { add: 1 } },
    { id: 'b', type: 'effect', config: { add: 10 } },
    { id: 'side', type: 'effect', config: { add: 100 } },
    { id: 'c', type: 'effect', config: { add: 1000 } },
    { id: 'out', type: 'output' },
  ],
  ['in>a', 'a>b', 'a>side', 'b>c', 'side>c', 'c>out'],
);

describe('engine.fork', () => {
  it('reuses the steps not downstream of the node and runs from it on, with an edited input', async () => {
    const { node, count } = counters();
    const store = createMemoryStore();
    const engine = createEngine({ store, nodeTypes: [node] });
    const first = await engine.run(chain, 5);
    expect(first.status).toBe('succeeded');
    // a = 6, b = 16, side = 106, c = 16 + 106 + 1000
    expect(first.output).toBe(1122);
    const before = { a: count('a'), side: count('side'), b: count('b'), c: count('c') };

    const fork = await engine.fork(first.executionId, { nodeId: 'b', input: { value: 50 } });
    const result = await fork.done!;
    expect(result.status).toBe('succeeded');
    // b = 60 instead of 16: c = 60 + 106 + 1000
    expect(result.output).toBe(1166);
    // Upstream and side branch did not run again; b and c did.
    expect(count('a')).toBe(before.a);
    expect(count('side')).toBe(before.side);
    expect(count('b')).toBe(before.b + 1);
    expect(count('c')).toBe(before.c + 1);

    const record = await store.getExecution(fork.executionId);
    expect(record?.forkedFrom).toEqual({ executionId: first.executionId, nodeId: 'b', input: 50 });
    const steps = await store.listSteps(fork.executionId);
    const reused = steps.filter((s) => s.reusedFrom !== undefined).map((s) => s.agentId);
    expect(reused.sort()).toEqual(['a', 'in', 'side']);
    expect(fork.reusedSteps).toBe(3);
    for (const s of steps) expect(s.id.startsWith(`${fork.executionId}:`)).toBe(true);
    const sourceSteps = await store.listSteps(first.executionId);
    expect(steps.find((s) => s.agentId === 'a')?.reusedFrom).toBe(
      sourceSteps.find((s) => s.agentId === 'a')?.id,
    );
    // Messages of the reused steps came along; every message belongs to the fork.
    const messages = await store.listMessages(fork.executionId);
    expect(messages.some((m) => m.fromAgentId === 'a' && m.toAgentId === 'b')).toBe(true);
    expect(messages.every((m) => m.executionId === fork.executionId)).toBe(true);
  });

  it('without an edited input runs the node on what its upstream delivered', async () => {
    const { node, count } = counters();
    const engine = createEngine({ nodeTypes: [node] });
    const first = await engine.run(chain, 5);
    const fork = await engine.fork(first.executionId, { nodeId: 'c' });
    const result = await fork.done!;
    expect(result.output).toBe(first.output);
    expect(count('b')).toBe(1);
    expect(count('c')).toBe(2);
  });

  it('re-runs with the same input on the pinned definition, recording where it came from', async () => {
    const { node, count } = counters();
    const store = createMemoryStore();
    const engine = createEngine({ store, nodeTypes: [node] });
    const first = await engine.run(chain, 7);
    const again = await engine.fork(first.executionId);
    const result = await again.done!;
    expect(result.output).toBe(first.output);
    expect(count('a')).toBe(2);
    expect((await store.getExecution(again.executionId))?.forkedFrom).toEqual({
      executionId: first.executionId,
    });
    expect(again.reusedSteps).toBe(0);
  });

  it('refuses an unknown node, a node never reached, and a running source', async () => {
    const { node } = counters();
    const engine = createEngine({ nodeTypes: [node] });
    const first = await engine.run(chain, 1);
    await expect(engine.fork(first.executionId, { nodeId: 'nope' })).rejects.toMatchObject({
      code: 'AF_VALIDATION',
      issues: [expect.objectContaining({ path: 'nodeId' })],
    });
    await expect(engine.fork('missing', { nodeId: 'b' })).rejects.toMatchObject({ code: 'AF_NOT_FOUND' });

    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow = defineNodeType({
      type: 'slow',
      configSchema: z.object({}),
      async run() {
        await gate;
        return 1;
      },
    });
    const engine2 = createEngine({ nodeTypes: [slow] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 's', type: 'slow' },
      ],
      ['in>s'],
    );
    const running = await engine2.start(wf, null);
    await expect(engine2.fork(running.executionId, { nodeId: 's' })).rejects.toMatchObject({
      code: 'AF_CONFLICT',
    });
    release();
    await running.done;

    const skipped = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'a', type: 'effect', config: { add: 1 } },
        { id: 'never', type: 'effect', config: { add: 1 } },
      ],
      ['in>a', { id: 'x', sourceAgentId: 'a', targetAgentId: 'never', condition: 'output > 1000.0' }],
    );
    const ran = await engine.run(skipped, 1);
    await expect(engine.fork(ran.executionId, { nodeId: 'never' })).rejects.toMatchObject({
      code: 'AF_VALIDATION',
    });
  });

  it('forks a paused execution at its human node: the fork waits again, upstream reused', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store });
    const wf = graph(reviewAgents, ['in>draft', 'draft>review']);
    const first = await engine.run(wf, { topic: 'x' });
    expect(first.status).toBe('paused');
    const fork = await engine.fork(first.executionId, { nodeId: 'review' });
    const result = await fork.done!;
    expect(result.status).toBe('paused');
    const record = await store.getExecution(fork.executionId);
    expect(record?.waiting).toEqual(['review']);
    const approved = await engine.approve(fork.executionId, 'review', { approved: true });
    expect(approved.status).toBe('succeeded');
    expect(approved.output).toEqual({ approved: true });
  });

  it('reused steps are not counted again in usage nor in the analytics', async () => {
    const { node } = counters();
    const store = createMemoryStore();
    const engine = createEngine({ store, nodeTypes: [node] });
    const first = await engine.run(chain, 5);
    const fork = await engine.fork(first.executionId, { nodeId: 'c' });
    await fork.done;
    // The range ends at `now`, exclusive: an execution created in this very millisecond would be left out.
    const stats = await createStoreOperations(store).stepStats({ window: '1h', now: Date.now() + 1 });
    const a = stats.agents.find((x) => x.agentId === 'a');
    const c = stats.agents.find((x) => x.agentId === 'c');
    expect(a?.steps).toBe(1);
    expect(c?.steps).toBe(2);
  });
});
