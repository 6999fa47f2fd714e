/**
 * The step commit statement's parameters (statements COMMIT_ONE and COMMIT). The jsonb documents are written as
 * text directly: each value is serialized once (by `encodeJson`, which also picks the envelope), not once to check
 * it and again inside its document. jsonb values of step and message columns are wrapped in one-element arrays
 * (read with `-> 0`, so that JSON null and "absent" stay distinct). A commit's messages are stored with its first
 * step, as one array; those of a commit without steps go to agent_messages (only COMMIT writes them).
 */
import type { StepCommit } from '@agentflow/core';
import type { LogRecord, MessageRecord } from '@agentflow/protocol';
import { encodeJson, safeText } from './json.js';
import type { RawDb } from './raw.js';
import { COMMIT, COMMIT_LOGS, COMMIT_ONE, COMMIT_ONE_LOGS } from './statements.js';
import { stepRow } from './step-columns.js';

export { stepRow } from './step-columns.js';

/** Applies commits of distinct executions in one statement; returns the ids whose commit was applied. */
export async function commitStatement(db: RawDb, commits: StepCommit[]): Promise<Set<string>> {
  const only = commits.length === 1 ? commits[0]! : undefined;
  if (only && (only.steps.length > 0 || only.messages.length === 0)) {
    const u = only.usage;
    const params = [
      only.executionId,
      encodeJson(only.ready),
      encodeJson(only.waiting),
      only.steps.length,
      u?.inputTokens ?? 0,
      u?.outputTokens ?? 0,
      u?.costUsd ?? 0,
      `[${stepRows('{', only)}]`,
    ];
    const logs = only.logs;
    const applied =
      logs && logs.length > 0
        ? await db.run<{ id: string }>(COMMIT_ONE_LOGS, [...params, logs.length, `[${logRows(0, logs)}]`])
        : await db.run<{ id: string }>(COMMIT_ONE, params);
    return new Set(applied.map((r) => r.id));
  }
  let execs = '';
  let steps = '';
  let loose = '';
  let looseCount = 0;
  let logs = '';
  let logCount = 0;
  for (let i = 0; i < commits.length; i++) {
    const c = commits[i]!;
    const id = JSON.stringify(c.executionId);
    const u = c.usage;
    const n = c.logs?.length ?? 0;
    execs +=
      `${i === 0 ? '' : ','}{"i":${i},"id":${id},"ready":${encodeJson(c.ready)},` +
      `"waiting":${encodeJson(c.waiting)},"n":${c.steps.length},"input_tokens":${num(u?.inputTokens ?? 0)},` +
      `"output_tokens":${num(u?.outputTokens ?? 0)},"cost_usd":${num(u?.costUsd ?? 0)},"logs":${n}}`;
    if (c.steps.length > 0) steps += `${steps === '' ? '' : ','}${stepRows(`{"execution_id":${id},`, c)}`;
    for (const m of c.steps.length === 0 ? c.messages : []) {
      loose += `${loose === '' ? '' : ','}${looseMessage(looseCount++, id, m)}`;
    }
    if (n > 0) {
      logs += `${logs === '' ? '' : ','}${logRows(logCount, c.logs!)}`;
      logCount += n;
    }
  }
  const documents = [`[${execs}]`, `[${steps}]`, `[${loose}]`];
  const applied =
    logCount > 0
      ? await db.run<{ id: string }>(COMMIT_LOGS, [...documents, `[${logs}]`])
      : await db.run<{ id: string }>(COMMIT, documents);
  return new Set(applied.map((r) => r.id));
}

/** Log lines as rows of a jsonb document, numbered from `first` (`i` keeps their order). */
export function logRows(first: number, logs: readonly LogRecord[]): string {
  let rows = '';
  for (let k = 0; k < logs.length; k++) {
    const l = logs[k]!;
    let row =
      `{"i":${first + k},"execution_id":${JSON.stringify(l.executionId)},"level":${JSON.stringify(l.level)},` +
      `"message":${JSON.stringify(safeText(String(l.message)))},"at":${num(l.at)}`;
    if (l.stepId !== undefined) row += `,"step_id":${JSON.stringify(safeText(l.stepId))}`;
    if (l.agentId !== undefined) row += `,"agent_id":${JSON.stringify(safeText(l.agentId))}`;
    if (l.attempt !== undefined) row += `,"attempt":${num(l.attempt)}`;
    rows += `${k === 0 ? '' : ','}${row}${wrapped('data', l.data)}}`;
  }
  return rows;
}

/** The commit's step rows, comma-separated; each row starts with `open` (`{` plus any leading fields). */
function stepRows(open: string, c: StepCommit): string {
  let rows = '';
  for (let k = 0; k < c.steps.length; k++) {
    const messages = k === 0 && c.messages.length > 0 ? c.messages : undefined;
    rows += `${k === 0 ? '' : ','}${stepRow(open, c.steps[k]!, messages)}`;
  }
  return rows;
}

/** A message of a commit without steps: an agent_messages row. */
function looseMessage(i: number, executionId: string, m: MessageRecord): string {
  return (
    `{"i":${i},"execution_id":${executionId},"connection_id":${JSON.stringify(m.connectionId)},` +
    `"from_agent_id":${JSON.stringify(m.fromAgentId)},"to_agent_id":${JSON.stringify(m.toAgentId)},` +
    `"step_id":${JSON.stringify(m.stepId)},"at":${num(m.at)}${wrapped('payload', m.payload)}}`
  );
}

/** A number as JSON (NaN and infinities become null, as in JSON.stringify). */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/** `,"key":[json]` for a jsonb column read with `-> 0`, or nothing for `undefined` (SQL NULL). */
function wrapped(key: string, value: unknown): string {
  const text = encodeJson(value);
  return text === null ? '' : `,"${key}":[${text}]`;
}
