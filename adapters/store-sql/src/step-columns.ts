/**
 * The columns of a step row, derived from the one definition of `execution_steps` (schema-executions.ts): a new
 * step column is added there (plus its migration) and nothing here changes. From the table's columns this module
 * builds the SQL that writes steps from a commit's jsonb document (INSERT_STEPS, STEP_VALUES, STEP_ROW), the step
 * row of that document (`stepRow`, the durable hot path's serializer), the columns a read selects
 * (STEP_COLUMNS) and the StepRecord a read gives (`toStep`). A column's StepRecord field is its Drizzle key
 * (`stepId` is the record's `id`); `execution_id` is written from the commit, and `messages` holds the commit's
 * messages on its first step (not a StepRecord field). How a value is carried follows the column's type: jsonb as
 * a one-element array read with `-> 0` (json.ts), timestamps as epoch milliseconds, optional text through
 * `safeText`.
 */
import type { MessageRecord, StepRecord, StepStatus } from '@agentflow/protocol';
import { getTableColumns } from 'drizzle-orm';
import { MS } from './db.js';
import { decodeJson, encodeJson, safeText } from './json.js';
import { jsonText } from './large-values.js';
import { executionSteps } from './schema-executions.js';

type Kind = 'int' | 'text' | 'bool' | 'time' | 'json';

interface StepColumn {
  /** SQL name. */
  readonly name: string;
  /** StepRecord field. */
  readonly field: string;
  readonly kind: Kind;
  readonly required: boolean;
}

const KINDS: Record<string, Kind> = {
  PgInteger: 'int',
  PgText: 'text',
  PgVarchar: 'text',
  PgBoolean: 'bool',
  PgTimestamp: 'time',
  PgJsonb: 'json',
};

/** Every column but `execution_id` and `messages`, in the table's order. */
const COLUMNS: readonly StepColumn[] = Object.entries(getTableColumns(executionSteps)).flatMap(
  ([key, column]): StepColumn[] => {
    if (key === 'executionId' || key === 'messages') return [];
    const kind = KINDS[column.columnType];
    if (kind === undefined) {
      throw new Error(
        `step-columns: execution_steps.${column.name} has a type not mapped (${column.columnType})`,
      );
    }
    return [{ name: column.name, field: key === 'stepId' ? 'id' : key, kind, required: column.notNull }];
  },
);

const ROW_TYPES: Record<Kind, string> = {
  int: 'int',
  text: 'text',
  bool: 'boolean',
  time: 'float8',
  json: 'jsonb',
};

function value(c: StepColumn): string {
  if (c.kind === 'json') return `s.${c.name} -> 0`;
  if (c.kind === 'time') return `to_timestamp(s.${c.name} / 1000)`;
  return `s.${c.name}`;
}

/** `INSERT INTO execution_steps (execution_id, <columns>, messages)`: the values are `<execution id>, STEP_VALUES`. */
export const INSERT_STEPS = `INSERT INTO execution_steps (execution_id, ${COLUMNS.map((c) => c.name).join(', ')}, messages)`;
/** The step columns of a step row `s` in a commit's jsonb document (see `stepRow`). */
export const STEP_VALUES = `${COLUMNS.map(value).join(', ')}, s.messages`;
/** The record type of a step row `s` (`jsonb_to_recordset(...) AS s(STEP_ROW)`). */
export const STEP_ROW = `${COLUMNS.map((c) => `${c.name} ${ROW_TYPES[c.kind]}`).join(', ')}, messages jsonb`;

/** Step columns that may hold a large value's reference (large-values.ts). */
const LARGE_COLUMNS = new Set(['input', 'output', 'error']);

function selected(c: StepColumn, omitted: readonly string[]): string {
  if (omitted.includes(c.name)) return `NULL${c.kind === 'json' ? '::text' : ''} AS ${c.name}`;
  if (c.kind === 'json')
    return `${LARGE_COLUMNS.has(c.name) ? jsonText(c.name) : `${c.name}::text`} AS ${c.name}`;
  if (c.kind === 'time') return `${MS(c.name)} AS ${c.name}`;
  return c.name;
}

/** The columns a step read selects, as `toStep` takes them (jsonb as text, times as epoch ms). */
export const STEP_COLUMNS = stepColumnsWithout([]);

/** STEP_COLUMNS with the `omitted` (optional) columns read as NULL: toStep then leaves them out. */
export function stepColumnsWithout(omitted: readonly string[]): string {
  for (const name of omitted) {
    if (!COLUMNS.some((c) => c.name === name && !c.required))
      throw new Error(`step-columns: cannot omit ${name}`);
  }
  return `execution_id, ${COLUMNS.map((c) => selected(c, omitted)).join(', ')}`;
}

/** A step row as selected with STEP_COLUMNS. */
export interface StepRow {
  execution_id: string;
  step_id: string;
  agent_id: string;
  iteration: number;
  seq: number;
  status: StepStatus;
  attempt: number;
  started_at: number;
  completed_at: number;
  [column: string]: unknown;
}

/** The StepRecord of a row selected with STEP_COLUMNS; a NULL column leaves its field out. */
export function toStep(r: StepRow): StepRecord {
  const s: Record<string, unknown> = { executionId: r.execution_id };
  for (const c of COLUMNS) {
    const v = r[c.name];
    if (c.kind === 'json') {
      const decoded = decodeJson(v as string | null);
      if (decoded !== undefined) s[c.field] = decoded;
    } else if (c.required || (v !== null && v !== undefined)) s[c.field] = v;
  }
  return s as unknown as StepRecord;
}

/**
 * One step row of a commit's jsonb document, starting with `open` (`{` plus any leading fields): every column of
 * the step that is not undefined, and `messages` (the commit's, on its first step).
 */
export function stepRow(open: string, s: StepRecord, messages: MessageRecord[] | undefined): string {
  const record = s as unknown as Record<string, unknown>;
  const encode = rowEncoder();
  let row = open;
  let first = true;
  for (let k = 0; k < COLUMNS.length; k++) {
    const c = COLUMNS[k]!;
    const v = record[c.field];
    let text: string;
    if (c.kind === 'json') {
      const json = encode(v);
      if (json === null) continue;
      text = `[${json}]`;
    } else if (c.required) {
      text = c.kind === 'text' ? JSON.stringify(v) : num(v as number);
    } else {
      if (v === undefined) continue;
      text =
        c.kind === 'text'
          ? JSON.stringify(safeText(v as string))
          : c.kind === 'bool'
            ? String(v === true)
            : num(v as number);
    }
    row += `${first ? '' : ','}"${c.name}":${text}`;
    first = false;
  }
  if (messages) row += `,"messages":[${messages.map((m) => carriedMessage(m, encode)).join(',')}]`;
  return `${row}}`;
}

/**
 * `encodeJson` for one row, remembering the last object it encoded: a step's input, its output and the message it
 * sends are often one object (an input node passes its input on), and a large one is stringified once instead of
 * three times. One remembered pair, not a map: no allocation per commit on the hot path. The row is built
 * synchronously, so nothing can change an object between two of its uses.
 */
function rowEncoder(): (value: unknown) => string | null {
  let last: object | undefined;
  let lastJson: string | null = null;
  return (value) => {
    if (typeof value !== 'object' || value === null) return encodeJson(value);
    if (value !== last) {
      last = value;
      lastJson = encodeJson(value);
    }
    return lastJson;
  };
}

/** A message as stored in its step row's `messages` array (read by toMessages); no payload key = undefined. */
function carriedMessage(m: MessageRecord, encode: (value: unknown) => string | null): string {
  const payload = encode(m.payload);
  return (
    `{"connectionId":${JSON.stringify(m.connectionId)},"fromAgentId":${JSON.stringify(m.fromAgentId)},` +
    `"toAgentId":${JSON.stringify(m.toAgentId)},"stepId":${JSON.stringify(m.stepId)},"at":${num(m.at)}` +
    `${payload === null ? '' : `,"payload":${payload}`}}`
  );
}

/** A number as JSON (NaN and infinities become null, as in JSON.stringify). */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}
