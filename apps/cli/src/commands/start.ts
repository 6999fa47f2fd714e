import { startServer } from '@agentflow/server';
import { openRuntime } from '../engine-setup.js';
import { CliError, EXIT } from '../errors.js';
import type { CliIo } from '../io.js';

export interface StartOptions {
  port?: string;
  host?: string;
  dataDir?: string;
}

/**
 * `agentflow start`: API (REST, GraphQL, WebSocket) and execution in one process on the configured store
 * (the embedded data directory unless DATABASE_URL is set). Resumes executions a previous process left behind,
 * and on Ctrl-C or SIGTERM stops accepting requests, lets running steps finish or checkpoint, then closes.
 */
export async function startCommand(options: StartOptions, io: CliIo): Promise<number> {
  const port = options.port === undefined ? undefined : parsePort(options.port);
  const runtime = await openRuntime(options, io);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      runtime,
      ...(options.host !== undefined ? { host: options.host } : {}),
      ...(port !== undefined ? { port } : {}),
      handleSignals: false,
      print: (line) => io.stdout.write(`${line}\n`),
    });
  } catch (error) {
    await runtime.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new CliError(
        `cannot listen on ${options.host ?? runtime.config.host}:${port ?? runtime.config.port} (${code})`,
      );
    }
    throw error;
  }
  const stop = () => {
    io.stdout.write('shutting down: finishing or checkpointing running steps\n');
    void server.close();
  };
  const offInterrupt = io.onInterrupt(stop);
  process.once('SIGTERM', stop);
  try {
    const resumed = await runtime.recover();
    if (resumed.length > 0) io.stdout.write(`resuming ${resumed.length} interrupted execution(s)\n`);
    await server.closed;
    io.stdout.write('stopped\n');
    return EXIT.ok;
  } finally {
    offInterrupt();
    process.off('SIGTERM', stop);
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new CliError(`--port must be 0-65535, not "${value}"`);
  return port;
}
