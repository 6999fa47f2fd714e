/**
 * @agentflow/store-sql: the SQL store (Drizzle schema, migrations, shared queries). Open it through a driver:
 * `@agentflow/store-sql/pglite` (embedded, default) or `@agentflow/store-sql/postgres` (DATABASE_URL).
 * This entry point loads neither driver; `loadPostgresDriver()` loads the PostgreSQL one, naming `pg` (an optional
 * peer dependency) when it is not installed.
 */

export {
  type AlertEvaluation,
  type AlertFiringPage,
  type AlertNotification,
  type AlertStore,
  type ClaimedAlert,
  newAlertFiringId,
} from './alerts.js';
export type { BudgetLedger, BudgetRow, LeaseAsk, LeaseReport, LedgerRow } from './budget-ledger.js';
export type { Db } from './db.js';
export {
  createDeadLetterRepository,
  type DeadLetterRecord,
  type DeadLetterRepository,
} from './dead-letters.js';
export { acquireDirLock, type DirLock, LOCK_FILE } from './dir-lock.js';
export { loadPostgresDriver } from './drivers.js';
export type { ExecutionStore } from './execution-store.js';
export type { GroupCommitOptions } from './group.js';
export { type LeaseDueOptions, leaseDue } from './lease.js';
export {
  BACKUP_FORMAT,
  isLogicalBackup,
  type LogicalBackupHeader,
  type LogicalBackupOptions,
  restoreLogicalBackup,
  writeLogicalBackup,
} from './logical-backup.js';
export { applyMigrations, MIGRATIONS_FOLDER, type MigrateOptions, type MigrationStatus } from './migrate.js';
export {
  type ClaimedNotification,
  createNotificationOutboxRepository,
  type NewNotification,
  type NotificationDeliveryRecord,
  type NotificationOutboxRepository,
} from './notification-outbox.js';
export {
  EXPORT_FORMAT,
  ExportDocument,
  type ImportOptions,
  type ImportResult,
  type Portability,
  resolveWorkspace,
} from './portability.js';
export {
  createScheduleRepository,
  type DueScheduleRow,
  type LatestStarted,
  type PendingScheduleFiring,
  type SchedulePlan,
  type ScheduleRepository,
} from './schedule-firings.js';
export * as schema from './schema.js';
export type { SqlDriver, SqlStore } from './sql-store.js';
export {
  type ListTemplatesQuery,
  TemplateInput,
  type TemplateRatingSummary,
  type TemplateRecord,
  type TemplateRepository,
  type TemplateReviewRecord,
  type TemplateScope,
  type TemplateVersionRecord,
} from './templates.js';
export * from './tenancy.js';
export {
  createTriggerFiringRepository,
  type NewTriggerFiring,
  type TriggerFiringRecord,
  type TriggerFiringRepository,
  type TriggerFiringStatus,
} from './trigger-firings.js';
export {
  createTriggerRepository,
  type NewTrigger,
  type TriggerChange,
  type TriggerRecord,
  type TriggerRepository,
} from './triggers.js';
export type {
  CreateWorkflowOptions,
  ListWorkflowsQuery,
  WorkflowRecord,
  WorkflowRepository,
  WorkflowScope,
  WorkflowVersionRecord,
} from './workflows.js';
export {
  createWorkspaceSettingsRepository,
  type WorkspaceSettingsRepository,
} from './workspace-settings.js';
