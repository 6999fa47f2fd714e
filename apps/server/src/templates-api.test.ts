/**
 * The templates REST API through the real server on PGlite (issue 16): search over name, description and tags;
 * filters; sorts; cursor paging without duplicates or gaps; detail; publish, update (versions), unpublish;
 * rating rules; visibility across workspaces; the `template:publish` permission by role.
 */
import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestRuntime,
  createTestServer,
  json,
  principal,
  WS2,
} from './test-support/fixtures.js';

interface Template {
  id: string;
  name: string;
  description?: string;
  category?: string;
  kind: 'workflow' | 'agent';
  tags: string[];
  visibility: 'workspace' | 'public';
  version: number;
  downloads: number;
  rating?: number;
  ratingCount: number;
  myRating?: number;
  workspaceId?: string;
  createdBy?: string;
  workflow?: Record<string, unknown>;
}
interface ErrorBody {
  error: { code: string; issues?: { path: string }[] };
}

/** A workflow that reaches nothing outside AgentFlow: installs without a confirmation. */
const passThrough = {
  agents: [
    { id: 'in', type: 'input' },
    { id: 'out', type: 'output' },
  ],
  connections: [{ id: 'a', sourceAgentId: 'in', targetAgentId: 'out' }],
};

let runtime: Runtime;
let app: FastifyInstance;
const ids: Record<string, string> = {};
let installedFromC = '';

async function call(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  headers: object,
  payload?: object,
) {
  return app.inject({ method, url: `/api/v1${url}`, headers: headers as Record<string, string>, payload });
}
async function list(query: string, headers = bearer('viewer')): Promise<Template[]> {
  const res = await call('GET', `/templates?limit=500&${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return json<{ items: Template[] }>(res).items;
}
async function publish(headers: object, body: Record<string, unknown>): Promise<Template> {
  const res = await call('POST', '/templates', headers, body);
  expect(res.statusCode, res.body).toBe(201);
  // Distinct creation times, so `new` has one right order.
  await new Promise((resolve) => setTimeout(resolve, 5));
  return json<Template>(res);
}
const names = (items: Template[]) => items.map((t) => t.name);
const ours = (items: Template[]) => items.filter((t) => Object.values(ids).includes(t.id));

beforeAll(async () => {
  runtime = await createTestRuntime({
    env: { AGENTFLOW_INSTANCE_ADMINS: principal('owner', WS2).userId },
  });
  app = await createTestServer(runtime);
  const admin = bearer('admin');
  ids.A = (
    await publish(admin, {
      name: 'Alpha INVOICE reader',
      description: 'Reads scanned documents',
      category: 'qa-finance',
      tags: ['finance', 'ocr'],
      workflow: passThrough,
    })
  ).id;
  ids.B = (
    await publish(admin, {
      name: 'Beta mailer',
      description: 'Sends a weekly digest of unpaid invoices',
      category: 'qa-comms',
      tags: ['email'],
      kind: 'agent',
      configSchema: { type: 'object' },
      defaultConfig: { prompt: 'Write the digest' },
    })
  ).id;
  ids.C = (
    await publish(admin, {
      name: 'Gamma',
      description: 'Nothing special',
      category: 'qa-finance',
      tags: ['invoice-tools'],
      workflow: passThrough,
    })
  ).id;
  ids.D = (
    await publish(admin, { name: 'Delta', category: 'qa-finance', tags: ['misc'], workflow: passThrough })
  ).id;
  ids.P = (
    await publish(bearer('owner', WS2), {
      name: 'Public helper',
      category: 'qa-public',
      tags: ['helper'],
      visibility: 'public',
      workflow: passThrough,
    })
  ).id;
  // Installs: A twice, C once. Ratings: D 5, C 3, A none.
  for (const id of [ids.A, ids.A, ids.C]) {
    const res = await call('POST', `/templates/${id}/install`, bearer('member'), {});
    expect(res.statusCode, res.body).toBe(201);
    if (id === ids.C) installedFromC = json<{ id: string }>(res).id;
  }
  for (const [id, stars] of [
    [ids.D, 5],
    [ids.C, 3],
  ] as const) {
    expect((await call('PUT', `/templates/${id}/rating`, bearer('member'), { stars })).statusCode).toBe(200);
  }
});
afterAll(async () => {
  await app?.close();
  await runtime?.close();
});

describe('templates API: search, filters, sort, paging', () => {
  it('searches name, description and tags, case-insensitively', async () => {
    const found = await list('q=Invoice');
    expect(names(ours(found)).sort()).toEqual(['Alpha INVOICE reader', 'Beta mailer', 'Gamma']);
    for (const t of found) {
      const text = [t.name, t.description ?? '', ...t.tags].join(' ').toLowerCase();
      expect(text, t.name).toContain('invoice');
    }
    expect(await list('q=nothing-matches-this')).toEqual([]);
  });

  it('filters by category, kind, visibility and tag', async () => {
    expect(names(await list('category=qa-finance'))).toEqual(['Alpha INVOICE reader', 'Delta', 'Gamma']);
    const agents = await list('kind=agent');
    expect(agents.every((t) => t.kind === 'agent')).toBe(true);
    expect(names(ours(agents))).toEqual(['Beta mailer']);
    const mine = await list('visibility=workspace');
    expect(mine.every((t) => t.visibility === 'workspace')).toBe(true);
    expect(names(ours(mine)).sort()).toEqual(['Alpha INVOICE reader', 'Beta mailer', 'Delta', 'Gamma']);
    const everyone = await list('visibility=public');
    expect(everyone.every((t) => t.visibility === 'public')).toBe(true);
    expect(names(ours(everyone))).toEqual(['Public helper']);
    expect(names(await list('tag=ocr'))).toEqual(['Alpha INVOICE reader']);
    const bad = await call('GET', '/templates?kind=plugin', bearer('viewer'));
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorBody>(bad).error.issues?.map((i) => i.path)).toEqual(['query.kind']);
  });

  it('sorts by installs (popular), average rating (unrated last) and newest', async () => {
    const order = async (sort: string) => names(await list(`category=qa-finance&sort=${sort}`));
    expect(await order('popular')).toEqual(['Alpha INVOICE reader', 'Gamma', 'Delta']);
    expect(await order('rating')).toEqual(['Delta', 'Gamma', 'Alpha INVOICE reader']);
    expect(await order('new')).toEqual(['Delta', 'Gamma', 'Alpha INVOICE reader']);
    expect(await order('name')).toEqual(['Alpha INVOICE reader', 'Delta', 'Gamma']);
  });

  it.each(['name', 'popular', 'rating', 'new'])(
    'pages through everything sorted by %s with no duplicates or gaps',
    async (sort) => {
      const all = await list(`sort=${sort}`);
      expect(all.length).toBeGreaterThan(10); // the gallery and ours
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const url = `/templates?sort=${sort}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = json<{ items: Template[]; nextCursor?: string }>(
          await call('GET', url, bearer('viewer')),
        );
        expect(page.items.length).toBeLessThanOrEqual(3);
        paged.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all.map((t) => t.id));
      expect(new Set(paged).size).toBe(paged.length);
    },
  );
});

describe('templates API: detail, versions, unpublish', () => {
  it('shows the detail of a template', async () => {
    const res = await call('GET', `/templates/${ids.A}`, bearer('viewer'));
    expect(res.statusCode).toBe(200);
    expect(json<Template>(res)).toMatchObject({
      name: 'Alpha INVOICE reader',
      kind: 'workflow',
      category: 'qa-finance',
      tags: ['finance', 'ocr'],
      visibility: 'workspace',
      version: 1,
      downloads: 2,
      ratingCount: 0,
      workflow: { agents: passThrough.agents },
    });
    expect((await call('GET', '/templates/no-such-id', bearer('viewer'))).statusCode).toBe(404);
  });

  it('an update is a new version with a changelog; the history is newest first; ratings stay', async () => {
    const res = await call('PUT', `/templates/${ids.D}`, bearer('admin'), {
      name: 'Delta',
      description: 'Now with a description',
      category: 'qa-finance',
      tags: ['misc'],
      workflow: passThrough,
      changelog: 'Adds a description',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<Template>(res)).toMatchObject({ version: 2, description: 'Now with a description' });
    const versions = json<{ items: { version: number; changelog?: string }[] }>(
      await call('GET', `/templates/${ids.D}/versions`, bearer('viewer')),
    ).items;
    expect(versions.map((v) => [v.version, v.changelog])).toEqual([
      [2, 'Adds a description'],
      [1, undefined],
    ]);
    expect(json<Template>(await call('GET', `/templates/${ids.D}`, bearer('viewer')))).toMatchObject({
      rating: 5,
      ratingCount: 1,
    });
  });

  it('unpublish deletes the template; workflows installed from it stay', async () => {
    expect((await call('DELETE', `/templates/${ids.C}`, bearer('admin'))).statusCode).toBe(204);
    expect((await call('GET', `/templates/${ids.C}`, bearer('viewer'))).statusCode).toBe(404);
    expect(names(await list('category=qa-finance'))).not.toContain('Gamma');
    expect((await call('GET', `/workflows/${installedFromC}`, bearer('viewer'))).statusCode).toBe(200);
  });
});

describe('templates API: ratings', () => {
  it('takes 1-5 whole stars only, with the path of the bad field', async () => {
    for (const stars of [0, 6, 2.5, '5', null]) {
      const res = await call('PUT', `/templates/${ids.P}/rating`, bearer('member'), { stars });
      expect(res.statusCode, String(stars)).toBe(400);
      expect(json<ErrorBody>(res).error.issues?.map((i) => i.path)).toEqual(['stars']);
    }
    const extra = await call('PUT', `/templates/${ids.P}/rating`, bearer('member'), { stars: 4, user: 'x' });
    expect(extra.statusCode).toBe(400);
  });

  it('one rating per user (again replaces it), the average and count on the template', async () => {
    const rate = (role: 'member' | 'viewer', body: object) =>
      call('PUT', `/templates/${ids.P}/rating`, bearer(role), body).then((r) => json(r));
    expect(await rate('member', { stars: 5 })).toEqual({ rating: 5, ratingCount: 1, myRating: 5 });
    expect(await rate('member', { stars: 3, review: '  Useful  ' })).toEqual({
      rating: 3,
      ratingCount: 1,
      myRating: 3,
    });
    expect(await rate('viewer', { stars: 4 })).toEqual({ rating: 3.5, ratingCount: 2, myRating: 4 });
    const detail = json<Template>(await call('GET', `/templates/${ids.P}`, bearer('member')));
    expect(detail).toMatchObject({ rating: 3.5, ratingCount: 2, myRating: 3 });
    const reviews = await call('GET', `/templates/${ids.P}/ratings`, bearer('member'));
    const items = json<{ items: Record<string, unknown>[] }>(reviews).items;
    expect(items.map((r) => [r.stars, r.review, r.mine]).sort()).toEqual([
      [3, 'Useful', true],
      [4, undefined, false],
    ]);
    expect(reviews.body).not.toContain('user-');
    const removed = await call('DELETE', `/templates/${ids.P}/rating`, bearer('viewer'));
    expect(json(removed)).toEqual({ rating: 3, ratingCount: 1 });
  });

  it('a publisher does not rate their own template', async () => {
    const res = await call('PUT', `/templates/${ids.P}/rating`, bearer('owner', WS2), { stars: 5 });
    expect(res.statusCode).toBe(403);
    expect(json<ErrorBody>(res).error.code).toBe('AF_FORBIDDEN');
  });
});

describe('templates API: visibility across workspaces and the publish permission', () => {
  it("a workspace template is a 404 to another workspace, for every route; a public one is everyone's", async () => {
    const other = bearer('owner', WS2);
    for (const [method, url, body] of [
      ['GET', `/templates/${ids.A}`],
      ['GET', `/templates/${ids.A}/versions`],
      ['GET', `/templates/${ids.A}/ratings`],
      ['PUT', `/templates/${ids.A}/rating`, { stars: 5 }],
      ['POST', `/templates/${ids.A}/install-preview`, {}],
      ['POST', `/templates/${ids.A}/install`, {}],
      ['PUT', `/templates/${ids.A}`, { name: 'Taken over', workflow: passThrough }],
      ['DELETE', `/templates/${ids.A}`],
    ] as const) {
      const res = await call(method, url, other, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(json<ErrorBody>(res).error.code).toBe('AF_NOT_FOUND');
    }
    expect(ours(await list('', bearer('viewer', WS2))).map((t) => t.name)).toEqual(['Public helper']);
    const seen = json<Template>(await call('GET', `/templates/${ids.P}`, bearer('viewer')));
    expect(seen.name).toBe('Public helper');
    expect(seen.workspaceId).toBeUndefined();
    expect(seen.createdBy).toBeUndefined();
  });

  it('template:publish: viewers and members may not publish, change or unpublish; admins may', async () => {
    for (const role of ['viewer', 'member'] as const) {
      for (const [method, url, body] of [
        ['POST', '/templates', { name: 'Nope', workflow: passThrough }],
        ['PUT', `/templates/${ids.A}`, { name: 'Nope', workflow: passThrough }],
        ['DELETE', `/templates/${ids.A}`],
      ] as const) {
        const res = await call(method, url, bearer(role), body);
        expect(res.statusCode, `${role} ${method} ${url}`).toBe(403);
        expect(json<ErrorBody>(res).error.code).toBe('AF_FORBIDDEN');
      }
    }
    expect(names(await list('q=Nope'))).toEqual([]);
    // A workspace admin publishes to the workspace, not to everyone.
    const res = await call('POST', '/templates', bearer('admin'), {
      name: 'Everyone?',
      visibility: 'public',
      workflow: passThrough,
    });
    expect(res.statusCode).toBe(403);
    expect(json<ErrorBody>(res).error.issues?.map((i) => i.path)).toEqual(['isPublic']);
  });
});
