import type { AgentFlowEvent } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../index.js';
import { createTrace, graph, workNode } from './test/helpers.js';

describe('scheduling', () => {
  it('runs independent branches in parallel and joins them keyed by source', async () => {
    const trace = createTrace();
    const engine = createEngine({ nodeTypes: [workNode(trace)] });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'a', type: 'work', config: { ms: 30, value: 'A' } },
        { id: 'b', type: 'work', config: { ms: 30, value: 'B' } },
        { id: 'c', type: 'work', config: { ms: 30, value: 'C' } },
        { id: 'join', type: 'transform', config: { expression: 'input.a + input.b + input.c' } },
      ],
      ['in>a', 'in>b', 'in>c', 'a>join', 'b>join', 'c>join'],
    );
    const result = await engine.run(wf, {});
    expect(result.status).toBe('succeeded');
    expect(result.output).toBe('ABC');
    // All three started before any of them ended: they really overlapped.
    expect(trace.maxConcurrent()).toBe(3);
    const join = (await engine.getSteps(result.executionId)).find((s) => s.agentId === 'join')!;
    expect(join.input).toEqual({ a: 'A', b: 'B', c: 'C' });
  });

  it('records every message that flows along a connection', async () => {
    const engine = createEngine();
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 't', type: 'transform', config: { expression: 'input.x * 2.0' } },
        { id: 'out', type: 'output' },
      ],
      ['in>t', 't>out'],
    );
    const result = await engine.run(wf, { x: 21 });
    expect(result.output).toBe(42);
    const messages = await engine.store.listMessages(result.executionId);
    expect(messages.map((m) => [m.connectionId, m.fromAgentId, m.toAgentId, m.payload])).toEqual([
      ['c0', 'in', 't', { x: 21 }],
      ['c1', 't', 'out', 42],
    ]);
  });

  it('follows conditional connections and skips dead paths', async () => {
    const engine = createEngine();
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'big', type: 'transform', config: { expression: '"big"' } },
        { id: 'small', type: 'transform', config: { expression: '"small"' } },
        { id: 'after-small', type: 'transform', config: { expression: 'input + "!"' } },
        { id: 'out', type: 'output' },
      ],
      [
        { id: 'c1', sourceAgentId: 'in', targetAgentId: 'big', condition: 'output.n > 10.0' },
        { id: 'c2', sourceAgentId: 'in', targetAgentId: 'small', condition: 'output.n <= 10.0' },
        { id: 'c3', sourceAgentId: 'small', targetAgentId: 'after-small' },
        { id: 'c4', sourceAgentId: 'big', targetAgentId: 'out' },
        { id: 'c5', sourceAgentId: 'after-small', targetAgentId: 'out' },
      ],
    );
    const big = await engine.run(wf, { n: 50 });
    expect(big.output).toEqual({ big: 'big' }); // a join receives its delivered inputs keyed by source
    const statuses = Object.fromEntries(
      (await engine.getSteps(big.executionId)).map((s) => [s.agentId, s.status]),
    );
    expect(statuses).toMatchObject({
      big: 'succeeded',
      small: 'skipped',
      'after-small': 'skipped',
      out: 'succeeded',
    });
    const small = await engine.run(wf, { n: 5 });
    expect(small.output).toEqual({ 'after-small': 'small!' });
  });

  it('a condition sees the execution input as `input`', async () => {
    const engine = createEngine();
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'yes', type: 'transform', config: { expression: '"yes"' } },
      ],
      [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'yes', condition: 'input.flag == true' }],
    );
    expect((await engine.run(wf, { flag: true })).output).toBe('yes');
    expect((await engine.run(wf, { flag: false })).output).toBeNull();
  });

  it('routes through a router by named route', async () => {
    const engine = createEngine();
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        {
          id: 'r',
          type: 'router',
          config: { routes: [{ name: 'neg', when: 'input < 0.0' }], default: 'pos' },
        },
        { id: 'neg', type: 'transform', config: { expression: '"negative"' } },
        { id: 'pos', type: 'transform', config: { expression: '"positive"' } },
      ],
      [
        'in>r',
        { id: 'n', sourceAgentId: 'r', targetAgentId: 'neg', sourceHandle: 'neg' },
        { id: 'p', sourceAgentId: 'r', targetAgentId: 'pos', sourceHandle: 'pos' },
      ],
    );
    const neg = await engine.run(wf, -3);
    expect(neg.output).toEqual({ neg: 'negative' });
    expect((await engine.getSteps(neg.executionId)).find((s) => s.agentId === 'r')!.route).toBe('neg');
    expect((await engine.run(wf, 3)).output).toEqual({ pos: 'positive' });
  });

  it('bounds per-execution concurrency', async () => {
    const trace = createTrace();
    const engine = createEngine({ nodeTypes: [workNode(trace)] });
    const agents = [{ id: 'in', type: 'input' }];
    const edges: string[] = [];
    for (let i = 0; i < 10; i++) {
      agents.push({ id: `w${i}`, type: 'work', config: { ms: 5 } } as never);
      edges.push(`in>w${i}`);
    }
    const result = await engine.run(graph(agents, edges, { config: { concurrency: 3 } }), null);
    expect(result.status).toBe('succeeded');
    expect(trace.maxConcurrent()).toBe(3);
  });

  it('emits typed events in order for a run', async () => {
    const engine = createEngine();
    const events: AgentFlowEvent[] = [];
    engine.on('event', (e) => events.push(e));
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'out', type: 'output' },
      ],
      ['in>out'],
    );
    const result = await engine.run(wf, 1);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('execution.started');
    expect(types.at(-1)).toBe('execution.completed');
    expect(types).toContain('step.started');
    expect(types).toContain('step.completed');
    expect(types).toContain('message');
    expect(events.every((e) => e.executionId === result.executionId)).toBe(true);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('rejects an invalid workflow with every issue and an invalid input against the input schema', async () => {
    const engine = createEngine();
    await expect(engine.run({ name: 'x', agents: [{ id: 'a', type: 'nope' }] }, null)).rejects.toMatchObject({
      code: 'AF_VALIDATION',
      issues: [expect.objectContaining({ path: 'agents[0].type', code: 'AF_UNKNOWN_NODE_TYPE' })],
    });
    const wf = graph(
      [{ id: 'in', type: 'input', config: { schema: { type: 'object', required: ['topic'] } } }],
      [],
    );
    await expect(engine.run(wf, {})).rejects.toMatchObject({ code: 'AF_INVALID_INPUT' });
    expect((await engine.run(wf, { topic: 'x' })).status).toBe('succeeded');
  });
});

describe('many parallel nodes', () => {
  it('gives each attempt its own signal: no listener pile-up on one shared signal', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const engine = createEngine();
      const agents: { id: string; type: string; config?: Record<string, unknown> }[] = [
        { id: 'in', type: 'input' },
      ];
      const edges: string[] = [];
      for (let i = 0; i < 50; i++) {
        agents.push({ id: `d${i}`, type: 'delay', config: { ms: 5 } });
        edges.push(`in>d${i}`);
      }
      const result = await engine.run(graph(agents, edges), 1);
      expect(result.status).toBe('succeeded');
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('tool calls carry their execution and workflow', () => {
  it('passes the workflow id, execution id and a stable idempotency key to the tool host', async () => {
    const seen: { workflowId?: string; executionId: string; idempotencyKey: string }[] = [];
    const engine = createEngine({
      tools: {
        list: async () => [],
        call: async (_name, input, ctx) => {
          seen.push({
            workflowId: ctx.workflowId,
            executionId: ctx.executionId,
            idempotencyKey: ctx.idempotencyKey,
          });
          return { ok: true, output: input };
        },
      },
    });
    const wf = graph(
      [
        { id: 'in', type: 'input' },
        { id: 'save', type: 'tool', config: { tool: 'files' } },
      ],
      ['in>save'],
    );
    const result = await engine.run(wf, { a: 1 }, { workflowId: 'wf-1' });
    expect(result.output).toEqual({ a: 1 });
    expect(seen).toEqual([
      { workflowId: 'wf-1', executionId: result.executionId, idempotencyKey: `${result.executionId}:save:0` },
    ]);
  });
});
