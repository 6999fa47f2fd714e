import { resolve } from 'node:path';
import { AgentFlowError, type Issue } from '@agentflow/protocol';
import { z } from 'zod';

/** Runtime configuration, from the environment (and CLI flags as overrides). */
export const RuntimeConfig = z.object({
  /** Embedded data directory (PGlite). (Default: `AGENTFLOW_DATA_DIR` or `./.agentflow`) */
  dataDir: z.string().min(1),
  /** PostgreSQL connection string; when set, the store is PostgreSQL instead of the embedded one. */
  databaseUrl: z.string().url().optional(),
  /** PostgreSQL schema (isolates test runs). (Default: public) */
  databaseSchema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  /** Redis URL; when set, queues and rate-limit counters live in Redis. */
  redisUrl: z.string().url().optional(),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  /** How long an execution's lease lasts without a heartbeat, ms. (Default: 30000) */
  leaseTtlMs: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Terminal executions older than this many days are pruned; 0 keeps everything. (Default: 0) */
  retentionDays: z.coerce.number().min(0).max(36_500).default(0),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /**
   * Which tool calls of agent and tool nodes wait for a person's approval, for every workspace (a workflow's
   * `config.toolApproval` and a node's `requiresApproval` override it): `side-effects` (HTTP requests other than
   * GET/HEAD/OPTIONS, file writes, email, Slack, Gmail, MCP tools not marked read-only), `all` or `none`.
   * (Default: side-effects)
   */
  toolApproval: z.enum(['side-effects', 'all', 'none']).default('side-effects'),
  /**
   * The instance's default model, for agents that name no provider and model in workspaces without their own
   * default (`AGENTFLOW_DEFAULT_PROVIDER`, `AGENTFLOW_DEFAULT_MODEL`). (Default: gemini / gemini-2.5-flash: the
   * product brief's provider)
   */
  defaultProvider: z.string().min(1).max(64).default('gemini'),
  defaultModel: z.string().min(1).max(200).default('gemini-2.5-flash'),
  /**
   * Instance admins: the user ids (comma-separated in `AGENTFLOW_INSTANCE_ADMINS`) who may publish public
   * templates, seen by every workspace. Ids, not emails: an address listed before its owner registers could be
   * registered by someone else. (Default: none, so nobody publishes public templates)
   */
  instanceAdmins: z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((id) => id.trim())
            .filter((id) => id !== '')
        : value,
    z.array(z.string().min(1).max(200)).max(1000).default([]),
  ),
  /**
   * Reverse proxies whose X-Forwarded-For / -Proto / -Host headers the server believes (`AGENTFLOW_TRUST_PROXY`,
   * `agentflow start --trust-proxy`): `true` (whoever connects), a hop count, or a comma list of addresses and
   * CIDRs (`127.0.0.1,10.0.0.0/8`). Client IPs (rate limits, audit) and https (Secure cookies) then come from
   * those headers. (Default: false, the headers are ignored)
   */
  trustProxy: z
    .preprocess(
      parseTrustProxy,
      z.union([
        z.boolean(),
        z.number().int().min(1).max(100),
        z
          .array(z.string().regex(/^[0-9A-Fa-f.:]+(\/\d{1,3})?$/, 'must be an IP address or a CIDR'))
          .min(1)
          .max(100),
      ]),
    )
    .default(false),
  /** PEM certificate file to serve HTTPS (`AGENTFLOW_TLS_CERT`, `--tls-cert`); needs `tlsKey`. (Default: HTTP) */
  tlsCert: z.string().min(1).optional(),
  /** PEM private key file of `tlsCert` (`AGENTFLOW_TLS_KEY`, `--tls-key`). */
  tlsKey: z.string().min(1).optional(),
  /**
   * Signed-in callers may introspect the GraphQL schema; `AGENTFLOW_GRAPHQL_INTROSPECTION=false` turns it off
   * (anonymous callers never reach GraphQL). (Default: true)
   */
  graphqlIntrospection: z
    .preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean())
    .default(true),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfig>;

/** `true`/`false`, a hop count, or a comma list of addresses: the forms `trustProxy` takes as text. */
function parseTrustProxy(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

const ENV: Record<string, keyof RuntimeConfig> = {
  AGENTFLOW_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  AGENTFLOW_DB_SCHEMA: 'databaseSchema',
  REDIS_URL: 'redisUrl',
  HOST: 'host',
  PORT: 'port',
  AGENTFLOW_LEASE_TTL_MS: 'leaseTtlMs',
  AGENTFLOW_RETENTION_DAYS: 'retentionDays',
  LOG_LEVEL: 'logLevel',
  AGENTFLOW_TOOL_APPROVAL: 'toolApproval',
  AGENTFLOW_DEFAULT_PROVIDER: 'defaultProvider',
  AGENTFLOW_DEFAULT_MODEL: 'defaultModel',
  AGENTFLOW_INSTANCE_ADMINS: 'instanceAdmins',
  AGENTFLOW_TRUST_PROXY: 'trustProxy',
  AGENTFLOW_TLS_CERT: 'tlsCert',
  AGENTFLOW_TLS_KEY: 'tlsKey',
  AGENTFLOW_GRAPHQL_INTROSPECTION: 'graphqlIntrospection',
};

/**
 * Reads configuration from `env`, then applies `overrides`. Bad values are reported all at once, each with the
 * environment variable that holds it.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<RuntimeConfig> = {},
): RuntimeConfig {
  const raw: Record<string, unknown> = { dataDir: '.agentflow' };
  for (const [name, key] of Object.entries(ENV)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) raw[key] = value;
  const parsed = RuntimeConfig.safeParse(raw);
  if (!parsed.success) {
    const byKey = Object.fromEntries(Object.entries(ENV).map(([name, key]) => [key, name]));
    const issues: Issue[] = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      return { code: 'AF_VALIDATION', path: byKey[key] ?? key, message: i.message };
    });
    throw new AgentFlowError('AF_VALIDATION', 'invalid configuration', { issues });
  }
  if ((parsed.data.tlsCert === undefined) !== (parsed.data.tlsKey === undefined)) {
    const missing = parsed.data.tlsCert === undefined ? 'AGENTFLOW_TLS_CERT' : 'AGENTFLOW_TLS_KEY';
    throw new AgentFlowError('AF_VALIDATION', 'invalid configuration', {
      issues: [
        {
          code: 'AF_VALIDATION',
          path: missing,
          message: 'HTTPS needs both a certificate (AGENTFLOW_TLS_CERT) and a key (AGENTFLOW_TLS_KEY)',
        },
      ],
    });
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.dataDir) };
}
