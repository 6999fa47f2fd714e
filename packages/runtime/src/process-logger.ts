/**
 * A server or worker process's log: one pino logger (JSON lines) for the HTTP server's requests (Fastify's
 * `loggerInstance`) and for the runtime's own operations (the engine's resumes and lease renewals, the recovery
 * and orphan sweeps, triggers, notifications, alerts), at `LOG_LEVEL`, credentials redacted whatever a call
 * includes. Without it the runtime's warnings went nowhere: an operator never saw an execution failed after
 * repeated interruptions or a notification that could not be sent.
 */
import type { Logger } from '@agentflow/core';
import { type DestinationStream, type Logger as Pino, pino } from 'pino';
import type { RuntimeConfig } from './config.js';

/** Paths never logged, whatever a log call includes (credentials in request headers). */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

export interface ProcessLogger {
  /** For Fastify (`loggerInstance`): requests go to the same stream with the same redaction. */
  pino: Pino;
  /** For `createRuntime({ logger })`. */
  logger: Logger;
}

/** A process's logger at `level`; lines go to `write` (Default: stdout). */
export function createProcessLogger(
  level: RuntimeConfig['logLevel'],
  write?: (line: string) => void,
): ProcessLogger {
  const destination: DestinationStream | undefined = write ? { write } : undefined;
  const log = pino({ level, redact: LOG_REDACT }, destination);
  return { pino: log, logger: pinoLogger(log) };
}

/** The core `Logger` over pino (message first, pino takes the fields first). */
export function pinoLogger(log: Pino): Logger {
  return {
    debug: (message, data) => log.debug(data ?? {}, message),
    info: (message, data) => log.info(data ?? {}, message),
    warn: (message, data) => log.warn(data ?? {}, message),
    error: (message, data) => log.error(data ?? {}, message),
    child: (bindings) => pinoLogger(log.child(bindings)),
  };
}
