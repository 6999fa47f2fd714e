/**
 * GraphQL for the templates marketplace (issue 16 item 2): the same runtime service (`runtime.templates`), the
 * same permissions and the same errors (codes and issue paths) as the REST routes (routes/templates.ts). Merged
 * into the schema and resolvers by plugin.ts; the permissions are part of FIELD_PERMISSIONS (resolvers.ts).
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

export const templateTypeDefs = /* GraphQL */ `
  "workflow: a whole workflow; agent: one configured node"
  enum TemplateKind {
    workflow
    agent
  }

  "workspace: the publisher's workspace only; public: every workspace (published by an instance admin)"
  enum TemplateVisibility {
    workspace
    public
  }

  "popular: most installs first; rating: best average first (unrated last); new: newest first; name: A-Z"
  enum TemplateSort {
    popular
    rating
    new
    name
  }

  "Where a cursor connection stands: pass endCursor as 'after' for the next page."
  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }

  "A credential the installed workflow needs (never a value)."
  type TemplateCredential {
    key: String!
    "The workspace credential type it must be (openai, postgres, slack...)"
    type: String!
    description: String
    "The workflow also runs without it"
    optional: Boolean!
  }

  type TemplateVersion {
    version: Int!
    changelog: String
    createdAt: Float!
  }

  "A rating as everyone sees it (no user id; mine marks the caller's)."
  type TemplateReview {
    stars: Int!
    review: String
    mine: Boolean!
    createdAt: Float!
    updatedAt: Float!
  }

  type TemplateReviewConnection {
    nodes: [TemplateReview!]!
    pageInfo: PageInfo!
  }

  type TemplateRatingSummary {
    "Average stars (2 decimals); null while unrated"
    rating: Float
    ratingCount: Int!
    "The caller's stars, if they rated it"
    myRating: Int
  }

  type TemplateCategory {
    category: String!
    count: Int!
  }

  type Template {
    id: ID!
    kind: TemplateKind!
    name: String!
    description: String
    category: String
    tags: [String!]!
    "An emoji or an icon name"
    icon: String
    iconUrl: String
    author: String
    visibility: TemplateVisibility!
    isPublic: Boolean!
    "Ships with AgentFlow (the gallery)"
    builtin: Boolean!
    version: Int!
    "The publisher's workspace (workspace templates only)"
    workspaceId: ID
    createdBy: ID
    "A workflow template's definition"
    workflow: JSON
    "Agent templates: JSON Schema of the node config"
    configSchema: JSON!
    defaultConfig: JSON
    "Agent templates: the node type"
    nodeType: String
    credentials: [TemplateCredential!]!
    "A scripted-provider script that runs the template offline"
    script: JSON
    sampleInput: JSON
    "Workflows created from this template (one per install)"
    downloads: Int!
    rating: Float
    ratingCount: Int!
    myRating: Int
    ratingSummary: TemplateRatingSummary!
    createdAt: Float!
    updatedAt: Float!
    "Version history, newest first"
    versions: [TemplateVersion!]!
    "Ratings and reviews, newest first"
    reviews(first: Int, after: String): TemplateReviewConnection!
  }

  type TemplateConnection {
    nodes: [Template!]!
    pageInfo: PageInfo!
    items: [Template!]! @deprecated(reason: "Use nodes.")
    nextCursor: String @deprecated(reason: "Use pageInfo.endCursor.")
  }

  type TemplateInstallTarget {
    "model, tool or url"
    kind: String!
    "Where in the workflow definition"
    path: String!
    provider: String
    model: String
    tool: String
    url: String
    host: String
  }

  type TemplateInstallCredential {
    key: String!
    type: String!
    description: String
    optional: Boolean!
    "The caller's credentials of that type (names)"
    candidates: [String!]!
    "The credential the install would use"
    mapped: String
  }

  "What installing would reach outside AgentFlow and which credentials it would use."
  type TemplateInstallPreview {
    "Send it as confirm to installTemplate"
    digest: String!
    targets: [TemplateInstallTarget!]!
    credentials: [TemplateInstallCredential!]!
  }

  input TemplateCredentialInput {
    key: String!
    type: String!
    description: String
    optional: Boolean
  }

  "What a publisher writes (REST POST /templates)."
  input TemplatePublishInput {
    name: String!
    description: String
    "Default: workflow when workflow is given, else agent"
    kind: TemplateKind
    category: String
    "Lower-case, at most 20"
    tags: [String!]
    icon: String
    iconUrl: String
    author: String
    "A workflow template's definition (its ids are dropped)"
    workflow: JSON
    configSchema: JSON
    defaultConfig: JSON
    nodeType: String
    credentials: [TemplateCredentialInput!]
    script: JSON
    sampleInput: JSON
    "Default: workspace; public needs an instance admin"
    visibility: TemplateVisibility
    "Legacy: true = visibility public"
    isPublic: Boolean
    "What changed in this version"
    changelog: String
  }

  input TemplateInstallInput {
    "Name of the new workflow (default: the template's)"
    name: String
    description: String
    "Agent templates: the node's type"
    nodeType: String
    "Agent templates: merged over the default config"
    config: JSON
    "{requirement key: name of a credential of the caller's workspace}; an unmapped key takes the only credential of its type"
    credentials: JSON
    "The digest of the external targets (templateInstallPreview, or the AF_CONFIRMATION_REQUIRED error's details)"
    confirm: String
  }

  extend type Query {
    "A template the caller sees (their workspace's or a public one); null otherwise"
    template(id: ID!): Template
    "The workspace's templates and the public ones: search (name, description, tags), filters, sort, cursor paging"
    templates(
      search: String
      category: String
      kind: TemplateKind
      visibility: TemplateVisibility
      "One tag, exactly"
      tag: String
      sort: TemplateSort
      "Page size (1-500, default 50)"
      first: Int
      "pageInfo.endCursor of the previous page"
      after: String
      limit: Int @deprecated(reason: "Use first.")
      cursor: String @deprecated(reason: "Use after.")
    ): TemplateConnection!
    "Categories of the templates the caller sees, with how many each"
    templateCategories: [TemplateCategory!]!
    "What installing the template would reach (to confirm) and the credentials it would map"
    templateInstallPreview(id: ID!, input: TemplateInstallInput): TemplateInstallPreview!
  }

  extend type Mutation {
    "Publishes a template in the caller's workspace (public: instance admins)"
    publishTemplate(input: TemplatePublishInput!): Template!
    "Publishes a new version of a template (version + 1)"
    updateTemplate(id: ID!, input: TemplatePublishInput!): Template!
    "Unpublishes (deletes) a template; workflows installed from it stay"
    unpublishTemplate(id: ID!): Boolean!
    "Rates a template 1-5 stars with an optional review (one per user: again replaces it)"
    rateTemplate(id: ID!, stars: Int!, review: String): TemplateRatingSummary!
    "Removes the caller's rating"
    unrateTemplate(id: ID!): TemplateRatingSummary!
    "Creates a workflow from a template in the caller's workspace, mapping the credentials it needs; AF_CONFIRMATION_REQUIRED (extensions.details: digest, targets) until confirm is the digest of its external targets"
    installTemplate(id: ID!, input: TemplateInstallInput): Workflow!
    "Creates a workflow from a template; AF_CONFIRMATION_REQUIRED (extensions.details: digest, targets) until 'confirm' is the digest of its external targets."
    instantiateTemplate(id: ID!, name: String, config: JSON, confirm: String): Workflow!
      @deprecated(reason: "Use installTemplate (credential mapping).")
  }
`;

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
