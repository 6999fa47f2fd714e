import type { Tool } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import type pg from 'pg';
import type { ArtifactStore } from '../artifacts/types.js';
import type { EgressGuard } from '../egress/guard.js';
import { loadPg } from '../lazy-deps.js';
import { type ArtifactScopeResolver, createFilesTool } from './files.js';
import { createGmailSendTool, type GmailToolOptions } from './gmail.js';
import { createHttpRequestTool, type HttpRequestToolOptions } from './http-request.js';
import { createSendEmailTool, type SendEmailToolOptions } from './send-email.js';
import { createSlackPostMessageTool, type SlackToolOptions } from './slack.js';
import { createSqlQueryTool, type SqlQueryToolOptions } from './sql-query.js';
import { createWebFetchTool, type WebFetchToolOptions } from './web-fetch.js';

/** Which built-in tools a tool host offers, and their settings. Each is off unless given. */
export interface BuiltinToolsOptions {
  httpRequest?: boolean | Omit<HttpRequestToolOptions, 'egress'>;
  webFetch?: boolean | Omit<WebFetchToolOptions, 'egress'>;
  /** Needs the host's `artifacts` store. */
  files?: boolean;
  /** A pool you own, or a connection string (the host makes the pool and ends it on close). */
  sqlQuery?: Omit<SqlQueryToolOptions, 'pool'> & ({ pool: pg.Pool } | { connectionString: string });
  sendEmail?: SendEmailToolOptions;
  slack?: Omit<SlackToolOptions, 'egress'>;
  gmail?: Omit<GmailToolOptions, 'egress'>;
}

export interface BuiltinDeps {
  egress: EgressGuard;
  artifacts?: ArtifactStore | undefined;
  artifactScope?: ArtifactScopeResolver | undefined;
}

/** Makes the enabled built-in tools; `close` releases what they hold (the SQL pool the host created). */
export function createBuiltinTools(
  options: BuiltinToolsOptions,
  deps: BuiltinDeps,
): { tools: Tool[]; close(): Promise<void> } {
  const tools: Tool[] = [];
  const closers: (() => Promise<void>)[] = [];
  const settings = <T>(value: boolean | T | undefined): T | undefined =>
    value === undefined || value === false ? undefined : value === true ? ({} as T) : value;

  const http = settings(options.httpRequest);
  if (http) tools.push(createHttpRequestTool({ ...http, egress: deps.egress }) as Tool);
  const web = settings(options.webFetch);
  if (web) tools.push(createWebFetchTool({ ...web, egress: deps.egress }) as Tool);
  if (options.files) {
    if (!deps.artifacts) {
      throw new AgentFlowError(
        'AF_INVALID_CONFIG',
        'the files tool needs an artifact store (options.artifacts)',
      );
    }
    const filesOptions = deps.artifactScope
      ? { store: deps.artifacts, scope: deps.artifactScope }
      : { store: deps.artifacts };
    tools.push(createFilesTool(filesOptions) as Tool);
  }
  if (options.sqlQuery) {
    const { maxRows, statementTimeoutMs, allowWrites } = options.sqlQuery;
    let pool: pg.Pool;
    if ('pool' in options.sqlQuery) pool = options.sqlQuery.pool;
    else {
      pool = new (loadPg().Pool)({
        connectionString: options.sqlQuery.connectionString,
        max: 4,
        application_name: 'agentflow-sql-query',
      });
      pool.on('error', () => undefined); // idle client errors must not crash the process
      closers.push(() => pool.end());
    }
    const sqlOptions: SqlQueryToolOptions = { pool };
    if (maxRows !== undefined) sqlOptions.maxRows = maxRows;
    if (statementTimeoutMs !== undefined) sqlOptions.statementTimeoutMs = statementTimeoutMs;
    if (allowWrites !== undefined) sqlOptions.allowWrites = allowWrites;
    tools.push(createSqlQueryTool(sqlOptions) as Tool);
  }
  if (options.sendEmail) tools.push(createSendEmailTool(options.sendEmail) as Tool);
  if (options.slack)
    tools.push(createSlackPostMessageTool({ ...options.slack, egress: deps.egress }) as Tool);
  if (options.gmail) tools.push(createGmailSendTool({ ...options.gmail, egress: deps.egress }) as Tool);
  return {
    tools,
    close: async () => {
      await Promise.all(closers.map((close) => close()));
    },
  };
}
