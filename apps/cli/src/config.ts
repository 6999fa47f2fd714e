/**
 * The CLI's configuration: the one place the command line reads environment variables. `main` calls
 * `loadCliConfig(io.env)` once, before any command runs, and hands the result to every command; commands take
 * values from it and never read the environment. It holds the client's own variables (`AGENTFLOW_SERVER`,
 * `AGENTFLOW_API_KEY`, `NO_COLOR`, `AGENTFLOW_DEBUG`, the `AGENTFLOW_BACKUP_*` schedule), the store and
 * transport variables the CLI decides on before it opens anything (validated by the runtime's own
 * `RuntimeConfig` rules, so the CLI and the server accept the same values), and `runtimeEnv`, the environment
 * handed to `@agentflow/runtime`, whose `loadConfig` reads the server's settings from it. A bad value stops the
 * CLI with one line naming the variable (exit 2), never with a stack trace.
 */

import type { Issue } from '@agentflow/protocol';
import { RuntimeConfig } from '@agentflow/runtime';
import { z } from 'zod';
import { type BackupDefaults, parseInterval } from './backup-schedule.js';
import { CliError } from './errors.js';

/** Environment variables by name, as the process has them. */
export type CliEnv = Readonly<Record<string, string | undefined>>;

const httpUrl = z.string().superRefine((text, ctx) => {
  if (!URL.canParse(text))
    ctx.addIssue({ code: 'custom', message: 'expected a URL such as http://127.0.0.1:3000' });
  else if (!/^https?:$/.test(new URL(text).protocol)) {
    ctx.addIssue({ code: 'custom', message: 'expected an http:// or https:// URL' });
  }
});

/** A variable set to anything (but the empty string) turns the switch on. */
const flag = z
  .string()
  .optional()
  .transform((value) => value !== undefined && value !== '');

const CliVariables = z.object({
  /** Server of the remote commands (`agentflow templates ...`). (Default: http://127.0.0.1:3000) */
  AGENTFLOW_SERVER: httpUrl.optional(),
  /** API key of the remote commands (`--api-key` overrides it). */
  AGENTFLOW_API_KEY: z.string().optional(),
  /** https://no-color.org: any value turns colour off. */
  NO_COLOR: flag,
  /** Any value prints the stack of an unexpected error. */
  AGENTFLOW_DEBUG: flag,
  /** Embedded data directory, relative to the command's working directory. (Default: .agentflow) */
  AGENTFLOW_DATA_DIR: z.string().optional(),
  DATABASE_URL: RuntimeConfig.shape.databaseUrl,
  AGENTFLOW_DB_SCHEMA: RuntimeConfig.shape.databaseSchema,
  REDIS_URL: RuntimeConfig.shape.redisUrl,
  AGENTFLOW_JWT_SECRET: RuntimeConfig.shape.jwtSecret,
  /** The log of `start` and `worker` (debug, info, warn, error, silent). (Default: info) */
  LOG_LEVEL: RuntimeConfig.shape.logLevel,
  /** Read raw: `start` checks them with its flags (a flag replaces its variable) through the runtime's rules. */
  AGENTFLOW_TRUST_PROXY: z.string().optional(),
  AGENTFLOW_TLS_CERT: z.string().optional(),
  AGENTFLOW_TLS_KEY: z.string().optional(),
  /** Scheduled backups of `start` (backup-schedule.ts). */
  AGENTFLOW_BACKUP_EVERY: z.string().optional(),
  AGENTFLOW_BACKUP_KEEP: z
    .string()
    .regex(/^\d+$/, 'must be a whole number from 1 to 10000')
    .transform(Number)
    .refine((keep) => keep >= 1 && keep <= 10_000, 'must be a whole number from 1 to 10000')
    .optional(),
  AGENTFLOW_BACKUP_DIR: z.string().optional(),
});

export interface CliConfig {
  /** `AGENTFLOW_SERVER`. */
  readonly server?: string;
  /** `AGENTFLOW_API_KEY`. */
  readonly apiKey?: string;
  /** False when `NO_COLOR` is set. */
  readonly color: boolean;
  /** `AGENTFLOW_DEBUG`: unexpected errors print their stack. */
  readonly debug: boolean;
  /** `AGENTFLOW_DATA_DIR`, as given (commands resolve it against their working directory). */
  readonly dataDir?: string;
  /** `DATABASE_URL`: PostgreSQL instead of the embedded store. */
  readonly databaseUrl?: string;
  /** `AGENTFLOW_DB_SCHEMA`. */
  readonly databaseSchema?: string;
  /** `REDIS_URL`. */
  readonly redisUrl?: string;
  /** `LOG_LEVEL`: what `start` and `worker` log (JSON lines on stdout). */
  readonly logLevel: RuntimeConfig['logLevel'];
  /** `AGENTFLOW_JWT_SECRET` is set (its value goes to the runtime through `runtimeEnv` only). */
  readonly jwtSecretSet: boolean;
  /** `AGENTFLOW_TRUST_PROXY`, `AGENTFLOW_TLS_CERT`, `AGENTFLOW_TLS_KEY`, as given. */
  readonly trustProxy?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  /** `AGENTFLOW_BACKUP_EVERY` (ms), `AGENTFLOW_BACKUP_KEEP`, `AGENTFLOW_BACKUP_DIR`. */
  readonly backup: BackupDefaults;
  /** The environment `@agentflow/runtime` reads the server's settings from (`loadConfig`, `createRuntime`). */
  readonly runtimeEnv: CliEnv;
}

/**
 * Reads and checks the CLI's variables in `env`, all at once. Empty values count as unset. Throws a CliError
 * (exit 2) naming each bad variable and what is wrong with it (never its value, which may be a secret).
 */
export function loadCliConfig(env: CliEnv): CliConfig {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(CliVariables.shape)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const parsed = CliVariables.safeParse(raw);
  const issues: Issue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        code: 'AF_VALIDATION',
        path: String(i.path[0] ?? ''),
        message: i.message,
      }));
  let everyMs: number | undefined;
  if (raw.AGENTFLOW_BACKUP_EVERY !== undefined) {
    try {
      everyMs = parseInterval(raw.AGENTFLOW_BACKUP_EVERY, 'AGENTFLOW_BACKUP_EVERY');
    } catch {
      issues.push({
        code: 'AF_VALIDATION',
        path: 'AGENTFLOW_BACKUP_EVERY',
        message: 'must be a duration from 1m to 30d such as 30m, 6h or 1d',
      });
    }
  }
  if (!parsed.success || issues.length > 0) {
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new CliError(`invalid configuration: ${summary}`);
  }
  const v = parsed.data;
  return {
    ...(v.AGENTFLOW_SERVER !== undefined ? { server: v.AGENTFLOW_SERVER } : {}),
    ...(v.AGENTFLOW_API_KEY !== undefined ? { apiKey: v.AGENTFLOW_API_KEY } : {}),
    color: !v.NO_COLOR,
    debug: v.AGENTFLOW_DEBUG,
    ...(v.AGENTFLOW_DATA_DIR !== undefined ? { dataDir: v.AGENTFLOW_DATA_DIR } : {}),
    ...(v.DATABASE_URL !== undefined ? { databaseUrl: v.DATABASE_URL } : {}),
    ...(v.AGENTFLOW_DB_SCHEMA !== undefined ? { databaseSchema: v.AGENTFLOW_DB_SCHEMA } : {}),
    ...(v.REDIS_URL !== undefined ? { redisUrl: v.REDIS_URL } : {}),
    logLevel: v.LOG_LEVEL,
    jwtSecretSet: v.AGENTFLOW_JWT_SECRET !== undefined,
    ...(v.AGENTFLOW_TRUST_PROXY !== undefined ? { trustProxy: v.AGENTFLOW_TRUST_PROXY } : {}),
    ...(v.AGENTFLOW_TLS_CERT !== undefined ? { tlsCert: v.AGENTFLOW_TLS_CERT } : {}),
    ...(v.AGENTFLOW_TLS_KEY !== undefined ? { tlsKey: v.AGENTFLOW_TLS_KEY } : {}),
    backup: {
      ...(everyMs !== undefined ? { everyMs } : {}),
      ...(v.AGENTFLOW_BACKUP_KEEP !== undefined ? { keep: v.AGENTFLOW_BACKUP_KEEP } : {}),
      ...(v.AGENTFLOW_BACKUP_DIR !== undefined ? { dir: v.AGENTFLOW_BACKUP_DIR } : {}),
    },
    runtimeEnv: Object.freeze({ ...env }),
  };
}
