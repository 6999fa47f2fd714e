/**
 * Unusual text against the real server on the embedded store (PGlite): NUL and lone surrogates refused with a
 * 400 naming the field in every stored place (the issue's `"é\udfff"` in a workflow name used to be a 500 from
 * the database); BOM, right-to-left text, combining marks and 4-byte emoji stored and returned exactly.
 * The same corpus runs on PostgreSQL in unicode-text.int.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { useTestServer } from './test-support/fixtures.js';
import {
  ACCEPTED_TEXT,
  checkRefusals,
  checkRoundTrips,
  REFUSED_LITERALS,
} from './test-support/unicode-corpus.js';

const t = useTestServer();

describe('unusual text on PGlite', () => {
  it('refuses NUL and lone surrogates in every stored field with 400 AF_VALIDATION and the path', async () => {
    expect(await checkRefusals(t.app)).toBe(REFUSED_LITERALS.length * 12);
  });

  it('stores BOM, RTL, combining marks and 4-byte emoji exactly as sent', async () => {
    // PGlite's text decoding drops a leading BOM from text columns; the name and description still come back.
    expect(await checkRoundTrips(t.app)).toBe(ACCEPTED_TEXT.length);
  });
});
