/**
 * `SqlStore`: the Store port plus lifecycle and repository functions, assembled over a Drizzle database. The
 * PGlite and PostgreSQL drivers both return this; only opening and closing differ.
 */

import type { Db } from './db.js';
import { toStoreError } from './errors.js';
import { createExecutionStore, type ExecutionStore } from './execution-store.js';
import type { GroupCommitOptions } from './group.js';
import { createPortability, type Portability } from './portability.js';
import type { RawDb } from './raw.js';
import { createTemplateRepository, type TemplateRepository } from './templates.js';
import { createWorkflowRepository, type WorkflowRepository } from './workflows.js';

export type SqlDriver = 'pglite' | 'postgres';

export interface SqlStore extends ExecutionStore, WorkflowRepository, TemplateRepository, Portability {
  readonly driver: SqlDriver;
  /** PostgreSQL schema holding the tables (`public` unless chosen). */
  readonly schema: string;
  /** The Drizzle database, for queries this interface does not cover yet. */
  readonly db: Db;
  /** Applies pending migrations (already done on open; safe to call again). */
  migrate(): Promise<void>;
  /** Waits for queued commits, then closes connections (and releases the data directory lock). */
  close(): Promise<void>;
}

export interface SqlStoreParts {
  driver: SqlDriver;
  schema: string;
  db: Db;
  /** Prepared-statement access for the hot paths (same connection(s) as `db`). */
  raw: RawDb;
  migrate(): Promise<void>;
  close(): Promise<void>;
  groupCommit?: GroupCommitOptions;
}

export function assembleSqlStore(parts: SqlStoreParts): SqlStore {
  const executions = guard(createExecutionStore(parts.raw, parts.groupCommit));
  const workflows = guard(createWorkflowRepository(parts.db));
  const templates = guard(createTemplateRepository(parts.db));
  const portability = guard(createPortability(parts.db));
  let closed: Promise<void> | undefined;
  return {
    ...executions,
    ...workflows,
    ...templates,
    ...portability,
    driver: parts.driver,
    schema: parts.schema,
    db: parts.db,
    migrate: parts.migrate,
    close() {
      closed ??= executions.flush().then(parts.close);
      return closed;
    },
  };
}

/** Wraps every method so database failures surface as concise AgentFlowErrors (see errors.ts). */
function guard<T extends object>(methods: T): T {
  const out = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(methods)) {
    out[name] =
      typeof fn === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
            } catch (error) {
              throw toStoreError(error, name);
            }
          }
        : fn;
  }
  return out as T;
}
