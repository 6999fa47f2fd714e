/**
 * The durable record of runs: executions (status, lease, checkpoint), one row per committed step, the messages
 * agents exchange, and the execution log lines. Written on the engine's hot path (step-commit.ts, commit.ts) and
 * read by execution-reads.ts and the operations API.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { tz } from './schema-columns.js';

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
    /**
     * Take-ups after an interruption (`claimOrphan`) since the last step commit, which sets it back to 0: the
     * engine fails an execution taken up too often without progress instead of running it into the same crash.
     */
    recoveries: integer('recoveries').notNull().default(0),
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

/**
 * Values too large to store inline (large-values.ts): a step's input, output or error, a message's payload or an
 * execution's input or output whose JSON exceeds `LARGE_VALUE_CHARS` is written here as plain JSON text in parts
 * (uncompressed: `body` has STORAGE EXTERNAL), each part its own statement, and the column that carried it holds
 * `{"$afLarge": id}`, which the reads' `af_text` / `af_messages` functions (migration 0020) put back. Deleted with
 * their execution by PRUNE.
 */
export const largeValues = pgTable(
  'large_values',
  {
    id: text('id').notNull(),
    part: integer('part').notNull(),
    executionId: text('execution_id').notNull(),
    body: text('body').notNull(),
  },
  (t) => [primaryKey({ columns: [t.id, t.part] }), index('idx_large_values_execution').on(t.executionId)],
);
