import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalWorkflow,
  bearer,
  createTestRuntime,
  createTestServer,
  greetWorkflow,
  json,
  WS2,
  waitForStatus,
} from './test-support/fixtures.js';

interface ErrorResponse {
  error: { code: string; message: string; issues?: { path: string; message: string; code: string }[] };
}
interface Detail {
  execution: { id: string; status: string; waiting: string[]; output?: unknown; stepCount: number };
  steps: { agentId: string; status: string }[];
}

describe('REST: executions', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let greetId: string;
  let approvalId: string;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = await createTestServer(runtime);
    const create = async (payload: object) =>
      json<{ id: string }>(
        await app.inject({ method: 'POST', url: '/api/v1/workflows', headers: bearer('member'), payload }),
      ).id;
    greetId = await create(greetWorkflow());
    approvalId = await create(approvalWorkflow());
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  async function execute(workflowId: string, input: unknown, workspace?: string): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/workflows/${workflowId}/execute`,
      headers: bearer('member', workspace),
      payload: { input },
    });
    expect(res.statusCode).toBe(202);
    return json<{ executionId: string }>(res).executionId;
  }

  it('lists executions with workflow, status and time filters and a cursor', async () => {
    const before = Date.now() - 1;
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) ids.push(await execute(greetId, { name }));
    for (const id of ids) await waitForStatus(app, id, ['succeeded']);
    const paused = await execute(approvalId, {});
    await waitForStatus(app, paused, ['paused']);

    const list = async (query: string) =>
      json<{ items: { id: string; status: string }[]; nextCursor?: string }>(
        await app.inject({ method: 'GET', url: `/api/v1/executions?${query}`, headers: bearer('viewer') }),
      );
    expect((await list(`workflowId=${greetId}`)).items.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect((await list('status=paused')).items.map((e) => e.id)).toEqual([paused]);
    expect((await list(`since=${new Date(before).toISOString()}&status=succeeded`)).items).toHaveLength(3);
    expect((await list(`until=${before}`)).items).toHaveLength(0);

    const first = await list(`workflowId=${greetId}&limit=2`);
    expect(first.items).toHaveLength(2);
    const second = await list(
      `workflowId=${greetId}&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`,
    );
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeUndefined();
    expect(new Set([...first.items, ...second.items].map((e) => e.id))).toEqual(new Set(ids));
  });

  it('rejects bad query values with the path of each one (400, no stack)', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/executions?limit=0&status=sleeping&since=yesterday',
      headers: bearer('viewer'),
    });
    expect(res.statusCode).toBe(400);
    const body = json<ErrorResponse>(res);
    expect(body.error.code).toBe('AF_VALIDATION');
    expect(body.error.issues?.map((i) => i.path).sort()).toEqual([
      'query.limit',
      'query.since',
      'query.status',
    ]);
    expect(res.body).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+/);
  });

  it('approves a waiting human step: an invalid payload is a 400 with paths and changes nothing', async () => {
    const id = await execute(approvalId, { post: 'hello' });
    const paused = (await waitForStatus(app, id, ['paused'])) as unknown as Detail;
    expect(paused.execution.waiting).toEqual(['review']);
    const stepsBefore = paused.steps.length;

    const invalid = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${id}/approve`,
      headers: bearer('member'),
      payload: { agentId: 'review', payload: { approved: 'yes', extra: 1 } },
    });
    expect(invalid.statusCode).toBe(400);
    const error = json<ErrorResponse>(invalid).error;
    expect(error.code).toBe('AF_INVALID_RESUME_PAYLOAD');
    expect(error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['approved']));
    const unchanged = json<Detail>(
      await app.inject({ method: 'GET', url: `/api/v1/executions/${id}`, headers: bearer('viewer') }),
    );
    expect(unchanged.execution.status).toBe('paused');
    expect(unchanged.execution.waiting).toEqual(['review']);
    expect(unchanged.steps).toHaveLength(stepsBefore);

    const malformed = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${id}/approve`,
      headers: bearer('member'),
      payload: { agentId: 'not an id!' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(json<ErrorResponse>(malformed).error.issues?.[0]?.path).toBe('agentId');

    const notWaiting = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${id}/approve`,
      headers: bearer('member'),
      payload: { agentId: 'in', payload: {} },
    });
    expect(notWaiting.statusCode).toBe(409);
    expect(json<ErrorResponse>(notWaiting).error.code).toBe('AF_NOT_RESUMABLE');

    const ok = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${id}/approve`,
      headers: bearer('member'),
      payload: { agentId: 'review', payload: { approved: true } },
    });
    expect(ok.statusCode).toBe(202);
    expect(json(ok)).toEqual({ executionId: id });
    const done = (await waitForStatus(app, id, ['succeeded', 'failed'])) as unknown as Detail;
    expect(done.execution).toMatchObject({ status: 'succeeded', output: { approved: true } });

    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${id}/approve`,
      headers: bearer('member'),
      payload: { agentId: 'review', payload: { approved: true } },
    });
    expect(again.statusCode).toBe(409);
  });

  it('cancels a paused execution and refuses to resume a finished one', async () => {
    const id = await execute(approvalId, {});
    await waitForStatus(app, id, ['paused']);
    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${id}/cancel`,
      headers: bearer('member'),
    });
    expect(cancelled.statusCode).toBe(202);
    expect(json(cancelled)).toEqual({ executionId: id, cancelled: true });
    await waitForStatus(app, id, ['cancelled']);
    const resume = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${id}/resume`,
      headers: bearer('member'),
    });
    expect(resume.statusCode).toBe(409);
    expect(json<ErrorResponse>(resume).error.code).toBe('AF_NOT_RESUMABLE');
  });

  it('resumes a paused execution (it pauses again while its human step still waits)', async () => {
    const id = await execute(approvalId, {});
    await waitForStatus(app, id, ['paused']);
    const resumed = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${id}/resume`,
      headers: bearer('member'),
    });
    expect(resumed.statusCode).toBe(202);
    const detail = (await waitForStatus(app, id, ['paused'])) as unknown as Detail;
    expect(detail.execution.waiting).toEqual(['review']);
  });

  it("hides another workspace's executions as not found", async () => {
    const theirs = await execute(await otherWorkflow(), { name: 'x' }, WS2);
    await waitForStatus(app, theirs, ['succeeded'], bearer('viewer', WS2));
    for (const [method, url] of [
      ['GET', `/api/v1/executions/${theirs}`],
      ['POST', `/api/v1/executions/${theirs}/cancel`],
      ['POST', `/api/v1/executions/${theirs}/resume`],
    ] as const) {
      const res = await app.inject({ method, url, headers: bearer('owner') });
      expect(res.statusCode, url).toBe(404);
      expect(json<ErrorResponse>(res).error.code).toBe('AF_NOT_FOUND');
    }
    const approve = await app.inject({
      method: 'POST',
      url: `/api/v1/executions/${theirs}/approve`,
      headers: bearer('owner'),
      payload: { agentId: 'review', payload: { approved: true } },
    });
    expect(approve.statusCode).toBe(404);
    const listed = json<{ items: { id: string }[] }>(
      await app.inject({ method: 'GET', url: '/api/v1/executions?limit=500', headers: bearer('owner') }),
    );
    expect(listed.items.map((e) => e.id)).not.toContain(theirs);
  });

  async function otherWorkflow(): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: bearer('member', WS2),
      payload: greetWorkflow('theirs'),
    });
    return json<{ id: string }>(res).id;
  }
});
