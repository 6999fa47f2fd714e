/**
 * Agent templates (the brief's `agent_templates`): a reusable node configuration with the JSON Schema of its
 * config and default values. A template belongs to a workspace unless it is public.
 */
import type { Page } from '@agentflow/core';
import { AgentFlowError, httpUrl } from '@agentflow/protocol';
import { and, asc, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db.js';
import { missingReference } from './errors.js';
import { encodeJson, unwrapJson } from './json.js';
import { agentTemplates } from './schema.js';
import { parseOrThrow } from './validation.js';

/** A template as written by users and in export files. */
export const TemplateInput = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, "_" and "-"')
    .optional(),
  name: z.string().min(1).max(255),
  description: z.string().max(10_000).optional(),
  category: z.string().min(1).max(100).optional(),
  /** An http(s) URL (`httpUrl`: other schemes such as `javascript:` are refused). */
  iconUrl: httpUrl.optional(),
  /** JSON Schema of the node config. */
  configSchema: z.record(z.string(), z.unknown()),
  defaultConfig: z.record(z.string(), z.unknown()).optional(),
  isPublic: z.boolean().default(false),
});
export type TemplateInput = z.input<typeof TemplateInput>;

export interface TemplateRecord {
  id: string;
  workspaceId?: string;
  name: string;
  description?: string;
  category?: string;
  iconUrl?: string;
  configSchema: Record<string, unknown>;
  defaultConfig?: Record<string, unknown>;
  isPublic: boolean;
  createdBy?: string;
  downloads: number;
  rating?: number;
  createdAt: number;
  updatedAt: number;
}

export interface TemplateScope {
  /** See this workspace's templates and public ones; without it, every template. */
  workspaceId?: string;
}

export interface ListTemplatesQuery extends TemplateScope {
  category?: string;
  /** Only public templates. */
  publicOnly?: boolean;
  /** Max items. (Default: 50, max 500) */
  limit?: number;
  cursor?: string;
}

export interface TemplateRepository {
  /** Validates (AF_VALIDATION) and stores a template; AF_DUPLICATE_ID if its id is taken. */
  createTemplate(
    input: TemplateInput,
    options?: TemplateScope & { createdBy?: string },
  ): Promise<TemplateRecord>;
  getTemplate(id: string, scope?: TemplateScope): Promise<TemplateRecord | undefined>;
  /** By name, then id. */
  listTemplates(query?: ListTemplatesQuery): Promise<Page<TemplateRecord>>;
  /**
   * Counts one install (`downloads + 1` in one UPDATE, so concurrent installs all count); the new count, or
   * undefined when the template is not visible in the scope.
   */
  countTemplateInstall(id: string, scope?: TemplateScope): Promise<number | undefined>;
}

type TemplateRow = typeof agentTemplates.$inferSelect;

export function visibleIn(scope?: TemplateScope): SQL | undefined {
  if (scope?.workspaceId === undefined) return undefined;
  return or(eq(agentTemplates.workspaceId, scope.workspaceId), eq(agentTemplates.isPublic, true));
}

export function createTemplateRepository(db: Db): TemplateRepository {
  return {
    async createTemplate(input, options = {}) {
      const t = parseOrThrow(TemplateInput, input, 'template');
      const [row] = await db
        .insert(agentTemplates)
        .values(templateValues(t, options.workspaceId, options.createdBy))
        .onConflictDoNothing({ target: agentTemplates.id })
        .returning()
        .catch((error: unknown) => {
          throw missingReference(error, options.workspaceId, options.createdBy);
        });
      if (!row) throw new AgentFlowError('AF_DUPLICATE_ID', `template ${t.id} already exists`);
      return toTemplate(row);
    },

    async getTemplate(id, scope) {
      const [row] = await db
        .select()
        .from(agentTemplates)
        .where(and(eq(agentTemplates.id, id), visibleIn(scope)));
      return row ? toTemplate(row) : undefined;
    },

    async listTemplates(query = {}) {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      const where: (SQL | undefined)[] = [visibleIn(query)];
      if (query.category !== undefined) where.push(eq(agentTemplates.category, query.category));
      if (query.publicOnly) where.push(eq(agentTemplates.isPublic, true));
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        if (!after) return { items: [] };
        where.push(
          or(
            gt(agentTemplates.name, after.name),
            and(eq(agentTemplates.name, after.name), gt(agentTemplates.id, after.id)),
          ),
        );
      }
      const found = await db
        .select()
        .from(agentTemplates)
        .where(and(...where))
        .orderBy(asc(agentTemplates.name), asc(agentTemplates.id))
        .limit(limit + 1);
      const items = found.slice(0, limit).map(toTemplate);
      const page: Page<TemplateRecord> = { items };
      const last = items.at(-1);
      if (found.length > limit && last) page.nextCursor = encodeCursor(last.name, last.id);
      return page;
    },

    async countTemplateInstall(id, scope) {
      const [row] = await db
        .update(agentTemplates)
        .set({ downloads: sql`${agentTemplates.downloads} + 1` })
        .where(and(eq(agentTemplates.id, id), visibleIn(scope)))
        .returning({ downloads: agentTemplates.downloads });
      return row?.downloads;
    },
  };
}

/** Column values of a validated template (shared with import). */
export function templateValues(
  t: z.output<typeof TemplateInput>,
  workspaceId: string | undefined,
  createdBy: string | undefined,
) {
  return {
    ...(t.id === undefined ? {} : { id: t.id }),
    workspaceId: workspaceId ?? null,
    name: t.name,
    description: t.description ?? null,
    category: t.category ?? null,
    iconUrl: t.iconUrl ?? null,
    configSchema: sql`${encodeJson(t.configSchema)}::jsonb`,
    defaultConfig: t.defaultConfig === undefined ? null : sql`${encodeJson(t.defaultConfig)}::jsonb`,
    isPublic: t.isPublic,
    createdBy: createdBy ?? null,
  };
}

export function toTemplate(row: TemplateRow): TemplateRecord {
  const t: TemplateRecord = {
    id: row.id,
    name: row.name,
    configSchema: unwrapJson(row.configSchema) as Record<string, unknown>,
    isPublic: row.isPublic,
    downloads: row.downloads,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
  if (row.workspaceId !== null) t.workspaceId = row.workspaceId;
  if (row.description !== null) t.description = row.description;
  if (row.category !== null) t.category = row.category;
  if (row.iconUrl !== null) t.iconUrl = row.iconUrl;
  const defaults = unwrapJson(row.defaultConfig);
  if (defaults !== undefined) t.defaultConfig = defaults as Record<string, unknown>;
  if (row.createdBy !== null) t.createdBy = row.createdBy;
  if (row.rating !== null) t.rating = Number(row.rating);
  return t;
}

function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { name: string; id: string } | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string')
      return { name: v[0], id: v[1] };
  } catch {
    // not ours
  }
  return undefined;
}
