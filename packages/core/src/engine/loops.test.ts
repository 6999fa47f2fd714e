import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, defineNodeType } from '../index.js';
import { createTrace, graph, workNode } from './test/helpers.js';

/** Writer appends a draft number; reviewer approves when the draft number reaches `approveAt`. */
function writerReviewer(approveAt: number, maxIterations: number) {
  const writer = defineNodeType({
    type: 'writer',
    configSchema: z.object({}),
    run: ({ context }) => ({ draft: context.iteration + 1 }),
  });
  const reviewer = defineNodeType({
    type: 'reviewer',
    configSchema: z.object({}),
    run: ({ input }) => ({ ...(input as object), approved: (input as { draft: number }).draft >= approveAt }),
  });
  const wf = graph(
    [
      { id: 'in', type: 'input' },
      { id: 'writer', type: 'writer' },
      { id: 'reviewer', type: 'reviewer' },
      {
        id: 'gate',
        type: 'router',
        config: {
          routes: [{ name: 'approved', when: 'input.approved' }],
          default: 'revise',
          maxIterations,
          exhaustedRoute: 'approved',
        },
      },
      { id: 'out', type: 'output' },
    ],
    [
      'in>writer',
      'writer>reviewer',
      'reviewer>gate',
      { id: 'back', sourceAgentId: 'gate', targetAgentId: 'writer', sourceHandle: 'revise' },
      { id: 'done', sourceAgentId: 'gate', targetAgentId: 'out', sourceHandle: 'approved' },
    ],
  );
  return { nodeTypes: [writer, reviewer], wf };
}

describe('feedback loops', () => {
  it('loops writer <-> reviewer until approved, then exits', async () => {
    const { nodeTypes, wf } = writerReviewer(3, 5);
    const engine = createEngine({ nodeTypes });
    const result = await engine.run(wf, 'topic');
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ draft: 3, approved: true });
    const writerSteps = (await engine.getSteps(result.executionId)).filter((s) => s.agentId === 'writer');
    expect(writerSteps.map((s) => s.iteration)).toEqual([0, 1, 2]);
    // The output was not skipped early by the first "revise" decisions.
    expect(
      (await engine.getSteps(result.executionId)).filter((s) => s.agentId === 'out').map((s) => s.status),
    ).toEqual(['succeeded']);
  });

  it('takes the exhausted route when maxIterations is reached', async () => {
    const { nodeTypes, wf } = writerReviewer(99, 2);
    const engine = createEngine({ nodeTypes });
    const result = await engine.run(wf, 'topic');
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ draft: 2, approved: false });
  });

  it('fails with AF_LOOP_LIMIT when a loop would run past its bound', async () => {
    // The router's default route leads back even when exhausted: the engine's own guard stops it.
    const engine = createEngine();
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 't', type: 'transform', config: { expression: 'input' } },
        { id: 'r', type: 'router', config: { default: 'again', maxIterations: 3 } },
      ],
      ['in>t', 't>r', { id: 'b', sourceAgentId: 'r', targetAgentId: 't', sourceHandle: 'again' }],
    );
    const result = await engine.run(wf, 1);
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('AF_LOOP_LIMIT');
  });
});

describe('loop node', () => {
  const body = {
    agents: [
      { id: 'in', type: 'input' },
      { id: 'w', type: 'work', config: { ms: 10 } },
      { id: 'double', type: 'transform', config: { expression: 'workflowInput + "!"' } },
    ],
    connections: [
      { id: 'a', sourceAgentId: 'in', targetAgentId: 'w' },
      { id: 'b', sourceAgentId: 'w', targetAgentId: 'double' },
    ],
  };

  it('maps a body over a list with bounded concurrency, keeping order', async () => {
    const trace = createTrace();
    const engine = createEngine({ nodeTypes: [workNode(trace)] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'each', type: 'loop', config: { mode: 'map', items: 'input.items', concurrency: 2, body } },
      ],
      ['in>each'],
    );
    const result = await engine.run(wf, { items: ['a', 'b', 'c', 'd', 'e'] });
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual(['a!', 'b!', 'c!', 'd!', 'e!']);
    expect(trace.maxConcurrent()).toBe(2);
    const children = await engine.store.listExecutions({ parentExecutionId: result.executionId });
    expect(children.items).toHaveLength(5);
  });

  it('repeats a body until a condition holds', async () => {
    const engine = createEngine();
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        {
          id: 'again',
          type: 'loop',
          config: {
            mode: 'until',
            until: 'output >= 16.0',
            maxIterations: 10,
            body: { agents: [{ id: 'x', type: 'transform', config: { expression: 'input * 2.0' } }] },
          },
        },
      ],
      ['in>again'],
    );
    expect((await engine.run(wf, 1)).output).toBe(16);
  });

  it('runs an inline and a stored subworkflow', async () => {
    const stored = {
      id: 'shout',
      name: 'shout',
      agents: [{ id: 's', type: 'transform', config: { expression: 'input + "!"' } }],
    };
    const engine = createEngine({
      workflows: async (id) => (id === 'shout' ? (stored as never) : undefined),
    });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'sub', type: 'subworkflow', config: { workflowId: 'shout', input: 'input.text' } },
        { id: 'missing', type: 'subworkflow', config: { workflowId: 'nope' } },
      ],
      [
        'in>sub',
        { id: 'm', sourceAgentId: 'in', targetAgentId: 'missing', condition: 'input.tryMissing == true' },
      ],
    );
    expect((await engine.run(wf, { text: 'hi', tryMissing: false })).output).toEqual({ sub: 'hi!' });
    const failed = await engine.run(wf, { text: 'hi', tryMissing: true });
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('AF_NOT_FOUND');
  });
});

describe('child executions and retries', () => {
  it('a retried loop step re-runs its failed child instead of replaying the failure', async () => {
    let calls = 0;
    const flaky = defineNodeType({
      type: 'flaky',
      configSchema: z.object({}),
      run: () => {
        calls++;
        if (calls === 1)
          throw Object.assign(new Error('transient'), { code: 'AF_PROVIDER_ERROR', retryable: true });
        return 'ok';
      },
    });
    const engine = createEngine({ nodeTypes: [flaky] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        {
          id: 'each',
          type: 'loop',
          config: { items: 'input', concurrency: 1, body: { agents: [{ id: 'f', type: 'flaky' }] } },
          retry: { maxAttempts: 2, initialDelayMs: 1 },
        },
      ],
      ['in>each'],
    );
    const result = await engine.run(wf, [1]);
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual(['ok']);
    expect(calls).toBe(2);
  });
});
