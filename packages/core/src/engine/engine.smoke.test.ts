import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, defineNodeType } from '../index.js';

describe('smoke', () => {
  it('runs a chain', async () => {
    const upper = defineNodeType({
      type: 'upper',
      configSchema: z.object({}),
      run: async ({ input }) => String(input).toUpperCase(),
    });
    const engine = createEngine({ nodeTypes: [upper] });
    const wf = {
      name: 'x',
      agents: [
        { id: 'in', type: 'input' },
        { id: 'u', type: 'upper' },
        { id: 'out', type: 'output' },
      ],
      connections: [
        { id: 'c1', sourceAgentId: 'in', targetAgentId: 'u' },
        { id: 'c2', sourceAgentId: 'u', targetAgentId: 'out' },
      ],
    };
    const r = await engine.run(wf, 'hello');
    expect(r.status).toBe('succeeded');
    expect(r.output).toBe('HELLO');
    expect((await engine.getSteps(r.executionId)).map((s) => s.agentId)).toEqual(['in', 'u', 'out']);
  });
});
