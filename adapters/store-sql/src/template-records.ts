/** Template shapes (input, record, repository port) and their mapping to and from rows of `agent_templates`. */
import type { Page } from '@agentflow/core';
import { httpUrl, TemplateCredentialRequirement } from '@agentflow/protocol';
import { eq, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { encodeJson, unwrapJson } from './json.js';
import { agentTemplates } from './schema.js';

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

export type TemplateRow = typeof agentTemplates.$inferSelect;

export function visibleIn(scope?: TemplateScope): SQL | undefined {
  if (scope?.workspaceId === undefined) return undefined;
  return or(eq(agentTemplates.workspaceId, scope.workspaceId), eq(agentTemplates.isPublic, true));
}

export function kindOf(t: z.output<typeof TemplateInput>): 'workflow' | 'agent' {
  if (t.kind !== undefined) return t.kind;
  const w = t.defaultConfig?.workflow;
  return typeof w === 'object' && w !== null && !Array.isArray(w) ? 'workflow' : 'agent';
}

/** What a version keeps: the content, without ids. */
export function snapshotOf(t: z.output<typeof TemplateInput>): Record<string, unknown> {
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
