import { describe, expect, it } from 'vitest';
import { type JsonScanOptions, JsonStreamScanner, parseJsonWithLimits, scanJsonText } from './json-scan.js';
import { JSON_LIMITS } from './limits.js';

describe('scanJsonText', () => {
  it('accepts ordinary JSON up to the limits, strings with brackets and escaped quotes included', () => {
    const text = JSON.stringify({ a: [1, { b: '[[{{"\\' }], 'k"[': { c: null } });
    expect(scanJsonText(text)).toBeUndefined();
    const atLimit = `${'['.repeat(JSON_LIMITS.maxDepth)}${']'.repeat(JSON_LIMITS.maxDepth)}`;
    expect(scanJsonText(atLimit)).toBeUndefined();
    expect(scanJsonText(JSON.stringify(Array.from({ length: JSON_LIMITS.maxEntries }, (_, i) => i)))).toBe(
      undefined,
    );
  });

  it('refuses nesting one level too deep, with the path of the container', () => {
    const deep = `{"input":{"a b":[0,${'['.repeat(100_000)}${']'.repeat(100_000)}]}}`;
    expect(scanJsonText(deep)).toEqual({
      code: 'AF_INPUT_TOO_DEEP',
      // Levels: the body, input, "a b", then 61 arrays: the 62nd would be level 65.
      path: `input["a b"][1]${'[0]'.repeat(JSON_LIMITS.maxDepth - 3)}`,
      message: 'nesting is deeper than 64 levels',
    });
    expect(scanJsonText('[[[1]]]', { maxDepth: 2 })?.code).toBe('AF_INPUT_TOO_DEEP');
    expect(scanJsonText('[[1]]', { maxDepth: 2 })).toBeUndefined();
  });

  it('counts object members and array items over the whole text', () => {
    expect(scanJsonText('{"a":1,"b":[1,2],"c":{}}', { maxEntries: 5 })).toBeUndefined();
    expect(scanJsonText('{"a":1,"b":[1,2],"c":{"d":[]}}', { maxEntries: 5 })?.code).toBe(
      'AF_INPUT_TOO_LARGE',
    );
    // Colons and commas inside strings are not entries.
    expect(scanJsonText('{"a":"x:y,z,w"}', { maxEntries: 1 })).toBeUndefined();
  });

  it('skips # comments only when asked (GraphQL documents)', () => {
    const doc = `{ w # ${'{'.repeat(10)}\n { id } }`;
    expect(scanJsonText(doc, { maxDepth: 3, hashComments: true })).toBeUndefined();
    expect(scanJsonText(doc, { maxDepth: 3 })?.code).toBe('AF_INPUT_TOO_DEEP');
  });

  it('parseJsonWithLimits throws the code, and parses what passes', () => {
    expect(parseJsonWithLimits('{"a":[1]}')).toEqual({ a: [1] });
    expect(() => parseJsonWithLimits('['.repeat(100))).toThrow(/deeper than 64/);
    try {
      parseJsonWithLimits('['.repeat(100));
    } catch (error) {
      expect((error as { code: string }).code).toBe('AF_INPUT_TOO_DEEP');
    }
  });
});

describe('scanJsonText maxTopLevelItems', () => {
  const limits = { maxTopLevelItems: { agents: 2 } };
  it('refuses more items under a limited top-level key, with the key as path, before the end of the text', () => {
    expect(scanJsonText('{"name":"x","agents":[1,2,3', limits)).toEqual({
      code: 'AF_LIMIT_EXCEEDED',
      path: 'agents',
      message: 'more than 2 agents',
    });
    expect(scanJsonText('{"agents":[{"a":[1,2,3]},{"b":"[,,,]"}]}', limits)).toBeUndefined();
  });
  it('ignores other keys, nested keys of the same name, and non-array values', () => {
    expect(scanJsonText('{"other":[1,2,3],"agents":[]}', limits)).toBeUndefined();
    expect(scanJsonText('{"x":{"agents":[1,2,3]}}', limits)).toBeUndefined();
    expect(scanJsonText('{"agents":{"a":1,"b":2,"c":3}}', limits)).toBeUndefined();
    expect(scanJsonText('[[1,2,3]]', limits)).toBeUndefined();
  });
});

describe('JsonStreamScanner', () => {
  /** Scans the UTF-8 bytes of `text` cut into chunks at the given offsets. */
  function scanChunks(text: string, cuts: number[], options: JsonScanOptions = {}) {
    const bytes = Buffer.from(text, 'utf8');
    const scanner = new JsonStreamScanner(options);
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      const issue = scanner.write(bytes.subarray(from, Math.max(from, cut)));
      if (issue) return issue;
      from = Math.max(from, cut);
    }
    return scanner.end();
  }

  // Strings with escaped quotes and runs of backslashes (which a chunk boundary may split), multi-byte text in
  // keys, brackets inside strings, too deep, too many entries, too many agents under a limited key.
  const corpus: [string, JsonScanOptions][] = [
    [JSON.stringify({ a: [1, { b: '[[{{"\\' }], 'k"[': { c: null } }), {}],
    [JSON.stringify({ 'é "ü" \\': { '\\"': [[[[1]]]] } }), { maxDepth: 4 }],
    [JSON.stringify({ 'ключ "x"': { '名前\\': [[[['\\\\"[']]]] } }), { maxDepth: 4 }],
    [`{"input":{"a b":[0,${'['.repeat(200)}${']'.repeat(200)}]}}`, {}],
    [JSON.stringify({ x: 'a\\\\"b', y: ['\\', '\\\\', '"'], z: [1, 2, 3, 4] }), { maxEntries: 6 }],
    [
      JSON.stringify({ name: 'n,:[{', agents: Array.from({ length: 40 }, (_, i) => ({ id: `a${i}` })) }),
      {
        maxTopLevelItems: { agents: 30 },
      },
    ],
    ['{"name":"x","agents":[1,2,3', { maxTopLevelItems: { agents: 2 } }],
    ['{"agents":[{"a":[1,2,3]},{"b":"[,,,]"}]}', { maxTopLevelItems: { agents: 2 } }],
    ['{"x":{"agents":[1,2,3]}}', { maxTopLevelItems: { agents: 2 } }],
    ['{"a":"x:y,z,w"}', { maxEntries: 1 }],
    ['\ufeff{"a":[[[1]]]}', { maxDepth: 2 }],
  ];

  it('finds what scanJsonText finds, whatever the chunk boundaries', () => {
    let compared = 0;
    for (const [text, options] of corpus) {
      const expected = scanJsonText(text, options);
      const size = Buffer.byteLength(text);
      expect(scanChunks(text, [], options), text).toEqual(expected);
      // Every single cut, and every chunk size from 1 to 7 bytes.
      for (let cut = 1; cut < size; cut++)
        expect(scanChunks(text, [cut], options), `${text} @${cut}`).toEqual(expected);
      for (let step = 1; step <= 7; step++) {
        const cuts = Array.from({ length: Math.ceil(size / step) }, (_, i) => i * step);
        expect(scanChunks(text, cuts, options), `${text} /${step}`).toEqual(expected);
      }
      if (expected) compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(6);
  });

  it('stops at the first broken limit and keeps answering it', () => {
    const scanner = new JsonStreamScanner({ maxTopLevelItems: { agents: 2 } });
    const issue = scanner.write(Buffer.from('{"agents":[1,2,3'));
    expect(issue).toEqual({ code: 'AF_LIMIT_EXCEEDED', path: 'agents', message: 'more than 2 agents' });
    expect(scanner.write(Buffer.from(',4]}'))).toBe(issue);
    expect(scanner.end()).toBe(issue);
  });
});
