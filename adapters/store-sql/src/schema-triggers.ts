/**
 * Tables of the triggers (issue 19, ARCHITECTURE.md §11d): the triggers themselves (webhooks, schedules with their
 * cursor, workflow events, chat), the firing ledger, and the chat conversations with their messages. Part of the
 * schema barrel (schema.ts); the SQL is in `../drizzle/0012_triggers.sql` and `0016_chat.sql`.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { workspaces } from './schema-workspaces.js';

/**
 * Triggers (issue 19): what starts a workflow on its own: a webhook, a cron schedule or another workflow's end.
 * `config` is checked by the runtime (packages/protocol/src/triggers.ts); `secret` is a webhook's sealed HMAC
 * secret or bearer token. `next_run_at` is a schedule's first tick not yet claimed (the claim loop's cursor).
 */
export const workflowTriggers = pgTable(
  'workflow_triggers',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    workflowId: text('workflow_id').notNull(),
    /** `webhook`, `schedule` or `workflow_event`. */
    kind: varchar('kind', { length: 20 }).notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    config: jsonb('config').notNull(),
    secret: text('secret'),
    /** Workflow events: the source workflow (indexed: every ended execution looks its triggers up). */
    sourceWorkflowId: text('source_workflow_id'),
    nextRunAt: timestamp('next_run_at', tz),
    /** Chat triggers: SHA-256 (base64url) of the public embed's share token (`/chat/<token>`), looked up by it. */
    tokenHash: text('token_hash'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [
    index('idx_workflow_triggers_workflow').on(t.workspaceId, t.workflowId),
    index('idx_workflow_triggers_due').on(t.nextRunAt).where(sql`kind = 'schedule' AND enabled`),
    index('idx_workflow_triggers_source')
      .on(t.sourceWorkflowId)
      .where(sql`kind = 'workflow_event' AND enabled`),
    uniqueIndex('idx_workflow_triggers_token').on(t.tokenHash).where(sql`token_hash IS NOT NULL`),
  ],
);

/**
 * One row per execution a trigger started or was to start: the ledger of "what triggered this run", and the
 * outbox of schedule ticks claimed but not started yet (`pending`, leased by `claimed_until`). The execution id
 * is deterministic per tick or source execution, so a firing starts at most one execution.
 */
export const triggerFirings = pgTable(
  'trigger_firings',
  {
    executionId: text('execution_id').primaryKey(),
    triggerId: text('trigger_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    workflowId: text('workflow_id').notNull(),
    kind: varchar('kind', { length: 20 }).notNull(),
    /** `pending`, `started`, `skipped` (overlap) or `refused` (the gate said no). */
    status: varchar('status', { length: 20 }).notNull(),
    /** A schedule's tick. */
    scheduledFor: timestamp('scheduled_for', tz),
    /** A workflow event's source execution. */
    sourceExecutionId: text('source_execution_id'),
    claimedUntil: timestamp('claimed_until', tz),
    error: text('error'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    startedAt: timestamp('started_at', tz),
  },
  (t) => [
    index('idx_trigger_firings_trigger').on(t.triggerId, t.createdAt.desc()),
    index('idx_trigger_firings_pending').on(t.scheduledFor).where(sql`status = 'pending'`),
  ],
);

/**
 * Chat (issue 19 item 3): a conversation with one workflow of one workspace, started in the web app's chat panel
 * (`source` `app`, `created_by` the user) or through a chat trigger's public embed (`embed`, `trigger_id`).
 * `message_count` hands out message seqs (a send reserves two: the user's message and the reply).
 */
export const chatConversations = pgTable(
  'chat_conversations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    workflowId: text('workflow_id').notNull(),
    title: text('title').notNull(),
    /** `app` or `embed`. */
    source: varchar('source', { length: 10 }).notNull(),
    createdBy: text('created_by'),
    triggerId: text('trigger_id'),
    messageCount: integer('message_count').notNull().default(0),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [index('idx_chat_conversations_workflow').on(t.workspaceId, t.workflowId, t.updatedAt.desc())],
);

/**
 * A conversation's messages in `seq` order: the user's (`status` `succeeded` at once) and the assistant's reply
 * (`pending` while its execution runs, then `succeeded` with the reply text or `failed` with the error).
 */
export const chatMessages = pgTable(
  'chat_messages',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => chatConversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    workspaceId: text('workspace_id').notNull(),
    /** `user` or `assistant`. */
    role: varchar('role', { length: 10 }).notNull(),
    content: text('content').notNull(),
    /** `pending`, `succeeded` or `failed`. */
    status: varchar('status', { length: 10 }).notNull(),
    executionId: text('execution_id'),
    error: jsonb('error'),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    completedAt: timestamp('completed_at', tz),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.seq] }),
    index('idx_chat_messages_execution').on(t.executionId),
  ],
);
