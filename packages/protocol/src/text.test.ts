import { describe, expect, it } from 'vitest';
import { findTextProblems, textProblem } from './text.js';

describe('textProblem', () => {
  it('refuses NUL and lone surrogates, accepts pairs, BOM, RTL and combining marks', () => {
    for (const bad of ['a\u0000', '\u00e9\udfff', '\ud800', 'x\ud83d', '\udc00\ud800']) {
      expect(textProblem(bad), JSON.stringify(bad)).toBeDefined();
    }
    for (const good of ['', '\u{1F680}', '\ufeff\u202e\u200f', 'e\u0301', '\uffff']) {
      expect(textProblem(good), JSON.stringify(good)).toBeUndefined();
    }
  });

  it('finds every bad string and key with its path', () => {
    const value = { a: ['ok', 'b\u0000'], 'k\ud800': 1, n: { deep: '\udfff' } };
    expect(
      findTextProblems(value, 'query')
        .map((i) => i.path)
        .sort(),
    ).toEqual(['query.a[1]', 'query.k\ud800', 'query.n.deep']);
    expect(findTextProblems({ fine: ['\u{1F469}\u200d\u{1F469}'] })).toEqual([]);
  });
});
