/**
 * The run loop gives the thread back (`time-slice.ts`): a long execution on a store that answers without I/O
 * (the in-memory one here, PGlite in the embedded server) does not keep timers, sockets and other requests
 * waiting until it ends.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, defineNodeType } from '../index.js';
import { graph } from './test/helpers.js';

/** Synchronous CPU work (no I/O, no timer): the kind of step that never yields by itself. */
const crunch = defineNodeType({
  type: 'crunch',
  configSchema: z.object({}),
  run: ({ input }) => {
    let x = input as number;
    for (let i = 0; i < 200_000; i++) x = (x * 31 + i) % 1_000_003;
    return x;
  },
});

describe('time slices', () => {
  it('lets the event loop run during a long execution whose store answers without I/O', async () => {
    const n = 400;
    const agents = [
      { id: 'in', type: 'input' },
      ...Array.from({ length: n }, (_, i) => ({ id: `c${i}`, type: 'crunch' })),
    ];
    const edges = ['in>c0', ...Array.from({ length: n - 1 }, (_, i) => `c${i}>c${i + 1}`)];
    const engine = createEngine({ nodeTypes: [crunch] });
    let turns = 0;
    let finished = false;
    // A check-phase callback, re-armed while the run goes on: it runs only when the run loop yields.
    const tick = () => {
      if (finished) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const result = await engine.run(graph(agents, edges), 1);
    finished = true;
    expect(result.status).toBe('succeeded');
    expect(await engine.getSteps(result.executionId)).toHaveLength(n + 1);
    // 400 steps of 200,000 multiplications each take far longer than one 10 ms slice on any machine: the loop
    // yielded, many times (without slices the callback could not run before the end).
    expect(turns).toBeGreaterThanOrEqual(2);
  });
});
