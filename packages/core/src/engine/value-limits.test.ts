import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, createMemoryStore, defineNodeType, PauseSignal } from '../index.js';
import { graph, reviewAgents } from './test/helpers.js';

/** Returns what its config names: a cycle, a BigInt, a long string, or a plain value. */
const shaped = defineNodeType({
  type: 'shaped',
  description: 'Returns a value of the shape its config names.',
  configSchema: z.object({ shape: z.enum(['cycle', 'bigint', 'long', 'deep', 'plain']) }),
  async run({ config }) {
    if (config.shape === 'cycle') {
      const item: Record<string, unknown> = { id: 1 };
      item.parent = { items: [item] };
      return { item };
    }
    if (config.shape === 'bigint') return { total: 10n };
    if (config.shape === 'long') return { text: 'x'.repeat(5000) };
    if (config.shape === 'deep') return [[[[['too deep']]]]];
    return { ok: true };
  },
});

const flow = (shape: string, extra: Record<string, unknown> = {}) =>
  graph(
    [
      { id: 'in', type: 'input' },
      {
        id: 'make',
        type: 'shaped',
        config: { shape },
        retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
        ...extra,
      },
    ],
    ['in>make'],
  );

describe('values an execution stores (valueLimits)', () => {
  it('fails a step whose output is not JSON, at its path, without retrying it', async () => {
    const engine = createEngine({ nodeTypes: [shaped] });
    const cycle = await engine.run(flow('cycle'), null);
    expect(cycle.status).toBe('failed');
    expect(cycle.error).toMatchObject({ code: 'AF_INVALID_OUTPUT' });
    expect(cycle.error?.message).toContain('output.item.parent.items[0]');
    const step = (await engine.getSteps(cycle.executionId)).find((s) => s.agentId === 'make')!;
    expect(step).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'AF_INVALID_OUTPUT' } });
    expect(step).not.toHaveProperty('output');

    const big = await engine.run(flow('bigint'), null);
    expect(big.error).toMatchObject({ code: 'AF_INVALID_OUTPUT' });
    expect(big.error?.message).toContain('a BigInt is not a JSON value (at output.total)');
  });

  it('fails a step whose output is over maxChars or maxDepth; a fallback or an error edge takes over', async () => {
    const engine = createEngine({ nodeTypes: [shaped], valueLimits: { maxChars: 1000, maxDepth: 4 } });
    const long = await engine.run(flow('long'), null);
    expect(long.error).toMatchObject({ code: 'AF_OUTPUT_TOO_LARGE' });
    expect(long.error?.message).toContain('longer than 1000 characters (at output.text)');
    const deep = await engine.run(flow('deep'), null);
    expect(deep.error?.message).toContain('nested deeper than 4 levels (at output[0][0][0][0])');

    const withFallback = await engine.run(flow('long', { fallback: 'summary unavailable' }), null);
    expect(withFallback).toMatchObject({ status: 'succeeded', output: 'summary unavailable' });

    const routed = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'make', type: 'shaped', config: { shape: 'long' } },
        { id: 'handle', type: 'transform', config: { expression: 'input.error.code' } },
      ],
      ['in>make', { id: 'err', sourceAgentId: 'make', targetAgentId: 'handle', on: 'error' }],
    );
    expect(await engine.run(routed, null)).toMatchObject({
      status: 'succeeded',
      output: { handle: 'AF_OUTPUT_TOO_LARGE' },
    });
    // The default limits let ordinary outputs through.
    expect(await createEngine({ nodeTypes: [shaped] }).run(flow('long'), null)).toMatchObject({
      status: 'succeeded',
    });
  });

  it("fails the step whose output takes the execution's outputs past maxExecutionChars, counting across a resume", async () => {
    const store = createMemoryStore();
    const limits = { maxChars: 6000, maxExecutionChars: 12_000 };
    const engine = createEngine({ nodeTypes: [shaped], store, valueLimits: limits });
    const long = (id: string) => ({ id, type: 'shaped', config: { shape: 'long' } });
    const chain = graph(
      [{ id: 'in', type: 'input' }, long('a'), long('b'), long('c')],
      ['in>a', 'a>b', 'b>c'],
    );
    const result = await engine.run(chain, null);
    expect(result.error).toMatchObject({ code: 'AF_OUTPUT_TOO_LARGE' });
    expect(result.error?.message).toContain(
      'the output of agent "c" cannot be stored: the execution\'s outputs would be longer than 12000 characters',
    );
    const statuses = (await engine.getSteps(result.executionId)).map((s) => [s.agentId, s.status]);
    expect(statuses).toEqual([
      ['in', 'succeeded'],
      ['a', 'succeeded'],
      ['b', 'succeeded'],
      ['c', 'failed'],
    ]);

    // Paused after two outputs: another engine resumes it and counts what was committed before.
    const review = {
      id: 'review',
      type: 'human',
      config: { prompt: 'Go on?', schema: { type: 'object', properties: { ok: { type: 'boolean' } } } },
    };
    const paused = await engine.run(
      graph(
        [{ id: 'in', type: 'input' }, long('a'), long('b'), review, long('c')],
        ['in>a', 'a>b', 'b>review', 'review>c'],
      ),
      null,
    );
    expect(paused.status).toBe('paused');
    const later = createEngine({ nodeTypes: [shaped], store, valueLimits: limits });
    const resumed = await later.approve(paused.executionId, 'review', { ok: true });
    expect(resumed.error?.message).toContain('the output of agent "c" cannot be stored');
  });

  it('refuses an input or a fork input that cannot be stored, before anything is written', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ nodeTypes: [shaped], store, valueLimits: { maxChars: 100 } });
    await expect(engine.run(flow('plain'), { id: 5n })).rejects.toMatchObject({
      code: 'AF_INVALID_INPUT',
      issues: [{ code: 'AF_INVALID_INPUT', path: 'input.id' }],
    });
    await expect(engine.create(flow('plain'), { text: 'y'.repeat(200) })).rejects.toMatchObject({
      code: 'AF_INPUT_TOO_LARGE',
      issues: [{ path: 'input.text' }],
    });
    expect((await store.listExecutions({})).items).toHaveLength(0);

    const done = await engine.run(flow('plain'), { topic: 'a' });
    await expect(
      engine.fork(done.executionId, { nodeId: 'make', input: { value: { n: 1n } } }),
    ).rejects.toMatchObject({ code: 'AF_INVALID_INPUT' });
    expect((await store.listExecutions({})).items).toHaveLength(1);
  });

  it("refuses a waiting node's payload that cannot be stored, and the execution keeps waiting", async () => {
    const engine = createEngine();
    const wf = graph(reviewAgents, ['in>draft', 'draft>review']);
    const paused = await engine.run(wf, { topic: 'cats' });
    expect(paused.status).toBe('paused');
    const payload: Record<string, unknown> = { approved: true };
    payload.self = payload;
    await expect(engine.approve(paused.executionId, 'review', payload)).rejects.toMatchObject({
      code: 'AF_INVALID_RESUME_PAYLOAD',
      issues: [{ path: 'payload.self' }],
    });
    await expect(engine.recordApproval(paused.executionId, 'review', payload)).rejects.toMatchObject({
      code: 'AF_INVALID_RESUME_PAYLOAD',
    });
    expect(await engine.getExecution(paused.executionId)).toMatchObject({ status: 'paused' });
    expect(await engine.approve(paused.executionId, 'review', { approved: true })).toMatchObject({
      status: 'succeeded',
    });
  });

  it('fails a node that pauses with a state JSON cannot hold (the waiting step keeps it)', async () => {
    const pausing = defineNodeType({
      type: 'pausing',
      description: 'Pauses with a state holding a BigInt.',
      configSchema: z.object({}),
      run() {
        throw new PauseSignal('approve?', { budget: 10n });
      },
    });
    const engine = createEngine({ nodeTypes: [pausing] });
    const result = await engine.run(
      graph(
        [
          { id: 'in', type: 'input' },
          { id: 'wait', type: 'pausing' },
        ],
        ['in>wait'],
      ),
      null,
    );
    expect(result).toMatchObject({ status: 'failed', error: { code: 'AF_INVALID_OUTPUT' } });
    expect(result.error?.message).toContain('the pause state of agent "wait" cannot be stored');
  });

  it('refuses limits that are not numbers >= 1', () => {
    expect(() => createEngine({ valueLimits: { maxChars: 0 } })).toThrow(/valueLimits.maxChars/);
    expect(() => createEngine({ valueLimits: { maxDepth: Number.NaN } })).toThrow(/valueLimits.maxDepth/);
  });
});
