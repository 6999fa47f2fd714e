/**
 * GraphQL resolvers of the templates marketplace (issue 16 item 2; the types are in template-typedefs.ts): the
 * same runtime service (`runtime.templates`), the same permissions and the same errors (codes and issue paths) as
 * the REST routes (routes/templates.ts). Merged into the schema and resolvers by plugin.ts; the permissions are
 * part of FIELD_PERMISSIONS (resolvers.ts).
 *
 * Lists are cursor connections (`first`, `after`; `nodes` and `pageInfo`); the cost limit counts `first` like
 * `limit` (cost-limit.ts). Input is checked with the REST schemas, so a bad field has the path REST gives it
 * (`name`, `tags[0]`, `credentials.<key>`); list arguments have the argument's name (`first`, `search`).
 */
import {
  AgentFlowError,
  isAgentFlowError,
  TemplateCredentialMapping,
  TemplateListQuery,
  TemplatePublishInput,
  TemplateRatingInput,
} from '@agentflow/protocol';
import type { Runtime, Scope } from '@agentflow/runtime';
import { z } from 'zod';
import { requirePermission } from '../auth.js';
import type { AuthPort } from '../auth-port.js';
import { joinPath } from '../errors.js';
import { JsonObject, PageQuery } from '../schemas.js';
import type { GraphQLContext } from './resolvers.js';
import { TEMPLATE_FIELD_PERMISSIONS } from './template-permissions.js';

type Field = keyof typeof TEMPLATE_FIELD_PERMISSIONS;
type Args = Record<string, unknown>;

/** The REST body of POST/PUT /templates (routes/templates.ts). */
const PublishInput = TemplatePublishInput.extend({
  configSchema: JsonObject.optional(),
  isPublic: z.boolean().optional(),
});

/** The REST body of POST /templates/:id/install and install-preview. */
const InstallInput = z.object({
  name: z.string().min(1).max(200).optional(),
  description: z.string().max(10_000).optional(),
  nodeType: z.string().min(1).max(64).optional(),
  config: JsonObject.optional(),
  credentials: TemplateCredentialMapping.optional(),
  confirm: z.string().max(128).optional(),
});

const ListArgs = TemplateListQuery.extend({
  first: PageQuery.shape.limit,
  after: PageQuery.shape.cursor,
  limit: PageQuery.shape.limit,
  cursor: PageQuery.shape.cursor,
});

/** List argument names as the caller wrote them (REST's `q` is `search` here). */
const ARG_NAMES: Record<string, string> = { q: 'search' };

// biome-ignore lint/suspicious/noExplicitAny: GraphQL resolvers of any parent type
type Resolver = (parent: any, args: Args, ctx: GraphQLContext) => unknown;
export interface TemplateResolvers {
  Query: Record<string, Resolver>;
  Mutation: Record<string, Resolver>;
  Template: Record<string, Resolver>;
}

export function createTemplateResolvers(runtime: Runtime, auth: AuthPort): TemplateResolvers {
  const { templates } = runtime;
  async function scope(field: Field, ctx: GraphQLContext): Promise<Scope> {
    const principal = await requirePermission(auth, ctx.principal, TEMPLATE_FIELD_PERMISSIONS[field]).catch(
      async (error: unknown) => {
        await ctx.refused?.(error, field);
        throw error;
      },
    );
    return { workspaceId: principal.workspaceId, userId: principal.userId };
  }

  return {
    Query: {
      template: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const s = await scope('Query.template', ctx);
        try {
          return await templates.get(String(args.id), s);
        } catch (error) {
          if (isAgentFlowError(error) && error.code === 'AF_NOT_FOUND') return null;
          throw error;
        }
      },
      templates: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const s = await scope('Query.templates', ctx);
        const parsed = parse(ListArgs, withoutNulls(renameKeys(args, { search: 'q' })), '', ARG_NAMES);
        const { first, after, limit, cursor, ...filters } = parsed;
        const size = first ?? limit;
        const from = after ?? cursor;
        const page = await templates.list(s, {
          ...filters,
          ...(size === undefined ? {} : { limit: size }),
          ...(from === undefined ? {} : { cursor: from }),
        });
        return connection(page);
      },
      templateCategories: async (_: unknown, _args: Args, ctx: GraphQLContext) =>
        templates.categories(await scope('Query.templateCategories', ctx)),
      templateInstallPreview: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const s = await scope('Query.templateInstallPreview', ctx);
        const { confirm: _c, ...options } = parse(InstallInput, withoutNulls(args.input), '');
        return templates.previewInstall(String(args.id), options, s);
      },
    },
    Template: {
      ratingSummary: (t: { rating?: number; ratingCount?: number; myRating?: number }) => ({
        rating: t.rating ?? null,
        ratingCount: t.ratingCount ?? 0,
        myRating: t.myRating ?? null,
      }),
      versions: async (t: { id: string }, _args: Args, ctx: GraphQLContext) =>
        templates.versions(t.id, await scope('Template.versions', ctx)),
      reviews: async (t: { id: string }, args: Args, ctx: GraphQLContext) => {
        const s = await scope('Template.reviews', ctx);
        const { first, after } = parse(
          z.object({ first: PageQuery.shape.limit, after: PageQuery.shape.cursor }),
          withoutNulls(args),
          '',
        );
        const page = await templates.ratings(
          t.id,
          {
            ...(first === undefined ? {} : { limit: first }),
            ...(after === undefined ? {} : { cursor: after }),
          },
          s,
        );
        return connection(page);
      },
    },
    Mutation: {
      publishTemplate: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const s = await scope('Mutation.publishTemplate', ctx);
        return templates.publish(parse(PublishInput, publishInput(args.input), ''), s);
      },
      updateTemplate: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const s = await scope('Mutation.updateTemplate', ctx);
        return templates.update(String(args.id), parse(PublishInput, publishInput(args.input), ''), s);
      },
      unpublishTemplate: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        await templates.unpublish(String(args.id), await scope('Mutation.unpublishTemplate', ctx));
        return true;
      },
      rateTemplate: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const s = await scope('Mutation.rateTemplate', ctx);
        const rating = parse(
          TemplateRatingInput,
          withoutNulls({ stars: args.stars, review: args.review }),
          '',
        );
        return summary(await templates.rate(String(args.id), rating, s));
      },
      unrateTemplate: async (_: unknown, args: Args, ctx: GraphQLContext) =>
        summary(await templates.unrate(String(args.id), await scope('Mutation.unrateTemplate', ctx))),
      installTemplate: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const s = await scope('Mutation.installTemplate', ctx);
        return templates.instantiate(String(args.id), parse(InstallInput, withoutNulls(args.input), ''), s);
      },
      instantiateTemplate: async (_: unknown, args: Args, ctx: GraphQLContext) => {
        const s = await scope('Mutation.instantiateTemplate', ctx);
        const options = parse(
          InstallInput,
          withoutNulls({ name: args.name, config: args.config, confirm: args.confirm }),
          '',
        );
        return templates.instantiate(String(args.id), options, s);
      },
    },
  };
}

/** A page of the services as a connection (`items` and `nextCursor` kept for older clients). */
function connection<T>(page: { items: T[]; nextCursor?: string }) {
  const endCursor = page.nextCursor ?? null;
  return {
    nodes: page.items,
    items: page.items,
    nextCursor: endCursor,
    pageInfo: { hasNextPage: endCursor !== null, endCursor },
  };
}

function summary(s: { rating?: number; ratingCount: number; myRating?: number }) {
  return { rating: s.rating ?? null, ratingCount: s.ratingCount, myRating: s.myRating ?? null };
}

/** Checks `value` with a REST schema; every problem is AF_VALIDATION at its REST path. */
function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix: string,
  names: Record<string, string> = {},
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => {
    const [head, ...rest] = i.path;
    const path = head === undefined ? [] : [names[String(head)] ?? head, ...rest];
    return { code: 'AF_VALIDATION' as const, path: joinPath(prefix || undefined, path), message: i.message };
  });
  throw new AgentFlowError('AF_VALIDATION', `invalid request: ${issues[0]?.path ?? 'input'}`, { issues });
}

/** A publish input without the nulls GraphQL passes for omitted optional fields (credentials' too). */
function publishInput(input: unknown): Record<string, unknown> {
  const out = withoutNulls(input);
  if (Array.isArray(out.credentials)) out.credentials = out.credentials.map((c) => withoutNulls(c));
  return out;
}

function withoutNulls(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries((value ?? {}) as Record<string, unknown>))
    if (v !== null && v !== undefined) out[key] = v;
  return out;
}

function renameKeys(args: Args, names: Record<string, string>): Args {
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [names[k] ?? k, v]));
}
