/**
 * Templates (the brief's `agent_templates`, issue 16's marketplace): a workflow template (a whole definition in
 * `defaultConfig.workflow`) or an agent template (one node: the JSON Schema of its config and default values),
 * with tags, credential requirements (never values), a scripted-provider script, versions and ratings. A template
 * belongs to a workspace unless it is public.
 */
import type { Page } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import { and, asc, desc, eq, gt, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { missingReference } from './errors.js';
import { encodeJson, unwrapJson } from './json.js';
import { agentTemplates, templateRatings, templateVersions } from './schema.js';
import {
  afterCursor,
  CREATED_MS,
  decodeCursor,
  encodeCursor,
  likePattern,
  RATING_KEY,
} from './template-cursor.js';
import {
  snapshotOf,
  TemplateInput,
  type TemplateRatingSummary,
  type TemplateRecord,
  type TemplateRepository,
  type TemplateReviewRecord,
  type TemplateVersionRecord,
  templateValues,
  toTemplate,
  visibleIn,
} from './template-records.js';
import { parseOrThrow } from './validation.js';

export {
  type ListTemplatesQuery,
  TemplateInput,
  type TemplateRatingSummary,
  type TemplateRecord,
  type TemplateRepository,
  type TemplateReviewRecord,
  type TemplateScope,
  type TemplateSortOrder,
  type TemplateVersionRecord,
  templateValues,
  toTemplate,
  visibleIn,
} from './template-records.js';

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
