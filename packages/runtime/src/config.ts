import { resolve } from 'node:path';
import { modelSettingsFromEnv } from '@agentflow/models';
import { AgentFlowError, type Issue } from '@agentflow/protocol';
import type { McpServerConfig, StdioAllowRule } from '@agentflow/tools';
import { RuntimeConfig } from './config-schema.js';

export { RuntimeConfig };

/** The MCP servers of `config` as the tool host takes them (it checks each one). */
export function mcpServersOf(config: RuntimeConfig): {
  mcpServers: McpServerConfig[];
  stdioAllowList: StdioAllowRule[];
} {
  return {
    mcpServers: config.mcpServers as unknown as McpServerConfig[],
    stdioAllowList: config.mcpStdioAllow as StdioAllowRule[],
  };
}

const ENV: Record<string, keyof RuntimeConfig> = {
  AGENTFLOW_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  AGENTFLOW_DB_SCHEMA: 'databaseSchema',
  REDIS_URL: 'redisUrl',
  HOST: 'host',
  PORT: 'port',
  AGENTFLOW_LEASE_TTL_MS: 'leaseTtlMs',
  AGENTFLOW_ALERT_INTERVAL_MS: 'alertIntervalMs',
  AGENTFLOW_RETENTION_DAYS: 'retentionDays',
  LOG_LEVEL: 'logLevel',
  AGENTFLOW_TOOL_APPROVAL: 'toolApproval',
  AGENTFLOW_DEFAULT_PROVIDER: 'defaultProvider',
  AGENTFLOW_DEFAULT_MODEL: 'defaultModel',
  AGENTFLOW_MAX_DELIVERIES: 'maxDeliveries',
  AGENTFLOW_INSTANCE_ADMINS: 'instanceAdmins',
  AGENTFLOW_TRUST_PROXY: 'trustProxy',
  AGENTFLOW_TLS_CERT: 'tlsCert',
  AGENTFLOW_TLS_KEY: 'tlsKey',
  AGENTFLOW_GRAPHQL_INTROSPECTION: 'graphqlIntrospection',
  AGENTFLOW_EGRESS_ALLOW: 'egressAllow',
  AGENTFLOW_SQL_URL: 'sqlUrl',
  AGENTFLOW_SQL_MAX_ROWS: 'sqlMaxRows',
  AGENTFLOW_SQL_TIMEOUT_MS: 'sqlTimeoutMs',
  AGENTFLOW_SMTP_URL: 'smtpUrl',
  AGENTFLOW_SMTP_FROM: 'smtpFrom',
  AGENTFLOW_MAIL_ALLOWED_DOMAINS: 'mailAllowedDomains',
  SLACK_BOT_TOKEN: 'slackToken',
  AGENTFLOW_SLACK_BASE_URL: 'slackBaseUrl',
  GMAIL_ACCESS_TOKEN: 'gmailAccessToken',
  AGENTFLOW_GMAIL_FROM: 'gmailFrom',
  AGENTFLOW_GMAIL_BASE_URL: 'gmailBaseUrl',
  AGENTFLOW_MAX_BODY_BYTES: 'maxBodyBytes',
  AGENTFLOW_MAX_VALUE_CHARS: 'maxValueChars',
  AGENTFLOW_MAX_EXECUTION_CHARS: 'maxExecutionChars',
  AGENTFLOW_CORS_ORIGINS: 'corsOrigins',
  AGENTFLOW_METRICS_TOKEN: 'metricsToken',
  AGENTFLOW_WEB_DIST: 'webDist',
  AGENTFLOW_PUBLIC_URL: 'publicUrl',
  NODE_ENV: 'production',
  ARTIFACTS_URL: 'artifactsUrl',
  // The second name of a key wins over the first.
  AWS_ENDPOINT_URL_S3: 'artifactsS3Endpoint',
  ARTIFACTS_S3_ENDPOINT: 'artifactsS3Endpoint',
  ARTIFACTS_S3_FORCE_PATH_STYLE: 'artifactsS3ForcePathStyle',
  AWS_DEFAULT_REGION: 'awsRegion',
  AWS_REGION: 'awsRegion',
  AWS_ACCESS_KEY_ID: 'awsAccessKeyId',
  AWS_SECRET_ACCESS_KEY: 'awsSecretAccessKey',
  AWS_SESSION_TOKEN: 'awsSessionToken',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'otlpEndpoint',
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'otlpTracesEndpoint',
  OTEL_EXPORTER_OTLP_HEADERS: 'otlpHeaders',
  OTEL_SERVICE_NAME: 'otelServiceName',
  OTEL_RESOURCE_ATTRIBUTES: 'otelResourceAttributes',
  OTEL_SDK_DISABLED: 'otelDisabled',
  AGENTFLOW_ENCRYPTION_KEY: 'encryptionKey',
  AGENTFLOW_ENCRYPTION_KEYS_PREVIOUS: 'encryptionKeysPrevious',
  AGENTFLOW_JWT_SECRET: 'jwtSecret',
  AGENTFLOW_MCP_SERVERS: 'mcpServers',
  AGENTFLOW_MCP_STDIO_ALLOW: 'mcpStdioAllow',
};

/** Environment variables by name. */
export type Env = Record<string, string | undefined>;

/**
 * The process's environment. The one place production code touches `process.env` (a test keeps it so): shells
 * pass it to `createRuntime`/`loadConfig`, and `loadConfig` is the one reader of variables: everything below
 * gets values of the `RuntimeConfig` it returns.
 */
export function processEnv(): Env {
  return process.env;
}

/**
 * Reads configuration from `env`, then applies `overrides`. Bad values are reported all at once, each with the
 * environment variable that holds it.
 */
export function loadConfig(env: Env = processEnv(), overrides: Partial<RuntimeConfig> = {}): RuntimeConfig {
  const models = modelSettingsFromEnv(env);
  const raw: Record<string, unknown> = {
    dataDir: '.agentflow',
    modelApiKeys: models.apiKeys,
    modelBaseURLs: models.baseURLs,
  };
  for (const [name, key] of Object.entries(ENV)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) raw[key] = value;
  const parsed = RuntimeConfig.safeParse(raw);
  // The variable that holds each setting, for messages.
  const byKey: Record<string, string> = Object.fromEntries(
    Object.entries(ENV).map(([name, key]) => [key, name]),
  );
  if (!parsed.success) {
    const issues: Issue[] = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      return { code: 'AF_VALIDATION', path: byKey[key] ?? key, message: i.message };
    });
    // The message names each variable and what is wrong (never its value, which may be a secret).
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new AgentFlowError('AF_VALIDATION', `invalid configuration: ${summary}`, { issues });
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
  const pairs: [keyof RuntimeConfig, keyof RuntimeConfig, string][] = [
    ['smtpUrl', 'smtpFrom', 'AGENTFLOW_SMTP_FROM'],
    ['gmailAccessToken', 'gmailFrom', 'AGENTFLOW_GMAIL_FROM'],
  ];
  for (const [key, needs, name] of pairs) {
    if (parsed.data[key] !== undefined && parsed.data[needs] === undefined) {
      throw new AgentFlowError('AF_VALIDATION', 'invalid configuration', {
        issues: [{ code: 'AF_VALIDATION', path: name, message: `${byKey[key]} needs ${name} (the sender)` }],
      });
    }
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.dataDir) };
}
