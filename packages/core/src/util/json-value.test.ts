import { VALUE_LIMITS } from '@agentflow/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonValueFault } from './json-value.js';

const limits = VALUE_LIMITS;

describe('jsonValueFault', () => {
  it('accepts JSON values and what JSON.stringify turns into JSON', () => {
    for (const value of [
      null,
      undefined,
      0,
      -1.5,
      Number.NaN,
      'text',
      true,
      [1, 'a', null, [{}]],
      { a: { b: [1, 2] }, skipped: undefined, fn: () => 1 },
      new Date(0),
      new Map([[1, 2]]),
      Buffer.from('abc'),
    ]) {
      expect(jsonValueFault(value, limits, 'output')).toBeUndefined();
    }
    // The same object twice (not a cycle) is two copies in JSON.
    const shared = { x: 1 };
    expect(jsonValueFault({ a: shared, b: [shared, shared] }, limits, 'output')).toBeUndefined();
  });

  it('finds what JSON.stringify throws on, with its path', () => {
    const cyclic: Record<string, unknown> = { a: [{ b: 1 }] };
    (cyclic.a as Record<string, unknown>[])[0]!.back = cyclic;
    expect(jsonValueFault(cyclic, limits, 'output')).toEqual({
      kind: 'invalid',
      path: 'output.a[0].back',
      message: 'it refers to itself (a cycle)',
    });
    expect(jsonValueFault({ n: [1, 2n] }, limits, 'output')).toMatchObject({
      kind: 'invalid',
      path: 'output.n[1]',
    });
    expect(jsonValueFault(3n, limits, 'input')).toMatchObject({ kind: 'invalid', path: 'input' });
    const throwing = {
      get broken(): unknown {
        throw new Error('no access');
      },
    };
    expect(jsonValueFault({ x: throwing }, limits, 'output')).toEqual({
      kind: 'invalid',
      path: 'output.x.broken',
      message: 'reading it threw: no access',
    });
    const badToJson = { toJSON: () => ({ deep: 5n }) };
    expect(jsonValueFault([badToJson], limits, 'output')).toMatchObject({ path: 'output[0].deep' });
  });

  it('stops at maxChars and maxDepth, counting the JSON text', () => {
    const small = { ...limits, maxChars: 100, maxDepth: 3 };
    const fits = { list: [1, 22, 333], name: 'x'.repeat(40) };
    expect(JSON.stringify(fits).length).toBeLessThanOrEqual(100);
    expect(jsonValueFault(fits, small, 'output')).toBeUndefined();
    expect(jsonValueFault('x'.repeat(99), small, 'output')).toMatchObject({ kind: 'too-large' });
    expect(jsonValueFault({ list: fits.list, name: 'x'.repeat(90) }, small, 'output')).toMatchObject({
      kind: 'too-large',
      path: 'output.name',
    });
    expect(jsonValueFault([[[1]]], small, 'output')).toBeUndefined();
    expect(jsonValueFault([[[[1]]]], small, 'output')).toEqual({
      kind: 'too-large',
      path: 'output[0][0][0]',
      message: 'it is nested deeper than 3 levels',
    });
    // A sparse array of a billion holes is refused as soon as its text passes the limit, not walked to its end.
    expect(jsonValueFault(new Array(1e9), small, 'output')).toMatchObject({ kind: 'too-large' });
  });

  it("counts exactly the length of JSON.stringify's text for values without escapes", () => {
    const key = fc.stringMatching(/^[a-z]{1,6}$/);
    const leaf = fc.oneof(
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.double({ noNaN: true }),
      fc.stringMatching(/^[a-z ]{0,12}$/),
      fc.boolean(),
      fc.constant(null),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node')), fc.dictionary(key, tie('node'))),
    })).node;
    // Containers at the top: a lone number, boolean or null is not measured (it cannot be long).
    const value = fc.oneof(fc.array(tree), fc.dictionary(key, tree));
    fc.assert(
      fc.property(value, (v) => {
        const length = JSON.stringify(v).length;
        const at = { ...limits, maxChars: length, maxDepth: 1000 };
        expect(jsonValueFault(v, at, 'v')).toBeUndefined();
        expect(jsonValueFault(v, { ...at, maxChars: length - 1 }, 'v')).toMatchObject({ kind: 'too-large' });
      }),
      { numRuns: 300 },
    );
  });
});
