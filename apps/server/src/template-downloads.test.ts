/**
 * Template downloads (issue 13 item 4): every install counts one download, atomically (concurrent installs all
 * count), a refused install counts none, and the count shows in the REST list and detail and in GraphQL.
 * Publishing and installing are audited.
 */
import { describe, expect, it } from 'vitest';
import { bearer, json, useTestServer } from './test-support/fixtures.js';

/** A workflow template that reaches nothing outside (no confirmation needed). */
const local = {
  name: 'echo',
  configSchema: { type: 'object' },
  defaultConfig: {
    workflow: {
      name: 'echo',
      agents: [
        { id: 'in', type: 'input' },
        { id: 'out', type: 'output' },
      ],
      connections: [{ id: 'a', sourceAgentId: 'in', targetAgentId: 'out' }],
    },
  },
};

/** An agent template: its node calls a model, so installing needs the confirmation digest. */
const reaching = {
  name: 'asker',
  configSchema: { type: 'object' },
  defaultConfig: { provider: 'openai', model: 'gpt-test', prompt: 'hi' },
};

interface TemplateBody {
  id: string;
  downloads: number;
}

describe('template downloads', () => {
  const ids: Record<'local' | 'reaching', string> = { local: '', reaching: '' };
  const t = useTestServer(async ({ app }) => {
    for (const [key, payload] of [
      ['local', local],
      ['reaching', reaching],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/templates',
        headers: bearer('admin'),
        payload,
      });
      expect(res.statusCode).toBe(201);
      ids[key] = json<TemplateBody>(res).id;
    }
  });
  const install = (id: string, payload: Record<string, unknown> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/templates/${id}/instantiate`,
      headers: bearer('member'),
      payload,
    });
  const downloadsOf = async (id: string) =>
    json<TemplateBody>(await t.app.inject({ url: `/api/v1/templates/${id}`, headers: bearer('viewer') }))
      .downloads;

  it('starts at 0 and counts each install, concurrent ones included', async () => {
    expect(await downloadsOf(ids.local)).toBe(0);
    const results = await Promise.all(Array.from({ length: 5 }, () => install(ids.local)));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect((await install(ids.local)).statusCode).toBe(201);
    expect(await downloadsOf(ids.local)).toBe(6);

    const list = json<{ items: TemplateBody[] }>(
      await t.app.inject({ url: '/api/v1/templates', headers: bearer('viewer') }),
    );
    expect(list.items.find((i) => i.id === ids.local)?.downloads).toBe(6);

    const gql = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: bearer('viewer'),
      payload: {
        query: `{ template(id: "${ids.local}") { id downloads } templates { items { id downloads } } }`,
      },
    });
    const data = json<{
      data: { template: TemplateBody; templates: { items: TemplateBody[] } };
    }>(gql).data;
    expect(data.template.downloads).toBe(6);
    expect(data.templates.items.find((i) => i.id === ids.local)?.downloads).toBe(6);
  });

  it('does not count a refused install (confirmation missing), counts the confirmed one', async () => {
    const refused = await install(ids.reaching);
    expect(refused.statusCode).toBe(409);
    expect(await downloadsOf(ids.reaching)).toBe(0);
    const digest = json<{ error: { details: { digest: string } } }>(refused).error.details.digest;
    expect((await install(ids.reaching, { confirm: digest })).statusCode).toBe(201);
    expect(await downloadsOf(ids.reaching)).toBe(1);
  });

  it('audits publishing and installing', async () => {
    const page = json<{ items: { action: string; targetId?: string; details?: Record<string, unknown> }[] }>(
      await t.app.inject({ url: '/api/v1/audit?action=template.', headers: bearer('admin') }),
    );
    const actions = page.items.map((i) => `${i.action}:${i.targetId}`);
    expect(actions).toContain(`template.publish:${ids.local}`);
    expect(actions.filter((a) => a === `template.install:${ids.local}`)).toHaveLength(6);
    const one = page.items.find((i) => i.action === 'template.install' && i.targetId === ids.reaching);
    expect(one?.details).toMatchObject({ downloads: 1, workflowId: expect.any(String) });
  });
});
