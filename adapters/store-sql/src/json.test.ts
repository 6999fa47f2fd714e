import { describe, expect, it } from 'vitest';
import { decodeJson, embedJson, encodeJson, safeText, unwrapJson } from './json.js';
import { TRICKY_VALUES } from './json-values.suite.js';

describe('jsonb encoding', () => {
  it('stores ordinary values as themselves, so SQL can look inside them', () => {
    expect(encodeJson({ a: 1, b: ['x'] })).toBe('{"a":1,"b":["x"]}');
    expect(encodeJson('text é')).toBe('"text é"');
    expect(embedJson({ a: 1 })).toEqual([{ a: 1 }]);
  });

  it('keeps undefined (SQL NULL) and null (JSON null) apart', () => {
    expect(encodeJson(undefined)).toBeNull();
    expect(encodeJson(null)).toBe('null');
    expect(embedJson(undefined)).toBeUndefined();
    expect(embedJson(null)).toEqual([null]);
    expect(decodeJson(null)).toBeUndefined();
    expect(decodeJson('null')).toBeNull();
  });

  it('wraps only what jsonb cannot hold (NUL, lone surrogates) or what looks like the wrapper', () => {
    for (const value of ['a\u0000b', '\ud800', { k: '\udc00x' }, { $afJson: 'x' }]) {
      expect(JSON.parse(encodeJson(value)!)).toHaveProperty('$afJson');
    }
    expect(encodeJson({ $afJson: 1 })).toBe('{"$afJson":1}');
    expect(encodeJson('😀 pair')).toBe('"😀 pair"');
  });

  it('round-trips every tricky value through both encodings', () => {
    for (const value of TRICKY_VALUES) {
      expect(decodeJson(encodeJson(value))).toStrictEqual(value);
      // Embedded values come back through `col::text` too.
      expect(decodeJson(JSON.stringify(embedJson(value)![0]))).toStrictEqual(value);
      // Read back already parsed by a driver (query builder), JSON null reads as absent.
      expect(unwrapJson(embedJson(value)![0])).toStrictEqual(value ?? undefined);
    }
  });

  it('makes text storable in a text column', () => {
    expect(safeText('a\u0000b\ud800c')).toBe('a\uFFFDb\uFFFDc');
    expect(safeText('😀')).toBe('😀');
  });
});
