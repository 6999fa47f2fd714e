/**
 * A linear pre-scan of JSON text, before `JSON.parse` builds objects: nesting depth and the number of object
 * members and array items. Hostile text (100,000 levels deep, or hundreds of thousands of keys) is refused in
 * one pass over the characters, without recursion and without allocating the values, so it can neither overflow
 * a stack later (`JSON.stringify`, validators, the store) nor keep the event loop busy.
 */
import { AgentFlowError, type Issue } from './errors.js';
import { JSON_LIMITS, type JsonLimits } from './limits.js';

export interface JsonScanOptions extends Partial<JsonLimits> {
  /** Also skip `#` comments to the end of the line (GraphQL documents). (Default: false) */
  hashComments?: boolean;
  /**
   * Max items of the arrays that are the value of these top-level keys, e.g. `{ agents: 500 }`: more is
   * `AF_LIMIT_EXCEEDED` at the key's path, found before anything is parsed. (Default: none)
   */
  maxTopLevelItems?: Readonly<Record<string, number>>;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const HASH = 0x23;

/**
 * Scans JSON text and returns the first limit it breaks: `AF_INPUT_TOO_DEEP` with the path of the container
 * that goes one level too deep, or `AF_INPUT_TOO_LARGE` when the members and items add up to more than
 * `maxEntries`. Malformed text is not reported here (the parser that runs next does that). O(n), no recursion;
 * memory bounded by `maxDepth`. (Defaults: `JSON_LIMITS`, 64 levels and 50,000 entries)
 */
export function scanJsonText(text: string, options: JsonScanOptions = {}): Issue | undefined {
  const maxDepth = options.maxDepth ?? JSON_LIMITS.maxDepth;
  const maxEntries = options.maxEntries ?? JSON_LIMITS.maxEntries;
  const hashComments = options.hashComments === true;
  const itemLimits = options.maxTopLevelItems;
  // The array at depth 2 under a limited top-level key: its key, limit and items so far.
  let limitedKey = '';
  let limitedMax = Number.POSITIVE_INFINITY;
  let limitedItems = 0;
  // One entry per open container: array -> index of the current item; object -> start of the current key.
  const isArray: boolean[] = [];
  const position: number[] = [];
  let depth = 0;
  let entries = 0;
  let expectKey = false;
  let arrayStart = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (arrayStart) {
      arrayStart = false;
      if (c !== CLOSE_ARRAY && ++entries > maxEntries) return tooLarge(maxEntries);
      if (c !== CLOSE_ARRAY && depth === 2 && ++limitedItems > limitedMax) {
        return tooManyItems(limitedKey, limitedMax);
      }
    }
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (expectKey && depth > 0) position[depth - 1] = i;
      i = end;
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth >= maxDepth) return tooDeep(text, isArray, position, depth, maxDepth);
      isArray[depth] = c === OPEN_ARRAY;
      position[depth] = c === OPEN_ARRAY ? 0 : -1;
      if (depth === 1 && itemLimits !== undefined) {
        const key = isArray[0] ? undefined : keyAt(text, position[0]!);
        limitedMax = c === OPEN_ARRAY && key !== undefined ? (itemLimits[key] ?? Infinity) : Infinity;
        limitedKey = key ?? '';
        limitedItems = 0;
      }
      depth++;
      expectKey = c === OPEN_OBJECT;
      arrayStart = c === OPEN_ARRAY;
      continue;
    }
    if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth > 0) depth--;
      expectKey = false;
      continue;
    }
    if (c === COMMA) {
      if (depth === 0) continue;
      if (isArray[depth - 1]) {
        position[depth - 1]!++;
        if (++entries > maxEntries) return tooLarge(maxEntries);
        if (depth === 2 && ++limitedItems > limitedMax) return tooManyItems(limitedKey, limitedMax);
      } else expectKey = true;
      continue;
    }
    if (c === COLON) {
      if (depth > 0 && !isArray[depth - 1] && expectKey) {
        expectKey = false;
        if (++entries > maxEntries) return tooLarge(maxEntries);
      }
      continue;
    }
    if (c === HASH && hashComments) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? n : end;
    }
  }
  return undefined;
}

/**
 * `scanJsonText`, then `JSON.parse`: the one way to parse JSON from outside (files, imports). Throws an
 * AgentFlowError with the issue's code when a limit is broken; a SyntaxError when the text is not JSON.
 */
export function parseJsonWithLimits(text: string, options: JsonScanOptions = {}): unknown {
  const issue = scanJsonText(text, options);
  if (issue) throw new AgentFlowError(issue.code, issue.message, { issues: [issue] });
  return JSON.parse(text);
}

/** Index of the quote that closes the string opened at `start` (or the end of the text). */
function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start + 1);
  while (j !== -1) {
    let backslashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return text.length;
}

function tooManyItems(key: string, max: number): Issue {
  return { code: 'AF_LIMIT_EXCEEDED', path: key, message: `more than ${max} ${key}` };
}

function tooLarge(maxEntries: number): Issue {
  return {
    code: 'AF_INPUT_TOO_LARGE',
    path: '',
    message: `more than ${maxEntries} object keys and array items in one JSON document`,
  };
}

function tooDeep(
  text: string,
  isArray: readonly boolean[],
  position: readonly number[],
  depth: number,
  maxDepth: number,
): Issue {
  let path = '';
  for (let level = 0; level < depth; level++) {
    if (isArray[level]) {
      path += `[${position[level]}]`;
      continue;
    }
    const key = keyAt(text, position[level]!);
    if (key === undefined) break;
    path += /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `.${key}` : key) : `[${JSON.stringify(key)}]`;
  }
  return { code: 'AF_INPUT_TOO_DEEP', path, message: `nesting is deeper than ${maxDepth} levels` };
}

/** The decoded key whose opening quote is at `start` (undefined if it is not a valid JSON string). */
function keyAt(text: string, start: number): string | undefined {
  if (start < 0) return undefined;
  try {
    const key: unknown = JSON.parse(text.slice(start, stringEnd(text, start) + 1));
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `scanJsonText` over a byte stream (UTF-8), one chunk at a time, so a body is refused at the item that breaks a
 * limit before the rest of it is read, concatenated or decoded. Same rules and issues as `scanJsonText` (the
 * structural characters of JSON are ASCII and never occur inside a multi-byte UTF-8 sequence, so bytes can be
 * scanned as they come); `#` comments are not supported. Memory: the open containers' state and the current
 * key (keys longer than 4 KiB are not kept: a path through one stops there).
 */
export class JsonStreamScanner {
  private readonly maxDepth: number;
  private readonly maxEntries: number;
  private readonly itemLimits: Readonly<Record<string, number>> | undefined;
  private limitedKey = '';
  private limitedMax = Number.POSITIVE_INFINITY;
  private limitedItems = 0;
  /** Per open container: array or object; array -> index of the current item; object -> its current key. */
  private readonly isArray: boolean[] = [];
  private readonly position: number[] = [];
  private readonly keys: (RawKey | undefined)[] = [];
  private depth = 0;
  private entries = 0;
  private expectKey = false;
  private arrayStart = false;
  private inString = false;
  /** Backslashes ending the string's bytes seen so far (their parity says whether a quote is escaped). */
  private backslashes = 0;
  /** The bytes of the key being read, or undefined when the string is not a key (or is too long). */
  private keyParts: Uint8Array[] | undefined;
  private keyLength = 0;
  private keyLevel = 0;
  private issue: Issue | undefined;

  constructor(options: Omit<JsonScanOptions, 'hashComments'> = {}) {
    this.maxDepth = options.maxDepth ?? JSON_LIMITS.maxDepth;
    this.maxEntries = options.maxEntries ?? JSON_LIMITS.maxEntries;
    this.itemLimits = options.maxTopLevelItems;
  }

  /** Scans the next chunk; the first broken limit (then and for every later call), or undefined. */
  write(chunk: Uint8Array): Issue | undefined {
    if (this.issue) return this.issue;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        i = this.stringPart(chunk, i);
        continue;
      }
      const c = chunk[i]!;
      i++;
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      if (this.arrayStart) {
        this.arrayStart = false;
        if (c !== CLOSE_ARRAY) {
          if (++this.entries > this.maxEntries) return this.fail(tooLarge(this.maxEntries));
          if (this.depth === 2 && ++this.limitedItems > this.limitedMax) {
            return this.fail(tooManyItems(this.limitedKey, this.limitedMax));
          }
        }
      }
      if (c === QUOTE) {
        this.inString = true;
        this.backslashes = 0;
        if (this.expectKey && this.depth > 0) {
          this.keyParts = [];
          this.keyLength = 0;
          this.keyLevel = this.depth - 1;
          this.keys[this.keyLevel] = undefined;
        } else this.keyParts = undefined;
        continue;
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        const depth = this.depth;
        if (depth >= this.maxDepth) return this.fail(this.tooDeep());
        this.isArray[depth] = c === OPEN_ARRAY;
        this.position[depth] = 0;
        this.keys[depth] = undefined;
        if (depth === 1 && this.itemLimits !== undefined) {
          const key = this.isArray[0] ? undefined : decodeKey(this.keys[0]);
          this.limitedMax =
            c === OPEN_ARRAY && key !== undefined ? (this.itemLimits[key] ?? Infinity) : Infinity;
          this.limitedKey = key ?? '';
          this.limitedItems = 0;
        }
        this.depth++;
        this.expectKey = c === OPEN_OBJECT;
        this.arrayStart = c === OPEN_ARRAY;
        continue;
      }
      if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (this.depth > 0) this.depth--;
        this.expectKey = false;
        continue;
      }
      if (c === COMMA) {
        const depth = this.depth;
        if (depth === 0) continue;
        if (this.isArray[depth - 1]) {
          this.position[depth - 1]!++;
          if (++this.entries > this.maxEntries) return this.fail(tooLarge(this.maxEntries));
          if (depth === 2 && ++this.limitedItems > this.limitedMax) {
            return this.fail(tooManyItems(this.limitedKey, this.limitedMax));
          }
        } else this.expectKey = true;
        continue;
      }
      if (c === COLON) {
        if (this.depth > 0 && !this.isArray[this.depth - 1] && this.expectKey) {
          this.expectKey = false;
          if (++this.entries > this.maxEntries) return this.fail(tooLarge(this.maxEntries));
        }
      }
    }
    return undefined;
  }

  /** The end of the text: the issue found, if any (malformed text is the parser's to report). */
  end(): Issue | undefined {
    return this.issue;
  }

  /** Reads string bytes from `start`; returns where scanning goes on (after the closing quote, or `n`). */
  private stringPart(chunk: Uint8Array, start: number): number {
    const n = chunk.length;
    let from = start;
    let carried = this.backslashes;
    let j = chunk.indexOf(QUOTE, from);
    while (j !== -1) {
      let run = 0;
      let k = j - 1;
      while (k >= from && chunk[k] === BACKSLASH) {
        run++;
        k--;
      }
      if (k < from) run += carried;
      if (run % 2 === 0) break;
      carried = 0;
      from = j + 1;
      j = chunk.indexOf(QUOTE, from);
    }
    const stop = j === -1 ? n : j;
    if (this.keyParts !== undefined) {
      this.keyLength += stop - start;
      if (this.keyLength > 4096) this.keyParts = undefined;
      else this.keyParts.push(chunk.slice(start, stop));
    }
    if (j === -1) {
      let run = 0;
      let k = n - 1;
      while (k >= from && chunk[k] === BACKSLASH) {
        run++;
        k--;
      }
      this.backslashes = k < from ? run + carried : run;
      return n;
    }
    this.inString = false;
    if (this.keyParts !== undefined) {
      // Kept raw: decoded only where a key is used (the limited top-level key, an issue's path).
      this.keys[this.keyLevel] = { parts: this.keyParts, length: this.keyLength };
      this.keyParts = undefined;
    }
    return j + 1;
  }

  private fail(issue: Issue): Issue {
    this.issue = issue;
    return issue;
  }

  private tooDeep(): Issue {
    let path = '';
    for (let level = 0; level < this.depth; level++) {
      if (this.isArray[level]) {
        path += `[${this.position[level]}]`;
        continue;
      }
      const key = decodeKey(this.keys[level]);
      if (key === undefined) break;
      path += /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `.${key}` : key) : `[${JSON.stringify(key)}]`;
    }
    return { code: 'AF_INPUT_TOO_DEEP', path, message: `nesting is deeper than ${this.maxDepth} levels` };
  }
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** A key's raw bytes (between the quotes), as read. */
interface RawKey {
  parts: readonly Uint8Array[];
  length: number;
}

/** A key from its raw bytes, undefined if there is none or it is not a valid JSON string. */
function decodeKey(raw: RawKey | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const { parts, length } = raw;
  let bytes: Uint8Array;
  if (parts.length === 1) bytes = parts[0]!;
  else {
    bytes = new Uint8Array(length);
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
  }
  try {
    const key: unknown = JSON.parse(`"${utf8.decode(bytes)}"`);
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}
