/**
 * The runtime's configuration schema: every setting with its meaning, default and bounds. `loadConfig`
 * (config.ts) fills it from environment variables and CLI overrides.
 */
import { VALUE_LIMITS } from '@agentflow/protocol';
import { parseAllowList } from '@agentflow/tools';
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
  /** How often each built-in alert rule is evaluated (`AGENTFLOW_ALERT_INTERVAL_MS`). (Default: 30000) */
  alertIntervalMs: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
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
   * Distributed mode: deliveries of a queued execution whose worker failed to run it (or died running it) before it
   * becomes a dead letter. Without a queue: times an interrupted execution (its process stopped, or its store
   * failed under it) is taken up again without committing a step in between before it is failed instead
   * (`EngineOptions.maxRecoveries`). (`AGENTFLOW_MAX_DELIVERIES`; default: 5)
   */
  maxDeliveries: z.coerce.number().int().min(1).max(1000).default(5),
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
  /**
   * Hosts, IPs and CIDRs tools may reach though private, loopback or link-local (`AGENTFLOW_EGRESS_ALLOW`, comma
   * list): HTTP tools, Slack, Gmail, and the database and SMTP hosts of workspace credentials. (Default: none)
   */
  egressAllow: z.preprocess(
    commaList,
    z
      .array(z.string().min(1).max(300))
      .max(1000)
      .default([])
      .superRefine((entries, ctx) => {
        try {
          parseAllowList(entries);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
  ),
  /**
   * Instance-wide database of `sql_query` for workspaces without a `postgres` credential (`AGENTFLOW_SQL_URL`,
   * `postgres://user:pass@host:5432/db`). Always read-only. Operator-configured, so reached whatever its address.
   */
  sqlUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^/]+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Rows `sql_query` returns at most (`AGENTFLOW_SQL_MAX_ROWS`). (Default: 1000) */
  sqlMaxRows: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** `statement_timeout` of each `sql_query` statement, ms (`AGENTFLOW_SQL_TIMEOUT_MS`). (Default: 5000) */
  sqlTimeoutMs: z.coerce.number().int().min(1).max(600_000).default(5000),
  /**
   * The instance's SMTP server (`AGENTFLOW_SMTP_URL`, `smtp://user:pass@host:587` or `smtps://...`): invitation mail,
   * and `send_email` for workspaces without an `smtp` credential. Needs `smtpFrom`.
   */
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** Sender of the instance's mail (`AGENTFLOW_SMTP_FROM`). */
  smtpFrom: z.string().min(3).max(320).optional(),
  /** When set, `send_email` and `gmail_send` deliver only to these domains (`AGENTFLOW_MAIL_ALLOWED_DOMAINS`). */
  mailAllowedDomains: z.preprocess(commaList, z.array(z.string().min(1).max(253)).max(1000).optional()),
  /** Instance-wide Slack bot token (`SLACK_BOT_TOKEN`) for workspaces without a `slack` credential. */
  slackToken: z.string().min(1).optional(),
  /** Slack Web API base (`AGENTFLOW_SLACK_BASE_URL`). (Default: https://slack.com/api) */
  slackBaseUrl: z.string().url().optional(),
  /** Instance-wide Gmail OAuth access token (`GMAIL_ACCESS_TOKEN`, scope gmail.send). Needs `gmailFrom`. */
  gmailAccessToken: z.string().min(1).optional(),
  /** Sender written into `gmail_send` messages sent with the instance token (`AGENTFLOW_GMAIL_FROM`). */
  gmailFrom: z.string().min(3).max(320).optional(),
  /** Gmail API base (`AGENTFLOW_GMAIL_BASE_URL`). (Default: https://gmail.googleapis.com) */
  gmailBaseUrl: z.string().url().optional(),
  /**
   * Where the `files` tool keeps artifacts (`ARTIFACTS_URL`): `s3://bucket/prefix` for S3 or an S3-compatible
   * store, shared by every process (API, workers, CLI). (Default: `<dataDir>/artifacts` on local disk)
   */
  artifactsUrl: z
    .string()
    .regex(
      /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s]*)?$/,
      'must be s3://bucket or s3://bucket/prefix (bucket: 3 to 63 lower-case letters, digits, dots and hyphens)',
    )
    .optional(),
  /** S3 endpoint of an S3-compatible store (`ARTIFACTS_S3_ENDPOINT`, else `AWS_ENDPOINT_URL_S3`). */
  artifactsS3Endpoint: z.string().url().optional(),
  /** Path-style S3 addressing (`ARTIFACTS_S3_FORCE_PATH_STYLE`). (Default: true with an endpoint, else false) */
  artifactsS3ForcePathStyle: z.preprocess(
    (v) => (v === 'true' ? true : v === 'false' ? false : v),
    z.boolean().optional(),
  ),
  /**
   * Largest request body in bytes (`AGENTFLOW_MAX_BODY_BYTES`). Parsing, storing and answering with a body's JSON
   * holds the event loop for roughly 15-40 ms a MiB on a small machine, so a larger limit lets one request delay
   * every other for that long. (Default: 1 MiB, the size a workflow definition may have)
   */
  maxBodyBytes: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  /**
   * Longest JSON a step's output, an execution's input or a payload may have, in characters
   * (`AGENTFLOW_MAX_VALUE_CHARS`): a step over it fails with AF_OUTPUT_TOO_LARGE. It bounds what one step adds to
   * the database and to every read of its execution. (Default: 16 MiB, `VALUE_LIMITS`)
   */
  maxValueChars: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(256 * 1024 * 1024)
    .default(VALUE_LIMITS.maxChars),
  /**
   * Longest total JSON of one execution's step outputs, in characters (`AGENTFLOW_MAX_EXECUTION_CHARS`): the step
   * that would pass it fails with AF_OUTPUT_TOO_LARGE, so one execution's loop cannot fill the database.
   * (Default: 256 MiB, `VALUE_LIMITS`)
   */
  maxExecutionChars: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .max(16 * 1024 * 1024 * 1024)
    .default(VALUE_LIMITS.maxExecutionChars),
  /** Browser origins allowed to call the API cross-origin (`AGENTFLOW_CORS_ORIGINS`, comma list). (Default: none) */
  corsOrigins: z.preprocess(commaList, z.array(z.string().min(1).max(300)).max(100).default([])),
  /** Bearer token `/metrics` asks for (`AGENTFLOW_METRICS_TOKEN`). (Default: none; loopback callers only) */
  metricsToken: z.string().min(1).optional(),
  /** Built web app the server serves at `/` (`AGENTFLOW_WEB_DIST`). (Default: apps/web/dist beside the server) */
  webDist: z.string().min(1).optional(),
  /** The address people reach this instance at, for links in mail (`AGENTFLOW_PUBLIC_URL`). */
  publicUrl: z.string().url().optional(),
  /** `NODE_ENV=production`: session cookies are Secure unless the transport says otherwise. (Default: false) */
  production: z.preprocess(
    (v) => (typeof v === 'string' ? v === 'production' : v),
    z.boolean().default(false),
  ),
  /** `AWS_REGION` (else `AWS_DEFAULT_REGION`). (Default: us-east-1) */
  awsRegion: z.string().min(1).max(64).optional(),
  /** `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`; absent: the AWS SDK's default chain. */
  awsAccessKeyId: z.string().min(1).optional(),
  awsSecretAccessKey: z.string().min(1).optional(),
  awsSessionToken: z.string().min(1).optional(),
  /**
   * OpenTelemetry traces (tracing.ts): `OTEL_EXPORTER_OTLP_ENDPOINT` (spans go to `<it>/v1/traces` over OTLP/HTTP
   * with JSON) or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (the traces URL itself). Either set turns tracing on.
   * (Default: none, tracing off)
   */
  otlpEndpoint: z.string().url().optional(),
  otlpTracesEndpoint: z.string().url().optional(),
  /** `OTEL_EXPORTER_OTLP_HEADERS`: `key=value,...` sent with every export (a collector's API key). */
  otlpHeaders: z.string().max(8_192).optional(),
  /** `OTEL_SERVICE_NAME`. (Default: agentflow) */
  otelServiceName: z.string().min(1).max(200).optional(),
  /** `OTEL_RESOURCE_ATTRIBUTES`: `key=value,...` added to the resource (deployment.environment.name, ...). */
  otelResourceAttributes: z.string().max(8_192).optional(),
  /**
   * The operator's model provider keys and base URLs, by provider (`openai`, `gemini`...), from each provider's
   * variables (`OPENAI_API_KEY`, `GEMINI_API_KEY` or `GOOGLE_GENERATIVE_AI_API_KEY`, `OPENAI_BASE_URL`,
   * `OLLAMA_BASE_URL` or `OLLAMA_HOST`...: the models adapter's `modelSettingsFromEnv`). A key goes only to its
   * provider's configured endpoint. (Default: none)
   */
  modelApiKeys: z.record(z.string(), z.string().min(1)).default({}),
  modelBaseURLs: z.record(z.string(), z.string().min(1)).default({}),
  /**
   * The key credentials are encrypted with (`AGENTFLOW_ENCRYPTION_KEY`, 32 bytes as base64 or hex) and the keys
   * older credentials may still be encrypted with (`AGENTFLOW_ENCRYPTION_KEYS_PREVIOUS`, comma list); the secret
   * session tokens are signed with (`AGENTFLOW_JWT_SECRET`). (Default: generated once and kept in the data
   * directory, see auth/key-material.ts)
   */
  encryptionKey: z.string().min(1).optional(),
  encryptionKeysPrevious: z.preprocess(commaList, z.array(z.string().min(1)).max(100).default([])),
  jwtSecret: z.string().min(1).optional(),
  /**
   * MCP servers the tool host offers (`AGENTFLOW_MCP_SERVERS`, a JSON array of `{name, url}` or stdio
   * `{name, command, args}`), and the stdio commands they may run (`AGENTFLOW_MCP_STDIO_ALLOW`, JSON). Checked
   * in detail by the tool host. (Default: none)
   */
  mcpServers: z.preprocess(jsonText, z.array(z.record(z.string(), z.unknown())).max(1000).default([])),
  mcpStdioAllow: z.preprocess(jsonText, z.array(z.unknown()).max(1000).default([])),
  /** `OTEL_SDK_DISABLED=true`: no tracing even with an endpoint. (Default: false) */
  otelDisabled: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() === 'true' : v),
    z.boolean().default(false),
  ),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfig>;

/** JSON text parsed (a value that is not text is left to the schema); text that is not JSON stays text. */
function jsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    // The schema then says "expected array, received string" under the variable's name.
    return value;
  }
}

function commaList(value: unknown): unknown {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')
    : value;
}

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
