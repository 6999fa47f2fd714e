/**
 * The one Drizzle schema of AgentFlow's SQL store, shared by the PGlite and PostgreSQL drivers: this barrel
 * re-exports the tables of each concept's module. drizzle-kit generates the SQL migrations in `../drizzle` from it
 * and tenancy-schema.ts (`npm run db:generate -w @agentflow/store-sql`, see drizzle.config.ts).
 *
 * Conventions: ids are text (callers choose them: UUIDs, `wf_...`, test ids); times are `timestamptz` (millisecond
 * values in the API); JSON values are `jsonb` written through `encodeJson` (see json.ts). Shared column helpers are
 * in schema-columns.ts.
 */
export * from './schema-analytics.js';
export * from './schema-executions.js';
export * from './schema-security.js';
export * from './schema-templates.js';
export * from './schema-triggers.js';
export * from './schema-workspaces.js';
