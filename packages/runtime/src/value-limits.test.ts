/**
 * AGENTFLOW_MAX_VALUE_CHARS reaches the engine (the CLI's local one and the server's runtime on its store): a code node whose output is longer fails with AF_OUTPUT_TOO_LARGE
 * (the sandboxed code node is the one a workflow author reaches on a server), one within it succeeds.
 */
import { describe, expect, it } from 'vitest';
import { createLocalEngine } from './compose.js';
import { createRuntime } from './runtime.js';

const workflow = (chars: number) => ({
  name: 'long output',
  agents: [
    { id: 'in', type: 'input' },
    { id: 'make', type: 'code', config: { code: `return { text: 'x'.repeat(${chars}) };` } },
  ],
  connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'make' }],
});

describe('value limits from the configuration', () => {
  it('fails a step whose output passes AGENTFLOW_MAX_VALUE_CHARS', async () => {
    const local = createLocalEngine({ env: { AGENTFLOW_MAX_VALUE_CHARS: '65536' } });
    try {
      expect(await local.engine.run(workflow(60_000), {})).toMatchObject({ status: 'succeeded' });
      const over = await local.engine.run(workflow(70_000), {});
      expect(over).toMatchObject({ status: 'failed', error: { code: 'AF_OUTPUT_TOO_LARGE' } });
      expect(over.error?.message).toContain('longer than 65536 characters (at output.text)');
    } finally {
      await local.close();
    }
  });

  it("on the server's runtime, the execution ends failed in the store", async () => {
    const runtime = await createRuntime({ inMemory: true, env: { AGENTFLOW_MAX_VALUE_CHARS: '65536' } });
    try {
      const over = await runtime.engine.run(workflow(70_000), {});
      expect(over).toMatchObject({ status: 'failed', error: { code: 'AF_OUTPUT_TOO_LARGE' } });
      expect(await runtime.store.getExecution(over.executionId)).toMatchObject({
        status: 'failed',
        error: { code: 'AF_OUTPUT_TOO_LARGE' },
      });
    } finally {
      await runtime.close();
    }
  });

  it("fails the step that takes an execution's outputs past AGENTFLOW_MAX_EXECUTION_CHARS", async () => {
    const env = { AGENTFLOW_MAX_VALUE_CHARS: '1048576', AGENTFLOW_MAX_EXECUTION_CHARS: '1048576' };
    const local = createLocalEngine({ env });
    const make = (id: string) => ({ id, type: 'code', config: { code: "return 'x'.repeat(400000);" } });
    try {
      const result = await local.engine.run(
        {
          name: 'three long outputs',
          agents: [{ id: 'in', type: 'input' }, make('a'), make('b'), make('c')],
          connections: [
            { id: 'c1', sourceAgentId: 'in', targetAgentId: 'a' },
            { id: 'c2', sourceAgentId: 'a', targetAgentId: 'b' },
            { id: 'c3', sourceAgentId: 'b', targetAgentId: 'c' },
          ],
        },
        {},
      );
      expect(result).toMatchObject({ status: 'failed', error: { code: 'AF_OUTPUT_TOO_LARGE' } });
      expect(result.error?.message).toContain('the output of agent "c"');
    } finally {
      await local.close();
    }
  });
});
