import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isAgentFlowError } from '@agentflow/protocol';
import { createProcessLogger, loadConfig } from '@agentflow/runtime';
import { type StartServerOptions, startServer } from '@agentflow/server';
import { writeLogicalBackup } from '@agentflow/store-sql';
import { backupScheduleOf, startBackupSchedule } from '../backup-schedule.js';
import { dataDirOf, loadPlugins, openRuntime, requireDistributed } from '../engine-setup.js';
import { CliError, EXIT } from '../errors.js';
import type { CliContext } from '../io.js';

export interface StartOptions {
  port?: string;
  host?: string;
  dataDir?: string;
  /** `all` (default): serve and run executions here; `api`: serve and hand executions to workers. */
  role?: string;
  /** Modules exporting extra node types. */
  plugin?: string[];
  /** Reverse proxies to believe: true, a hop count, or addresses/CIDRs. (Default: AGENTFLOW_TRUST_PROXY; false) */
  trustProxy?: string;
  /** PEM certificate file: serve HTTPS. (Default: AGENTFLOW_TLS_CERT) */
  tlsCert?: string;
  /** PEM private key file of the certificate. (Default: AGENTFLOW_TLS_KEY) */
  tlsKey?: string;
  /** Take a logical backup this often (`6h`, `1d`...). (Default: AGENTFLOW_BACKUP_EVERY; none) */
  backupEvery?: string;
  /** How many scheduled backups to keep, newest first. (Default: AGENTFLOW_BACKUP_KEEP or 7) */
  backupKeep?: string;
  /** Where scheduled backups go. (Default: AGENTFLOW_BACKUP_DIR or <data dir>/backups) */
  backupDir?: string;
}

/**
 * `agentflow start`: API (REST, GraphQL, WebSocket) and execution in one process on the configured store
 * (the embedded data directory unless DATABASE_URL is set). Resumes executions a previous process left behind,
 * and on Ctrl-C or SIGTERM stops accepting requests, lets running steps finish or checkpoint, then closes.
 * With `--role api` (DATABASE_URL + REDIS_URL) executions are queued for `agentflow worker` processes instead,
 * and left-behind executions are re-enqueued.
 */
export async function startCommand(options: StartOptions, io: CliContext): Promise<number> {
  const port = options.port === undefined ? undefined : parsePort(options.port);
  const role = options.role ?? 'all';
  if (role !== 'all' && role !== 'api') throw new CliError(`--role must be api or all, not "${role}"`);
  if (role === 'api') {
    requireDistributed('agentflow start --role api', io);
    if (options.dataDir !== undefined) throw new CliError('--role api uses DATABASE_URL, not --data-dir');
  }
  if (options.dataDir === undefined && io.config.databaseUrl !== undefined && !io.config.jwtSecretSet) {
    // Sessions must verify on every API process and survive restarts: no per-process random secret, no key file.
    throw new CliError(
      'AGENTFLOW_JWT_SECRET is not set: with PostgreSQL (DATABASE_URL) the server signs sessions with a configured ' +
        'secret, the same on every process (at least 32 bytes, e.g. openssl rand -base64 48)',
    );
  }
  const transport = transportOverrides(options, io.cwd, io.config);
  // Checked before anything opens: a bad interval stops the start.
  const schedule = backupScheduleOf(options, io.config.backup, io.cwd, dataDirOf(options, io));
  const nodeTypes = await loadPlugins(options.plugin ?? [], io.cwd);
  // The server's requests and the runtime's operations in one JSON log on stdout (LOG_LEVEL).
  const log = createProcessLogger(io.config.logLevel, (line) => io.stdout.write(line));
  const runtime = await openRuntime(options, io, { role, nodeTypes, logger: log.logger });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      runtime,
      ...(options.host !== undefined ? { host: options.host } : {}),
      ...(port !== undefined ? { port } : {}),
      ...transport,
      handleSignals: false,
      logger: log.pino,
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
  const backups = schedule
    ? startBackupSchedule({
        schedule,
        take: (file) =>
          writeLogicalBackup(runtime.store.db, file, { schema: runtime.config.databaseSchema ?? 'public' }),
        log: (line) => io.stdout.write(`${line}\n`),
      })
    : undefined;
  if (schedule) {
    io.stdout.write(
      `backups every ${schedule.everyMs / 60_000} min to ${schedule.dir}, keeping the newest ${schedule.keep}\n`,
    );
  }
  const stop = () => {
    io.stdout.write('shutting down: finishing or checkpointing running steps\n');
    // A backup in progress finishes first; none starts after this.
    void (backups?.stop() ?? Promise.resolve()).then(() => server.close());
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
    await backups?.stop();
  }
}

/**
 * `--trust-proxy`, `--tls-cert` and `--tls-key`, checked like their environment variables (loadConfig) and read
 * before anything starts. Each flag replaces its variable.
 */
function transportOverrides(
  options: StartOptions,
  cwd: string,
  configured: CliContext['config'],
): Pick<StartServerOptions, 'trustProxy' | 'https'> {
  const env = {
    AGENTFLOW_TRUST_PROXY: options.trustProxy ?? configured.trustProxy,
    AGENTFLOW_TLS_CERT: options.tlsCert ?? configured.tlsCert,
    AGENTFLOW_TLS_KEY: options.tlsKey ?? configured.tlsKey,
  };
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    const issues = isAgentFlowError(error) ? (error.issues ?? []) : [];
    const flag: Record<string, string> = {
      AGENTFLOW_TRUST_PROXY: '--trust-proxy',
      AGENTFLOW_TLS_CERT: '--tls-cert',
      AGENTFLOW_TLS_KEY: '--tls-key',
    };
    throw new CliError(
      issues.map((i) => `${flag[i.path] ?? i.path}: ${i.message}`).join('; ') || String(error),
    );
  }
  const out: Pick<StartServerOptions, 'trustProxy' | 'https'> = {
    trustProxy: config.trustProxy as StartServerOptions['trustProxy'],
  };
  if (config.tlsCert !== undefined && config.tlsKey !== undefined) {
    const read = (file: string, flag: string) => {
      try {
        return readFileSync(resolve(cwd, file));
      } catch (error) {
        throw new CliError(`${flag} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
    };
    out.https = { cert: read(config.tlsCert, '--tls-cert'), key: read(config.tlsKey, '--tls-key') };
  }
  return out;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new CliError(`--port must be 0-65535, not "${value}"`);
  return port;
}
