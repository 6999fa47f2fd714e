import { describe, expect, it } from 'vitest';
import { builtinNodeTypes } from '../nodes/builtins/index.js';
import { compileWorkflow } from './compile.js';

const registry = new Map(builtinNodeTypes.map((t) => [t.type, t]));

describe('definitions are plain JSON', () => {
  it.each([
    ['a bigint', 10n],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a typed array', new Uint8Array(4)],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('rejects %s in a free-form slot with its path', (_label, value) => {
    const result = compileWorkflow(
      { name: 'w', agents: [{ id: 'a', type: 'input', fallback: value }], connections: [] },
      registry,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toEqual([
        expect.objectContaining({ code: 'AF_VALIDATION', path: 'agents[0].fallback' }),
      ]);
  });
});
