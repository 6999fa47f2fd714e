/**
 * The bound on an execution's stored log lines (`LOG_LIMITS.executionLines`): counts the lines kept across the
 * execution's steps (starting from what a resumed execution already stored) and cuts a step's lines at the bound,
 * with one line saying how many were dropped; later steps keep none.
 */
import { LOG_LIMITS, type LogRecord } from '@agentflow/protocol';

export class ExecutionLogBound {
  /** Log lines the execution stored so far (`LOG_LIMITS.executionLines` at most). */
  private lines: number;

  constructor(stored: number) {
    this.lines = stored;
  }

  /**
   * A step's lines within the execution's bound: `LOG_LIMITS.executionLines` lines, then one line saying how many
   * of this step's were dropped; later steps keep none.
   */
  keep(logs: LogRecord[]): LogRecord[] | undefined {
    const max = LOG_LIMITS.executionLines;
    const room = max - this.lines;
    if (logs.length <= room) {
      this.lines += logs.length;
      return logs;
    }
    if (this.lines > max) return undefined;
    const fit = Math.max(0, room);
    const last = logs[logs.length - 1]!;
    const kept = logs.slice(0, fit);
    const marker: LogRecord = {
      executionId: last.executionId,
      level: 'warn',
      message:
        `${logs.length - fit} log lines dropped: an execution keeps at most ${max} lines; ` +
        'later lines are dropped',
      at: last.at,
    };
    if (last.stepId !== undefined) marker.stepId = last.stepId;
    if (last.agentId !== undefined) marker.agentId = last.agentId;
    if (last.attempt !== undefined) marker.attempt = last.attempt;
    kept.push(marker);
    this.lines += kept.length;
    return kept;
  }
}
