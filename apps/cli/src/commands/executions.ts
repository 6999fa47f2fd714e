import { type ExecutionStatus, LOG_LEVELS, type LogLevelName, type LogRecord } from '@agentflow/protocol';
import { openEngine, openRuntime } from '../engine-setup.js';
import { CliError, EXIT } from '../errors.js';
import type { CliContext } from '../io.js';
import { printResult } from '../result.js';

const STATUSES: readonly ExecutionStatus[] = [
  'queued',
  'running',
  'paused',
  'succeeded',
  'failed',
  'cancelled',
];

export interface ListOptions {
  dataDir?: string;
  workflow?: string;
  status?: string;
  since?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
}

/** `agentflow executions list`: newest first, filtered, one page at a time (`--cursor` for the next). */
export async function listExecutionsCommand(options: ListOptions, io: CliContext): Promise<number> {
  if (options.status !== undefined && !STATUSES.includes(options.status as ExecutionStatus)) {
    throw new CliError(`--status ${options.status}: expected one of ${STATUSES.join(', ')}`);
  }
  const limit = options.limit === undefined ? 20 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new CliError(`--limit ${options.limit}: expected 1..500`);
  const since = options.since === undefined ? undefined : Date.parse(options.since);
  if (since !== undefined && Number.isNaN(since))
    throw new CliError(`--since ${options.since}: expected an ISO date`);
  const runtime = await openRuntime(options, io);
  try {
    const page = await runtime.executions.list(
      {},
      {
        limit,
        ...(options.workflow ? { workflowId: options.workflow } : {}),
        ...(options.status ? { status: options.status as ExecutionStatus } : {}),
        ...(since !== undefined ? { since } : {}),
        ...(options.cursor ? { cursor: options.cursor } : {}),
      },
    );
    if (options.json) {
      io.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
      return EXIT.ok;
    }
    if (page.items.length === 0) io.stdout.write('no executions\n');
    for (const x of page.items) {
      const when = new Date(x.createdAt).toISOString();
      const took =
        x.completedAt !== undefined && x.startedAt !== undefined ? `${x.completedAt - x.startedAt} ms` : '';
      io.stdout.write(
        `${x.id}  ${x.status.padEnd(9)}  ${when}  ${x.workflowId}  ${x.stepCount} steps  ${took}\n`,
      );
    }
    if (page.nextCursor) io.stdout.write(`more: --cursor ${page.nextCursor}\n`);
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}

/** `agentflow executions show <id>`: the execution with its steps, messages and logs. */
export async function showExecutionCommand(
  id: string,
  options: { dataDir?: string; json?: boolean },
  io: CliContext,
): Promise<number> {
  const runtime = await openRuntime(options, io);
  try {
    const detail = await runtime.executions.detail(id);
    if (options.json) {
      io.stdout.write(`${JSON.stringify(detail, null, 2)}\n`);
      return EXIT.ok;
    }
    const x = detail.execution;
    io.stdout.write(
      `execution ${x.id}\n  workflow ${x.workflowId} v${x.workflowVersion}\n  status   ${x.status}\n`,
    );
    if (x.error) io.stdout.write(`  error    ${x.error.code}: ${x.error.message}\n`);
    io.stdout.write(
      `  usage    ${x.usage.inputTokens} in / ${x.usage.outputTokens} out tokens, $${x.usage.costUsd.toFixed(4)}\n`,
    );
    io.stdout.write('steps:\n');
    for (const s of detail.steps) {
      const took = s.completedAt - s.startedAt;
      const extra = s.error ? `  ${s.error.code}: ${s.error.message}` : '';
      io.stdout.write(
        `  #${s.seq} ${s.agentId}${s.iteration ? `[${s.iteration}]` : ''}  ${s.status}  attempt ${s.attempt}  ${took} ms${extra}\n`,
      );
    }
    io.stdout.write(`messages: ${detail.messages.length}\n`);
    const shown = detail.logs.slice(0, SHOW_LOG_LINES);
    io.stdout.write(shown.length === 0 ? 'logs: none\n' : 'logs:\n');
    for (const l of shown) io.stdout.write(`  ${logLine(l)}\n`);
    if (detail.logs.length > shown.length || (x.logCount ?? 0) > shown.length) {
      io.stdout.write(`  more: agentflow executions logs ${x.id}\n`);
    }
    if (x.output !== undefined) io.stdout.write(`output:\n${JSON.stringify(x.output, null, 2)}\n`);
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}

/** Log lines `executions show` prints (the rest: `executions logs`). */
const SHOW_LOG_LINES = 20;

export interface LogsOptions {
  dataDir?: string;
  level?: string;
  agent?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
}

/** `agentflow executions logs <id>`: the execution's log lines, oldest first, filtered, a page at a time. */
export async function executionLogsCommand(
  id: string,
  options: LogsOptions,
  io: CliContext,
): Promise<number> {
  if (options.level !== undefined && !LOG_LEVELS.includes(options.level as LogLevelName)) {
    throw new CliError(`--level ${options.level}: expected one of ${LOG_LEVELS.join(', ')}`);
  }
  const limit = options.limit === undefined ? 100 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new CliError(`--limit ${options.limit}: expected 1..1000`);
  const runtime = await openRuntime(options, io);
  try {
    const page = await runtime.executions.logs(
      id,
      {},
      {
        limit,
        ...(options.level ? { level: options.level as LogLevelName } : {}),
        ...(options.agent ? { agentId: options.agent } : {}),
        ...(options.cursor ? { cursor: options.cursor } : {}),
      },
    );
    if (options.json) {
      io.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
      return EXIT.ok;
    }
    if (page.items.length === 0) io.stdout.write('no log lines\n');
    for (const l of page.items) io.stdout.write(`${logLine(l)}\n`);
    if (page.nextCursor) io.stdout.write(`more: --cursor ${page.nextCursor}\n`);
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}

/** `time level agent#attempt message` (control characters shown escaped: a line stays one line). */
function logLine(l: LogRecord): string {
  const who =
    l.agentId === undefined ? '-' : `${l.agentId}${l.attempt && l.attempt > 1 ? `#${l.attempt}` : ''}`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped.
  const text = l.message.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return `${new Date(l.at).toISOString()}  ${l.level.padEnd(5)}  ${who}  ${text}`;
}

/** `agentflow resume <id>`: continues an interrupted (or approved) execution from its last committed step. */
export async function resumeCommand(
  id: string,
  options: { dataDir?: string; json?: boolean; plugin?: string[]; script?: string; replay?: string },
  io: CliContext,
): Promise<number> {
  const opened = await openEngine({ ...options, durable: true }, io);
  try {
    const result = await opened.engine.resume(id);
    printResult(result, { io, json: options.json === true || io.stdout.isTTY !== true });
    return result.status === 'succeeded' ? EXIT.ok : EXIT.failed;
  } finally {
    await opened.close();
  }
}
