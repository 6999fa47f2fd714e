import { protocol } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { bindAndExecute } from './pglite.js';

/** Reads a Bind message back: statement name, parameter values (null for SQL NULL), and what follows it. */
function readBind(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  expect(String.fromCharCode(bytes[0]!)).toBe('B');
  const end = 1 + view.getInt32(1);
  let at = 5;
  const cstring = () => {
    const stop = bytes.indexOf(0, at);
    const s = text.decode(bytes.subarray(at, stop));
    at = stop + 1;
    return s;
  };
  const portal = cstring();
  const statement = cstring();
  const formats = view.getInt16(at);
  at += 2 + formats * 2;
  const count = view.getInt16(at);
  at += 2;
  const values: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const length = view.getInt32(at);
    at += 4;
    values.push(length < 0 ? null : text.decode(bytes.subarray(at, at + length)));
    at += Math.max(length, 0);
  }
  const resultFormats = view.getInt16(at);
  at += 2 + resultFormats * 2;
  expect(at).toBe(end);
  return { portal, statement, values, rest: bytes.subarray(end) };
}

describe('bindAndExecute', () => {
  it('writes the values PGlite’s own serializer writes, then Describe, Execute and Sync', () => {
    const params = ['', 'plain', 'é€ 😀 \u4e2d', null, 42, 'x'.repeat(70_000)] as const;
    const ours = readBind(bindAndExecute('af_stmt', params));
    const reference = protocol.serialize.bind({
      statement: 'af_stmt',
      values: params.map((p) => (p === null ? null : String(p))),
    });
    const theirs = readBind(reference.slice());
    expect(ours.portal).toBe('');
    expect(ours.statement).toBe('af_stmt');
    expect(ours.values).toEqual(theirs.values);
    expect(ours.values[4]).toBe('42');
    expect([...ours.rest]).toEqual([
      ...protocol.serialize.describe({ type: 'P' }),
      ...protocol.serialize.execute({}),
      ...protocol.serialize.sync(),
    ]);
  });

  it('is exactly as long as its content (no slack from the UTF-8 bound)', () => {
    const bytes = bindAndExecute('s', ['😀'.repeat(1000)]);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    expect(readBind(bytes).values).toEqual(['😀'.repeat(1000)]);
  });
});
