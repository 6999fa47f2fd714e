/**
 * `SqlStore`: the Store port plus lifecycle and repository functions, assembled over a Drizzle database. The
 * PGlite and PostgreSQL drivers both return this; only opening and closing differ.
 */

import { type AlertStore, createAlertStore } from './alerts.js';
import { createOperationsRepository, type OperationsRepository } from './analytics.js';
import { type BudgetLedger, createBudgetLedger } from './budget-ledger.js';
import type { Db } from './db.js';
import { guardStoreErrors } from './errors.js';
import { createExecutionStore, type ExecutionStore } from './execution-store.js';
import type { GroupCommitOptions } from './group.js';
import { type MigrationStatus, migrationStatus } from './migrate.js';
import { createPortability, type Portability } from './portability.js';
import type { RawDb } from './raw.js';
import { createTemplateRepository, type TemplateRepository } from './templates.js';
import { createWorkflowRepository, type WorkflowRepository } from './workflows.js';

export type SqlDriver = 'pglite' | 'postgres';

export interface SqlStore
  extends ExecutionStore,
    WorkflowRepository,
    TemplateRepository,
    Portability,
    OperationsRepository,
    BudgetLedger,
    AlertStore {
  readonly driver: SqlDriver;
  /** PostgreSQL schema holding the tables (`public` unless chosen). */
  readonly schema: string;
  /** The Drizzle database, for queries this interface does not cover yet. */
  readonly db: Db;
  /** Prepared statements on the same connection(s) as `db`, for repositories' hot lookups (raw.ts). */
  readonly raw: RawDb;
  /** Applies pending migrations (already done on open; safe to call again). */
  migrate(): Promise<void>;
  /** Migrations applied in the database against those this version ships; rejects when the store is unreachable. */
  migrationStatus(): Promise<MigrationStatus>;
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
  const executions = guardStoreErrors(createExecutionStore(parts.raw, parts.groupCommit));
  const workflows = guardStoreErrors(createWorkflowRepository(parts.db));
  const templates = guardStoreErrors(createTemplateRepository(parts.db));
  const portability = guardStoreErrors(createPortability(parts.db));
  const operations = guardStoreErrors(createOperationsRepository(parts.raw));
  const budgets = guardStoreErrors(createBudgetLedger(parts.raw));
  const alerts = guardStoreErrors(createAlertStore(parts.db));
  let closed: Promise<void> | undefined;
  return {
    ...executions,
    ...workflows,
    ...templates,
    ...portability,
    ...operations,
    ...budgets,
    ...alerts,
    driver: parts.driver,
    schema: parts.schema,
    db: parts.db,
    raw: parts.raw,
    migrate: parts.migrate,
    migrationStatus: () => migrationStatus(parts.db, parts.schema),
    close() {
      closed ??= executions.flush().then(parts.close);
      return closed;
    },
  };
}
