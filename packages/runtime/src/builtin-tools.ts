/**
 * The built-in messaging and database tools, enabled from configuration: `sql_query` (PostgreSQL), `send_email`
 * (SMTP), `slack_post_message` and `gmail_send`. Each call uses the credential of the workspace the execution runs
 * in (a workspace credential of type `postgres`, `smtp`, `slack` or `gmail`), else the operator's instance-wide
 * default from `loadConfig` (`AGENTFLOW_SQL_URL`, `AGENTFLOW_SMTP_URL`, `SLACK_BOT_TOKEN`, `GMAIL_ACCESS_TOKEN`),
 * else it fails with AF_TOOL_ERROR saying what to configure.
 *
 * Where a credential goes: a `postgres` or `smtp` credential only to the host in its own URL, a `slack` or
 * `gmail` token only to its bound base URL (`baseURLs`, else the configured API endpoint); never to a place a
 * workflow names. Every workspace destination passes the egress policy: Slack and Gmail through the guarded
 * fetch, the database and SMTP hosts resolved once by the guard (private, loopback, link-local and metadata
 * addresses refused unless `AGENTFLOW_EGRESS_ALLOW` lists them) and connected to at the checked address. The
 * operator's own endpoints are reached whatever their address, as configured endpoints are for model providers.
 */
import type { Logger, Tool, ToolCallContext } from '@agentflow/core';
import { defineTool } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import {
  createGmailSendTool,
  createSendEmailTool,
  createSlackPostMessageTool,
  createSqlQueryTool,
  type EgressGuard,
  openSqlQueryTool,
  type SmtpSettings,
  type SqlConnection,
} from '@agentflow/tools';
import type { RuntimeConfig } from './config.js';
import { currentWorkspaceId } from './tenancy/context.js';
import type { ToolCredentialHandle } from './tenancy/credentials.js';

/** What the tools need of the credential service (tenancy/credentials.ts). */
export interface ToolCredentialSource {
  findToolCredential(workspaceId: string, type: string): Promise<ToolCredentialHandle | undefined>;
}

export interface ConfiguredToolsDeps {
  /** The tools' egress guard (the HTTP tools' policy): database and SMTP hosts of workspace credentials. */
  egress: EgressGuard;
  /** Slack and Gmail: the same policy, plus the operator's configured API origins. */
  apiEgress: EgressGuard;
  credentials?: ToolCredentialSource | undefined;
  logger?: Logger | undefined;
}

/** Connection pools kept for workspace databases at most (the oldest is closed beyond). */
const MAX_POOLS = 32;

export function createConfiguredTools(
  config: RuntimeConfig,
  deps: ConfiguredToolsDeps,
): { tools: Tool[]; close(): Promise<void> } {
  // One pool per workspace credential (by id and update time); the promise is shared by concurrent first calls.
  const pools = new Map<
    string,
    { version: number; opened: Promise<{ tool: Tool; close(): Promise<void> }> }
  >();
  const closeEntry = (entry: { opened: Promise<{ close(): Promise<void> }> }) =>
    void entry.opened.then((o) => o.close()).catch(() => undefined);
  let instanceSql: { tool: Tool; close(): Promise<void> } | undefined;
  let instanceMail: Tool | undefined;
  const sqlLimits = { maxRows: config.sqlMaxRows, statementTimeoutMs: config.sqlTimeoutMs };
  const recipients = config.mailAllowedDomains ? { allowedRecipientDomains: config.mailAllowedDomains } : {};

  const credentialFor = async (ctx: ToolCallContext, type: string) => {
    const workspaceId = ctx.workspaceId ?? currentWorkspaceId();
    if (workspaceId === undefined || !deps.credentials) return undefined;
    return deps.credentials.findToolCredential(workspaceId, type);
  };

  const openWorkspacePool = async (credential: ToolCredentialHandle) => {
    const { url, allowWrites } = parseSqlCredential(credential.reveal());
    const target = parsePostgresUrl(url);
    // Checked once, then pinned: the pool connects to the checked address only.
    const [checked] = await deps.egress.resolve(target.host);
    const opened = openSqlQueryTool(
      { ...target.settings, host: checked!.address },
      { ...sqlLimits, allowWrites },
    );
    return { tool: opened.tool as Tool, close: opened.close };
  };

  const sqlTool = async (ctx: ToolCallContext): Promise<Tool> => {
    const credential = await credentialFor(ctx, 'postgres');
    if (credential) {
      const cached = pools.get(credential.id);
      if (cached?.version === credential.version) return (await cached.opened).tool;
      if (cached) {
        pools.delete(credential.id);
        closeEntry(cached);
      }
      const entry = { version: credential.version, opened: openWorkspacePool(credential) };
      pools.set(credential.id, entry);
      // A refused or malformed credential is not kept: the next call checks again.
      entry.opened.catch(() => {
        if (pools.get(credential.id) === entry) pools.delete(credential.id);
      });
      if (pools.size > MAX_POOLS) {
        const [oldest, evicted] = pools.entries().next().value!;
        pools.delete(oldest);
        closeEntry(evicted);
      }
      return (await entry.opened).tool;
    }
    if (config.sqlUrl) {
      if (!instanceSql) {
        // The operator's database: read-only, reached as configured.
        const opened = openSqlQueryTool({ connectionString: config.sqlUrl }, sqlLimits);
        instanceSql = { tool: opened.tool as Tool, close: opened.close };
      }
      return instanceSql.tool;
    }
    throw notConfigured('sql_query', 'postgres', 'AGENTFLOW_SQL_URL');
  };

  const mailTool = async (ctx: ToolCallContext): Promise<Tool> => {
    const credential = await credentialFor(ctx, 'smtp');
    if (credential) {
      const parsed = parseJsonOrText(credential.reveal(), 'url');
      const from = stringField(parsed, 'from') ?? config.smtpFrom;
      const url = stringField(parsed, 'url');
      if (!url || !from) {
        throw credentialError(
          'send_email',
          'an smtp credential is {"url":"smtp://user:pass@host:587","from":"..."} (or the URL, with AGENTFLOW_SMTP_FROM set)',
        );
      }
      const smtp = parseSmtpUrl(url, 'send_email');
      // Resolved and checked for this call; the connection goes to the checked address, TLS names the host.
      const [checked] = await deps.egress.resolve(smtp.host);
      return createSendEmailTool({
        smtp: { ...smtp, host: checked!.address, tls: { servername: smtp.host } },
        from,
        ...recipients,
      }) as Tool;
    }
    if (config.smtpUrl && config.smtpFrom) {
      instanceMail ??= createSendEmailTool({
        smtp: parseSmtpUrl(config.smtpUrl, 'send_email'),
        from: config.smtpFrom,
        ...recipients,
      }) as Tool;
      return instanceMail;
    }
    throw notConfigured('send_email', 'smtp', 'AGENTFLOW_SMTP_URL');
  };

  const slackTool = async (ctx: ToolCallContext): Promise<Tool> => {
    const credential = await credentialFor(ctx, 'slack');
    const baseUrl = credential?.baseURLs?.[0] ?? config.slackBaseUrl;
    if (credential || config.slackToken) {
      return createSlackPostMessageTool({
        token: credential ? () => credential.reveal() : config.slackToken!,
        egress: deps.apiEgress,
        ...(baseUrl ? { baseUrl } : {}),
      }) as Tool;
    }
    throw notConfigured('slack_post_message', 'slack', 'SLACK_BOT_TOKEN');
  };

  const gmailTool = async (ctx: ToolCallContext): Promise<Tool> => {
    const credential = await credentialFor(ctx, 'gmail');
    const baseUrl = credential?.baseURLs?.[0] ?? config.gmailBaseUrl;
    if (credential) {
      const parsed = parseJsonOrText(credential.reveal(), 'accessToken');
      const accessToken = stringField(parsed, 'accessToken');
      const from = stringField(parsed, 'from') ?? config.gmailFrom;
      if (!accessToken || !from) {
        throw credentialError(
          'gmail_send',
          'a gmail credential is {"accessToken":"ya29...","from":"me@example.com"} (or the token, with AGENTFLOW_GMAIL_FROM set)',
        );
      }
      return createGmailSendTool({
        accessToken,
        from,
        egress: deps.apiEgress,
        ...(baseUrl ? { baseUrl } : {}),
        ...recipients,
      }) as Tool;
    }
    if (config.gmailAccessToken && config.gmailFrom) {
      return createGmailSendTool({
        accessToken: config.gmailAccessToken,
        from: config.gmailFrom,
        egress: deps.apiEgress,
        ...(baseUrl ? { baseUrl } : {}),
        ...recipients,
      }) as Tool;
    }
    throw notConfigured('gmail_send', 'gmail', 'GMAIL_ACCESS_TOKEN');
  };

  // Templates give each tool its name, description, input schema and side-effect rule; they never run.
  const idle = { egress: deps.apiEgress };
  const tools: Tool[] = [
    delegating(
      createSqlQueryTool({ pool: undefined as never, ...sqlLimits, allowWrites: true }) as Tool,
      'Runs one SQL statement (PostgreSQL) on the workspace database and returns the rows: a query, or (when the ' +
        "workspace's credential allows writes) an INSERT, UPDATE, DELETE or MERGE. Use $1, $2... placeholders " +
        'with `params` for values.',
      sqlTool,
    ),
    delegating(
      createSendEmailTool({ smtp: { host: 'localhost', port: 25 }, from: 'x@x.x' }) as Tool,
      undefined,
      mailTool,
    ),
    delegating(createSlackPostMessageTool({ token: '', ...idle }) as Tool, undefined, slackTool),
    delegating(
      createGmailSendTool({ accessToken: '', from: 'x@x.x', ...idle }) as Tool,
      undefined,
      gmailTool,
    ),
  ];
  return {
    tools,
    async close() {
      const ending = [...pools.values()].map((p) => p.opened.then((o) => o.close()).catch(() => undefined));
      if (instanceSql) ending.push(instanceSql.close());
      pools.clear();
      instanceSql = undefined;
      await Promise.all(ending);
    },
  };
}

/** A tool with `template`'s contract whose calls run on the tool `resolve` picks for the call's workspace. */
function delegating(
  template: Tool,
  description: string | undefined,
  resolve: (ctx: ToolCallContext) => Promise<Tool>,
): Tool {
  return defineTool({
    name: template.name,
    description: description ?? template.description,
    inputSchema: template.inputSchema,
    ...(template.outputSchema ? { outputSchema: template.outputSchema } : {}),
    sideEffect: template.sideEffect ?? false,
    async run(input, ctx) {
      const tool = await resolve(ctx);
      return tool.run(input, ctx);
    },
  }) as Tool;
}

function notConfigured(tool: string, type: string, env: string): AgentFlowError {
  return new AgentFlowError(
    'AF_TOOL_ERROR',
    `${tool} is not configured: add a workspace credential of type "${type}", or set ${env} for the instance`,
    { retryable: false, details: { reason: 'not-configured', credentialType: type } },
  );
}

function credentialError(tool: string, message: string): AgentFlowError {
  return new AgentFlowError('AF_TOOL_ERROR', `${tool}: ${message}`, {
    retryable: false,
    details: { reason: 'credential' },
  });
}

/** A credential value: a JSON object, or a plain string standing for `field`. */
function parseJsonOrText(value: string, field: string): Record<string, unknown> {
  const text = value.trim();
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch {
      // fall through: reported by the caller as a missing field, never echoing the value
    }
    return {};
  }
  return { [field]: text };
}

function stringField(value: Record<string, unknown>, field: string): string | undefined {
  const found = value[field];
  return typeof found === 'string' && found !== '' ? found : undefined;
}

/** A `postgres` credential: the URL, or `{"url": "...", "allowWrites": true}`. */
function parseSqlCredential(value: string): { url: string; allowWrites: boolean } {
  const parsed = parseJsonOrText(value, 'url');
  const url = stringField(parsed, 'url');
  if (!url) {
    throw credentialError(
      'sql_query',
      'a postgres credential is postgres://user:pass@host:5432/db or {"url": "...", "allowWrites": true}',
    );
  }
  return { url, allowWrites: parsed.allowWrites === true };
}

/** pg settings from a postgres:// URL (host kept apart: the caller connects to its checked address). */
export function parsePostgresUrl(raw: string): { host: string; settings: SqlConnection } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw credentialError('sql_query', 'the postgres credential is not a valid URL');
  }
  if ((url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || !url.hostname) {
    throw credentialError('sql_query', 'the postgres credential must be a postgres://host/db URL');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const sslmode = url.searchParams.get('sslmode') ?? 'disable';
  let ssl: SqlConnection['ssl'] = false;
  if (sslmode === 'require' || sslmode === 'prefer') ssl = { rejectUnauthorized: false, servername: host };
  else if (sslmode === 'verify-ca' || sslmode === 'verify-full')
    ssl = { rejectUnauthorized: true, servername: host };
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return {
    host,
    settings: {
      port: url.port ? Number(url.port) : 5432,
      ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(database ? { database } : {}),
      ssl,
    },
  };
}

/** nodemailer settings from `smtp://user:pass@host:port` or `smtps://...` (TLS from the start). */
export function parseSmtpUrl(raw: string, tool: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw credentialError(tool, 'the SMTP URL is not valid');
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
    throw credentialError(tool, 'the SMTP URL must be smtp://[user:pass@]host[:port] or smtps://...');
  }
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
  };
}
