import { createEngine, createToolRegistry, silentLogger } from '@agentflow/core';
import type { AgentFlowEvent } from '@agentflow/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { CodeNodeConfig, createCodeNode, createCodeTool } from './code-node.js';
import { createSandbox } from './sandbox.js';

const sandbox = createSandbox({ timeoutMs: 500 });
afterAll(() => sandbox.close());

function workflow(config: Record<string, unknown>) {
  return {
    name: 'code-test',
    agents: [
      { id: 'in', type: 'input' },
      { id: 'code', type: 'code', config },
      { id: 'out', type: 'output' },
    ],
    connections: [
      { id: 'c1', sourceAgentId: 'in', targetAgentId: 'code' },
      { id: 'c2', sourceAgentId: 'code', targetAgentId: 'out' },
    ],
  };
}

describe('code node', () => {
  const engine = createEngine({ nodeTypes: [createCodeNode(() => sandbox)] });

  it('runs the script on the node input and outputs its result', async () => {
    const events: AgentFlowEvent[] = [];
    const unsubscribe = engine.on('event', (e) => events.push(e));
    const result = await engine.run(
      workflow({ code: 'console.log("items", input.items.length); input.items.map((x) => x * 2)' }),
      { items: [1, 2, 3] },
    );
    unsubscribe();
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual([2, 4, 6]);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'step.log', level: 'info', message: 'items 3' }),
    );
  });

  it('supports return and the per-node time limit', async () => {
    const ok = await engine.run(workflow({ code: 'return { sum: input.a + input.b }' }), { a: 2, b: 3 });
    expect(ok.output).toEqual({ sum: 5 });
    const slow = await engine.run(workflow({ code: 'for (;;) {}', timeoutMs: 50 }), {});
    expect(slow.status).toBe('failed');
    expect(slow.error).toMatchObject({ code: 'AF_TIMEOUT', retryable: false });
  });

  it('fails the step with the script error and its code', async () => {
    const result = await engine.run(workflow({ code: 'throw new TypeError("no way")' }), {});
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'AF_TOOL_ERROR', message: expect.stringContaining('no way') });
    const memory = await engine.run(
      workflow({ code: 'const a = []; for (;;) a.push("x".repeat(1e5) + a.length)', memoryLimitMb: 4 }),
      {},
    );
    expect(memory.error).toMatchObject({ code: 'AF_LIMIT_EXCEEDED' });
  });

  it('rejects an invalid config at validation', async () => {
    expect(CodeNodeConfig.safeParse({ code: '' }).success).toBe(false);
    expect(CodeNodeConfig.safeParse({ code: '1', timeoutMs: 0 }).success).toBe(false);
    const validation = engine.validate(workflow({ code: 42 }));
    expect(validation.ok).toBe(false);
  });
});

describe('code tool', () => {
  const tools = createToolRegistry([createCodeTool(() => sandbox)]);
  const ctx = () => ({
    signal: new AbortController().signal,
    idempotencyKey: 'exec:code:0',
    logger: silentLogger,
    executionId: 'exec',
  });

  it('is listed as a side-effect-free tool with a JSON Schema input', async () => {
    const [spec] = await tools.list(['code']);
    expect(spec).toMatchObject({ name: 'code', sideEffect: false, inputSchema: { required: ['code'] } });
  });

  it('returns the output and the logs', async () => {
    const result = await tools.call('code', { code: 'console.log("hi"); input * 7', input: 6 }, ctx());
    expect(result).toEqual({ ok: true, output: { output: 42, logs: [{ level: 'info', message: 'hi' }] } });
  });

  it('returns script failures and bad input as tool errors', async () => {
    expect(await tools.call('code', { code: 'while (true) {}' }, ctx())).toMatchObject({
      ok: false,
      error: { code: 'AF_TIMEOUT' },
    });
    expect(await tools.call('code', { source: '1' }, ctx())).toMatchObject({
      ok: false,
      error: { code: 'AF_TOOL_ERROR', details: { phase: 'input' } },
    });
  });
});
