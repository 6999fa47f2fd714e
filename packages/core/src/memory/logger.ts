import type { Logger, LogLevel } from '../ports/logger.js';

export interface CapturedLog {
  level: LogLevel;
  message: string;
  data: Record<string, unknown>;
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

/** A logger that keeps every line in memory (for tests and for the store's execution log). */
export function createMemoryLogger(bindings: Record<string, unknown> = {}, sink: CapturedLog[] = []) {
  const make = (level: LogLevel) => (message: string, data?: Record<string, unknown>) => {
    sink.push({ level, message, data: { ...bindings, ...data } });
  };
  const logger: Logger & { lines: CapturedLog[] } = {
    lines: sink,
    debug: make('debug'),
    info: make('info'),
    warn: make('warn'),
    error: make('error'),
    child: (more) => createMemoryLogger({ ...bindings, ...more }, sink),
  };
  return logger;
}
