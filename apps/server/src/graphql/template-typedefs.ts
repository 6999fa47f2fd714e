/**
 * The GraphQL types of the templates marketplace (issue 16 item 2); their resolvers are in templates.ts, their
 * permissions in template-permissions.ts.
 */
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
