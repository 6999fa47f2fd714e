import { AgentFlowError } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import type { ToolCallContext, ToolResult } from '../ports/tool-host.js';
import { pointerToPath } from './json-schema-issues.js';
import { silentLogger } from './logger.js';
import { createToolRegistry, defineTool } from './tool-registry.js';

function ctx(signal: AbortSignal = new AbortController().signal): ToolCallContext {
  return { signal, idempotencyKey: 'exec-1:node:0', logger: silentLogger, executionId: 'exec-1' };
}

function errorOf(result: ToolResult) {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.output)}`);
  return result.error;
}

const order = defineTool({
  name: 'place_order',
  description: 'Places an order.',
  sideEffect: true,
  inputSchema: {
    type: 'object',
    properties: {
      customer: { type: 'string', minLength: 1 },
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } },
          required: ['sku', 'qty'],
        },
      },
      meta: { type: 'object', properties: { 'gift note': { type: 'string' } } },
    },
    required: ['customer', 'items'],
    additionalProperties: false,
  },
  outputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  run: (input: { customer: string }, c) => {
    if (input.customer === 'bad-output') return { id: 7 };
    return { id: `${c.idempotencyKey}:${input.customer}` };
  },
});

describe('defineTool', () => {
  it('builds a spec with defaults', () => {
    const t = defineTool({
      name: 'noop',
      description: 'x',
      inputSchema: { type: 'object' },
      run: () => null,
    });
    expect(t.spec).toEqual({
      name: 'noop',
      description: 'x',
      inputSchema: { type: 'object' },
      sideEffect: false,
    });
    expect(order.spec.sideEffect).toBe(true);
    expect(order.spec.outputSchema).toBeDefined();
  });

  it('rejects invalid names and schemas', () => {
    const base = { description: '', inputSchema: { type: 'object' }, run: () => null };
    expect(() => defineTool({ ...base, name: 'has space' })).toThrow(AgentFlowError);
    expect(() => defineTool({ ...base, name: '' })).toThrow(/invalid tool name/);
    expect(() =>
      defineTool({ ...base, name: 'ok', inputSchema: [] as unknown as Record<string, unknown> }),
    ).toThrow(/inputSchema must be a JSON Schema object/);
  });
});

describe('createToolRegistry', () => {
  const registry = createToolRegistry([order]);

  it('refuses two tools with one name', () => {
    expect(() => createToolRegistry([order, order])).toThrow(/two tools are named place_order/);
  });

  it('passes the context to the tool and checks the output', async () => {
    expect(await registry.call('place_order', { customer: 'ann', items: [] }, ctx())).toEqual({
      ok: true,
      output: { id: 'exec-1:node:0:ann' },
    });
    const error = errorOf(await registry.call('place_order', { customer: 'bad-output', items: [] }, ctx()));
    expect(error).toMatchObject({ code: 'AF_TOOL_ERROR', details: { phase: 'output' } });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'id' })]);
  });

  it('lists every problem of an input with its path', async () => {
    const input = {
      customer: '',
      items: [{ sku: 'a', qty: 1 }, { sku: 2 }],
      meta: { 'gift note': 5 },
      extra: 1,
    };
    const error = errorOf(await registry.call('place_order', input, ctx()));
    expect(error.code).toBe('AF_TOOL_ERROR');
    expect(error.details).toMatchObject({ phase: 'input', tool: 'place_order' });
    const byPath = new Map(error.issues?.map((i) => [i.path, i.message]));
    expect([...byPath.keys()].sort()).toEqual([
      'customer',
      'extra',
      'items[1]',
      'items[1].sku',
      'meta["gift note"]',
    ]);
    expect(byPath.get('extra')).toBe('is not allowed');
    expect(byPath.get('items[1]')).toMatch(/qty/);
  });

  it('keeps the code of an AgentFlowError a tool throws, and wraps anything else', async () => {
    const r = createToolRegistry([
      defineTool({
        name: 'slow',
        description: '',
        inputSchema: {},
        run: () => {
          throw new AgentFlowError('AF_TIMEOUT', 'upstream timed out');
        },
      }),
      defineTool({
        name: 'weird',
        description: '',
        inputSchema: {},
        run: async () => {
          throw 'a string';
        },
      }),
    ]);
    expect(errorOf(await r.call('slow', {}, ctx()))).toMatchObject({ code: 'AF_TIMEOUT', retryable: true });
    expect(errorOf(await r.call('weird', {}, ctx()))).toMatchObject({
      code: 'AF_TOOL_ERROR',
      message: 'tool weird failed: a string',
    });
  });

  it('stops waiting for a tool as soon as the signal aborts', async () => {
    let sawAbort = false;
    const r = createToolRegistry([
      defineTool({
        name: 'hang',
        description: '',
        inputSchema: {},
        run: (_input, c) =>
          new Promise(() => {
            c.signal.addEventListener('abort', () => {
              sawAbort = true;
            });
          }),
      }),
    ]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    expect(errorOf(await r.call('hang', {}, ctx(controller.signal))).code).toBe('AF_CANCELLED');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sawAbort).toBe(true);
  });

  it('returns copies from list()', async () => {
    const [spec] = await registry.list(['place_order']);
    (spec!.inputSchema as { type: string }).type = 'string';
    const [again] = await registry.list();
    expect(again!.inputSchema.type).toBe('object');
    expect(registry.names()).toEqual(['place_order']);
    expect(registry.has('place_order')).toBe(true);
  });

  it('honours a draft-07 $schema', async () => {
    const r = createToolRegistry([
      defineTool({
        name: 'd7',
        description: '',
        inputSchema: {
          $schema: 'http://json-schema.org/draft-07/schema#',
          type: 'object',
          properties: { list: { type: 'array', items: [{ type: 'string' }], additionalItems: false } },
        },
        run: () => 'ok',
      }),
    ]);
    expect(await r.call('d7', { list: ['a'] }, ctx())).toEqual({ ok: true, output: 'ok' });
    expect(errorOf(await r.call('d7', { list: ['a', 'b'] }, ctx())).issues?.[0]?.path).toBe('list[1]');
  });
});

describe('pointerToPath', () => {
  it('turns JSON pointers into JS paths', () => {
    const value = { a: [{ 'b/c': { '0': 1 } }] };
    expect(pointerToPath('#', value)).toBe('');
    expect(pointerToPath('#/a/0', value)).toBe('a[0]');
    expect(pointerToPath('#/a/0/b~1c/0', value)).toBe('a[0]["b/c"]["0"]');
    expect(pointerToPath('#/x%20y', {})).toBe('["x y"]');
  });
});
