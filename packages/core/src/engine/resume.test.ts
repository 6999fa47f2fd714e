import type { StepRecord } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, createMemoryStore, defineNodeType, type Store } from '../index.js';
import { failingCommits, graph } from './test/helpers.js';

/** A side-effecting node: applies an effect keyed by its idempotency key, outputs a value derived from inputs. */
function effectNode(log: string[]) {
  return defineNodeType({
    type: 'effect',
    sideEffect: true,
    configSchema: z.object({ add: z.number() }),
    async run({ inputs, config, context }) {
      log.push(context.idempotencyKey);
      await new Promise((r) => setTimeout(r, 1));
      const sum = Object.values(inputs).reduce<number>((acc, v) => acc + (typeof v === 'number' ? v : 0), 0);
      return sum + config.add;
    },
  });
}

/** 10 nodes: a fan-out, a conditional branch, a join and a chain. */
const tenNodes = graph(
  [
    { id: 'in', type: 'input' },
    { id: 'a', type: 'effect', config: { add: 1 } },
    { id: 'b', type: 'effect', config: { add: 2 } },
    { id: 'c', type: 'effect', config: { add: 3 } },
    { id: 'skip', type: 'effect', config: { add: 100 } },
    { id: 'join', type: 'effect', config: { add: 0 } },
    { id: 'd', type: 'effect', config: { add: 10 } },
    { id: 'e', type: 'effect', config: { add: 20 } },
    { id: 'f', type: 'effect', config: { add: 30 } },
    { id: 'out', type: 'output' },
  ],
  [
    'in>a',
    'in>b',
    'in>c',
    { id: 'cond', sourceAgentId: 'a', targetAgentId: 'skip', condition: 'output > 1000.0' },
    'a>join',
    'b>join',
    'c>join',
    'skip>join',
    'join>d',
    'd>e',
    'e>f',
    'f>out',
  ],
);

/** Wraps a store so that its k-th commit fails as if the process died just before it was written. */
const crashingStore = (inner: Store, k: number): Store => failingCommits(inner, (n) => n === k);

describe('resume', () => {
  it('continues after an interruption at every step index, never re-running completed steps', async () => {
    const baselineLog: string[] = [];
    const baselineEngine = createEngine({ nodeTypes: [effectNode(baselineLog)] });
    const baseline = await baselineEngine.run(tenNodes, 5);
    expect(baseline.status).toBe('succeeded');
    const baselineSteps = await baselineEngine.getSteps(baseline.executionId);
    const commitCount = baselineSteps.filter((s) => s.status !== 'skipped').length;
    expect(commitCount).toBe(9);

    for (let k = 0; k < commitCount; k++) {
      const store = createMemoryStore();
      const log: string[] = [];
      const crashing = createEngine({ store: crashingStore(store, k), nodeTypes: [effectNode(log)] });
      await expect(crashing.run(tenNodes, 5)).rejects.toThrow(/process died/);
      const [execution] = (await store.listExecutions()).items;
      const committedBefore: StepRecord[] = await store.listSteps(execution!.id);
      const effects = new Set(['a', 'b', 'c', 'skip', 'join', 'd', 'e', 'f']);
      const doneKeys = new Set(
        committedBefore.filter((s) => s.status === 'succeeded' && effects.has(s.agentId)).map((s) => s.id),
      );

      const resumed = await createEngine({ store, nodeTypes: [effectNode(log)] }).resume(execution!.id);
      expect(resumed.status, `interrupted at commit ${k}`).toBe('succeeded');
      expect(resumed.output, `interrupted at commit ${k}`).toEqual(baseline.output);

      // Completed steps never re-ran; the interrupted step re-ran with the same idempotency key.
      for (const key of doneKeys)
        expect(
          log.filter((x) => x === key),
          key,
        ).toHaveLength(1);
      const counts = new Map<string, number>();
      for (const key of log) counts.set(key, (counts.get(key) ?? 0) + 1);
      for (const [key, n] of counts) expect(n, key).toBeLessThanOrEqual(2);
      // Every node succeeded exactly once in the final history.
      const steps = await store.listSteps(execution!.id);
      const succeeded = steps.filter((s) => s.status === 'succeeded').map((s) => s.agentId);
      expect(new Set(succeeded).size, `interrupted at commit ${k}`).toBe(succeeded.length);
      expect(succeeded.sort()).toEqual(
        baselineSteps
          .filter((s) => s.status === 'succeeded')
          .map((s) => s.agentId)
          .sort(),
      );
      expect((await store.getExecution(execution!.id))?.status).toBe('succeeded');
    }
  });

  it('recovers orphans whose lease expired and leaves leased ones alone', async () => {
    const store = createMemoryStore();
    const log: string[] = [];
    const crashing = createEngine({
      store: crashingStore(store, 3),
      nodeTypes: [effectNode(log)],
      leaseTtlMs: 50,
    });
    await expect(crashing.run(tenNodes, 5)).rejects.toThrow();
    const other = createEngine({ store, nodeTypes: [effectNode(log)], leaseTtlMs: 50 });
    const [id] = await other.recoverOrphans();
    expect(id).toBeDefined();
    const result = await other.resume(id!);
    expect(result.status).toBe('succeeded');
    expect(await other.recoverOrphans()).toEqual([]);
  });
});
