/**
 * The one Drizzle schema of AgentFlow's SQL store, shared by the PGlite and PostgreSQL drivers. drizzle-kit
 * generates the SQL migrations in `../drizzle` from this file (`npm run db:generate -w @agentflow/store-sql`).
 *
 * Conventions: ids are text (callers choose them: UUIDs, `wf_...`, test ids); times are `timestamptz` (millisecond
 * values in the API); JSON values are `jsonb` written through `encodeJson` (see json.ts).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

const tz = { withTimezone: true, mode: 'date' } as const;
const uuidDefault = sql`gen_random_uuid()::text`;

// ---------------------------------------------------------------------------------------------------------------
// Users and workspaces (the brief's data model)

export const users = pgTable('users', {
  id: text('id').primaryKey().default(uuidDefault),
  email: varchar('email', { length: 255 }).notNull().unique(),
  name: varchar('name', { length: 255 }),
  avatarUrl: text('avatar_url'),
  /** argon2id hash; null for users who only sign in another way. */
  passwordHash: text('password_hash'),
  createdAt: timestamp('created_at', tz).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
});

export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey().default(uuidDefault),
  name: varchar('name', { length: 255 }).notNull(),
  ownerId: text('owner_id').references(() => users.id),
  plan: varchar('plan', { length: 50 }).notNull().default('free'),
  /** Workspace settings (`{ defaultModel?: { provider, model } }`), validated by the runtime's settings service. */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  createdAt: timestamp('created_at', tz).notNull().defaultNow(),
});

export const workspaceMembers = pgTable(
  'workspace_members',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: varchar('role', { length: 50 }).notNull(),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index('idx_workspace_members_user').on(t.userId),
    check('workspace_members_role_check', sql`${t.role} in ('owner', 'admin', 'member', 'viewer')`),
  ],
);

// ---------------------------------------------------------------------------------------------------------------
// Workflows: the current definition, plus one immutable row per version

export const workflows = pgTable(
  'workflows',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').references(() => workspaces.id),
    name: varchar('name', { length: 255 }).notNull(),
    description: text('description'),
    version: integer('version').notNull().default(1),
    status: varchar('status', { length: 50 }).notNull().default('draft'),
    /** The whole workflow JSON (agents, connections, config) of the current version. */
    definition: jsonb('definition').notNull(),
    createdBy: text('created_by').references(() => users.id),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [
    index('idx_workflows_workspace').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    index('idx_workflows_status').on(t.status),
    check('workflows_status_check', sql`${t.status} in ('draft', 'active', 'archived')`),
  ],
);

/** Never updated: an edit inserts a new version. Executions pin the version they started on. */
export const workflowVersions = pgTable(
  'workflow_versions',
  {
    workflowId: text('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    createdBy: text('created_by').references(() => users.id),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.version] })],
);

// ---------------------------------------------------------------------------------------------------------------
// Executions, steps, messages

const TERMINAL = sql.raw(`('succeeded', 'failed', 'cancelled')`);

export const workflowExecutions = pgTable(
  'workflow_executions',
  {
    id: text('id').primaryKey(),
    /** Insertion order: breaks ties between executions created in the same millisecond. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    /** No foreign key: an execution may run a workflow that is not stored (a file run by the CLI). */
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    /** Snapshot of the exact definition the execution runs. */
    workflow: jsonb('workflow').notNull(),
    workspaceId: text('workspace_id'),
    parentExecutionId: text('parent_execution_id'),
    /**
     * A re-run or fork (issue 14): the execution it came from, the fork node (null: a re-run) and the fork node's
     * edited input (SQL null: none given). `parent_execution_id` is another relation (loop bodies, subworkflows).
     */
    forkedFromExecutionId: text('forked_from_execution_id'),
    forkedFromNode: text('forked_from_node'),
    forkedFromInput: jsonb('forked_from_input'),
    status: varchar('status', { length: 50 }).notNull(),
    input: jsonb('input'),
    output: jsonb('output'),
    error: jsonb('error'),
    /** Agent ids ready to run after the last committed step. */
    ready: jsonb('ready').notNull().default(sql`'[]'::jsonb`),
    /** Human nodes waiting for a payload. */
    waiting: jsonb('waiting').notNull().default(sql`'[]'::jsonb`),
    stepCount: integer('step_count').notNull().default(0),
    /** Log lines stored for the execution (agent_logs rows written by step commits): the per-execution bound. */
    logCount: integer('log_count').notNull().default(0),
    inputTokens: bigint('input_tokens', { mode: 'number' }).notNull().default(0),
    outputTokens: bigint('output_tokens', { mode: 'number' }).notNull().default(0),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    /** Worker holding the execution; the lease is renewed by heartbeat and compared with database time. */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', tz),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    startedAt: timestamp('started_at', tz),
    completedAt: timestamp('completed_at', tz),
    durationMs: bigint('duration_ms', { mode: 'number' }).generatedAlwaysAs(
      sql`(extract(epoch from (completed_at - started_at)) * 1000)::bigint`,
    ),
  },
  (t) => [
    index('idx_executions_workflow').on(t.workflowId, t.createdAt.desc(), t.seq.desc()),
    index('idx_executions_status').on(t.status, t.createdAt.desc(), t.seq.desc()),
    index('idx_executions_workspace').on(t.workspaceId, t.createdAt.desc(), t.seq.desc()),
    index('idx_executions_created').on(t.createdAt.desc(), t.seq.desc()),
    index('idx_executions_parent').on(t.parentExecutionId).where(sql`parent_execution_id is not null`),
    /** Orphan lookup: queued/running executions, scanned in creation order with their lease expiry. */
    index('idx_executions_orphans').on(t.seq, t.leaseExpiresAt).where(sql`status in ('queued', 'running')`),
    index('idx_executions_completed').on(t.completedAt).where(sql`status in ${TERMINAL}`),
    index('idx_executions_forked_from')
      .on(t.forkedFromExecutionId)
      .where(sql`forked_from_execution_id is not null`),
    /**
     * The monitoring aggregates (analytics.ts): top-level executions of a workspace by creation time, with every
     * column they read, so a window is one index-only range scan.
     */
    index('idx_executions_analytics')
      .on(t.workspaceId, t.createdAt, t.status, t.workflowId, t.startedAt, t.completedAt, t.costUsd)
      .where(sql`parent_execution_id is null`),
    /** The approvals inbox: executions waiting for a person. */
    index('idx_executions_waiting')
      .on(t.workspaceId, t.createdAt)
      .where(sql`status not in ${TERMINAL} and waiting <> '[]'::jsonb`),
    check(
      'workflow_executions_status_check',
      sql`${t.status} in ('queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled')`,
    ),
  ],
);

/*
 * Steps, messages and logs of an execution carry no foreign key to it: they are only written by statements that
 * check the execution in the same statement (the step commit inserts rows only for the execution row it updated;
 * appendLogs only for executions that exist), and pruning deletes them with their execution. A foreign key would
 * re-check every inserted row (measured: 12-14% of a step commit on PGlite).
 */

/** One row per step record; `seq` is the commit order within the execution. */
export const executionSteps = pgTable(
  'execution_steps',
  {
    executionId: text('execution_id').notNull(),
    seq: integer('seq').notNull(),
    /** `${executionId}:${agentId}:${iteration}`, also the step's idempotency key. */
    stepId: text('step_id').notNull(),
    agentId: text('agent_id').notNull(),
    iteration: integer('iteration').notNull(),
    status: varchar('status', { length: 50 }).notNull(),
    attempt: integer('attempt').notNull(),
    input: jsonb('input'),
    output: jsonb('output'),
    error: jsonb('error'),
    route: text('route'),
    fallbackUsed: boolean('fallback_used'),
    startedAt: timestamp('started_at', tz).notNull(),
    completedAt: timestamp('completed_at', tz).notNull(),
    usage: jsonb('usage'),
    attempts: jsonb('attempts'),
    modelCalls: jsonb('model_calls'),
    /** The step's tool calls (`ToolCallRecord[]`, args and results redacted and bounded); NULL when none. */
    toolCalls: jsonb('tool_calls'),
    /**
     * The messages of the commit this step was the first step of (`[{connectionId, fromAgentId, toAgentId,
     * stepId, payload?, at}]`), stored with the step instead of one agent_messages row each: one row per commit.
     */
    messages: jsonb('messages'),
    /** A fork's reused step: the id of the step it took over (it did not run again). */
    reusedFrom: text('reused_from'),
  },
  (t) => [
    primaryKey({ columns: [t.executionId, t.seq] }),
    /** A step is recorded once: committing the same step id again is refused. */
    uniqueIndex('idx_steps_execution_step').on(t.executionId, t.stepId),
  ],
);

/**
 * Messages written before migration 0003 (one row each, `id` keeps commit order), and messages of commits without
 * steps (rare: the engine's commits always have one), which have no step row to go with.
 */
export const agentMessages = pgTable(
  'agent_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    executionId: text('execution_id').notNull(),
    connectionId: text('connection_id').notNull(),
    fromAgentId: text('from_agent_id').notNull(),
    toAgentId: text('to_agent_id').notNull(),
    stepId: text('step_id').notNull(),
    payload: jsonb('payload'),
    at: timestamp('at', tz).notNull(),
    /** Listed after the messages of the step with this seq (-1: before every step); null: before migration 0003. */
    afterSeq: integer('after_seq'),
  },
  (t) => [index('idx_messages_execution').on(t.executionId, t.id)],
);

// ---------------------------------------------------------------------------------------------------------------
// Monitoring rollups (analytics.ts): step-level aggregates of ended executions, per hour of the execution's
// creation, folded in lazily up to `analytics_state.folded_until` (executions completed later are read raw).

export const analyticsAgentRollups = pgTable(
  'analytics_agent_rollups',
  {
    /** '' for executions without a workspace. */
    workspaceId: text('workspace_id').notNull(),
    hour: timestamp('hour', tz).notNull(),
    workflowId: text('workflow_id').notNull(),
    agentId: text('agent_id').notNull(),
    steps: integer('steps').notNull(),
    failed: integer('failed').notNull(),
    inputTokens: doublePrecision('input_tokens').notNull(),
    outputTokens: doublePrecision('output_tokens').notNull(),
    costUsd: doublePrecision('cost_usd').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.hour, t.workflowId, t.agentId] })],
);

export const analyticsModelRollups = pgTable(
  'analytics_model_rollups',
  {
    workspaceId: text('workspace_id').notNull(),
    hour: timestamp('hour', tz).notNull(),
    workflowId: text('workflow_id').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    calls: integer('calls').notNull(),
    errors: integer('errors').notNull(),
    inputTokens: doublePrecision('input_tokens').notNull(),
    outputTokens: doublePrecision('output_tokens').notNull(),
    costUsd: doublePrecision('cost_usd').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.hour, t.workflowId, t.provider, t.model] })],
);

/** The same figures per UTC day (long windows read these for their whole days, the hourly rows for the rest). */
export const analyticsAgentDaily = pgTable(
  'analytics_agent_daily',
  {
    workspaceId: text('workspace_id').notNull(),
    day: timestamp('day', tz).notNull(),
    workflowId: text('workflow_id').notNull(),
    agentId: text('agent_id').notNull(),
    steps: integer('steps').notNull(),
    failed: integer('failed').notNull(),
    inputTokens: doublePrecision('input_tokens').notNull(),
    outputTokens: doublePrecision('output_tokens').notNull(),
    costUsd: doublePrecision('cost_usd').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.workflowId, t.agentId] })],
);

export const analyticsModelDaily = pgTable(
  'analytics_model_daily',
  {
    workspaceId: text('workspace_id').notNull(),
    day: timestamp('day', tz).notNull(),
    workflowId: text('workflow_id').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    calls: integer('calls').notNull(),
    errors: integer('errors').notNull(),
    inputTokens: doublePrecision('input_tokens').notNull(),
    outputTokens: doublePrecision('output_tokens').notNull(),
    costUsd: doublePrecision('cost_usd').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.workflowId, t.provider, t.model] })],
);

/**
 * Ended top-level executions per hour of creation and workflow, and per hour for the whole workspace (workflow_id
 * ''): outcome counts, cost, and a histogram of their durations (percentiles within about 2 %, read from a bounded
 * number of bins however many executions there are; a dashboard query reads ~720 rows for 30 days).
 */
export const analyticsExecutionRollups = pgTable(
  'analytics_execution_rollups',
  {
    workspaceId: text('workspace_id').notNull(),
    hour: timestamp('hour', tz).notNull(),
    workflowId: text('workflow_id').notNull(),
    total: integer('total').notNull(),
    succeeded: integer('succeeded').notNull(),
    failed: integer('failed').notNull(),
    cancelled: integer('cancelled').notNull(),
    costUsd: doublePrecision('cost_usd').notNull(),
    /**
     * The ended executions' durations as a histogram of fixed log-scale bins (analytics-sql.ts): bins ascending,
     * and how many durations fell in each (parallel arrays).
     */
    durationBins: integer('duration_bins').array().notNull(),
    durationCounts: integer('duration_counts').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.hour, t.workflowId] })],
);

/** One row (id 1): executions completed at or before `folded_until` are in the rollups. */
export const analyticsState = pgTable('analytics_state', {
  id: integer('id').primaryKey(),
  foldedUntil: timestamp('folded_until', tz).notNull(),
});

// ---------------------------------------------------------------------------------------------------------------
// Templates (the brief's agent_templates, scoped to a workspace unless public)

export const agentTemplates = pgTable(
  'agent_templates',
  {
    id: text('id').primaryKey().default(uuidDefault),
    workspaceId: text('workspace_id').references(() => workspaces.id),
    name: varchar('name', { length: 255 }).notNull(),
    description: text('description'),
    category: varchar('category', { length: 100 }),
    iconUrl: text('icon_url'),
    configSchema: jsonb('config_schema').notNull(),
    defaultConfig: jsonb('default_config'),
    isPublic: boolean('is_public').notNull().default(false),
    createdBy: text('created_by').references(() => users.id),
    downloads: integer('downloads').notNull().default(0),
    rating: numeric('rating', { precision: 3, scale: 2 }),
    /** Issue 16: `workflow` (definition in default_config.workflow) or `agent` (one node). */
    kind: varchar('kind', { length: 20 }).notNull().default('agent'),
    tags: jsonb('tags').notNull().default([]),
    icon: varchar('icon', { length: 64 }),
    author: varchar('author', { length: 100 }),
    /** Requirements `{key, type, description?, optional}[]`: never values. */
    credentials: jsonb('credentials').notNull().default([]),
    /** Scripted-provider script and its sample input (run offline). */
    script: jsonb('script'),
    sampleInput: jsonb('sample_input'),
    nodeType: varchar('node_type', { length: 64 }),
    version: integer('version').notNull().default(1),
    ratingCount: integer('rating_count').notNull().default(0),
    /** Ships with AgentFlow (the gallery); refreshed on start. */
    builtin: boolean('builtin').notNull().default(false),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [
    index('idx_templates_category').on(t.category),
    index('idx_templates_public').on(t.isPublic),
    index('idx_templates_workspace').on(t.workspaceId),
    index('idx_templates_downloads').on(t.downloads),
    index('idx_templates_created').on(t.createdAt),
  ],
);

/** Each published version of a template (issue 16): the snapshot it was. */
export const templateVersions = pgTable(
  'template_versions',
  {
    templateId: text('template_id')
      .notNull()
      .references(() => agentTemplates.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    changelog: text('changelog'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.version] })],
);

/** One rating per user per template (issue 16). */
export const templateRatings = pgTable(
  'template_ratings',
  {
    templateId: text('template_id')
      .notNull()
      .references(() => agentTemplates.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    stars: integer('stars').notNull(),
    review: text('review'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.templateId, t.userId] }),
    index('idx_template_ratings_updated').on(t.templateId, t.updatedAt),
  ],
);

export const agentLogs = pgTable(
  'agent_logs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    executionId: text('execution_id').notNull(),
    stepId: text('step_id'),
    /** The node (agent id) that logged the line; null for lines appended without one. */
    agentId: text('agent_id'),
    /** The step attempt (1 on the first) that logged the line. */
    attempt: integer('attempt'),
    level: varchar('level', { length: 10 }).notNull(),
    message: text('message').notNull(),
    data: jsonb('data'),
    at: timestamp('at', tz).notNull(),
  },
  (t) => [
    index('idx_logs_execution').on(t.executionId, t.id),
    check('agent_logs_level_check', sql`${t.level} in ('debug', 'info', 'warn', 'error')`),
  ],
);

// ---------------------------------------------------------------------------------------------------------------
// Security: audit trail, encrypted credentials, API keys

/** Append-only record of who did what. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: text('workspace_id'),
    /** User id or API key id. */
    actorId: text('actor_id'),
    actorType: varchar('actor_type', { length: 20 }),
    action: varchar('action', { length: 100 }).notNull(),
    targetType: varchar('target_type', { length: 50 }),
    targetId: text('target_id'),
    details: jsonb('details'),
    ip: text('ip'),
    /** The client's User-Agent header (at most 512 characters), when the action came from a request. */
    userAgent: text('user_agent'),
    at: timestamp('at', tz).notNull().defaultNow(),
  },
  (t) => [
    index('idx_audit_workspace').on(t.workspaceId, t.at.desc()),
    index('idx_audit_target').on(t.targetType, t.targetId),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** Provider keys and tool credentials, AES-256-GCM encrypted under a key kept outside the database. */
export const credentials = pgTable(
  'credentials',
  {
    id: text('id').primaryKey().default(uuidDefault),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 255 }).notNull(),
    /** What the secret is for: `openai`, `slack`, `http-header`, ... */
    type: varchar('type', { length: 100 }).notNull(),
    ciphertext: bytea('ciphertext').notNull(),
    iv: bytea('iv').notNull(),
    authTag: bytea('auth_tag').notNull(),
    /** Which encryption key sealed it (for rotation). */
    keyId: text('key_id').notNull(),
    /**
     * Provider keys: the base URLs (origin + path) the key may be sent to. Null: the provider's configured endpoint
     * only (what every credential stored before this column is bound to).
     */
    baseUrls: jsonb('base_urls').$type<string[]>(),
    createdBy: text('created_by').references(() => users.id),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('idx_credentials_workspace_name').on(t.workspaceId, t.name)],
);

/** Bearer API keys: only a hash is stored; the key is shown once. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey().default(uuidDefault),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 255 }).notNull(),
    /** First characters of the key, for display (`af_k3x9...`). */
    prefix: varchar('prefix', { length: 32 }).notNull(),
    keyHash: text('key_hash').notNull(),
    scopes: jsonb('scopes'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', tz),
    expiresAt: timestamp('expires_at', tz),
    revokedAt: timestamp('revoked_at', tz),
  },
  (t) => [uniqueIndex('idx_api_keys_hash').on(t.keyHash), index('idx_api_keys_user').on(t.userId)],
);
