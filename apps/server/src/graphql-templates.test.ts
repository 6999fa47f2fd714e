/**
 * The templates marketplace over GraphQL (issue 16 item 2): every operation through the real server on PGlite,
 * with the permissions, workspace scoping and errors (codes and paths) of the REST routes.
 */
import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestRuntime,
  createTestServer,
  greetWorkflow,
  json,
  principal,
  WS2,
} from './test-support/fixtures.js';

interface GqlError {
  message: string;
  extensions?: {
    code?: string;
    issues?: { path: string; message: string }[];
    details?: { digest?: string };
  };
}
interface Gql<T> {
  status: number;
  data: T | null;
  errors?: GqlError[];
}

/** WS2's owner is the instance admin (public templates). */
const INSTANCE_ADMIN = principal('owner', WS2);

const TEMPLATE_FIELDS = /* GraphQL */ `
  id kind name description category tags icon author visibility isPublic builtin version workspaceId
  workflow credentials { key type optional description } downloads rating ratingCount myRating
  ratingSummary { rating ratingCount myRating }
`;

const PUBLISH = /* GraphQL */ `
  mutation ($input: TemplatePublishInput!) { publishTemplate(input: $input) { ${TEMPLATE_FIELDS} } }
`;

function researchTemplate(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    description: 'Parallel specialists and a synthesizer',
    category: 'graphql-test',
    tags: ['research', 'parallel'],
    icon: '🔎',
    author: 'The test',
    workflow: greetWorkflow(name),
    credentials: [{ key: 'llm', type: 'openai', description: 'The model key' }],
    ...extra,
  };
}

describe('GraphQL templates marketplace', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  beforeAll(async () => {
    runtime = await createTestRuntime({ env: { AGENTFLOW_INSTANCE_ADMINS: INSTANCE_ADMIN.userId } });
    app = await createTestServer(runtime);
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  async function gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = bearer('admin'),
  ): Promise<Gql<T>> {
    const res = await app.inject({ method: 'POST', url: '/graphql', headers, payload: { query, variables } });
    const body = res.json() as { data: T | null; errors?: GqlError[] };
    return { status: res.statusCode, data: body.data, ...(body.errors ? { errors: body.errors } : {}) };
  }
  const codeOf = (r: Gql<unknown>) => r.errors?.[0]?.extensions?.code;
  const pathsOf = (r: Gql<unknown>) => r.errors?.[0]?.extensions?.issues?.map((i) => i.path);

  async function publish(input: Record<string, unknown>, headers = bearer('admin')) {
    const res = await gql<{ publishTemplate: Record<string, unknown> & { id: string } }>(
      PUBLISH,
      { input },
      headers,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!.publishTemplate;
  }

  it('publishes, reads the detail with versions, ratings and reviews, and publishes a new version', async () => {
    const created = await publish(researchTemplate('GQL research team'));
    expect(created).toMatchObject({
      kind: 'workflow',
      name: 'GQL research team',
      category: 'graphql-test',
      tags: ['research', 'parallel'],
      icon: '🔎',
      visibility: 'workspace',
      isPublic: false,
      builtin: false,
      version: 1,
      workspaceId: 'ws-one',
      credentials: [{ key: 'llm', type: 'openai', optional: false, description: 'The model key' }],
      downloads: 0,
      rating: null,
      ratingCount: 0,
      ratingSummary: { rating: null, ratingCount: 0, myRating: null },
    });
    expect((created.workflow as { agents: unknown[] }).agents).toHaveLength(3);

    const updated = await gql<{ updateTemplate: { version: number; description: string } }>(
      'mutation ($id: ID!, $input: TemplatePublishInput!) { updateTemplate(id: $id, input: $input) { version description } }',
      {
        id: created.id,
        input: researchTemplate('GQL research team', { description: 'Now better', changelog: 'better' }),
      },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateTemplate).toEqual({ version: 2, description: 'Now better' });

    // Two others of the workspace rate it; the publisher may not rate their own.
    const rate = (headers: Record<string, string>, stars: number, review?: string) =>
      gql<{ rateTemplate: { rating: number; ratingCount: number; myRating: number } }>(
        'mutation ($id: ID!, $stars: Int!, $review: String) { rateTemplate(id: $id, stars: $stars, review: $review) { rating ratingCount myRating } }',
        { id: created.id, stars, ...(review ? { review } : {}) },
        headers,
      );
    expect((await rate(bearer('member'), 5, 'Saved me an afternoon')).data?.rateTemplate).toEqual({
      rating: 5,
      ratingCount: 1,
      myRating: 5,
    });
    expect((await rate(bearer('viewer'), 2)).data?.rateTemplate).toEqual({
      rating: 3.5,
      ratingCount: 2,
      myRating: 2,
    });
    // Again replaces the caller's rating.
    expect((await rate(bearer('viewer'), 4)).data?.rateTemplate).toMatchObject({
      rating: 4.5,
      ratingCount: 2,
    });
    const own = await rate(bearer('admin'), 5);
    expect(codeOf(own)).toBe('AF_FORBIDDEN');
    expect(pathsOf(own)).toEqual(['stars']);

    const detail = await gql<{
      template: {
        version: number;
        ratingSummary: { rating: number; ratingCount: number; myRating: number | null };
        versions: { version: number; changelog: string | null }[];
        reviews: {
          nodes: { stars: number; review: string | null; mine: boolean }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
    }>(
      `query ($id: ID!) { template(id: $id) {
        version ratingSummary { rating ratingCount myRating }
        versions { version changelog createdAt }
        reviews(first: 1) { nodes { stars review mine } pageInfo { hasNextPage endCursor } }
      } }`,
      { id: created.id },
      bearer('member'),
    );
    expect(detail.errors).toBeUndefined();
    const t = detail.data!.template;
    expect(t.version).toBe(2);
    expect(t.ratingSummary).toEqual({ rating: 4.5, ratingCount: 2, myRating: 5 });
    expect(t.versions.map((v) => [v.version, v.changelog])).toEqual([
      [2, 'better'],
      [1, null],
    ]);
    // Newest first: the viewer's (re)rating, then the member's on the next page.
    expect(t.reviews.nodes).toEqual([{ stars: 4, review: null, mine: false }]);
    expect(t.reviews.pageInfo.hasNextPage).toBe(true);
    const next = await gql<{
      template: { reviews: { nodes: { stars: number; review: string; mine: boolean }[] } };
    }>(
      'query ($id: ID!, $after: String) { template(id: $id) { reviews(first: 1, after: $after) { nodes { stars review mine } } } }',
      { id: created.id, after: t.reviews.pageInfo.endCursor },
      bearer('member'),
    );
    expect(next.data?.template.reviews.nodes).toEqual([
      { stars: 5, review: 'Saved me an afternoon', mine: true },
    ]);

    const unrated = await gql<{
      unrateTemplate: { rating: number; ratingCount: number; myRating: number | null };
    }>(
      'mutation ($id: ID!) { unrateTemplate(id: $id) { rating ratingCount myRating } }',
      { id: created.id },
      bearer('viewer'),
    );
    expect(unrated.data?.unrateTemplate).toEqual({ rating: 5, ratingCount: 1, myRating: null });
  });

  it('lists with search, filters, sort and cursor paging, like GET /templates', async () => {
    for (const [name, tags] of [
      ['Paging alpha', ['paging']],
      ['Paging beta', ['paging', 'beta']],
      ['Paging gamma', ['paging']],
    ] as const) {
      await publish({ name, category: 'paging-test', tags: [...tags], configSchema: { type: 'object' } });
    }
    const LIST = `query ($search: String, $category: String, $kind: TemplateKind, $visibility: TemplateVisibility, $sort: TemplateSort, $first: Int, $after: String, $tag: String) {
      templates(search: $search, category: $category, kind: $kind, visibility: $visibility, sort: $sort, first: $first, after: $after, tag: $tag) {
        nodes { name kind } pageInfo { hasNextPage endCursor }
      } }`;
    type Page = {
      templates: {
        nodes: { name: string; kind: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const names: string[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await gql<Page>(LIST, { category: 'paging-test', first: 2, ...(after ? { after } : {}) });
      expect(res.errors).toBeUndefined();
      names.push(...res.data!.templates.nodes.map((n) => n.name));
      if (!res.data!.templates.pageInfo.hasNextPage) break;
      after = res.data!.templates.pageInfo.endCursor;
    }
    expect(names).toEqual(['Paging alpha', 'Paging beta', 'Paging gamma']);

    // The same query through REST gives the same templates in the same order.
    const rest = json<{ items: { name: string }[] }>(
      await app.inject({
        method: 'GET',
        url: '/api/v1/templates?category=paging-test&q=BETA',
        headers: bearer('admin'),
      }),
    );
    const searched = await gql<Page>(LIST, { category: 'paging-test', search: 'BETA' });
    expect(searched.data!.templates.nodes.map((n) => n.name)).toEqual(rest.items.map((i) => i.name));
    expect(rest.items.map((i) => i.name)).toEqual(['Paging beta']);

    const byTag = await gql<Page>(LIST, { tag: 'beta' });
    expect(byTag.data!.templates.nodes.map((n) => n.name)).toEqual(['Paging beta']);
    const newest = await gql<Page>(LIST, { category: 'paging-test', sort: 'new', first: 1 });
    expect(newest.data!.templates.nodes.map((n) => n.name)).toEqual(['Paging gamma']);
    const agents = await gql<Page>(LIST, { kind: 'agent', visibility: 'workspace', first: 500 });
    expect(agents.data!.templates.nodes.every((n) => n.kind === 'agent')).toBe(true);
    expect(agents.data!.templates.nodes.map((n) => n.name)).toContain('Paging alpha');
    // The built-in gallery is public.
    const gallery = await gql<Page>(LIST, { visibility: 'public', kind: 'workflow', first: 500 });
    expect(gallery.data!.templates.nodes.length).toBeGreaterThanOrEqual(12);

    const categories = await gql<{ templateCategories: { category: string; count: number }[] }>(
      '{ templateCategories { category count } }',
    );
    expect(categories.data?.templateCategories).toContainEqual({ category: 'paging-test', count: 3 });

    // Older clients: limit/cursor and items/nextCursor still work.
    const legacy = await gql<{ templates: { items: { name: string }[]; nextCursor: string | null } }>(
      '{ templates(category: "paging-test", limit: 2) { items { name } nextCursor } }',
    );
    expect(legacy.data?.templates.items.map((i) => i.name)).toEqual(['Paging alpha', 'Paging beta']);
    expect(legacy.data?.templates.nextCursor).toBeTruthy();
  });

  it('refuses bad arguments and input with AF_VALIDATION at the path of each bad field (the REST paths)', async () => {
    const first = await gql('{ templates(first: 0) { nodes { id } } }');
    expect(codeOf(first)).toBe('AF_VALIDATION');
    expect(pathsOf(first)).toEqual(['first']);
    const search = await gql('query ($s: String) { templates(search: $s) { nodes { id } } }', {
      s: 'x'.repeat(201),
    });
    expect(pathsOf(search)).toEqual(['search']);
    // An enum value that does not exist is refused by GraphQL itself before anything runs.
    const sort = await gql('{ templates(sort: loudest) { nodes { id } } }');
    expect(sort.status).toBe(400);
    expect(codeOf(sort)).toBe('AF_VALIDATION');

    const bad = {
      name: '',
      tags: ['Not Lower Case'],
      iconUrl: 'javascript:alert(1)',
      credentials: [{ key: 'bad key!', type: 'openai' }],
      workflow: greetWorkflow('x'),
    };
    const res = await gql(PUBLISH, { input: bad });
    expect(codeOf(res)).toBe('AF_VALIDATION');
    const graphqlPaths = [...(pathsOf(res) ?? [])].sort();
    expect(graphqlPaths).toEqual(['credentials[0].key', 'iconUrl', 'name', 'tags[0]']);
    const rest = await app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: bearer('admin'),
      payload: bad,
    });
    expect(rest.statusCode).toBe(400);
    const restPaths = json<{ error: { issues: { path: string }[] } }>(rest).error.issues.map((i) => i.path);
    expect(restPaths.sort()).toEqual(graphqlPaths);

    // A secret in a template is refused where it is.
    const secret = await gql(PUBLISH, {
      input: researchTemplate('Leaky', { description: 'key sk-proj-abcdefghijklmnopqrstuvwxyz0123456789' }),
    });
    expect(codeOf(secret)).toBe('AF_VALIDATION');
    expect(pathsOf(secret)).toContain('description');

    const id = (await publish(researchTemplate('Validation target'))).id;
    const stars = await gql(
      'mutation ($id: ID!) { rateTemplate(id: $id, stars: 6) { ratingCount } }',
      { id },
      bearer('member'),
    );
    expect(codeOf(stars)).toBe('AF_VALIDATION');
    expect(pathsOf(stars)).toEqual(['stars']);
    const reviews = await gql(
      'query ($id: ID!) { template(id: $id) { reviews(first: 501) { nodes { stars } } } }',
      {
        id,
      },
    );
    expect(pathsOf(reviews)).toEqual(['first']);
    const public_ = await gql(PUBLISH, { input: researchTemplate('Everyone', { visibility: 'public' }) });
    expect(codeOf(public_)).toBe('AF_FORBIDDEN');
    expect(pathsOf(public_)).toEqual(['isPublic']);
  });

  it('installs with credential mapping: the same rules and errors as REST', async () => {
    const template = await publish(researchTemplate('Install me'));
    const INSTALL = `mutation ($id: ID!, $input: TemplateInstallInput) {
      installTemplate(id: $id, input: $input) { id name workspaceId agents { id type } } }`;

    // No credential of type openai in the workspace yet: the required one cannot be mapped.
    const unmapped = await gql(INSTALL, { id: template.id, input: { name: 'Mine' } }, bearer('member'));
    expect(codeOf(unmapped)).toBe('AF_VALIDATION');
    expect(pathsOf(unmapped)).toEqual(['credentials.llm']);
    const restUnmapped = await app.inject({
      method: 'POST',
      url: `/api/v1/templates/${template.id}/install`,
      headers: bearer('member'),
      payload: { name: 'Mine' },
    });
    expect(restUnmapped.statusCode).toBe(400);
    expect(
      json<{ error: { issues: { path: string }[] } }>(restUnmapped).error.issues.map((i) => i.path),
    ).toEqual(pathsOf(unmapped));

    for (const name of ['team-openai', 'backup-openai']) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/credentials',
        headers: bearer('admin'),
        payload: { name, type: 'openai', value: `value-of-${name}-0123456789` },
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    // Two candidates: none is taken on its own; a name that is not one is refused at its key; an unknown key too.
    const ambiguous = await gql(INSTALL, { id: template.id }, bearer('member'));
    expect(pathsOf(ambiguous)).toEqual(['credentials.llm']);
    expect(ambiguous.errors?.[0]?.extensions?.issues?.[0]?.message).toContain('backup-openai');
    const wrong = await gql(
      INSTALL,
      { id: template.id, input: { credentials: { llm: 'nope', extra: 'team-openai' } } },
      bearer('member'),
    );
    expect([...(pathsOf(wrong) ?? [])].sort()).toEqual(['credentials.extra', 'credentials.llm']);

    // The preview maps it and gives the digest of what the workflow reaches (the model).
    const preview = await gql<{
      templateInstallPreview: {
        digest: string;
        targets: { kind: string; provider: string }[];
        credentials: { key: string; candidates: string[]; mapped: string }[];
      };
    }>(
      `query ($id: ID!, $input: TemplateInstallInput) { templateInstallPreview(id: $id, input: $input) {
        digest targets { kind provider } credentials { key candidates mapped } } }`,
      { id: template.id, input: { credentials: { llm: 'team-openai' } } },
      bearer('member'),
    );
    expect(preview.errors).toBeUndefined();
    const p = preview.data!.templateInstallPreview;
    expect(p.targets).toContainEqual({ kind: 'model', provider: 'openai' });
    expect(p.credentials).toEqual([
      { key: 'llm', candidates: ['backup-openai', 'team-openai'].sort(), mapped: 'team-openai' },
    ]);

    // Unconfirmed: AF_CONFIRMATION_REQUIRED with the digest; confirmed: the workflow, in the caller's workspace.
    const input = { name: 'Installed via GraphQL', credentials: { llm: 'team-openai' } };
    const unconfirmed = await gql(INSTALL, { id: template.id, input }, bearer('member'));
    expect(codeOf(unconfirmed)).toBe('AF_CONFIRMATION_REQUIRED');
    expect(unconfirmed.errors?.[0]?.extensions?.details?.digest).toBe(p.digest);
    const installed = await gql<{ installTemplate: { id: string; name: string; workspaceId: string } }>(
      INSTALL,
      { id: template.id, input: { ...input, confirm: p.digest } },
      bearer('member'),
    );
    expect(installed.errors).toBeUndefined();
    expect(installed.data?.installTemplate).toMatchObject({
      name: 'Installed via GraphQL',
      workspaceId: 'ws-one',
    });
    const workflow = await app.inject({
      method: 'GET',
      url: `/api/v1/workflows/${installed.data!.installTemplate.id}`,
      headers: bearer('viewer'),
    });
    expect(workflow.statusCode).toBe(200);
    const after = await gql<{ template: { downloads: number } }>(
      'query ($id: ID!) { template(id: $id) { downloads } }',
      {
        id: template.id,
      },
    );
    expect(after.data?.template.downloads).toBe(1);

    // The old mutation keeps working (deprecated).
    const legacy = await gql<{ instantiateTemplate: { id: string } }>(
      'mutation ($id: ID!, $confirm: String) { instantiateTemplate(id: $id, confirm: $confirm) { id } }',
      { id: (await publish({ name: 'Legacy agent', configSchema: { type: 'object' } })).id },
      bearer('member'),
    );
    expect(legacy.errors).toBeUndefined();
    expect(legacy.data?.instantiateTemplate.id).toBeTruthy();
  });

  it('needs template:publish to publish, update and unpublish, and workflow:create to install', async () => {
    const template = await publish(researchTemplate('Guarded'));
    const member = await gql(PUBLISH, { input: researchTemplate('By a member') }, bearer('member'));
    expect(codeOf(member)).toBe('AF_FORBIDDEN');
    const update = await gql(
      'mutation ($id: ID!, $input: TemplatePublishInput!) { updateTemplate(id: $id, input: $input) { id } }',
      { id: template.id, input: researchTemplate('Guarded 2') },
      bearer('member'),
    );
    expect(codeOf(update)).toBe('AF_FORBIDDEN');
    const unpublish = await gql(
      'mutation ($id: ID!) { unpublishTemplate(id: $id) }',
      { id: template.id },
      bearer('member'),
    );
    expect(codeOf(unpublish)).toBe('AF_FORBIDDEN');
    const install = await gql(
      'mutation ($id: ID!) { installTemplate(id: $id) { id } }',
      { id: template.id },
      bearer('viewer'),
    );
    expect(codeOf(install)).toBe('AF_FORBIDDEN');
    const preview = await gql(
      'query ($id: ID!) { templateInstallPreview(id: $id) { digest } }',
      { id: template.id },
      bearer('viewer'),
    );
    expect(codeOf(preview)).toBe('AF_FORBIDDEN');
    // Viewers read and rate.
    const read = await gql<{ template: { name: string } }>(
      'query ($id: ID!) { template(id: $id) { name } }',
      { id: template.id },
      bearer('viewer'),
    );
    expect(read.data?.template.name).toBe('Guarded');
    // Anonymous: nothing at all.
    const anonymous = await app.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query: '{ templates { nodes { id } } }' },
    });
    expect(anonymous.statusCode).toBe(401);

    // An admin unpublishes; installed workflows would stay, the template is gone.
    const removed = await gql<{ unpublishTemplate: boolean }>(
      'mutation ($id: ID!) { unpublishTemplate(id: $id) }',
      { id: template.id },
    );
    expect(removed.data?.unpublishTemplate).toBe(true);
    expect((await gql('query ($id: ID!) { template(id: $id) { id } }', { id: template.id })).data).toEqual({
      template: null,
    });
  });

  it("treats another workspace's private template as not found, and shows a public one to everyone", async () => {
    const mine = await publish(researchTemplate('Private to one'));
    const other = bearer('owner', WS2);
    expect((await gql('query ($id: ID!) { template(id: $id) { id } }', { id: mine.id }, other)).data).toEqual(
      {
        template: null,
      },
    );
    const listed = await gql<{ templates: { nodes: { id: string }[] } }>(
      '{ templates(search: "Private to one", first: 500) { nodes { id } } }',
      {},
      other,
    );
    expect(listed.data?.templates.nodes).toEqual([]);
    const operations: [string, Record<string, unknown>][] = [
      [
        'mutation ($id: ID!, $input: TemplatePublishInput!) { updateTemplate(id: $id, input: $input) { id } }',
        { input: researchTemplate('Taken over') },
      ],
      ['mutation ($id: ID!) { unpublishTemplate(id: $id) }', {}],
      ['mutation ($id: ID!) { rateTemplate(id: $id, stars: 1) { ratingCount } }', {}],
      ['mutation ($id: ID!) { unrateTemplate(id: $id) { ratingCount } }', {}],
      ['mutation ($id: ID!) { installTemplate(id: $id) { id } }', {}],
      ['query ($id: ID!) { templateInstallPreview(id: $id) { digest } }', {}],
    ];
    for (const [query, variables] of operations) {
      const res = await gql(query, { id: mine.id, ...variables }, other);
      expect(codeOf(res), query).toBe('AF_NOT_FOUND');
    }
    // Still there, unchanged, for its own workspace.
    const still = await gql<{ template: { name: string; version: number } }>(
      'query ($id: ID!) { template(id: $id) { name version } }',
      { id: mine.id },
    );
    expect(still.data?.template).toEqual({ name: 'Private to one', version: 1 });

    // The instance admin publishes a public template: every workspace sees it, without the publisher's ids.
    const shared = await publish(researchTemplate('For everyone', { visibility: 'public' }), other);
    expect(shared).toMatchObject({ visibility: 'public', isPublic: true, workspaceId: null });
    const seen = await gql<{ template: { name: string; workspaceId: string | null } }>(
      'query ($id: ID!) { template(id: $id) { name workspaceId } }',
      { id: shared.id },
      bearer('viewer'),
    );
    expect(seen.data?.template).toEqual({ name: 'For everyone', workspaceId: null });
    // A workspace owner who is not an instance admin may not change it.
    const change = await gql(
      'mutation ($id: ID!) { unpublishTemplate(id: $id) }',
      { id: shared.id },
      bearer('owner'),
    );
    expect(codeOf(change)).toBe('AF_FORBIDDEN');
  });

  it('keeps the cost limit: nested pages multiply', async () => {
    const costly = await gql(
      '{ templates(first: 500) { nodes { reviews(first: 500) { nodes { stars review } } } } }',
    );
    expect(costly.status).toBe(400);
    expect(codeOf(costly)).toBe('AF_LIMIT_EXCEEDED');
    // A variable page size counts as the largest page.
    const variable = await gql(
      'query ($n: Int) { templates(first: $n) { nodes { versions { version } reviews(first: $n) { nodes { stars } } } } }',
      { n: 1 },
    );
    expect(codeOf(variable)).toBe('AF_LIMIT_EXCEEDED');
    const fine = await gql(
      '{ templates(first: 20) { nodes { id versions { version } reviews(first: 10) { nodes { stars } } } } }',
    );
    expect(fine.errors).toBeUndefined();
  });
});
