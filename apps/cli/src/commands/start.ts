import { startServer } from '@agentflow/server';
import { loadPlugins, openRuntime, requireDistributed } from '../engine-setup.js';
import { CliError, EXIT } from '../errors.js';
import type { CliIo } from '../io.js';

export interface StartOptions {
  port?: string;
  host?: string;
  dataDir?: string;
  /** `all` (default): serve and run executions here; `api`: serve and hand executions to workers. */
  role?: string;
  /** Modules exporting extra node types. */
  plugin?: string[];
}

/**
 * `agentflow start`: API (REST, GraphQL, WebSocket) and execution in one process on the configured store
 * (the embedded data directory unless DATABASE_URL is set). Resumes executions a previous process left behind,
 * and on Ctrl-C or SIGTERM stops accepting requests, lets running steps finish or checkpoint, then closes.
 * With `--role api` (DATABASE_URL + REDIS_URL) executions are queued for `agentflow worker` processes instead,
 * and left-behind executions are re-enqueued.
 */
export async function startCommand(options: StartOptions, io: CliIo): Promise<number> {
  const port = options.port === undefined ? undefined : parsePort(options.port);
  const role = options.role ?? 'all';
  if (role !== 'all' && role !== 'api') throw new CliError(`--role must be api or all, not "${role}"`);
  if (role === 'api') {
    requireDistributed('agentflow start --role api', io);
    if (options.dataDir !== undefined) throw new CliError('--role api uses DATABASE_URL, not --data-dir');
  }
  const nodeTypes = await loadPlugins(options.plugin ?? [], io.cwd);
  const runtime = await openRuntime(options, io, { role, nodeTypes });
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
    if (resumed.length > 0) {
      const what = role === 'api' ? 're-enqueued' : 'resuming';
      io.stdout.write(`${what} ${resumed.length} interrupted execution(s)\n`);
    }
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
