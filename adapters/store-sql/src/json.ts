/**
 * JSON values in `jsonb` columns, round-tripped exactly.
 *
 * `jsonb` cannot hold the NUL character (`\u0000`) nor lone UTF-16 surrogates, both of which JavaScript strings may
 * contain. Values that do (or that look like our envelope) are stored as `{"$afJson": "<JSON text>"}`: the JSON
 * text escapes them as plain ASCII (`\u0000`), which `jsonb` accepts inside a string. Everything else is stored
 * as itself, so SQL can still look inside it. A value shaped like a large value's reference (`{"$afLarge": string}`,
 * large-values.ts) is wrapped the same way, so that the reads never take it for one.
 *
 * `undefined` is stored as SQL NULL and JavaScript `null` as the JSON `null` literal, so the two stay distinct.
 * As in `JSON.stringify`, object keys whose value is `undefined` are dropped, and jsonb does not keep key order.
 */

const ENVELOPE = '$afJson';
/** The key of a large value's reference, which the reads replace by the value (large-values.ts). */
const LARGE_REFERENCE = '$afLarge';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** `\u0000` or a lone surrogate escape (`\ud800`-`\udfff`): what JSON.stringify writes for them. */
const UNSAFE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

/** JSON text for a jsonb parameter, or null for `undefined` (SQL NULL). */
export function encodeJson(value: unknown): string | null {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  if (text === undefined) return null; // functions, symbols
  if (UNSAFE.test(text) || looksReserved(value)) return JSON.stringify({ [ENVELOPE]: text });
  return text;
}

/**
 * The value to embed in a larger JSON document (a batch of rows read with `jsonb_to_recordset`), wrapped in a
 * one-element array so that `null` survives: SQL reads it back with `x.col -> 0`, which is SQL NULL only when the
 * value was `undefined`.
 */
export function embedJson(value: unknown): [unknown] | undefined {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  if (text === undefined) return undefined;
  if (UNSAFE.test(text) || looksReserved(value)) return [{ [ENVELOPE]: text }];
  return [value];
}

/** Decodes a jsonb column selected as text (`col::text`); SQL NULL gives `undefined`. */
export function decodeJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  const value: unknown = JSON.parse(text);
  if (isEnvelope(value)) return JSON.parse((value as Record<string, string>)[ENVELOPE]!);
  return value;
}

/** Decodes a value found inside a parsed jsonb document (an envelope, or the value itself; null stays null). */
export function decodeParsed(value: unknown): unknown {
  if (isEnvelope(value)) return JSON.parse((value as Record<string, string>)[ENVELOPE]!);
  return value;
}

/** `{"$afJson": string}` or a large value's reference `{"$afLarge": string}` (large-values.ts). */
function looksReserved(value: unknown): boolean {
  const key = soleKey(value);
  return (
    (key === ENVELOPE || key === LARGE_REFERENCE) &&
    typeof (value as Record<string, unknown>)[key] === 'string'
  );
}

function isEnvelope(value: unknown): boolean {
  return soleKey(value) === ENVELOPE && typeof (value as Record<string, unknown>)[ENVELOPE] === 'string';
}

/** The only key of a plain object with exactly one; undefined otherwise. */
function soleKey(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 ? keys[0] : undefined;
}

/**
 * Text for a `text` column. PostgreSQL text cannot hold NUL and the wire encoding rejects lone surrogates; both
 * become U+FFFD (only free-form text such as log messages can contain them).
 */
export function safeText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what must be replaced.
  return value.replace(/\u0000/g, '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}

/** Decodes a jsonb value the driver already parsed (Drizzle query-builder reads). */
export function unwrapJson(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (isEnvelope(value)) return JSON.parse((value as Record<string, string>)[ENVELOPE]!);
  return value;
}
