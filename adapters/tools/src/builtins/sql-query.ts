import { defineTool, type Tool } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import type pg from 'pg';
import { loadPg, loadPgCursor } from '../lazy-deps.js';

export interface SqlQueryToolOptions {
  /**
   * Pool of connections for the queries. Connect as a role that may only read what agents may see: the
   * read-only transaction stops writes, but reading is governed by the role's grants.
   */
  pool: pg.Pool;
  /** Rows returned at most (a call may ask for fewer). (Default: 1000) */
  maxRows?: number;
  /** `statement_timeout` of each query. (Default: 5000 ms) */
  statementTimeoutMs?: number;
  /**
   * Also run INSERT, UPDATE, DELETE and MERGE (and WITH holding one of them), each in its own committed transaction
   * that carries the call's idempotency key as `current_setting('agentflow.idempotency_key')`. Such calls are
   * side effects (tool approval). Reads still run read-only; DDL, COPY, CALL and the like are always refused.
   * (Default: false, read-only)
   */
  allowWrites?: boolean;
}

export interface SqlQueryInput {
  sql: string;
  params?: (string | number | boolean | null)[];
  maxRows?: number;
}

export interface SqlQueryOutput {
  rows: Record<string, unknown>[];
  rowCount: number;
  /** Rows a write changed (writes only). */
  affectedRows?: number;
  /** True when there were more rows than returned. */
  truncated: boolean;
  fields: { name: string; dataTypeId: number }[];
}

/** Statements that only read (EXPLAIN ANALYZE of a write still fails in the read-only transaction). */
const READ_KEYWORDS = new Set(['select', 'with', 'values', 'table', 'show', 'explain']);
/** Data changes a write-enabled `sql_query` runs. */
const WRITE_KEYWORDS = new Set(['insert', 'update', 'delete', 'merge']);

/**
 * True when the statement changes data: it starts with INSERT, UPDATE, DELETE or MERGE, or is a WITH naming one
 * of them anywhere (a data-modifying CTE; a false positive only costs an approval, and a read that this misses
 * still runs in a read-only transaction).
 */
export function isWriteStatement(sql: string): boolean {
  const keyword = firstKeyword(sql);
  if (WRITE_KEYWORDS.has(keyword)) return true;
  return keyword === 'with' && /\b(insert|update|delete|merge)\b/i.test(sql);
}

/**
 * `sql_query`: runs one read-only statement with parameters (`$1`, `$2`...) on the configured PostgreSQL.
 * Each call runs in `BEGIN READ ONLY` with `SET LOCAL statement_timeout`, through the extended protocol (one
 * statement per call, so `...; COMMIT; DELETE ...` cannot leave the transaction), read through a cursor up to
 * the row cap, then rolled back. Only statements starting with SELECT, WITH, VALUES, TABLE, SHOW or EXPLAIN are
 * accepted (COPY ... TO PROGRAM and other side doors are refused before reaching the server). With `allowWrites`,
 * INSERT, UPDATE, DELETE and MERGE (see `isWriteStatement`) run in a committed transaction instead, one statement
 * through the extended protocol, with `agentflow.idempotency_key` set for the transaction.
 */
export function createSqlQueryTool(options: SqlQueryToolOptions): Tool<SqlQueryInput, SqlQueryOutput> {
  const maxRows = options.maxRows ?? 1000;
  const timeoutMs = Math.max(1, Math.floor(options.statementTimeoutMs ?? 5000));
  const allowWrites = options.allowWrites === true;
  return defineTool<SqlQueryInput, SqlQueryOutput>({
    name: 'sql_query',
    description: allowWrites
      ? 'Runs one SQL statement (PostgreSQL): a query, or an INSERT, UPDATE, DELETE or MERGE. Use $1, $2... ' +
        'placeholders with `params` for values.'
      : 'Runs one read-only SQL query (PostgreSQL) and returns the rows. Use $1, $2... placeholders with ' +
        '`params` for values. Writes are refused.',
    sideEffect: allowWrites ? (input: SqlQueryInput) => isWriteStatement(input.sql) : false,
    inputSchema: sqlQueryInputSchema(maxRows),
    async run(input, ctx) {
      const keyword = firstKeyword(input.sql);
      const write = allowWrites && isWriteStatement(input.sql);
      if (!write && !READ_KEYWORDS.has(keyword)) {
        throw new AgentFlowError(
          'AF_TOOL_ERROR',
          allowWrites
            ? `sql_query: only queries and INSERT, UPDATE, DELETE or MERGE are allowed, not ${keyword.toUpperCase() || 'an empty statement'}`
            : `sql_query: only read statements are allowed (SELECT, WITH, VALUES, TABLE, SHOW, EXPLAIN), not ${keyword.toUpperCase() || 'an empty statement'}`,
          { retryable: false, details: { reason: 'read-only' } },
        );
      }
      const limit = Math.min(input.maxRows ?? maxRows, maxRows);
      const client = await options.pool.connect().catch((error: Error) => {
        throw new AgentFlowError('AF_TOOL_ERROR', `sql_query: cannot connect: ${error.message}`, {
          retryable: true,
          cause: error,
        });
      });
      let broken = false;
      const onAbort = () => {
        broken = true;
        client.release(new Error('cancelled'));
      };
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      try {
        await client.query(write ? 'BEGIN' : 'BEGIN READ ONLY');
        await client.query(`SET LOCAL statement_timeout = ${timeoutMs}`);
        await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${timeoutMs * 2}`);
        if (write) {
          await client.query("SELECT set_config('agentflow.idempotency_key', $1, true)", [
            ctx.idempotencyKey,
          ]);
          // Extended protocol even without parameters: one statement, `...; DROP ...` cannot ride along.
          const result = await client.query({
            text: input.sql,
            values: input.params ?? [],
            queryMode: 'extended',
          } as pg.QueryConfig);
          await client.query('COMMIT');
          const all = result.rows ?? [];
          const kept = all.slice(0, limit).map(toJsonRow);
          return {
            rows: kept,
            rowCount: kept.length,
            affectedRows: result.rowCount ?? 0,
            truncated: all.length > limit,
            fields: (result.fields ?? []).map((f) => ({ name: f.name, dataTypeId: f.dataTypeID })),
          };
        }
        const cursor = client.query(new (loadPgCursor())(input.sql, input.params ?? []));
        const { rows, result } = await new Promise<{
          rows: Record<string, unknown>[];
          result: pg.QueryResult;
        }>((resolve, reject) =>
          cursor.read(limit + 1, (error, rows, result) =>
            error ? reject(error) : resolve({ rows, result }),
          ),
        );
        await cursor.close();
        await client.query('ROLLBACK');
        const kept = rows.slice(0, limit).map(toJsonRow);
        return {
          rows: kept,
          rowCount: kept.length,
          truncated: rows.length > limit,
          fields: (result.fields ?? []).map((f) => ({ name: f.name, dataTypeId: f.dataTypeID })),
        };
      } catch (error) {
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        throw sqlError(error, timeoutMs);
      } finally {
        ctx.signal.removeEventListener('abort', onAbort);
        if (!broken) client.release();
      }
    },
  });
}

/** Where `openSqlQueryTool` connects: a connection string, or its parts (`host` may be a checked address). */
export interface SqlConnection {
  connectionString?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** `servername`: the host name TLS checks when `host` is an address. (Default: no TLS) */
  ssl?: false | { rejectUnauthorized: boolean; servername?: string };
}

/** `sql_query` on a pool of its own (at most `maxConnections`, default 4); `close` ends the pool. */
export function openSqlQueryTool(
  connection: SqlConnection,
  options: Omit<SqlQueryToolOptions, 'pool'> & { maxConnections?: number } = {},
): { tool: Tool<SqlQueryInput, SqlQueryOutput>; close(): Promise<void> } {
  const { maxConnections, ...toolOptions } = options;
  const pool = new (loadPg().Pool)({
    ...connection,
    max: maxConnections ?? 4,
    application_name: 'agentflow-sql-query',
  });
  pool.on('error', () => undefined); // idle client errors must not crash the process
  return {
    tool: createSqlQueryTool({ ...toolOptions, pool }),
    close: () => pool.end().catch(() => undefined),
  };
}

/** The input schema of `sql_query` with calls capped at `maxRows` rows. */
export function sqlQueryInputSchema(maxRows: number): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      sql: { type: 'string', minLength: 1, maxLength: 100_000 },
      params: { type: 'array', items: { type: ['string', 'number', 'boolean', 'null'] }, maxItems: 100 },
      maxRows: { type: 'integer', minimum: 1, maximum: maxRows },
    },
    required: ['sql'],
    additionalProperties: false,
  };
}

/** The statement's first keyword, lowercased, skipping comments, whitespace and opening parentheses. */
export function firstKeyword(sql: string): string {
  let rest = sql;
  for (;;) {
    const trimmed = rest.replace(/^[\s(]+/, '');
    if (trimmed.startsWith('--')) {
      const end = trimmed.indexOf('\n');
      rest = end < 0 ? '' : trimmed.slice(end + 1);
    } else if (trimmed.startsWith('/*')) {
      const end = trimmed.indexOf('*/');
      rest = end < 0 ? '' : trimmed.slice(end + 2);
    } else {
      return (/^[a-z]+/i.exec(trimmed)?.[0] ?? '').toLowerCase();
    }
  }
}

function toJsonRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = toJsonValue(value);
  return out;
}

function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  return value;
}

function sqlError(error: unknown, timeoutMs: number): AgentFlowError {
  if (error instanceof AgentFlowError) return error;
  const e = error as { code?: string; message?: string };
  const message = e?.message ?? String(error);
  if (e?.code === '25006') {
    return new AgentFlowError('AF_TOOL_ERROR', `sql_query: writes are not allowed (read-only): ${message}`, {
      retryable: false,
      details: { reason: 'read-only', sqlState: e.code },
    });
  }
  if (e?.code === '57014') {
    return new AgentFlowError('AF_TIMEOUT', `sql_query: the query ran longer than ${timeoutMs} ms`, {
      retryable: false,
      details: { sqlState: e.code },
    });
  }
  const details: Record<string, unknown> = {};
  if (e?.code) details.sqlState = e.code;
  return new AgentFlowError('AF_TOOL_ERROR', `sql_query: ${message}`, {
    retryable: e?.code === undefined || e.code.startsWith('08'),
    details,
  });
}
