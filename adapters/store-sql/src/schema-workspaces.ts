/**
 * Who and what a workspace holds: users, workspaces and their members (the brief's data model), and workflows,
 * the current definition plus one immutable row per version that executions pin.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { tz, uuidDefault } from './schema-columns.js';

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
