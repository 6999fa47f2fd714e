/**
 * Templates (the brief's `agent_templates`, issue 16's marketplace): a workflow template (a whole definition in
 * `defaultConfig.workflow`) or an agent template (one node: the JSON Schema of its config and default values),
 * with tags, credential requirements (never values), a scripted-provider script, versions and ratings. A template
 * belongs to a workspace unless it is public.
 */
import type { Page } from '@agentflow/core';
import { AgentFlowError, httpUrl, TemplateCredentialRequirement } from '@agentflow/protocol';
import { and, asc, desc, eq, gt, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db.js';
import { missingReference } from './errors.js';
import { encodeJson, unwrapJson } from './json.js';
import { agentTemplates, templateRatings, templateVersions } from './schema.js';
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
  /** (Default: `workflow` when `defaultConfig.workflow` is an object, else `agent`) */
  kind: z.enum(['workflow', 'agent']).optional(),
  tags: z.array(z.string().min(1).max(40)).max(20).optional(),
  icon: z.string().min(1).max(64).optional(),
  author: z.string().min(1).max(100).optional(),
  credentials: z.array(TemplateCredentialRequirement).max(20).optional(),
  script: z.record(z.string(), z.unknown()).optional(),
  sampleInput: z.unknown().optional(),
  nodeType: z.string().min(1).max(64).optional(),
});
export type TemplateInput = z.input<typeof TemplateInput>;

export interface TemplateRecord {
  id: string;
  kind: 'workflow' | 'agent';
  workspaceId?: string;
  name: string;
  description?: string;
  category?: string;
  tags: string[];
  icon?: string;
  iconUrl?: string;
  author?: string;
  configSchema: Record<string, unknown>;
  defaultConfig?: Record<string, unknown>;
  nodeType?: string;
  credentials: TemplateCredentialRequirement[];
  script?: Record<string, unknown>;
  sampleInput?: unknown;
  isPublic: boolean;
  builtin: boolean;
  version: number;
  createdBy?: string;
  downloads: number;
  rating?: number;
  ratingCount: number;
  /** The asking user's own stars (when the query named a user). */
  myRating?: number;
  createdAt: number;
  updatedAt: number;
}

export interface TemplateScope {
  /** See this workspace's templates and public ones; without it, every template. */
  workspaceId?: string;
  /** Fills `myRating`. */
  userId?: string;
}

export type TemplateSortOrder = 'popular' | 'rating' | 'new' | 'name';

export interface ListTemplatesQuery extends TemplateScope {
  /** Case-insensitive substring of the name, description or a tag. */
  q?: string;
  category?: string;
  kind?: 'workflow' | 'agent';
  /** `public`: public ones only; `workspace`: the workspace's own, not public. */
  visibility?: 'workspace' | 'public';
  tag?: string;
  /** Only public templates (legacy `public=true`). */
  publicOnly?: boolean;
  /** (Default: `name`) */
  sort?: TemplateSortOrder;
  /** Max items. (Default: 50, max 500) */
  limit?: number;
  cursor?: string;
}

export interface TemplateVersionRecord {
  version: number;
  changelog?: string;
  snapshot: Record<string, unknown>;
  createdAt: number;
}

export interface TemplateReviewRecord {
  userId: string;
  stars: number;
  review?: string;
  createdAt: number;
  updatedAt: number;
}

export interface TemplateRatingSummary {
  rating?: number;
  ratingCount: number;
  myRating?: number;
}

export interface TemplateRepository {
  /** Validates (AF_VALIDATION) and stores a template (version 1); AF_DUPLICATE_ID if its id is taken. */
  createTemplate(
    input: TemplateInput,
    options?: TemplateScope & { createdBy?: string; changelog?: string; builtin?: boolean },
  ): Promise<TemplateRecord>;
  getTemplate(id: string, scope?: TemplateScope): Promise<TemplateRecord | undefined>;
  /** Filtered, searched, sorted (default: by name), cursor-paged. */
  listTemplates(query?: ListTemplatesQuery): Promise<Page<TemplateRecord>>;
  /**
   * Replaces a template's content with a new version (version + 1, its snapshot kept); undefined when there is
   * no such template. Downloads and ratings stay.
   */
  updateTemplate(
    id: string,
    input: TemplateInput,
    options?: { createdBy?: string; changelog?: string },
  ): Promise<TemplateRecord | undefined>;
  /** Deletes a template, its versions and ratings; false when there was none. */
  deleteTemplate(id: string): Promise<boolean>;
  listTemplateVersions(id: string): Promise<TemplateVersionRecord[]>;
  /** One rating per user: inserts or replaces it, then recomputes the average and count. */
  rateTemplate(
    id: string,
    userId: string,
    rating: { stars: number; review?: string },
  ): Promise<TemplateRatingSummary>;
  unrateTemplate(id: string, userId: string): Promise<TemplateRatingSummary>;
  /** Newest first. */
  listTemplateRatings(
    id: string,
    query?: { limit?: number; cursor?: string },
  ): Promise<Page<TemplateReviewRecord>>;
  /** Categories visible in the scope, with counts, by name. */
  templateCategories(scope?: TemplateScope): Promise<{ category: string; count: number }[]>;
  /**
   * A built-in (gallery) template, public and without workspace: inserted, or replaced when `version` is newer
   * than the stored one (downloads and ratings stay). Returns whether it was written.
   */
  upsertBuiltinTemplate(input: TemplateInput & { id: string }, version: number): Promise<boolean>;
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

const RATING_KEY = sql`coalesce(${agentTemplates.rating}, 0)`;
const CREATED_MS = sql`date_trunc('milliseconds', ${agentTemplates.createdAt})`;

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function createTemplateRepository(db: Db): TemplateRepository {
  async function myRatings(ids: string[], userId: string | undefined): Promise<Map<string, number>> {
    if (userId === undefined || ids.length === 0) return new Map();
    const rows = await db
      .select({ id: templateRatings.templateId, stars: templateRatings.stars })
      .from(templateRatings)
      .where(and(eq(templateRatings.userId, userId), inArray(templateRatings.templateId, ids)));
    return new Map(rows.map((r) => [r.id, r.stars]));
  }
  async function summary(id: string, userId: string): Promise<TemplateRatingSummary> {
    const [row] = await db
      .select({ rating: agentTemplates.rating, ratingCount: agentTemplates.ratingCount })
      .from(agentTemplates)
      .where(eq(agentTemplates.id, id));
    const mine = (await myRatings([id], userId)).get(id);
    const out: TemplateRatingSummary = { ratingCount: row?.ratingCount ?? 0 };
    if (row?.rating != null) out.rating = Number(row.rating);
    if (mine !== undefined) out.myRating = mine;
    return out;
  }
  async function recompute(id: string) {
    await db
      .update(agentTemplates)
      .set({
        rating: sql`(select round(avg(${templateRatings.stars}), 2) from ${templateRatings} where ${templateRatings.templateId} = ${id})`,
        ratingCount: sql`(select count(*)::int from ${templateRatings} where ${templateRatings.templateId} = ${id})`,
      })
      .where(eq(agentTemplates.id, id));
  }
  return {
    async createTemplate(input, options = {}) {
      const t = parseOrThrow(TemplateInput, input, 'template');
      const [row] = await db
        .insert(agentTemplates)
        .values({
          ...templateValues(t, options.workspaceId, options.createdBy),
          ...(options.builtin ? { builtin: true } : {}),
        })
        .onConflictDoNothing({ target: agentTemplates.id })
        .returning()
        .catch((error: unknown) => {
          throw missingReference(error, options.workspaceId, options.createdBy);
        });
      if (!row) throw new AgentFlowError('AF_DUPLICATE_ID', `template ${t.id} already exists`);
      await db.insert(templateVersions).values({
        templateId: row.id,
        version: 1,
        snapshot: sql`${encodeJson(snapshotOf(t))}::jsonb`,
        changelog: options.changelog ?? null,
        createdBy: options.createdBy ?? null,
      });
      return toTemplate(row);
    },

    async getTemplate(id, scope) {
      const [row] = await db
        .select()
        .from(agentTemplates)
        .where(and(eq(agentTemplates.id, id), visibleIn(scope)));
      if (!row) return undefined;
      const t = toTemplate(row);
      const mine = (await myRatings([id], scope?.userId)).get(id);
      if (mine !== undefined) t.myRating = mine;
      return t;
    },

    async listTemplates(query = {}) {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      const sort = query.sort ?? 'name';
      const where: (SQL | undefined)[] = [visibleIn(query)];
      if (query.category !== undefined) where.push(eq(agentTemplates.category, query.category));
      if (query.kind !== undefined) where.push(eq(agentTemplates.kind, query.kind));
      if (query.publicOnly || query.visibility === 'public') where.push(eq(agentTemplates.isPublic, true));
      if (query.visibility === 'workspace') where.push(eq(agentTemplates.isPublic, false));
      if (query.tag !== undefined)
        where.push(sql`${agentTemplates.tags} @> ${JSON.stringify([query.tag])}::jsonb`);
      if (query.q !== undefined) {
        const p = likePattern(query.q);
        where.push(
          or(
            ilike(agentTemplates.name, p),
            ilike(sql`coalesce(${agentTemplates.description}, '')`, p),
            ilike(sql`${agentTemplates.tags}::text`, p),
          ),
        );
      }
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor, sort);
        if (!after) return { items: [] };
        where.push(afterCursor(sort, after));
      }
      const order =
        sort === 'popular'
          ? [desc(agentTemplates.downloads), asc(agentTemplates.id)]
          : sort === 'rating'
            ? [desc(RATING_KEY), asc(agentTemplates.id)]
            : sort === 'new'
              ? [desc(CREATED_MS), asc(agentTemplates.id)]
              : [asc(agentTemplates.name), asc(agentTemplates.id)];
      const found = await db
        .select()
        .from(agentTemplates)
        .where(and(...where))
        .orderBy(...order)
        .limit(limit + 1);
      const rows = found.slice(0, limit);
      const items = rows.map(toTemplate);
      const mine = await myRatings(
        items.map((t) => t.id),
        query.userId,
      );
      for (const t of items) {
        const stars = mine.get(t.id);
        if (stars !== undefined) t.myRating = stars;
      }
      const page: Page<TemplateRecord> = { items };
      const last = rows.at(-1);
      if (found.length > limit && last) page.nextCursor = encodeCursor(sort, last);
      return page;
    },

    async updateTemplate(id, input, options = {}) {
      const t = parseOrThrow(TemplateInput, input, 'template');
      const values = templateValues({ ...t, id: undefined }, undefined, undefined);
      const { workspaceId: _ws, createdBy: _by, ...content } = values;
      const [row] = await db
        .update(agentTemplates)
        .set({
          ...content,
          version: sql`${agentTemplates.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(eq(agentTemplates.id, id))
        .returning();
      if (!row) return undefined;
      await db
        .insert(templateVersions)
        .values({
          templateId: id,
          version: row.version,
          snapshot: sql`${encodeJson(snapshotOf(t))}::jsonb`,
          changelog: options.changelog ?? null,
          createdBy: options.createdBy ?? null,
        })
        .onConflictDoNothing();
      return toTemplate(row);
    },

    async deleteTemplate(id) {
      const rows = await db
        .delete(agentTemplates)
        .where(eq(agentTemplates.id, id))
        .returning({ id: agentTemplates.id });
      return rows.length > 0;
    },

    async listTemplateVersions(id) {
      const rows = await db
        .select()
        .from(templateVersions)
        .where(eq(templateVersions.templateId, id))
        .orderBy(desc(templateVersions.version));
      return rows.map((r) => {
        const v: TemplateVersionRecord = {
          version: r.version,
          snapshot: unwrapJson(r.snapshot) as Record<string, unknown>,
          createdAt: r.createdAt.getTime(),
        };
        if (r.changelog !== null) v.changelog = r.changelog;
        return v;
      });
    },

    async rateTemplate(id, userId, rating) {
      await db
        .insert(templateRatings)
        .values({ templateId: id, userId, stars: rating.stars, review: rating.review ?? null })
        .onConflictDoUpdate({
          target: [templateRatings.templateId, templateRatings.userId],
          set: { stars: rating.stars, review: rating.review ?? null, updatedAt: sql`now()` },
        });
      await recompute(id);
      return summary(id, userId);
    },

    async unrateTemplate(id, userId) {
      await db
        .delete(templateRatings)
        .where(and(eq(templateRatings.templateId, id), eq(templateRatings.userId, userId)));
      await recompute(id);
      return summary(id, userId);
    },

    async listTemplateRatings(id, query = {}) {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      const where: (SQL | undefined)[] = [eq(templateRatings.templateId, id)];
      const updated = sql`date_trunc('milliseconds', ${templateRatings.updatedAt})`;
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor, 'new');
        if (!after) return { items: [] };
        const at = sql`(timestamptz 'epoch' + ${Number(after.key)} * interval '1 millisecond')`;
        where.push(or(lt(updated, at), and(eq(updated, at), gt(templateRatings.userId, after.id))));
      }
      const found = await db
        .select()
        .from(templateRatings)
        .where(and(...where))
        .orderBy(desc(updated), asc(templateRatings.userId))
        .limit(limit + 1);
      const items = found.slice(0, limit).map((r) => {
        const out: TemplateReviewRecord = {
          userId: r.userId,
          stars: r.stars,
          createdAt: r.createdAt.getTime(),
          updatedAt: r.updatedAt.getTime(),
        };
        if (r.review !== null) out.review = r.review;
        return out;
      });
      const page: Page<TemplateReviewRecord> = { items };
      const last = items.at(-1);
      if (found.length > limit && last)
        page.nextCursor = Buffer.from(JSON.stringify(['new', String(last.updatedAt), last.userId])).toString(
          'base64url',
        );
      return page;
    },

    async templateCategories(scope) {
      const rows = await db
        .select({ category: agentTemplates.category, count: sql<number>`count(*)::int` })
        .from(agentTemplates)
        .where(and(visibleIn(scope), sql`${agentTemplates.category} is not null`))
        .groupBy(agentTemplates.category)
        .orderBy(asc(agentTemplates.category));
      return rows.map((r) => ({ category: r.category!, count: Number(r.count) }));
    },

    async upsertBuiltinTemplate(input, version) {
      const t = parseOrThrow(TemplateInput, { ...input, isPublic: true }, 'template');
      const values = { ...templateValues(t, undefined, undefined), builtin: true, version };
      const { id: _id, ...content } = values as typeof values & { id?: string };
      const rows = await db
        .insert(agentTemplates)
        .values(values)
        .onConflictDoUpdate({
          target: agentTemplates.id,
          set: { ...content, updatedAt: sql`now()` },
          setWhere: sql`${agentTemplates.builtin} and ${agentTemplates.version} < ${version}`,
        })
        .returning({ id: agentTemplates.id });
      if (rows.length === 0) return false;
      await db
        .insert(templateVersions)
        .values({ templateId: input.id, version, snapshot: sql`${encodeJson(snapshotOf(t))}::jsonb` })
        .onConflictDoNothing();
      return true;
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

function kindOf(t: z.output<typeof TemplateInput>): 'workflow' | 'agent' {
  if (t.kind !== undefined) return t.kind;
  const w = t.defaultConfig?.workflow;
  return typeof w === 'object' && w !== null && !Array.isArray(w) ? 'workflow' : 'agent';
}

/** What a version keeps: the content, without ids. */
function snapshotOf(t: z.output<typeof TemplateInput>): Record<string, unknown> {
  const { id: _id, ...rest } = t;
  return { ...rest, kind: kindOf(t) };
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
    kind: kindOf(t),
    tags: sql`${JSON.stringify(t.tags ?? [])}::jsonb`,
    icon: t.icon ?? null,
    author: t.author ?? null,
    credentials: sql`${encodeJson(t.credentials ?? [])}::jsonb`,
    script: t.script === undefined ? null : sql`${encodeJson(t.script)}::jsonb`,
    sampleInput: t.sampleInput === undefined ? null : sql`${encodeJson(t.sampleInput)}::jsonb`,
    nodeType: t.nodeType ?? null,
  };
}

export function toTemplate(row: TemplateRow): TemplateRecord {
  const t: TemplateRecord = {
    id: row.id,
    kind: row.kind === 'workflow' ? 'workflow' : 'agent',
    name: row.name,
    tags: (unwrapJson(row.tags) as string[] | undefined) ?? [],
    configSchema: unwrapJson(row.configSchema) as Record<string, unknown>,
    credentials: (unwrapJson(row.credentials) as TemplateCredentialRequirement[] | undefined) ?? [],
    isPublic: row.isPublic,
    builtin: row.builtin,
    version: row.version,
    downloads: row.downloads,
    ratingCount: row.ratingCount,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
  if (row.workspaceId !== null) t.workspaceId = row.workspaceId;
  if (row.description !== null) t.description = row.description;
  if (row.category !== null) t.category = row.category;
  if (row.icon !== null) t.icon = row.icon;
  if (row.iconUrl !== null) t.iconUrl = row.iconUrl;
  if (row.author !== null) t.author = row.author;
  const defaults = unwrapJson(row.defaultConfig);
  if (defaults !== undefined) t.defaultConfig = defaults as Record<string, unknown>;
  if (row.nodeType !== null) t.nodeType = row.nodeType;
  const script = unwrapJson(row.script);
  if (script !== undefined) t.script = script as Record<string, unknown>;
  const sample = unwrapJson(row.sampleInput);
  if (sample !== undefined) t.sampleInput = sample;
  if (row.createdBy !== null) t.createdBy = row.createdBy;
  if (row.rating !== null) t.rating = Number(row.rating);
  return t;
}

interface CursorKey {
  key: string;
  id: string;
}

function encodeCursor(sort: TemplateSortOrder, row: TemplateRow): string {
  const key =
    sort === 'popular'
      ? String(row.downloads)
      : sort === 'rating'
        ? String(row.rating ?? '0')
        : sort === 'new'
          ? String(row.createdAt.getTime())
          : row.name;
  return Buffer.from(JSON.stringify([sort, key, row.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, sort: TemplateSortOrder): CursorKey | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v[0] === sort && typeof v[1] === 'string' && typeof v[2] === 'string') {
      if (sort !== 'name' && !/^\d+(\.\d+)?$/.test(v[1])) return undefined;
      return { key: v[1], id: v[2] };
    }
    // Cursors of the name order from before issue 16: [name, id].
    if (sort === 'name' && Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string')
      return { key: v[0], id: v[1] };
  } catch {
    // not ours
  }
  return undefined;
}

function afterCursor(sort: TemplateSortOrder, after: CursorKey): SQL | undefined {
  const id = agentTemplates.id;
  switch (sort) {
    case 'popular': {
      const n = Number(after.key);
      return or(lt(agentTemplates.downloads, n), and(eq(agentTemplates.downloads, n), gt(id, after.id)));
    }
    case 'rating': {
      const r = sql`${after.key}::numeric`;
      return or(sql`${RATING_KEY} < ${r}`, and(sql`${RATING_KEY} = ${r}`, gt(id, after.id)));
    }
    case 'new': {
      const at = sql`(timestamptz 'epoch' + ${Number(after.key)} * interval '1 millisecond')`;
      return or(sql`${CREATED_MS} < ${at}`, and(sql`${CREATED_MS} = ${at}`, gt(id, after.id)));
    }
    default:
      return or(
        gt(agentTemplates.name, after.key),
        and(eq(agentTemplates.name, after.key), gt(id, after.id)),
      );
  }
}
