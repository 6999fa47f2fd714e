/**
 * Templates (the brief's agent_templates): each template scoped to a workspace unless public, its published
 * versions, and one rating per user.
 */
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { tz, uuidDefault } from './schema-columns.js';
import { users, workspaces } from './schema-workspaces.js';

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
