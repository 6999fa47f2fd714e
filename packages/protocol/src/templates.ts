/**
 * Templates marketplace (issue 16): the shapes shared by the runtime, the REST and GraphQL APIs, the CLI and the
 * web gallery. A template is either a **workflow** template (a whole workflow in `workflow`) or an **agent**
 * template (one configured node: `configSchema` + `defaultConfig`). Visibility is `workspace` (the publisher's
 * workspace only) or `public` (every workspace; needs an instance admin).
 */
import { z } from 'zod';
import { httpUrl } from './url.js';

export const TEMPLATE_KINDS = ['workflow', 'agent'] as const;
export const TemplateKind = z.enum(TEMPLATE_KINDS);
export type TemplateKind = z.infer<typeof TemplateKind>;

export const TemplateVisibility = z.enum(['workspace', 'public']);
export type TemplateVisibility = z.infer<typeof TemplateVisibility>;

/** `popular`: most installs first; `rating`: best average first (unrated last); `new`: newest first; `name`: A-Z. */
export const TEMPLATE_SORTS = ['popular', 'rating', 'new', 'name'] as const;
export const TemplateSort = z.enum(TEMPLATE_SORTS);
export type TemplateSort = z.infer<typeof TemplateSort>;

const Tag = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9 _.+-]*$/, 'must be lower-case letters, digits, " ", "_", ".", "+" or "-"');

/**
 * A credential the installed workflow needs (never a value): `key` names it within the template, `type` is the
 * workspace credential type it must be (a provider such as `openai`, or a tool type such as `postgres`, `slack`).
 */
export const TemplateCredentialRequirement = z.strictObject({
  key: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, "_" and "-"'),
  type: z.string().min(1).max(64),
  description: z.string().max(1000).optional(),
  /** The workflow also runs without it (e.g. with the scripted provider). (Default: false) */
  optional: z.boolean().default(false),
});
export type TemplateCredentialRequirement = z.infer<typeof TemplateCredentialRequirement>;

/**
 * What a publisher writes (POST /templates; PUT /templates/:id publishes a new version of it). A workflow
 * template gives `workflow`; an agent template gives `configSchema` (+ `defaultConfig`, `nodeType`).
 */
export const TemplatePublishInput = z.object({
  name: z.string().min(1).max(255),
  description: z.string().max(10_000).optional(),
  /** (Default: `workflow` when `workflow` is given, else `agent`) */
  kind: TemplateKind.optional(),
  category: z.string().min(1).max(100).optional(),
  tags: z.array(Tag).max(20).optional(),
  /** An emoji or short name of an icon (e.g. `🔎`, `search`). */
  icon: z.string().min(1).max(64).optional(),
  iconUrl: httpUrl.optional(),
  /** Shown as the author (free text; never a user id). */
  author: z.string().min(1).max(100).optional(),
  /** A workflow template's definition (`id`, `workspaceId`, `version`, `createdBy` are dropped). */
  workflow: z.record(z.string(), z.unknown()).optional(),
  /** Agent templates: JSON Schema of the node config. */
  configSchema: z.record(z.string(), z.unknown()).optional(),
  /** Agent templates: default node config. */
  defaultConfig: z.record(z.string(), z.unknown()).optional(),
  /** Agent templates: the node type. (Default: `agent`) */
  nodeType: z.string().min(1).max(64).optional(),
  credentials: z.array(TemplateCredentialRequirement).max(20).optional(),
  /** A scripted-provider script (`agentflow run --script`) that runs the template offline. */
  script: z.record(z.string(), z.unknown()).optional(),
  /** An example input for the script. */
  sampleInput: z.unknown().optional(),
  /** (Default: `workspace`) */
  visibility: TemplateVisibility.optional(),
  /** Legacy flag: `true` = `visibility: public`. */
  isPublic: z.boolean().optional(),
  /** What changed in this version. */
  changelog: z.string().max(2000).optional(),
});
export type TemplatePublishInput = z.input<typeof TemplatePublishInput>;

/** One user's rating: 1-5 stars and an optional review; rating again replaces it. */
export const TemplateRatingInput = z.strictObject({
  stars: z.number().int().min(1).max(5),
  review: z.string().max(5000).optional(),
});
export type TemplateRatingInput = z.infer<typeof TemplateRatingInput>;

/** GET /templates query. */
export const TemplateListQuery = z.object({
  /** Case-insensitive search in name, description and tags. */
  q: z.string().min(1).max(200).optional(),
  category: z.string().min(1).max(100).optional(),
  kind: TemplateKind.optional(),
  visibility: TemplateVisibility.optional(),
  /** One tag, exactly. */
  tag: z.string().min(1).max(40).optional(),
  /** (Default: `name`) */
  sort: TemplateSort.optional(),
});
export type TemplateListQuery = z.infer<typeof TemplateListQuery>;

/** Workspace credential names mapped to a template's requirement keys, at install. */
export const TemplateCredentialMapping = z.record(z.string().min(1).max(64), z.string().min(1).max(255));
export type TemplateCredentialMapping = z.infer<typeof TemplateCredentialMapping>;
