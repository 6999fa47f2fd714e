/**
 * The engine on a SQL store with values JSON cannot hold. Before the engine checked them, a node returning a cycle
 * or a BigInt made the commit throw inside `JSON.stringify`: `run` rejected and the execution stayed `running`.
 */
import { createEngine, defineNodeType } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPgliteStore } from './pglite.js';
import type { SqlStore } from './sql-store.js';

let store: SqlStore;
beforeAll(async () => {
  store = await createPgliteStore({ inMemory: true });
});
afterAll(() => store?.close());

const unstorable = defineNodeType({
  type: 'unstorable',
  description: 'Returns a cycle or a BigInt.',
  configSchema: z.object({ bigint: z.boolean(), throws: z.boolean().default(false) }),
  run({ config }) {
    if (config.throws) {
      throw new AgentFlowError('AF_NODE_FAILED', 'quota spent', { details: { used: 2n ** 64n } });
    }
    if (config.bigint) return { total: 2n ** 64n };
    const node: Record<string, unknown> = { name: 'root' };
    node.children = [node];
    return node;
  },
});

const flow = (bigint: boolean, throws = false) => ({
  name: 'unstorable',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'make', type: 'unstorable', config: { bigint, throws } },
  ],
  connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'make' }],
});

describe('values JSON cannot hold, on a SQL store', () => {
  it('fail their step and end the execution failed (not left running)', async () => {
    const engine = createEngine({ store, nodeTypes: [unstorable] });
    for (const bigint of [false, true]) {
      const result = await engine.run(flow(bigint), { topic: 'x' });
      expect(result).toMatchObject({ status: 'failed', error: { code: 'AF_INVALID_OUTPUT' } });
      expect(await store.getExecution(result.executionId)).toMatchObject({
        status: 'failed',
        error: { code: 'AF_INVALID_OUTPUT' },
      });
      const steps = await store.listSteps(result.executionId);
      expect(steps.map((s) => [s.agentId, s.status])).toEqual([
        ['in', 'succeeded'],
        ['make', 'failed'],
      ]);
    }
    await expect(engine.run(flow(false), { n: 1n })).rejects.toMatchObject({ code: 'AF_INVALID_INPUT' });
    expect((await store.listExecutions({})).items.map((x) => x.status)).toEqual(['failed', 'failed']);

    // An error whose details JSON cannot hold is stored without them (its code and message kept).
    const threw = await engine.run(flow(false, true), {});
    expect(threw).toMatchObject({ status: 'failed', error: { code: 'AF_NODE_FAILED' } });
    const stored = await store.getExecution(threw.executionId);
    expect(stored).toMatchObject({ status: 'failed', error: { code: 'AF_NODE_FAILED' } });
    expect(stored?.error?.message).toContain('quota spent [details left out: a BigInt is not a JSON value');
    await engine.close();
  });
});
