import {
  type ErrorInfo,
  LOG_LIMITS,
  type LogLevelName,
  type LogRecord,
  type ModelCallRecord,
} from '@agentflow/protocol';
import type { Logger } from '../ports/logger.js';

/**
 * One step's log lines (all its attempts), bounded by `LOG_LIMITS`: the first `stepLines` lines and `stepBytes`
 * bytes are kept, later ones only counted, and `take` adds one line saying how many were dropped. The commit of
 * the step takes the lines; anything logged after that (a node's stray callback) is ignored.
 */
export class StepLog {
  private readonly lines: LogRecord[] = [];
  private bytes = 0;
  private dropped = 0;
  private closed = false;
  private lastAttempt = 1;
  /** The step's last failed model call not yet followed by a successful one (to tell a fallback). */
  failedCall: ModelCallRecord | undefined;

  constructor(
    private readonly executionId: string,
    private readonly stepId: string,
    private readonly agentId: string,
  ) {}

  add(level: LogLevelName, message: unknown, attempt: number, at: number, data?: unknown): void {
    if (this.closed) return;
    this.lastAttempt = attempt;
    if (this.lines.length >= LOG_LIMITS.stepLines || this.bytes >= LOG_LIMITS.stepBytes) {
      this.dropped++;
      return;
    }
    let text = truncate(typeof message === 'string' ? message : String(message));
    let kept: Record<string, unknown> | undefined;
    let size = 0;
    if (data !== undefined && data !== null) {
      const json = jsonOf(data);
      if (json === undefined) text += ' [data omitted: not JSON]';
      else if (json.length > LOG_LIMITS.messageChars) text += ` [data omitted: ${json.length} chars of JSON]`;
      else if (json !== '{}') {
        const value: unknown = JSON.parse(json);
        kept = json.startsWith('{') ? (value as Record<string, unknown>) : { value };
        size = Buffer.byteLength(json);
      }
    }
    size += Buffer.byteLength(text);
    if (this.bytes + size > LOG_LIMITS.stepBytes) {
      // Lines are kept in order: once one does not fit, the step's log is full.
      this.bytes = LOG_LIMITS.stepBytes;
      this.dropped++;
      return;
    }
    this.bytes += size;
    const line: LogRecord = {
      executionId: this.executionId,
      stepId: this.stepId,
      agentId: this.agentId,
      attempt,
      level,
      message: text,
      at,
    };
    if (kept) line.data = kept;
    this.lines.push(line);
  }

  /** The lines for the step's commit, with the dropped-lines line when some were dropped; closes the log. */
  take(at: number): LogRecord[] | undefined {
    if (this.closed) return undefined;
    this.closed = true;
    if (this.dropped > 0) {
      this.lines.push({
        executionId: this.executionId,
        stepId: this.stepId,
        agentId: this.agentId,
        attempt: this.lastAttempt,
        level: 'warn',
        message:
          `${this.dropped} log lines dropped: a step keeps at most ${LOG_LIMITS.stepLines} lines ` +
          `and ${LOG_LIMITS.stepBytes} bytes`,
        at,
      });
    }
    return this.lines.length > 0 ? this.lines : undefined;
  }
}

/**
 * The logger a node gets: every line goes to the step's log and to the engine's logger (with the step's
 * bindings); children add bindings for the engine's logger only.
 */
export class StepLogger implements Logger {
  private base: Logger | undefined;

  constructor(
    private readonly record: (level: LogLevelName, message: unknown, data?: unknown) => void,
    private readonly makeBase: () => Logger,
  ) {}

  private out(): Logger {
    this.base ??= this.makeBase();
    return this.base;
  }

  debug(message: string, data?: Record<string, unknown>): void {
    this.record('debug', message, data);
    this.out().debug(message, data);
  }
  info(message: string, data?: Record<string, unknown>): void {
    this.record('info', message, data);
    this.out().info(message, data);
  }
  warn(message: string, data?: Record<string, unknown>): void {
    this.record('warn', message, data);
    this.out().warn(message, data);
  }
  error(message: string, data?: Record<string, unknown>): void {
    this.record('error', message, data);
    this.out().error(message, data);
  }
  child(bindings: Record<string, unknown>): Logger {
    return new StepLogger(this.record, () => this.out().child(bindings));
  }
}

/** `code: message` of an error, for a log line. */
export function describeError(error: ErrorInfo | undefined): string {
  return error ? `${error.code}: ${error.message}` : 'unknown error';
}

/**
 * Keeps `LOG_LIMITS.messageChars` characters (never half of a surrogate pair) and says how many were cut.
 */
function truncate(text: string): string {
  const max = LOG_LIMITS.messageChars;
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}… [truncated ${text.length - end} chars]`;
}

function jsonOf(data: unknown): string | undefined {
  try {
    const json = JSON.stringify(data);
    return typeof json === 'string' ? json : undefined;
  } catch {
    return undefined;
  }
}
