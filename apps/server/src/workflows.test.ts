import { describe, expect, it } from 'vitest';
import { bearer, greetWorkflow, json, useTestServer, WS2, waitForStatus } from './test-support/fixtures.js';

type Body = Record<string, unknown> & { error?: { code: string; message: string; issues?: unknown[] } };

describe('REST: workflows', () => {
  const t = useTestServer();

  it('creates, reads, updates, lists and deletes a workflow', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer('member'),
      payload: greetWorkflow('crud'),
    });
    expect(created.statusCode).toBe(201);
    const wf = json<{ id: string; version: number; workspaceId: string; definition: { agents: unknown[] } }>(
      created,
    );
    expect(wf).toMatchObject({ version: 1, workspaceId: 'ws-one' });
    expect(wf.definition.agents).toHaveLength(3);

    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workflows/${wf.id}`,
      headers: bearer('viewer'),
    });
    expect(got.statusCode).toBe(200);
    expect(json(got)).toMatchObject({ id: wf.id, name: 'crud' });

    const updated = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/workflows/${wf.id}`,
      headers: bearer('member'),
      payload: { ...greetWorkflow('crud v2'), description: 'second' },
    });
    expect(updated.statusCode).toBe(200);
    expect(json(updated)).toMatchObject({ id: wf.id, version: 2, name: 'crud v2', description: 'second' });
    // Reads are cached (embedded store) and their JSON reused: an update is seen at once, every time.
    for (let i = 0; i < 2; i++) {
      const again = await t.app.inject({
        method: 'GET',
        url: `/api/v1/workflows/${wf.id}`,
        headers: bearer('viewer'),
      });
      expect(json(again)).toMatchObject({ version: 2, name: 'crud v2', description: 'second' });
    }

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/workflows', headers: bearer('viewer') });
    expect(json<{ items: { id: string }[] }>(list).items.map((w) => w.id)).toContain(wf.id);

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/workflows/${wf.id}`,
      headers: bearer('member'),
    });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    const gone = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workflows/${wf.id}`,
      headers: bearer('viewer'),
    });
    expect(gone.statusCode).toBe(404);
    expect(json<Body>(gone).error?.code).toBe('AF_NOT_FOUND');
  });

  it('assigns ids and workspaces itself: a body naming them is refused, nothing is written anywhere', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer('member'),
      payload: { ...greetWorkflow('sneaky'), id: 'chosen-id', workspaceId: WS2 },
    });
    expect(res.statusCode).toBe(400);
    const issues = json<{ error: { issues: { path: string }[] } }>(res).error.issues;
    expect(issues.map((i) => i.path).sort()).toEqual(['id', 'workspaceId']);
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/v1/workflows/chosen-id',
      headers: bearer('owner', WS2),
    });
    expect(theirs.statusCode).toBe(404);
  });

  it('executes a workflow: 202 with the execution id, then it succeeds with its steps, messages and logs', async () => {
    const wf = json<{ id: string }>(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/workflows',
        headers: bearer('member'),
        payload: greetWorkflow(),
      }),
    );
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${wf.id}/execute`,
      headers: bearer('member'),
      payload: { input: { name: 'Ada' } },
    });
    expect(started.statusCode).toBe(202);
    const { executionId } = json<{ executionId: string }>(started);
    expect(typeof executionId).toBe('string');

    const detail = (await waitForStatus(t.app, executionId, ['succeeded', 'failed'])) as {
      execution: { status: string; output: unknown; workflowId: string };
      steps: { agentId: string; status: string }[];
      messages: unknown[];
      logs: unknown[];
    };
    expect(detail.execution).toMatchObject({ status: 'succeeded', output: 'Hello, Ada!', workflowId: wf.id });
    expect(detail.steps.map((s) => s.agentId)).toEqual(['in', 'bot', 'out']);
    expect(detail.messages).toHaveLength(2);
    expect(Array.isArray(detail.logs)).toBe(true);
    // Executions never expose the full definition in lists, only in the detail.
    const listed = json<{ items: Record<string, unknown>[] }>(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/executions?workflowId=${wf.id}`,
        headers: bearer('viewer'),
      }),
    );
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).not.toHaveProperty('workflow');
  });

  it('rejects an input that does not match the input node with the path of the bad field', async () => {
    const wf = json<{ id: string }>(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/workflows',
        headers: bearer('member'),
        payload: greetWorkflow(),
      }),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${wf.id}/execute`,
      headers: bearer('member'),
      payload: { input: { name: 42 } },
    });
    expect(res.statusCode).toBe(400);
    expect(json<Body>(res).error).toMatchObject({
      code: 'AF_INVALID_INPUT',
      issues: [expect.objectContaining({ path: 'name' })],
    });
  });

  it('keeps versions: list, get one, restore as a new version', async () => {
    const wf = json<{ id: string }>(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/workflows',
        headers: bearer('member'),
        payload: greetWorkflow('v1'),
      }),
    );
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/workflows/${wf.id}`,
      headers: bearer('member'),
      payload: greetWorkflow('v2'),
    });
    const versions = json<{ items: { version: number; definition: { name: string } }[] }>(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/workflows/${wf.id}/versions`,
        headers: bearer('viewer'),
      }),
    );
    expect(versions.items.map((v) => [v.version, v.definition.name])).toEqual([
      [2, 'v2'],
      [1, 'v1'],
    ]);
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workflows/${wf.id}/versions/1`,
      headers: bearer('viewer'),
    });
    expect(json(one)).toMatchObject({ workflowId: wf.id, version: 1, definition: { name: 'v1' } });
    const restored = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${wf.id}/versions/1/restore`,
      headers: bearer('member'),
    });
    expect(restored.statusCode).toBe(200);
    expect(json(restored)).toMatchObject({ version: 3, name: 'v1' });
    const missing = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workflows/${wf.id}/versions/9`,
      headers: bearer('viewer'),
    });
    expect(missing.statusCode).toBe(404);
    // Past a 32-bit integer a version cannot exist: a 400 naming the field, not the database's overflow as a 500.
    const huge = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workflows/${wf.id}/versions/3263800774520889`,
      headers: bearer('viewer'),
    });
    expect(huge.statusCode).toBe(400);
    expect(json(huge)).toMatchObject({ error: { code: 'AF_VALIDATION' } });
  });

  it('pages through workflows with a cursor, without repeats or omissions', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/workflows',
        headers: bearer('member', WS2),
        payload: greetWorkflow(`page-${i}`),
      });
      ids.add(json<{ id: string }>(res).id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const url = `/api/v1/workflows?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = json<{ items: { id: string }[]; nextCursor?: string }>(
        await t.app.inject({ method: 'GET', url, headers: bearer('viewer', WS2) }),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((w) => w.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen)).toEqual(ids);
    expect(seen).toHaveLength(ids.size);
  });

  it('answers 404 for another workspace workflow, exactly like a missing one', async () => {
    const theirs = json<{ id: string }>(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/workflows',
        headers: bearer('owner', WS2),
        payload: greetWorkflow(),
      }),
    );
    const probes = [
      { method: 'GET' as const, url: `/api/v1/workflows/${theirs.id}` },
      { method: 'PUT' as const, url: `/api/v1/workflows/${theirs.id}`, payload: greetWorkflow() },
      { method: 'DELETE' as const, url: `/api/v1/workflows/${theirs.id}` },
      {
        method: 'POST' as const,
        url: `/api/v1/workflows/${theirs.id}/execute`,
        payload: { input: { name: 'x' } },
      },
      { method: 'GET' as const, url: `/api/v1/workflows/${theirs.id}/versions` },
    ];
    for (const probe of probes) {
      const theirsRes = await t.app.inject({ ...probe, headers: bearer('owner') });
      const missingRes = await t.app.inject({
        ...probe,
        url: probe.url.replace(theirs.id, 'no-such-workflow'),
        headers: bearer('owner'),
      });
      expect(theirsRes.statusCode, probe.url).toBe(404);
      expect(json<Body>(theirsRes).error?.code).toBe('AF_NOT_FOUND');
      expect(missingRes.statusCode).toBe(404);
      expect(json<Body>(theirsRes).error?.message.replace(theirs.id, 'ID')).toBe(
        json<Body>(missingRes).error?.message.replace('no-such-workflow', 'ID'),
      );
    }
    // Still there for its owner.
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workflows/${theirs.id}`,
      headers: bearer('viewer', WS2),
    });
    expect(own.statusCode).toBe(200);
  });

  it('validates a definition without storing it, listing every problem with its path', async () => {
    const bad = {
      name: 'bad',
      agents: [
        { id: 'in', type: 'input' },
        { id: 'bot', type: 'agent', config: { model: 'm' } },
        { id: 'x', type: 'nope' },
      ],
      connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'ghost' }],
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows/validate',
      headers: bearer('viewer'),
      payload: bad,
    });
    expect(res.statusCode).toBe(200);
    const body = json<{ ok: boolean; issues: { path: string; code: string }[] }>(res);
    expect(body.ok).toBe(false);
    const paths = body.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['agents[1].config.provider', 'connections[0].targetAgentId']),
    );
    expect(body.issues.some((i) => i.code === 'AF_UNKNOWN_NODE_TYPE')).toBe(true);
    const good = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows/validate',
      headers: bearer('viewer'),
      payload: greetWorkflow(),
    });
    expect(json(good)).toEqual({ ok: true });
  });
});
