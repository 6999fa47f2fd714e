import { describe, expect, it } from 'vitest';
import { createEngine } from '../index.js';
import { createTrace, graph, workNode } from './test/helpers.js';

const fast = { initialDelayMs: 1, maxDelayMs: 5 };

describe('failure handling', () => {
  it('retries retryable errors with backoff and records each attempt', async () => {
    const trace = createTrace();
    const engine = createEngine({ nodeTypes: [workNode(trace)] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'w', type: 'work', config: { failTimes: 2, value: 'ok' }, retry: { maxAttempts: 3, ...fast } },
      ],
      ['in>w'],
    );
    const result = await engine.run(wf, null);
    expect(result.status).toBe('succeeded');
    expect(result.output).toBe('ok');
    const step = (await engine.getSteps(result.executionId)).find((s) => s.agentId === 'w')!;
    expect(step.attempt).toBe(3);
    expect(step.attempts?.map((a) => a.error?.message)).toEqual(['fail #1', 'fail #2']);
    // Every attempt carried the same idempotency key.
    expect(new Set(trace.events.filter((e) => e.agentId === 'w').map((e) => e.key)).size).toBe(1);
  });

  it("waits for an error's Retry-After (an open circuit's next probe), bounded by the node's timeout", async () => {
    const sleeps: number[] = [];
    let now = 0;
    const clock = {
      now: () => now,
      async sleep(ms: number) {
        sleeps.push(ms);
        now += ms;
      },
    };
    const engine = createEngine({ nodeTypes: [workNode(createTrace())], clock });
    const node = (timeoutMs?: number) =>
      graph(
        [
          { id: 'in', type: 'input' },
          {
            id: 'w',
            type: 'work',
            config: { failTimes: 2, retryAfterMs: 25_000, value: 'ok' },
            // Retry-After is honoured up to maxDelayMs x 10.
            retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 10_000 },
            ...(timeoutMs !== undefined && { timeoutMs }),
          },
        ],
        ['in>w'],
      );
    expect((await engine.run(node(), null)).output).toBe('ok');
    expect(sleeps).toEqual([25_000, 25_000]);
    sleeps.length = 0;
    expect((await engine.run(node(10_000), null)).output).toBe('ok');
    expect(sleeps).toEqual([10_000, 10_000]);
  });

  it('does not retry non-retryable errors', async () => {
    const trace = createTrace();
    const engine = createEngine({ nodeTypes: [workNode(trace)] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        {
          id: 'w',
          type: 'work',
          config: { failTimes: 5, errorCode: 'AF_TOOL_ERROR', retryable: false },
          retry: { maxAttempts: 5, ...fast },
        },
      ],
      ['in>w'],
    );
    const result = await engine.run(wf, null);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'AF_TOOL_ERROR', details: { agentId: 'w' } });
    expect(trace.runs('w')).toBe(1);
  });

  it('retries only listed codes when retryOn is set', async () => {
    const trace = createTrace();
    const engine = createEngine({ nodeTypes: [workNode(trace)] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        {
          id: 'w',
          type: 'work',
          config: { failTimes: 1, errorCode: 'AF_TOOL_ERROR', retryable: false, value: 1 },
          retry: { maxAttempts: 2, retryOn: ['AF_TOOL_ERROR'], ...fast },
        },
      ],
      ['in>w'],
    );
    expect((await engine.run(wf, null)).output).toBe(1);
    expect(trace.runs('w')).toBe(2);
  });

  it('times out a node that takes too long, even if it ignores its signal', async () => {
    const trace = createTrace();
    const engine = createEngine({ nodeTypes: [workNode(trace)] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'slow', type: 'work', config: { ms: 2000, ignoreAbort: true }, timeoutMs: 20 },
      ],
      ['in>slow'],
    );
    const result = await engine.run(wf, null);
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('AF_TIMEOUT');
  });

  it('fails the execution when it exceeds its own timeout', async () => {
    const trace = createTrace();
    const engine = createEngine({ nodeTypes: [workNode(trace)] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'slow', type: 'work', config: { ms: 2000 } },
      ],
      ['in>slow'],
      { config: { timeoutMs: 30 } },
    );
    const result = await engine.run(wf, null);
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('AF_EXECUTION_TIMEOUT');
    const record = await engine.store.getExecution(result.executionId);
    expect(record?.status).toBe('failed');
  });

  it('cancels through one AbortSignal: running nodes see it and the execution ends cancelled', async () => {
    const trace = createTrace();
    const engine = createEngine({ nodeTypes: [workNode(trace)] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'a', type: 'work', config: { ms: 5000 } },
        { id: 'b', type: 'work', config: { ms: 5000 } },
      ],
      ['in>a', 'in>b'],
    );
    const { executionId, done } = await engine.start(wf, null);
    await new Promise((r) => setTimeout(r, 20));
    expect(await engine.cancel(executionId)).toBe(true);
    const result = await done;
    expect(result.status).toBe('cancelled');
    expect(result.error?.code).toBe('AF_CANCELLED');
    // Both nodes were interrupted promptly (their ends were recorded).
    expect(
      trace.events
        .filter((e) => e.kind === 'end')
        .map((e) => e.agentId)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(await engine.cancel(executionId)).toBe(false);
    const controller = new AbortController();
    const second = engine.run(wf, null, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect((await second).status).toBe('cancelled');
  });

  it('routes a failure along onError connections with the error and the input', async () => {
    const trace = createTrace();
    const engine = createEngine({ nodeTypes: [workNode(trace)] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'w', type: 'work', config: { failTimes: 1, retryable: false } },
        { id: 'ok', type: 'transform', config: { expression: '"fine"' } },
        { id: 'handle', type: 'transform', config: { expression: 'input.error.code' } },
      ],
      ['in>w', 'w>ok', { id: 'err', sourceAgentId: 'w', targetAgentId: 'handle', on: 'error' }],
    );
    const result = await engine.run(wf, { q: 1 });
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ handle: 'AF_PROVIDER_ERROR' });
    const statuses = Object.fromEntries(
      (await engine.getSteps(result.executionId)).map((s) => [s.agentId, s.status]),
    );
    expect(statuses).toMatchObject({ w: 'failed', ok: 'skipped', handle: 'succeeded' });
  });

  it('uses a fallback value when a node fails for good', async () => {
    const trace = createTrace();
    const engine = createEngine({ nodeTypes: [workNode(trace)] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'w', type: 'work', config: { failTimes: 9, retryable: false }, fallback: 'default' },
      ],
      ['in>w'],
    );
    const result = await engine.run(wf, null);
    expect(result.status).toBe('succeeded');
    expect(result.output).toBe('default');
    const step = (await engine.getSteps(result.executionId)).find((s) => s.agentId === 'w')!;
    expect(step.fallbackUsed).toBe(true);
    expect(step.error?.message).toBe('fail #1');
  });

  it('stops at the global step limit', async () => {
    const engine = createEngine();
    const agents = [{ id: 'in', type: 'input' }];
    const edges: string[] = [];
    for (let i = 0; i < 5; i++) {
      agents.push({ id: `t${i}`, type: 'transform', config: { expression: 'input' } } as never);
      edges.push(`${i === 0 ? 'in' : `t${i - 1}`}>t${i}`);
    }
    const result = await engine.run(graph(agents, edges, { config: { maxSteps: 3 } }), 1);
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('AF_MAX_STEPS');
  });

  it('fails cleanly when a condition cannot be evaluated', async () => {
    const engine = createEngine();
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'x', type: 'transform', config: { expression: '1' } },
      ],
      [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'x', condition: 'output.missing.deeper > 1.0' }],
    );
    const result = await engine.run(wf, {});
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('AF_EXPRESSION_ERROR');
  });
});

describe('signals of parallel attempts', () => {
  it("a node's timeout aborts only that node, not its siblings", async () => {
    const trace = createTrace();
    const engine = createEngine({ nodeTypes: [workNode(trace)] });
    const agents = [
      { id: 'in', type: 'input' },
      { id: 'slow', type: 'work', config: { ms: 2000 }, timeoutMs: 20, fallback: 'timed out' },
    ];
    const edges = ['in>slow'];
    for (let i = 0; i < 6; i++) {
      agents.push({ id: `w${i}`, type: 'work', config: { ms: 60, value: i } } as never);
      edges.push(`in>w${i}`);
    }
    const result = await engine.run(graph(agents, edges), null);
    expect(result.status).toBe('succeeded');
    expect(result.output).toMatchObject({ slow: 'timed out', w0: 0, w5: 5 });
    expect((await engine.getSteps(result.executionId)).find((s) => s.agentId === 'slow')?.error?.code).toBe(
      'AF_TIMEOUT',
    );
  });
});
