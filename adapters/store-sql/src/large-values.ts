/**
 * Large values out of line, so that storing one never holds the event loop for long (issue 10 item 2).
 *
 * PGlite runs PostgreSQL on the server's thread: a statement carrying a value in a jsonb column parses it into
 * jsonb and compresses it (pglz) inside the call. For a 230 KB input passed on by an input node (its step's input,
 * output and message: three copies) that was 130-150 ms in one statement, and the request body limit allows 4 MB.
 * A value whose JSON exceeds `LARGE_VALUE_CHARS` is therefore written to `large_values` as plain JSON text, once per
 * write however many places carry it, in parts of `PART_CHARS` (each its own statement, with a turn of the event
 * loop between them; `body` is stored uncompressed), before the write that references it. Its column holds
 * `{"$afLarge": id}` and the reads select `af_text(column)` / `af_messages(messages)` (migration 0020), which
 * put the text back in the database: the rest of the read path never sees a reference. A value shaped like a
 * reference is wrapped by `encodeJson` ($afJson) like any envelope-shaped value, so it cannot be mistaken for one.
 *
 * Where: a commit's step inputs, outputs and errors and its messages' payloads; a new execution's input; a
 * finished execution's output (the write group's CREATE, COMMIT and UPDATE kinds); a fork's input and reused
 * steps (written before the one statement that creates it). Not a fork's `forked_from_input` (read as jsonb). Parts are written through the
 * same write group under the execution's key, so they land before the write that references them, in order.
 * A process that dies between the parts and that write leaves unreferenced parts, deleted with the execution by
 * PRUNE (an execution never created leaves them until the table is cleaned by hand; rare and bounded by the body
 * limit).
 */
import { randomUUID } from 'node:crypto';
import type { ExecutionPatch, StepCommit } from '@agentflow/core';
import type { ExecutionRecord, MessageRecord, StepRecord } from '@agentflow/protocol';
import type { WriteExecutor } from './group.js';
import { encodeJson } from './json.js';
import { type RawDb, statement } from './raw.js';

/** A value whose JSON text is longer than this is stored out of line. */
export const LARGE_VALUE_CHARS = 64 * 1024;
/** Characters per part (one statement each). */
export const PART_CHARS = 128 * 1024;

export const LARGE_KIND = 'large';

/** Stands for a large value in the write that references it: serializes as the reference. */
export class LargeValue {
  readonly id = randomUUID();
  constructor(readonly text: string) {}
  toJSON(): { $afLarge: string } {
    return { $afLarge: this.id };
  }
}

/** The parts of an execution's large values, written before the write that references them. */
export interface LargeParts {
  readonly executionId: string;
  readonly values: readonly LargeValue[];
}

const INSERT_PART = statement(
  'insert_large_part',
  ['text', 'int', 'text', 'text'],
  'INSERT INTO large_values (id, part, execution_id, body) VALUES ($1::text, $2::int, $3::text, $4::text)',
);

/** Writes each part in its own statement, yielding the event loop before each. */
export function largeValuesExecutor(db: RawDb): WriteExecutor {
  return {
    async run(writes) {
      for (const w of writes) {
        const { executionId, values } = w.input as LargeParts;
        for (const v of values) {
          let part = 0;
          for (const body of split(v.text)) {
            await new Promise<void>((resolve) => setImmediate(resolve));
            await db.run(INSERT_PART, [v.id, part++, executionId, body]);
          }
        }
      }
      for (const w of writes) w.resolve(undefined);
    },
  };
}

/** The text in parts of at most PART_CHARS, never splitting a surrogate pair (each part is sent as UTF-8). */
export function split(text: string): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + PART_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

/**
 * Replaces the large values of one write by LargeValues, collecting them; the same object in several places
 * (an input node's input, output and message) becomes one LargeValue.
 */
class Collector {
  readonly values: LargeValue[] = [];
  private readonly seen = new Map<unknown, LargeValue>();

  take(value: unknown): unknown {
    const large =
      typeof value === 'string'
        ? value.length > LARGE_VALUE_CHARS
        : typeof value === 'object' && value !== null;
    if (!large) return value;
    const known = this.seen.get(value);
    if (known) return known;
    return typeof value === 'string' || exceeds(value as object, LARGE_VALUE_CHARS) ? this.add(value) : value;
  }

  private add(value: unknown): unknown {
    const text = encodeJson(value);
    if (text === null || text.length <= LARGE_VALUE_CHARS) return value;
    const large = new LargeValue(text);
    this.values.push(large);
    this.seen.set(value, large);
    return large;
  }
}

/** The commit with its large values replaced, and their parts; undefined when it has none (the usual case). */
export function largeCommit(commit: StepCommit): { commit: StepCommit; parts: LargeParts } | undefined {
  if (!carriesLarge(commit)) return undefined;
  let collector: Collector | undefined;
  let steps: StepRecord[] | undefined;
  for (let k = 0; k < commit.steps.length; k++) {
    const s = commit.steps[k]!;
    if (!mayBeLarge(s.input) && !mayBeLarge(s.output) && !mayBeLarge(s.error)) continue;
    collector ??= new Collector();
    const input = collector.take(s.input);
    const output = collector.take(s.output);
    const error = collector.take(s.error);
    if (input === s.input && output === s.output && error === s.error) continue;
    steps ??= commit.steps.slice();
    steps[k] = { ...s, input, output, error } as unknown as StepRecord;
  }
  let messages: MessageRecord[] | undefined;
  for (let k = 0; k < commit.messages.length; k++) {
    const m = commit.messages[k]!;
    if (!mayBeLarge(m.payload)) continue;
    collector ??= new Collector();
    const payload = collector.take(m.payload);
    if (payload === m.payload) continue;
    messages ??= commit.messages.slice();
    messages[k] = { ...m, payload };
  }
  if (!collector || collector.values.length === 0) return undefined;
  return {
    commit: { ...commit, steps: steps ?? commit.steps, messages: messages ?? commit.messages },
    parts: { executionId: commit.executionId, values: collector.values },
  };
}

/**
 * Whether a value the commit carries is large, each object looked at once (a step's output is usually its
 * message's payload): the durable hot path's check, which allocates nothing for the usual small commit.
 */
function carriesLarge(commit: StepCommit): boolean {
  let output: unknown;
  for (let k = 0; k < commit.steps.length; k++) {
    const s = commit.steps[k]!;
    output = s.output;
    if (isLarge(s.input) || (output !== s.input && isLarge(output)) || isLarge(s.error)) return true;
  }
  for (let k = 0; k < commit.messages.length; k++) {
    const payload = commit.messages[k]!.payload;
    if (payload !== output && isLarge(payload)) return true;
  }
  return false;
}

function isLarge(value: unknown): boolean {
  if (typeof value === 'string') return value.length > LARGE_VALUE_CHARS;
  return typeof value === 'object' && value !== null && exceeds(value, LARGE_VALUE_CHARS);
}

/** The new execution with a large input replaced, and its parts; undefined when the input is not large. */
export function largeExecution(
  execution: ExecutionRecord,
): { execution: ExecutionRecord; parts: LargeParts } | undefined {
  if (!mayBeLarge(execution.input)) return undefined;
  const collector = new Collector();
  const input = collector.take(execution.input);
  if (input === execution.input) return undefined;
  return {
    execution: { ...execution, input },
    parts: { executionId: execution.id, values: collector.values },
  };
}

/** The patch with a large output replaced, and its parts; undefined when it carries no large output. */
export function largePatch(
  executionId: string,
  patch: ExecutionPatch,
): { patch: ExecutionPatch; parts: LargeParts } | undefined {
  if (!('output' in patch) || !mayBeLarge(patch.output)) return undefined;
  const collector = new Collector();
  const output = collector.take(patch.output);
  if (output === patch.output) return undefined;
  return { patch: { ...patch, output }, parts: { executionId, values: collector.values } };
}

/**
 * SQL: a jsonb column (or expression) as text, a large value's reference replaced by the value's text. The test is
 * inline so the usual small value costs no function call (`af_text` is not inlined: it has a subquery).
 */
export function jsonText(column: string): string {
  return `CASE WHEN jsonb_typeof(${column}) = 'object' AND ${column} ? '$afLarge' THEN af_text(${column}) ELSE ${column}::text END`;
}

/** SQL: a step's `messages` array as text, each large payload's reference replaced by its text. */
export function messagesText(column: string): string {
  return `CASE WHEN jsonb_path_exists(${column}, '$[*].payload."$afLarge"') THEN af_messages(${column}) ELSE ${column}::text END`;
}

function mayBeLarge(value: unknown): boolean {
  return typeof value === 'object'
    ? value !== null
    : typeof value === 'string' && value.length > LARGE_VALUE_CHARS;
}

/** The walk's stack, reused (the walk is synchronous and calls nothing that could walk again). */
const WALK: unknown[] = [];

/**
 * Whether the JSON text of `value` is likely longer than `limit`, by a walk that stops as soon as the estimate
 * passes it (a few microseconds for the usual small value; never more than `limit` nodes). Numbers count as 8
 * characters: the exact length is checked after stringifying, so an estimate only decides who is stringified here.
 */
function exceeds(value: object, limit: number): boolean {
  let size = 0;
  const stack = WALK;
  stack.length = 0;
  stack.push(value);
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') size += v.length + 2;
    else if (typeof v === 'object' && v !== null) {
      if (Array.isArray(v)) {
        size += 2 + v.length;
        if (size > limit) return true;
        for (let i = 0; i < v.length; i++) stack.push(v[i]);
      } else {
        size += 2;
        for (const key in v) {
          if (!Object.hasOwn(v, key)) continue;
          size += key.length + 4;
          stack.push((v as Record<string, unknown>)[key]);
        }
      }
    } else size += 8;
    if (size > limit) {
      stack.length = 0;
      return true;
    }
  }
  return false;
}
